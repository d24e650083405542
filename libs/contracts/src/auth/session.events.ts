import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';

export const AUTH_SESSION_TOPIC = topicName('auth', 'session');

const device = {
  deviceType: z.string().nullable(),
  browserName: z.string().nullable(),
  browserVersion: z.string().nullable(),
  osName: z.string().nullable(),
  osVersion: z.string().nullable(),
};

// A login opens a session; its refresh token (opaque, rotated on every use) is kept hashed in the
// auth service only (private fields), never published.
export const sessionCreated = defineEvent({
  type: 'auth.session.created',
  version: 1,
  aggregateType: 'session',
  topic: AUTH_SESSION_TOPIC,
  schema: z.object({
    sessionId: z.uuid(),
    userId: z.uuid(),
    userNumber: z.number().int().positive(),
    ...device,
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    idleExpiresAt: z.iso.datetime({ offset: true }),
    expiresAt: z.iso.datetime({ offset: true }),
  }),
  privateSchema: z.object({ refreshTokenHash: z.string() }),
  audit: {
    category: 'auth',
    action: 'session-open',
    resourceType: 'session',
    severity: 'low',
    resourceName: (p) => `${p.browserName ?? 'unknown'} on ${p.osName ?? 'unknown'}`,
  },
});

export const sessionRefreshed = defineEvent({
  type: 'auth.session.refreshed',
  version: 1,
  aggregateType: 'session',
  topic: AUTH_SESSION_TOPIC,
  schema: z.object({
    sessionId: z.uuid(),
    userId: z.uuid(),
    lastActivityAt: z.iso.datetime({ offset: true }),
    idleExpiresAt: z.iso.datetime({ offset: true }),
  }),
  privateSchema: z.object({ refreshTokenHash: z.string(), previousRefreshTokenHash: z.string() }),
  audit: { category: 'auth', action: 'session-refresh', resourceType: 'session', severity: 'info' },
});

export const sessionRevoked = defineEvent({
  type: 'auth.session.revoked',
  version: 1,
  aggregateType: 'session',
  topic: AUTH_SESSION_TOPIC,
  schema: z.object({
    sessionId: z.uuid(),
    userId: z.uuid(),
    reason: z.enum(['logout', 'revoked-by-user', 'revoked-by-admin', 'refresh-token-reuse', 'password-changed']),
    revokedAt: z.iso.datetime({ offset: true }),
    // Access tokens of the session stay refused until they would have expired anyway.
    refuseUntil: z.iso.datetime({ offset: true }),
  }),
  audit: {
    category: 'security',
    action: 'session-revoke',
    resourceType: 'session',
    severity: 'medium',
    newValues: (p) => ({ reason: p.reason }),
  },
});
