import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';
const AUTH_USER_TOPIC = topicName('auth', 'user'); // the same topic as user.events.ts

// Credential events of a user: passwords, e-mail verification and the second factor. They share
// the user's stream and topic with user.events.ts.
const iso = () => z.iso.datetime({ offset: true });

export const userPasswordChanged = defineEvent({
  type: 'auth.user.password-changed',
  version: 1,
  aggregateType: 'user',
  topic: AUTH_USER_TOPIC,
  schema: z.object({ userId: z.uuid(), email: z.string(), via: z.enum(['change', 'reset', 'forced-change']), changedAt: iso() }),
  // consumedTokenHash: the reset token this change used up (single use).
  privateSchema: z.object({ passwordHash: z.string(), consumedTokenHash: z.string().optional() }),
  audit: {
    category: 'security',
    action: 'password-change',
    resourceType: 'user',
    severity: 'medium',
    responseStatus: 200,
    resourceName: (p) => p.email,
    newValues: (p) => ({ via: p.via }),
  },
});

export const userPasswordResetRequested = defineEvent({
  type: 'auth.user.password-reset-requested',
  version: 1,
  aggregateType: 'user',
  topic: AUTH_USER_TOPIC,
  schema: z.object({ userId: z.uuid(), email: z.string(), expiresAt: iso() }),
  privateSchema: z.object({ tokenHash: z.string() }),
  audit: {
    category: 'security',
    action: 'password-reset-request',
    resourceType: 'user',
    severity: 'medium',
    responseStatus: 202,
    resourceName: (p) => p.email,
  },
});

export const userEmailVerificationRequested = defineEvent({
  type: 'auth.user.email-verification-requested',
  version: 1,
  aggregateType: 'user',
  topic: AUTH_USER_TOPIC,
  schema: z.object({ userId: z.uuid(), email: z.string(), expiresAt: iso() }),
  privateSchema: z.object({ tokenHash: z.string() }),
  audit: {
    category: 'auth',
    action: 'email-verification-request',
    resourceType: 'user',
    severity: 'low',
    responseStatus: 202,
    resourceName: (p) => p.email,
  },
});

export const userEmailVerified = defineEvent({
  type: 'auth.user.email-verified',
  version: 1,
  aggregateType: 'user',
  topic: AUTH_USER_TOPIC,
  schema: z.object({ userId: z.uuid(), email: z.string(), verifiedAt: iso() }),
  privateSchema: z.object({ consumedTokenHash: z.string() }),
  audit: {
    category: 'auth',
    action: 'email-verify',
    resourceType: 'user',
    severity: 'low',
    responseStatus: 200,
    resourceName: (p) => p.email,
  },
});

// TOTP enrolment started: the secret is stored encrypted (AES-256-GCM), never published.
export const userTwoFactorSetUp = defineEvent({
  type: 'auth.user.two-factor-set-up',
  version: 1,
  aggregateType: 'user',
  topic: AUTH_USER_TOPIC,
  schema: z.object({ userId: z.uuid(), email: z.string() }),
  privateSchema: z.object({ encryptedSecret: z.string() }),
  audit: {
    category: 'security',
    action: '2fa-setup',
    resourceType: 'user',
    severity: 'low',
    responseStatus: 200,
    resourceName: (p) => p.email,
  },
});

export const userTwoFactorEnabled = defineEvent({
  type: 'auth.user.two-factor-enabled',
  version: 1,
  aggregateType: 'user',
  topic: AUTH_USER_TOPIC,
  schema: z.object({ userId: z.uuid(), email: z.string(), backupCodeCount: z.number().int().nonnegative() }),
  // The code that confirmed enrolment is spent too (its time step).
  privateSchema: z.object({ backupCodeHashes: z.array(z.string()), usedTimeStep: z.number().int() }),
  audit: {
    category: 'security',
    action: '2fa-enable',
    resourceType: 'user',
    severity: 'medium',
    responseStatus: 200,
    resourceName: (p) => p.email,
  },
});

export const userTwoFactorDisabled = defineEvent({
  type: 'auth.user.two-factor-disabled',
  version: 1,
  aggregateType: 'user',
  topic: AUTH_USER_TOPIC,
  schema: z.object({ userId: z.uuid(), email: z.string() }),
  audit: {
    category: 'security',
    action: '2fa-disable',
    resourceType: 'user',
    severity: 'high',
    riskLevel: 'medium',
    responseStatus: 200,
    resourceName: (p) => p.email,
  },
});

// A second factor accepted at login: a TOTP time step (never again accepted) or a backup code (spent).
export const userSecondFactorUsed = defineEvent({
  type: 'auth.user.second-factor-used',
  version: 1,
  aggregateType: 'user',
  topic: AUTH_USER_TOPIC,
  schema: z.object({
    userId: z.uuid(),
    email: z.string(),
    method: z.enum(['totp', 'backup-code']),
    backupCodesLeft: z.number().int().nonnegative(),
  }),
  privateSchema: z.object({ timeStep: z.number().int().optional(), backupCodeHash: z.string().optional() }),
  audit: {
    category: 'auth',
    action: 'second-factor',
    resourceType: 'user',
    severity: 'low',
    responseStatus: 200,
    resourceName: (p) => p.email,
    newValues: (p) => ({ method: p.method, backupCodesLeft: p.backupCodesLeft }),
  },
});

export const userSecondFactorFailed = defineEvent({
  type: 'auth.user.second-factor-failed',
  version: 1,
  aggregateType: 'user',
  topic: AUTH_USER_TOPIC,
  schema: z.object({ userId: z.uuid(), email: z.string(), failedAttempts: z.number().int().positive() }),
  audit: {
    category: 'security',
    action: 'second-factor-failed',
    resourceType: 'user',
    severity: 'medium',
    riskLevel: 'medium',
    responseStatus: 401,
    resourceName: (p) => p.email,
  },
});
