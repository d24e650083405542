import { Injectable } from '@nestjs/common';
import { UserRole } from '@mindhill/contracts';
import { EventContext, EventStore } from '@mindhill/persistence';
import { assertUserAdministrator } from '../../domain/administration.policy';
import { userDecider } from '../../domain/user.decider';
import { appendToUser } from '../../infrastructure/user-stream.store';
import { administeredUser, adminUserView, lockActiveAdmins, userStateOf } from '../../infrastructure/user.read-model';

// PATCH /users/:id/role. The last active admin cannot be demoted.
@Injectable()
export class ChangeUserRoleHandler {
  constructor(private readonly events: EventStore) {}

  async execute(id: string, role: UserRole, context: EventContext) {
    assertUserAdministrator(context.actor);
    return this.events.transact(async (tx) => {
      const user = await administeredUser(tx.em, id);
      const activeAdmins = await lockActiveAdmins(tx.em);
      await appendToUser(
        tx,
        user.uuid,
        userDecider.decide(userStateOf(user), { kind: 'change-role', target: id, role, activeAdmins }),
        context,
      );
      // The projector updated this same entity within the transaction.
      return adminUserView(user);
    });
  }
}
