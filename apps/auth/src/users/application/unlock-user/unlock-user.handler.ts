import { Injectable } from '@nestjs/common';
import { assertAdmin } from '@mindhill/domain';
import { EventContext, EventStore } from '@mindhill/persistence';
import { userDecider } from '../../domain/user.decider';
import { appendToUser } from '../../infrastructure/user-stream.store';
import { administeredUser, userStateOf } from '../../infrastructure/user.read-model';

// POST /users/:id/unlock: lifts a lockout before it passes (admin only).
@Injectable()
export class UnlockUserHandler {
  constructor(private readonly events: EventStore) {}

  async execute(id: string, context: EventContext): Promise<{ id: string; email: string; lockedUntil: null; failedLoginAttempts: 0 }> {
    assertAdmin(context.actor, 'User administration');
    return this.events.transact(async (tx) => {
      const user = await administeredUser(tx.em, id);
      const events = userDecider.decide(userStateOf(user), { kind: 'unlock', target: id, unlockedBy: context.actor.userNumber });
      await appendToUser(tx, user.uuid, events, context);
      return { id: user.uuid, email: user.email, lockedUntil: null, failedLoginAttempts: 0 };
    });
  }
}
