import { Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { userDecider } from '../../domain/user.decider';
import { appendToUser } from '../../infrastructure/user-stream.store';
import { profileView, signedInUser, userStateOf } from '../../infrastructure/user.read-model';
import { UpdateProfileBody } from './update-profile.schema';

// PATCH /auth/me: answers the profile as it is after the change.
@Injectable()
export class UpdateProfileHandler {
  constructor(private readonly events: EventStore) {}

  async execute(changes: UpdateProfileBody, context: EventContext) {
    return this.events.transact(async (tx) => {
      const user = await signedInUser(tx.em, context.actor.userId, { activeOnly: false });
      await appendToUser(tx, user.uuid, userDecider.decide(userStateOf(user), { kind: 'update-profile', changes }), context);
      // The projector updated this same entity within the transaction.
      return profileView(user);
    });
  }
}
