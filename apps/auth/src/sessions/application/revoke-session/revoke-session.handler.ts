import { Inject, Injectable } from '@nestjs/common';
import { EventContext, EventStore } from '@mindhill/persistence';
import { sessionDecider, SessionPolicy } from '../../domain/session.decider';
import { signedInUserId } from '../../domain/signed-in.policy';
import { appendToSession } from '../../infrastructure/session-stream.store';
import { sessionById, sessionStateOf } from '../../infrastructure/session.read-model';
import { SESSION_POLICY } from '../../sessions.config';

// Revokes one of my sessions (or, for an admin, anyone's); logout is the same for the current one.
@Injectable()
export class RevokeSessionHandler {
  constructor(
    private readonly events: EventStore,
    @Inject(SESSION_POLICY) private readonly policy: SessionPolicy,
  ) {}

  async execute(sessionId: string, reason: 'logout' | 'revoked-by-user', context: EventContext): Promise<{ id: string; revoked: true }> {
    const userId = signedInUserId(context.actor);
    return this.events.transact(async (tx) => {
      const session = await sessionById(tx.em, sessionId);
      const events = sessionDecider.decide(session && sessionStateOf(session), {
        kind: 'revoke',
        sessionId,
        by: { userId, role: context.actor.role },
        reason,
        now: new Date(),
        policy: this.policy,
      });
      await appendToSession(tx, sessionId, events, context);
      return { id: sessionId, revoked: true as const };
    });
  }
}
