import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import { EventStore } from '@mindhill/persistence';
import { currentContext, DomainError, ZodValidationPipe } from '@mindhill/platform';
import { UnlockUserHandler } from '../application/unlock-user/unlock-user.handler';
import { User } from '../infrastructure/user.entity';
import { requestEventContext } from './auth.http-controller';

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().regex(/^\d{1,9}$/).optional(),
  locked: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});

// Admin-only (the gateway's rule, checked again here).
@Controller('api/v1/users')
export class AdminUsersHttpController {
  constructor(private readonly events: EventStore, private readonly unlockUser: UnlockUserHandler) {}

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
        id: u.uuid, number: u.id, email: u.email, displayName: u.displayName, role: u.role, isActive: u.isActive,
        isEmailVerified: u.isEmailVerified, lastLoginAt: u.lastLoginAt?.toISOString() ?? null, loginCount: u.loginCount,
        failedLoginAttempts: u.failedLoginAttempts, lockedUntil: u.lockedUntil?.toISOString() ?? null, createdAt: u.createdAt.toISOString(),
      })),
      nextCursor: users.length > query.limit ? String(page[page.length - 1]!.id) : null,
    };
  }

  @Post(':id/unlock')
  @HttpCode(200)
  unlock(@Param('id') id: string) {
    requireAdmin();
    return this.unlockUser.execute(id, requestEventContext());
  }
}

function requireAdmin(): void {
  if (currentContext()?.actor.role !== 'admin') throw new DomainError('AUTH.FORBIDDEN', 'User administration is for admins', 'forbidden');
}
