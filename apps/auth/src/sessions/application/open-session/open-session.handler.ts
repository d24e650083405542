import { Inject, Injectable } from '@nestjs/common';
import { streamIds } from '@mindhill/contracts';
import { EventContext, EventTransaction } from '@mindhill/persistence';
import { newRefreshToken } from '../../domain/refresh-token';
import { sessionDecider, SessionPolicy } from '../../domain/session.decider';
import { SESSION_POLICY } from '../../sessions.config';

// The last step of every login (password, or second factor), inside the login's transaction.
// Returns the refresh token, shown once: only its hash is kept.
@Injectable()
export class OpenSessionHandler {
  constructor(@Inject(SESSION_POLICY) private readonly policy: SessionPolicy) {}

  async within(tx: EventTransaction, user: { uuid: string; id: number }, sessionId: string, context: EventContext): Promise<string> {
    const { token, hash } = newRefreshToken();
    const events = sessionDecider.decide(null, {
      kind: 'open',
      sessionId,
      user: { userId: user.uuid, userNumber: user.id },
      ip: context.actor.ip,
      userAgent: context.actor.userAgent,
      refreshTokenHash: hash,
      now: new Date(),
      policy: this.policy,
    });
    await tx.append(streamIds.session(sessionId), 0, events, context);
    return token;
  }
}
