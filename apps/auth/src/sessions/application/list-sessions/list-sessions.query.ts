import { Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { signedInUserId } from '../../domain/signed-in.policy';
import { activeSessionsOf, toSessionView } from '../../infrastructure/session.read-model';

// My active sessions, the current one marked.
@Injectable()
export class ListSessionsQuery {
  constructor(private readonly events: EventStore) {}

  async execute(context: EventContext) {
    const userId = signedInUserId(context.actor);
    const rows = await activeSessionsOf(this.events.readModel(), userId);
    return { items: rows.map((s) => toSessionView(s, context.actor.sessionId)) };
  }
}
