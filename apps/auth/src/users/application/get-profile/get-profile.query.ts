import { Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { profileView, signedInUser } from '../../infrastructure/user.read-model';

// GET /auth/me: my profile.
@Injectable()
export class GetProfileQuery {
  constructor(private readonly events: EventStore) {}

  async execute(context: EventContext) {
    return profileView(await signedInUser(this.events.readModel(), context.actor.userId, { activeOnly: false }));
  }
}
