import { Injectable } from '@nestjs/common';
import { userUnlocked } from '@mindhill/contracts';
import { EventContext, EventStore, newEvent } from '@mindhill/persistence';
import { DomainError, isUuid } from '@mindhill/platform';
import { User } from '../../infrastructure/user.entity';

@Injectable()
export class UnlockUserHandler {
  constructor(private readonly events: EventStore) {}

  async execute(userId: string, context: EventContext): Promise<{ id: string; email: string; lockedUntil: null; failedLoginAttempts: 0 }> {
    return this.events.transact(async (tx) => {
      const user = isUuid(userId) ? await tx.em.findOne(User, { uuid: userId, deletedAt: null }) : null;
      if (!user) throw new DomainError('AUTH.USER_NOT_FOUND', `No user ${userId}`, 'not-found');
      const streamId = `user-${user.uuid}`;
      const version = await tx.streamVersion(streamId);
      await tx.append(
        streamId,
        version,
        [newEvent(userUnlocked, { userId: user.uuid, email: user.email, unlockedBy: context.actor.userNumber })],
        context,
      );
      return { id: user.uuid, email: user.email, lockedUntil: null, failedLoginAttempts: 0 };
    });
  }
}
