import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { userProfileUpdated } from '@mindhill/contracts';
import { EventContext, EventStore, newEvent } from '@mindhill/persistence';
import { DomainError } from '@mindhill/platform';
import { User } from '../../infrastructure/user.entity';

export type ProfileChanges = {
  displayName?: string;
  firstName?: string | null;
  lastName?: string | null;
  timezone?: string;
  language?: string;
  notificationPreferences?: Record<string, unknown>;
  uiPreferences?: Record<string, unknown>;
};

export function toProfile(u: User) {
  return {
    id: u.uuid,
    number: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    firstName: u.firstName ?? null,
    lastName: u.lastName ?? null,
    timezone: u.timezone,
    language: u.language,
    isEmailVerified: u.isEmailVerified,
    emailVerifiedAt: u.emailVerifiedAt?.toISOString() ?? null,
    twoFactorEnabled: u.twoFactorEnabled,
    notificationPreferences: u.notificationPreferences,
    uiPreferences: u.uiPreferences,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    passwordChangedAt: u.passwordChangedAt.toISOString(),
    createdAt: u.createdAt.toISOString(),
  };
}

@Injectable()
export class ProfileHandlers {
  constructor(private readonly events: EventStore) {}

  async me(context: EventContext) {
    return toProfile(await this.load(this.events.readModel(), context));
  }

  // Only what differs goes into the event; an update that changes nothing appends nothing.
  async update(changes: ProfileChanges, context: EventContext) {
    return this.events.transact(async (tx) => {
      const user = await this.load(tx.em, context);
      const diff: ProfileChanges = {};
      for (const [key, value] of Object.entries(changes) as [keyof ProfileChanges, unknown][]) {
        if (value !== undefined && JSON.stringify(user[key] ?? null) !== JSON.stringify(value))
          (diff as Record<string, unknown>)[key] = value;
      }
      if (Object.keys(diff).length > 0) {
        const streamId = `user-${user.uuid}`;
        await tx.append(
          streamId,
          await tx.streamVersion(streamId),
          [newEvent(userProfileUpdated, { userId: user.uuid, email: user.email, changes: diff })],
          context,
        );
      }
      return toProfile(user);
    });
  }

  private async load(em: EntityManager, context: EventContext): Promise<User> {
    const user = context.actor.userId ? await em.findOne(User, { uuid: context.actor.userId, deletedAt: null }) : null;
    if (!user) throw new DomainError('AUTH.UNAUTHENTICATED', 'Sign in first', 'unauthorized');
    return user;
  }
}
