import { Injectable } from '@nestjs/common';
import { assertAdmin } from '@mindhill/domain';
import { EventContext, EventStore } from '@mindhill/persistence';
import { User } from '../../infrastructure/user.entity';
import { ListUsersQueryParams } from './list-users.schema';

// GET /users: every live account, a page at a time (admin only).
@Injectable()
export class ListUsersQuery {
  constructor(private readonly events: EventStore) {}

  async execute(query: ListUsersQueryParams, context: EventContext) {
    assertAdmin(context.actor, 'User administration');
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
}
