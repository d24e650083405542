import { Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { RevokeAllSessionsHandler } from '../../../sessions/application/revoke-all-sessions/revoke-all-sessions.handler';
import { assertUserAdministrator } from '../../domain/administration.policy';
import { userDecider } from '../../domain/user.decider';
import { appendToUser } from '../../infrastructure/user-stream.store';
import { administeredUser, lockActiveAdmins, userStateOf } from '../../infrastructure/user.read-model';
import { DeleteUserAnswer } from '../change-user-role/change-user-role.schema';

// DELETE /users/:id. Soft delete: the row and the events stay (history, audit), the account is
// gone and its e-mail free again; every session ends. The last active admin cannot be deleted.
@Injectable()
export class DeleteUserHandler {
  constructor(
    private readonly events: EventStore,
    private readonly revokeAllSessions: RevokeAllSessionsHandler,
  ) {}

  async execute(id: string, context: EventContext): Promise<DeleteUserAnswer> {
    assertUserAdministrator(context.actor);
    return this.events.transact(async (tx) => {
      const user = await administeredUser(tx.em, id);
      const activeAdmins = await lockActiveAdmins(tx.em);
      await appendToUser(
        tx,
        user.uuid,
        userDecider.decide(userStateOf(user), { kind: 'delete', target: id, activeAdmins, now: new Date() }),
        context,
      );
      const sessionsRevoked = await this.revokeAllSessions.within(tx, user.uuid, 'revoked-by-admin', context);
      return { id: user.uuid, deleted: true, sessionsRevoked };
    });
  }
}
