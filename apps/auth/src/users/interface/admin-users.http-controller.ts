import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { userRoleSchema } from '@mindhill/contracts';
import { z } from 'zod';
import { EventStore } from '@mindhill/persistence';
import { assertAdmin, currentContext, requestEventContext, ZodValidationPipe } from '@mindhill/platform';
import { UnlockUserHandler } from '../application/unlock-user/unlock-user.handler';
import { AdminUsersHandlers } from '../application/admin-users/admin-users.handlers';
import { User } from '../infrastructure/user.entity';

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,9}$/)
    .optional(),
  locked: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

const createBody = z.strictObject({
  email: z.string().max(320),
  password: z.string().max(1024),
  displayName: z.string().trim().min(1).max(100).optional(),
  role: userRoleSchema,
  mustChangePassword: z.boolean().optional(),
});
const roleBody = z.strictObject({ role: userRoleSchema });

// Admin-only (the gateway's rule, checked again here).
@Controller('api/v1/users')
export class AdminUsersHttpController {
  constructor(
    private readonly events: EventStore,
    private readonly unlockUser: UnlockUserHandler,
    private readonly admin: AdminUsersHandlers,
  ) {}

  @Get()
  async list(@Query(new ZodValidationPipe(listQuery)) query: z.infer<typeof listQuery>) {
    requireAdmin();
    const users = await this.events.readModel().find(
      User,
      {
        deletedAt: null,
        ...(query.cursor ? { id: { $lt: Number(query.cursor) } } : {}),
        ...(query.locked === true ? { lockedUntil: { $gt: new Date() } } : {}),
      },
      { orderBy: { id: 'desc' }, limit: query.limit + 1 },
    );
    const page = users.slice(0, query.limit);
    return {
      items: page.map((u) => ({
        id: u.uuid,
        number: u.id,
        email: u.email,
        displayName: u.displayName,
        role: u.role,
        isActive: u.isActive,
        isEmailVerified: u.isEmailVerified,
        lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
        loginCount: u.loginCount,
        failedLoginAttempts: u.failedLoginAttempts,
        lockedUntil: u.lockedUntil?.toISOString() ?? null,
        createdAt: u.createdAt.toISOString(),
      })),
      nextCursor: users.length > query.limit ? String(page[page.length - 1]!.id) : null,
    };
  }

  @Post()
  @HttpCode(201)
  create(@Body(new ZodValidationPipe(createBody)) body: z.infer<typeof createBody>) {
    return this.admin.create(body, requestEventContext());
  }

  @Patch(':id/role')
  changeRole(@Param('id') id: string, @Body(new ZodValidationPipe(roleBody)) body: z.infer<typeof roleBody>) {
    return this.admin.changeRole(id, body.role, requestEventContext());
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  deactivate(@Param('id') id: string) {
    return this.admin.deactivate(id, requestEventContext());
  }

  @Delete(':id')
  @HttpCode(200)
  remove(@Param('id') id: string) {
    return this.admin.remove(id, requestEventContext());
  }

  @Post(':id/unlock')
  @HttpCode(200)
  unlock(@Param('id') id: string) {
    requireAdmin();
    return this.unlockUser.execute(id, requestEventContext());
  }
}

function requireAdmin(): void {
  assertAdmin(currentContext()?.actor, 'User administration');
}
