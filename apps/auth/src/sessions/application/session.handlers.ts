import { Inject, Injectable } from '@nestjs/common';
import { sessionCreated, sessionRefreshed, sessionRevoked } from '@mindhill/contracts';
import { EventContext, EventStore, EventTransaction, newEvent } from '@mindhill/persistence';
import { DomainError } from '@mindhill/platform';
import { TokenIssuer } from '../../users/infrastructure/token-issuer';
import { User } from '../../users/infrastructure/user.entity';
import { deviceFromUserAgent } from '../domain/device';
import { hashRefreshToken, newRefreshToken } from '../domain/refresh-token';
import {
  activeSessionsOf,
  sessionById,
  sessionByRefreshHash,
  sessionByRotatedHash,
  SessionRow,
  toSessionView,
} from '../infrastructure/session.read-model';

export type SessionPolicy = { idleHours: number; absoluteHours: number; accessTokenSeconds: number };
export const SESSION_POLICY = Symbol('SESSION_POLICY');
export const sessionStreamId = (sessionId: string) => `session-${sessionId}`;
export type RevokeReason = 'logout' | 'revoked-by-user' | 'revoked-by-admin' | 'refresh-token-reuse' | 'password-changed';

const invalidRefresh = () => new DomainError('AUTH.INVALID_REFRESH_TOKEN', 'The refresh token is not valid', 'unauthorized');

@Injectable()
export class SessionHandlers {
  constructor(
    private readonly events: EventStore,
    private readonly tokens: TokenIssuer,
    @Inject(SESSION_POLICY) private readonly policy: SessionPolicy,
  ) {}

  // Opens a session inside the login's transaction; returns the refresh token (shown once).
  async open(tx: EventTransaction, user: { uuid: string; id: number }, sessionId: string, context: EventContext): Promise<string> {
    const now = new Date();
    const { token, hash } = newRefreshToken();
    await tx.append(
      sessionStreamId(sessionId),
      0,
      [
        newEvent(sessionCreated, {
          sessionId,
          userId: user.uuid,
          userNumber: user.id,
          ...deviceFromUserAgent(context.actor.userAgent),
          ip: context.actor.ip,
          userAgent: context.actor.userAgent?.slice(0, 1000) ?? null,
          createdAt: now.toISOString(),
          idleExpiresAt: this.idleExpiry(now).toISOString(),
          expiresAt: new Date(now.getTime() + this.policy.absoluteHours * 3_600_000).toISOString(),
          refreshTokenHash: hash,
        }),
      ],
      context,
    );
    return token;
  }

  // Trades a refresh token for a new access token and a new refresh token. Presenting a token
  // that was already rotated means it leaked: the whole session is revoked.
  async refresh(refreshToken: string, context: EventContext) {
    const hash = hashRefreshToken(refreshToken);
    const outcome = await this.events.transact(async (tx) => {
      const session = await sessionByRefreshHash(tx.em, hash);
      if (!session) {
        const reused = await sessionByRotatedHash(tx.em, hash);
        if (reused?.is_active) await this.revokeIn(tx, reused, 'refresh-token-reuse', context);
        return { error: reused ? ('reuse' as const) : ('unknown' as const) };
      }
      const now = new Date();
      if (!session.is_active) return { error: 'revoked' as const };
      if (new Date(session.idle_expires_at) <= now || new Date(session.expires_at) <= now) return { error: 'expired' as const };
      // The version first: if it is older than a change, the token is refused at the gateway
      // (its ver is behind); if it already includes the change, so does the row read after it.
      const userVersion = await tx.streamVersion(`user-${session.user_uuid}`);
      const user = await tx.em.findOne(User, { uuid: session.user_uuid, deletedAt: null, isActive: true }, { refresh: true });
      if (!user) return { error: 'unknown' as const };
      const next = newRefreshToken();
      const version = await tx.streamVersion(sessionStreamId(session.session_id));
      await tx.append(
        sessionStreamId(session.session_id),
        version,
        [
          newEvent(sessionRefreshed, {
            sessionId: session.session_id,
            userId: user.uuid,
            lastActivityAt: now.toISOString(),
            idleExpiresAt: this.idleExpiry(now).toISOString(),
            refreshTokenHash: next.hash,
            previousRefreshTokenHash: hash,
          }),
        ],
        {
          ...context,
          actor: {
            ...context.actor,
            userId: user.uuid,
            userNumber: user.id,
            email: user.email,
            role: user.role,
            sessionId: session.session_id,
          },
        },
      );
      return { user, userVersion, sessionId: session.session_id, refreshToken: next.token };
    });
    if ('error' in outcome) {
      if (outcome.error === 'reuse')
        throw new DomainError('AUTH.REFRESH_TOKEN_REUSED', 'This refresh token was already used; the session is revoked', 'unauthorized');
      if (outcome.error === 'revoked')
        throw new DomainError('AUTH.SESSION_REVOKED', 'The session was signed out: sign in again', 'unauthorized');
      if (outcome.error === 'expired')
        throw new DomainError('AUTH.SESSION_EXPIRED', 'The session has ended: sign in again', 'unauthorized');
      throw invalidRefresh();
    }
    const access = await this.tokens.issue({
      userId: outcome.user.uuid,
      userNumber: outcome.user.id,
      email: outcome.user.email,
      role: outcome.user.role,
      sessionId: outcome.sessionId,
      userVersion: outcome.userVersion,
    });
    return { ...access, tokenType: 'Bearer' as const, refreshToken: outcome.refreshToken, sessionId: outcome.sessionId };
  }

  async list(context: EventContext) {
    const userId = requireUser(context);
    const rows = await activeSessionsOf(this.events.readModel(), userId);
    return { items: rows.map((s) => toSessionView(s, context.actor.sessionId)) };
  }

  // Logout, or revoking one of my sessions; admins may revoke anyone's.
  async revoke(sessionId: string, reason: RevokeReason, context: EventContext) {
    const userId = requireUser(context);
    return this.events.transact(async (tx) => {
      const session = await sessionById(tx.em, sessionId);
      if (!session || (session.user_uuid !== userId && context.actor.role !== 'admin')) {
        throw new DomainError('AUTH.SESSION_NOT_FOUND', `No session ${sessionId}`, 'not-found');
      }
      if (session.is_active) await this.revokeIn(tx, session, session.user_uuid === userId ? reason : 'revoked-by-admin', context);
      return { id: sessionId, revoked: true };
    });
  }

  async revokeAll(context: EventContext, reason: RevokeReason = 'revoked-by-user', exceptCurrent = false) {
    const userId = requireUser(context);
    return this.events.transact(async (tx) => {
      const sessions = (await activeSessionsOf(tx.em, userId)).filter((s) => !(exceptCurrent && s.session_id === context.actor.sessionId));
      for (const s of sessions) await this.revokeIn(tx, s, reason, context);
      return { revoked: sessions.length };
    });
  }

  // Inside another command's transaction (password change or reset, deactivation, deletion).
  async revokeAllOf(
    tx: EventTransaction,
    userUuid: string,
    reason: RevokeReason,
    context: EventContext,
    exceptSessionId: string | null = null,
  ) {
    const sessions = (await activeSessionsOf(tx.em, userUuid)).filter((s) => s.session_id !== exceptSessionId);
    for (const s of sessions) await this.revokeIn(tx, s, reason, context);
    return sessions.length;
  }

  private async revokeIn(tx: EventTransaction, session: SessionRow, reason: RevokeReason, context: EventContext) {
    const now = new Date();
    const version = await tx.streamVersion(sessionStreamId(session.session_id));
    await tx.append(
      sessionStreamId(session.session_id),
      version,
      [
        newEvent(sessionRevoked, {
          sessionId: session.session_id,
          userId: session.user_uuid,
          reason,
          revokedAt: now.toISOString(),
          refuseUntil: new Date(now.getTime() + this.policy.accessTokenSeconds * 1000 + 60_000).toISOString(),
        }),
      ],
      context,
    );
  }

  private idleExpiry(now: Date): Date {
    return new Date(now.getTime() + this.policy.idleHours * 3_600_000);
  }
}

function requireUser(context: EventContext): string {
  if (!context.actor.userId) throw new DomainError('AUTH.UNAUTHENTICATED', 'Sign in first', 'unauthorized');
  return context.actor.userId;
}
