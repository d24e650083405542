import { newEvent, sessionCreated, sessionRefreshed, sessionRevoked } from '@mindhill/contracts';
import { deciderSpecification } from '@mindhill/testing/decider-specification';
import { refreshRefusal, sessionDecider, SessionState } from './session.decider';

const spec = deciderSpecification(sessionDecider);
const now = new Date('2026-11-26T12:00:00.000Z');
const hours = (h: number) => new Date(now.getTime() + h * 3_600_000);
const policy = { idleHours: 24, absoluteHours: 720, accessTokenSeconds: 900 };
const SESSION = '3f6c0b1e-9a2d-4e8f-b7c1-5d4a2e9f8c10';
const ADA = '0b9d6f4e-3c1a-4d7e-9f2b-5a8c1e6d2f01';
const GRACE = '7c2e1a9b-6d4f-4b3e-8a1c-2f9e5d7b3a02';

const session = (overrides: Partial<SessionState> = {}): SessionState => ({
  sessionId: SESSION,
  userId: ADA,
  isActive: true,
  idleExpiresAt: hours(2),
  expiresAt: hours(100),
  ...overrides,
});
const revoked = (reason: 'logout' | 'revoked-by-user' | 'revoked-by-admin' | 'refresh-token-reuse' | 'password-changed') =>
  newEvent(sessionRevoked, {
    sessionId: SESSION,
    userId: ADA,
    reason,
    revokedAt: now.toISOString(),
    refuseUntil: new Date(now.getTime() + 900_000 + 60_000).toISOString(),
  });

describe('session decider', () => {
  it('opens a session with its device, idle and absolute expiry', () => {
    spec
      .given(null)
      .when({
        kind: 'open',
        sessionId: SESSION,
        user: { userId: ADA, userNumber: 7 },
        ip: '10.0.0.1',
        userAgent: null,
        refreshTokenHash: 'r1',
        now,
        policy,
      })
      .then([
        newEvent(sessionCreated, {
          sessionId: SESSION,
          userId: ADA,
          userNumber: 7,
          deviceType: null,
          browserName: null,
          browserVersion: null,
          osName: null,
          osVersion: null,
          ip: '10.0.0.1',
          userAgent: null,
          createdAt: now.toISOString(),
          idleExpiresAt: hours(24).toISOString(),
          expiresAt: hours(720).toISOString(),
          refreshTokenHash: 'r1',
        }),
      ]);
  });

  describe('refresh', () => {
    const refresh = (presented: 'current' | 'rotated', userActive = true) =>
      ({ kind: 'refresh', presented, presentedHash: 'old', nextRefreshTokenHash: 'new', userActive, now, policy }) as const;

    it('rotates the token of a live session and moves its idle expiry', () => {
      spec
        .given(session())
        .when(refresh('current'))
        .then([
          newEvent(sessionRefreshed, {
            sessionId: SESSION,
            userId: ADA,
            lastActivityAt: now.toISOString(),
            idleExpiresAt: hours(24).toISOString(),
            refreshTokenHash: 'new',
            previousRefreshTokenHash: 'old',
          }),
        ]);
    });

    it('revokes the whole session when a rotated token comes back, and answers reuse', () => {
      spec
        .given(session())
        .when(refresh('rotated'))
        .then([revoked('refresh-token-reuse')]);
      expect(refreshRefusal([revoked('refresh-token-reuse')])?.code).toBe('AUTH.REFRESH_TOKEN_REUSED');
      expect(refreshRefusal([revoked('logout')])).toBeNull();
      spec
        .given(session({ isActive: false }))
        .when(refresh('rotated'))
        .thenThrows('AUTH.REFRESH_TOKEN_REUSED');
    });

    it('refuses an unknown token, a revoked or ended session, and a deactivated user', () => {
      spec.given(null).when(refresh('current')).thenThrows('AUTH.INVALID_REFRESH_TOKEN');
      spec
        .given(session({ isActive: false }))
        .when(refresh('current'))
        .thenThrows('AUTH.SESSION_REVOKED');
      spec
        .given(session({ idleExpiresAt: now }))
        .when(refresh('current'))
        .thenThrows('AUTH.SESSION_EXPIRED');
      spec
        .given(session({ expiresAt: hours(-1) }))
        .when(refresh('current'))
        .thenThrows('AUTH.SESSION_EXPIRED');
      spec.given(session()).when(refresh('current', false)).thenThrows('AUTH.INVALID_REFRESH_TOKEN');
    });
  });

  describe('revoke', () => {
    const revoke = (userId: string, role: 'user' | 'admin', reason: 'logout' | 'revoked-by-user' = 'revoked-by-user') =>
      ({ kind: 'revoke', sessionId: SESSION, by: { userId, role }, reason, now, policy }) as const;

    it('revokes my own session with my reason', () => {
      spec
        .given(session())
        .when(revoke(ADA, 'user', 'logout'))
        .then([revoked('logout')]);
    });

    it("lets an admin revoke anyone's, as the admin", () => {
      spec
        .given(session())
        .when(revoke(GRACE, 'admin'))
        .then([revoked('revoked-by-admin')]);
    });

    it("hides someone else's session, and a missing one, from everyone else", () => {
      spec.given(session()).when(revoke(GRACE, 'user')).thenThrows('AUTH.SESSION_NOT_FOUND');
      spec.given(null).when(revoke(ADA, 'admin')).thenThrows('AUTH.SESSION_NOT_FOUND');
    });

    it('does nothing to a session already revoked', () => {
      spec
        .given(session({ isActive: false }))
        .when(revoke(ADA, 'user'))
        .thenNothing();
    });
  });

  it("ends a user's live sessions for another decision, and leaves ended ones alone", () => {
    const end = { kind: 'end', reason: 'password-changed', now, policy } as const;
    spec
      .given(session())
      .when(end)
      .then([revoked('password-changed')]);
    spec
      .given(session({ isActive: false }))
      .when(end)
      .thenNothing();
  });
});
