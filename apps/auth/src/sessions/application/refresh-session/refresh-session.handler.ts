import { Inject, Injectable } from '@nestjs/common';
import { streamIds } from '@mindhill/contracts';
import { EventContext, EventStore } from '@mindhill/persistence';
import { TokenIssuer } from '../../../signing-keys/infrastructure/token-issuer';
import { hashRefreshToken, newRefreshToken } from '../../domain/refresh-token';
import { refreshRefusal, sessionDecider, sessionErrors, SessionPolicy } from '../../domain/session.decider';
import { appendToSession } from '../../infrastructure/session-stream.store';
import { activeSessionUser, sessionByRefreshHash, sessionByRotatedHash, sessionStateOf } from '../../infrastructure/session.read-model';
import { SESSION_POLICY } from '../../sessions.config';

// Trades a refresh token for a new access token and a new refresh token. Presenting a token
// that was already rotated means it leaked: the whole session is revoked.
@Injectable()
export class RefreshSessionHandler {
  constructor(
    private readonly events: EventStore,
    private readonly tokens: TokenIssuer,
    @Inject(SESSION_POLICY) private readonly policy: SessionPolicy,
  ) {}

  async execute(refreshToken: string, context: EventContext) {
    const hash = hashRefreshToken(refreshToken);
    const next = newRefreshToken();
    const outcome = await this.events.transact(async (tx) => {
      const current = await sessionByRefreshHash(tx.em, hash);
      const session = current ?? (await sessionByRotatedHash(tx.em, hash));
      // The version first: if it is older than a change, the token is refused at the gateway
      // (its ver is behind); if it already includes the change, so does the row read after it.
      const userVersion = current ? await tx.streamVersion(streamIds.user(current.user_uuid)) : 0;
      const user = current ? await activeSessionUser(tx.em, current.user_uuid) : null;
      const events = sessionDecider.decide(session && sessionStateOf(session), {
        kind: 'refresh',
        presented: current ? 'current' : 'rotated',
        presentedHash: hash,
        nextRefreshTokenHash: next.hash,
        userActive: user !== null,
        now: new Date(),
        policy: this.policy,
      });
      const refusal = refreshRefusal(events);
      if (!refusal && current && user) {
        const actor = { ...context.actor, userId: user.uuid, userNumber: user.id, email: user.email, role: user.role };
        await appendToSession(tx, current.session_id, events, { ...context, actor: { ...actor, sessionId: current.session_id } });
        return { user, userVersion, sessionId: current.session_id };
      }
      // A reused token: its session is revoked (under the caller's context), then the refusal.
      if (session) await appendToSession(tx, session.session_id, events, context);
      return { refusal: refusal ?? sessionErrors.invalidRefresh() };
    });
    if ('refusal' in outcome) throw outcome.refusal;
    const access = await this.tokens.issue({
      userId: outcome.user.uuid,
      userNumber: outcome.user.id,
      email: outcome.user.email,
      role: outcome.user.role,
      sessionId: outcome.sessionId,
      userVersion: outcome.userVersion,
    });
    return { ...access, tokenType: 'Bearer' as const, refreshToken: next.token, sessionId: outcome.sessionId };
  }
}
