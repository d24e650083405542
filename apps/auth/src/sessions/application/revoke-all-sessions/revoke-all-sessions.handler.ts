import { Inject, Injectable } from '@nestjs/common';
import { EventContext, EventStore, EventTransaction } from '@mindhill/persistence';
import { RevokeReason, sessionDecider, SessionPolicy } from '../../domain/session.decider';
import { signedInUserId } from '../../domain/signed-in.policy';
import { appendToSession } from '../../infrastructure/session-stream.store';
import { activeSessionsOf, sessionStateOf } from '../../infrastructure/session.read-model';
import { SESSION_POLICY } from '../../sessions.config';

// Signs out everywhere (POST sessions/revoke-all), and ends a user's sessions inside another
// command's transaction (password change or reset, deactivation, deletion).
@Injectable()
export class RevokeAllSessionsHandler {
  constructor(
    private readonly events: EventStore,
    @Inject(SESSION_POLICY) private readonly policy: SessionPolicy,
  ) {}

  async execute(context: EventContext): Promise<{ revoked: number }> {
    const userId = signedInUserId(context.actor);
    const revoked = await this.events.transact((tx) => this.within(tx, userId, 'revoked-by-user', context));
    return { revoked };
  }

  // Returns how many sessions ended; exceptSessionId keeps the caller's own one.
  async within(
    tx: EventTransaction,
    userUuid: string,
    reason: RevokeReason,
    context: EventContext,
    exceptSessionId: string | null = null,
  ): Promise<number> {
    const sessions = (await activeSessionsOf(tx.em, userUuid)).filter((s) => s.session_id !== exceptSessionId);
    for (const s of sessions) {
      const events = sessionDecider.decide(sessionStateOf(s), { kind: 'end', reason, now: new Date(), policy: this.policy });
      await appendToSession(tx, s.session_id, events, context);
    }
    return sessions.length;
  }
}
