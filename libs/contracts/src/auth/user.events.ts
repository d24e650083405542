import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';

export const AUTH_USER_TOPIC = topicName('auth', 'user');
export const userRoleSchema = z.enum(['admin', 'user', 'viewer']);
export type UserRole = z.infer<typeof userRoleSchema>;

export const userRegistered = defineEvent({
  type: 'auth.user.registered',
  version: 1,
  aggregateType: 'user',
  topic: AUTH_USER_TOPIC,
  schema: z.object({
    userId: z.uuid(),
    userNumber: z.number().int().positive(),
    email: z.string(),
    displayName: z.string(),
    role: userRoleSchema,
    source: z.enum(['self-service', 'bootstrap-admin']),
  }),
  privateSchema: z.object({ passwordHash: z.string() }),
  audit: {
    category: 'auth',
    action: 'register',
    resourceType: 'user',
    severity: 'low',
    responseStatus: 201,
    resourceName: (p) => p.email,
    newValues: (p) => ({ email: p.email, displayName: p.displayName, role: p.role }),
  },
});

export const userLoggedIn = defineEvent({
  type: 'auth.user.logged-in',
  version: 1,
  aggregateType: 'user',
  topic: AUTH_USER_TOPIC,
  schema: z.object({
    userId: z.uuid(),
    userNumber: z.number().int().positive(),
    email: z.string(),
    loginCount: z.number().int().positive(),
    loggedInAt: z.iso.datetime({ offset: true }),
  }),
  audit: {
    category: 'auth',
    action: 'login',
    resourceType: 'user',
    severity: 'low',
    responseStatus: 200,
    resourceName: (p) => p.email,
  },
});

export const userLoginFailed = defineEvent({
  type: 'auth.user.login-failed',
  version: 1,
  aggregateType: 'user',
  topic: AUTH_USER_TOPIC,
  schema: z.object({
    userId: z.uuid().nullable(),
    email: z.string(),
    reason: z.enum(['unknown-email', 'wrong-password', 'inactive', 'locked']),
    failedAttempts: z.number().int().nonnegative(),
  }),
  audit: {
    category: 'security',
    action: 'login-failed',
    resourceType: 'user',
    severity: 'medium',
    riskLevel: 'medium',
    responseStatus: 401,
    resourceName: (p) => p.email,
  },
});

// Too many failed logins: the account refuses every login until lockedUntil (or an admin unlocks).
export const userLocked = defineEvent({
  type: 'auth.user.locked',
  version: 1,
  aggregateType: 'user',
  topic: AUTH_USER_TOPIC,
  schema: z.object({ userId: z.uuid(), email: z.string(), failedAttempts: z.number().int().positive(), lockedUntil: z.iso.datetime({ offset: true }) }),
  audit: {
    category: 'security', action: 'account-locked', resourceType: 'user', severity: 'high', riskLevel: 'high', responseStatus: 401,
    resourceName: (p) => p.email, newValues: (p) => ({ lockedUntil: p.lockedUntil, failedAttempts: p.failedAttempts }),
  },
});

export const userUnlocked = defineEvent({
  type: 'auth.user.unlocked',
  version: 1,
  aggregateType: 'user',
  topic: AUTH_USER_TOPIC,
  schema: z.object({ userId: z.uuid(), email: z.string(), unlockedBy: z.number().int().nullable() }),
  audit: {
    category: 'admin', action: 'unlock-user', resourceType: 'user', severity: 'medium', responseStatus: 200,
    resourceName: (p) => p.email, newValues: () => ({ lockedUntil: null, failedAttempts: 0 }),
  },
});
