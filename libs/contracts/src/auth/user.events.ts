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
  // The e-mail verification token sent at registration is kept as its SHA-256 only.
  privateSchema: z.object({
    passwordHash: z.string(),
    verificationTokenHash: z.string().optional(),
    verificationExpiresAt: z.iso.datetime({ offset: true }).optional(),
  }),
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
  schema: z.object({
    userId: z.uuid(),
    email: z.string(),
    failedAttempts: z.number().int().positive(),
    lockedUntil: z.iso.datetime({ offset: true }),
  }),
  audit: {
    category: 'security',
    action: 'account-locked',
    resourceType: 'user',
    severity: 'high',
    riskLevel: 'high',
    responseStatus: 401,
    resourceName: (p) => p.email,
    newValues: (p) => ({ lockedUntil: p.lockedUntil, failedAttempts: p.failedAttempts }),
  },
});

export const userUnlocked = defineEvent({
  type: 'auth.user.unlocked',
  version: 1,
  aggregateType: 'user',
  topic: AUTH_USER_TOPIC,
  schema: z.object({ userId: z.uuid(), email: z.string(), unlockedBy: z.number().int().nullable() }),
  audit: {
    category: 'admin',
    action: 'unlock-user',
    resourceType: 'user',
    severity: 'medium',
    responseStatus: 200,
    resourceName: (p) => p.email,
    newValues: () => ({ lockedUntil: null, failedAttempts: 0 }),
  },
});

const iso = () => z.iso.datetime({ offset: true });

// An account made by an admin, or the first admin with a generated one-time password (which
// must be changed before the account gets any access token).
export const userCreated = defineEvent({
  type: 'auth.user.created',
  version: 1,
  aggregateType: 'user',
  topic: AUTH_USER_TOPIC,
  schema: z.object({
    userId: z.uuid(),
    userNumber: z.number().int().positive(),
    email: z.string(),
    displayName: z.string(),
    role: userRoleSchema,
    source: z.enum(['admin', 'bootstrap-generated']),
    createdBy: z.uuid().nullable(),
    mustChangePassword: z.boolean(),
  }),
  privateSchema: z.object({ passwordHash: z.string() }),
  audit: {
    category: 'admin',
    action: 'create-user',
    resourceType: 'user',
    severity: 'medium',
    responseStatus: 201,
    resourceName: (p) => p.email,
    newValues: (p) => ({ email: p.email, role: p.role, mustChangePassword: p.mustChangePassword }),
  },
});

export const userProfileUpdated = defineEvent({
  type: 'auth.user.profile-updated',
  version: 1,
  aggregateType: 'user',
  topic: AUTH_USER_TOPIC,
  schema: z.object({
    userId: z.uuid(),
    email: z.string(),
    changes: z.object({
      displayName: z.string().optional(),
      firstName: z.string().nullable().optional(),
      lastName: z.string().nullable().optional(),
      timezone: z.string().optional(),
      language: z.string().optional(),
      notificationPreferences: z.record(z.string(), z.unknown()).optional(),
      uiPreferences: z.record(z.string(), z.unknown()).optional(),
    }),
  }),
  audit: {
    category: 'auth',
    action: 'profile-update',
    resourceType: 'user',
    severity: 'low',
    responseStatus: 200,
    resourceName: (p) => p.email,
    newValues: (p) => p.changes,
  },
});

export const userRoleChanged = defineEvent({
  type: 'auth.user.role-changed',
  version: 1,
  aggregateType: 'user',
  topic: AUTH_USER_TOPIC,
  schema: z.object({ userId: z.uuid(), email: z.string(), oldRole: userRoleSchema, newRole: userRoleSchema }),
  audit: {
    category: 'admin',
    action: 'change-role',
    resourceType: 'user',
    severity: 'high',
    responseStatus: 200,
    resourceName: (p) => p.email,
    oldValues: (p) => ({ role: p.oldRole }),
    newValues: (p) => ({ role: p.newRole }),
  },
});

export const userDeactivated = defineEvent({
  type: 'auth.user.deactivated',
  version: 1,
  aggregateType: 'user',
  topic: AUTH_USER_TOPIC,
  schema: z.object({ userId: z.uuid(), email: z.string(), deactivatedAt: iso() }),
  audit: {
    category: 'admin',
    action: 'deactivate-user',
    resourceType: 'user',
    severity: 'high',
    responseStatus: 200,
    resourceName: (p) => p.email,
    newValues: () => ({ isActive: false }),
  },
});

// Soft delete: the row and the event history stay; the e-mail is free again.
export const userDeleted = defineEvent({
  type: 'auth.user.deleted',
  version: 1,
  aggregateType: 'user',
  topic: AUTH_USER_TOPIC,
  schema: z.object({ userId: z.uuid(), email: z.string(), deletedAt: iso() }),
  audit: {
    category: 'admin',
    action: 'delete-user',
    resourceType: 'user',
    severity: 'high',
    responseStatus: 200,
    resourceName: (p) => p.email,
  },
});

export * from './setting.events';
export * from './user-credential.events';
import { settingChanged, settingCreated } from './setting.events';
import {
  userEmailVerificationRequested,
  userEmailVerified,
  userPasswordChanged,
  userPasswordResetRequested,
  userSecondFactorFailed,
  userSecondFactorUsed,
  userTwoFactorDisabled,
  userTwoFactorEnabled,
  userTwoFactorSetUp,
} from './user-credential.events';

// The identity events added after the first five, for the registry.
export const AUTH_IDENTITY_EVENTS = [
  userCreated,
  userPasswordChanged,
  userPasswordResetRequested,
  userEmailVerificationRequested,
  userEmailVerified,
  userTwoFactorSetUp,
  userTwoFactorEnabled,
  userTwoFactorDisabled,
  userSecondFactorUsed,
  userSecondFactorFailed,
  userProfileUpdated,
  userRoleChanged,
  userDeactivated,
  userDeleted,
  settingCreated,
  settingChanged,
] as const;
