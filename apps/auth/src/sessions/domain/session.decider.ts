import { Actor, newEvent, NewEvent, sessionCreated, sessionRefreshed, sessionRevoked } from '@mindhill/contracts';
import { Decider, DomainError } from '@mindhill/domain';
import { deviceFromUserAgent } from './device';

// What the session rules read: the application_sessions row, mapped
// (sessions/infrastructure/session.read-model.ts).
export type SessionState = { sessionId: string; userId: string; isActive: boolean; idleExpiresAt: Date; expiresAt: Date };

export type RevokeReason = 'logout' | 'revoked-by-user' | 'revoked-by-admin' | 'refresh-token-reuse' | 'password-changed';

// How long a session lives, and how long the gateway keeps refusing a revoked session's access
// tokens (their lifetime, plus a minute for clocks).
export type SessionPolicy = { idleHours: number; absoluteHours: number; accessTokenSeconds: number };

export type SessionCommand =
  | {
      kind: 'open';
      sessionId: string;
      user: { userId: string; userNumber: number };
      ip: string | null;
      userAgent: string | null;
      refreshTokenHash: string;
      now: Date;
      policy: SessionPolicy;
    }
  // presented: whether the token is the session's current one or one it already rotated away;
  // userActive: the session's user is live and active.
  | {
      kind: 'refresh';
      presented: 'current' | 'rotated';
      presentedHash: string;
      nextRefreshTokenHash: string;
      userActive: boolean;
      now: Date;
      policy: SessionPolicy;
    }
  // One session, asked for by a signed-in person: their own, or anyone's for an admin.
  | {
      kind: 'revoke';
      sessionId: string;
      by: { userId: string; role: Actor['role'] };
      reason: RevokeReason;
      now: Date;
      policy: SessionPolicy;
    }
  // Inside another decision (password change or reset, deactivation, deletion, revoke-all).
  | { kind: 'end'; reason: RevokeReason; now: Date; policy: SessionPolicy };

export const sessionErrors = {
  invalidRefresh: () => new DomainError('AUTH.INVALID_REFRESH_TOKEN', 'The refresh token is not valid', 'unauthorized'),
  reused: () => new DomainError('AUTH.REFRESH_TOKEN_REUSED', 'This refresh token was already used; the session is revoked', 'unauthorized'),
  revoked: () => new DomainError('AUTH.SESSION_REVOKED', 'The session was signed out: sign in again', 'unauthorized'),
  expired: () => new DomainError('AUTH.SESSION_EXPIRED', 'The session has ended: sign in again', 'unauthorized'),
  notFound: (sessionId: string) => new DomainError('AUTH.SESSION_NOT_FOUND', `No session ${sessionId}`, 'not-found'),
};

// State null: no session with that id (open), or none the presented token belongs to (refresh).
export const sessionDecider: Decider<SessionState | null, SessionCommand> = {
  decide(state, command) {
    switch (command.kind) {
      case 'open': {
        // A new id: nothing to check. The refresh token itself is shown once and never stored.
        const { now, policy } = command;
        return [
          newEvent(sessionCreated, {
            sessionId: command.sessionId,
            userId: command.user.userId,
            userNumber: command.user.userNumber,
            ...deviceFromUserAgent(command.userAgent),
            ip: command.ip,
            userAgent: command.userAgent?.slice(0, 1000) ?? null,
            createdAt: now.toISOString(),
            idleExpiresAt: idleExpiry(now, policy).toISOString(),
            expiresAt: new Date(now.getTime() + policy.absoluteHours * 3_600_000).toISOString(),
            refreshTokenHash: command.refreshTokenHash,
          }),
        ];
      }
      case 'refresh': {
        if (!state) throw sessionErrors.invalidRefresh();
        // A token that was already rotated away has leaked: the whole session ends.
        if (command.presented === 'rotated') {
          if (!state.isActive) throw sessionErrors.reused();
          return [revoked(state, 'refresh-token-reuse', command.now, command.policy)];
        }
        const { now } = command;
        if (!state.isActive) throw sessionErrors.revoked();
        if (state.idleExpiresAt <= now || state.expiresAt <= now) throw sessionErrors.expired();
        if (!command.userActive) throw sessionErrors.invalidRefresh();
        return [
          newEvent(sessionRefreshed, {
            sessionId: state.sessionId,
            userId: state.userId,
            lastActivityAt: now.toISOString(),
            idleExpiresAt: idleExpiry(now, command.policy).toISOString(),
            refreshTokenHash: command.nextRefreshTokenHash,
            previousRefreshTokenHash: command.presentedHash,
          }),
        ];
      }
      case 'revoke': {
        // Someone else's session is "not found" to anyone but an admin.
        const own = state?.userId === command.by.userId;
        if (!state || (!own && command.by.role !== 'admin')) throw sessionErrors.notFound(command.sessionId);
        if (!state.isActive) return [];
        return [revoked(state, own ? command.reason : 'revoked-by-admin', command.now, command.policy)];
      }
      case 'end':
        if (!state?.isActive) return [];
        return [revoked(state, command.reason, command.now, command.policy)];
    }
  },
};

// The answer a refresh gets when its events revoke the session for reuse (appended first).
export function refreshRefusal(events: readonly NewEvent[]): DomainError | null {
  return events.some((e) => e.definition === sessionRevoked && e.payload.reason === 'refresh-token-reuse') ? sessionErrors.reused() : null;
}

function revoked(state: SessionState, reason: RevokeReason, now: Date, policy: SessionPolicy): NewEvent {
  return newEvent(sessionRevoked, {
    sessionId: state.sessionId,
    userId: state.userId,
    reason,
    revokedAt: now.toISOString(),
    refuseUntil: new Date(now.getTime() + policy.accessTokenSeconds * 1000 + 60_000).toISOString(),
  });
}

function idleExpiry(now: Date, policy: SessionPolicy): Date {
  return new Date(now.getTime() + policy.idleHours * 3_600_000);
}
