import { Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { RevokeAllSessionsHandler } from '../../../sessions/application/revoke-all-sessions/revoke-all-sessions.handler';
import { assertUserAdministrator } from '../../domain/administration.policy';
import { userDecider } from '../../domain/user.decider';
import { appendToUser } from '../../infrastructure/user-stream.store';
import { administeredUser, adminUserView, lockActiveAdmins, userStateOf } from '../../infrastructure/user.read-model';

// POST /users/:id/deactivate: no more logins or refreshes, and every session ends. The last
// active admin cannot be deactivated.
@Injectable()
export class DeactivateUserHandler {
  constructor(
    private readonly events: EventStore,
    private readonly revokeAllSessions: RevokeAllSessionsHandler,
  ) {}

  async execute(id: string, context: EventContext) {
    assertUserAdministrator(context.actor);
    return this.events.transact(async (tx) => {
      const user = await administeredUser(tx.em, id);
      const activeAdmins = await lockActiveAdmins(tx.em);
      const events = userDecider.decide(userStateOf(user), { kind: 'deactivate', target: id, activeAdmins, now: new Date() });
      // Already deactivated: nothing to do.
      if (events.length === 0) return { ...adminUserView(user), sessionsRevoked: 0 };
      await appendToUser(tx, user.uuid, events, context);
      const sessionsRevoked = await this.revokeAllSessions.within(tx, user.uuid, 'revoked-by-admin', context);
      return { ...adminUserView(user), sessionsRevoked };
    });
  }
}
