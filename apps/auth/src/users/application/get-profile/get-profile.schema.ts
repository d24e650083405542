import { z } from 'zod';
import { userRoleSchema } from '@mindhill/contracts';
import { isoTimestamp } from '@mindhill/platform';

// GET /auth/me, PATCH /auth/me: my profile (profileView).
export const profileAnswer = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    email: z.string(),
    displayName: z.string(),
    role: userRoleSchema,
    firstName: z.string().nullable(),
    lastName: z.string().nullable(),
    timezone: z.string(),
    language: z.string(),
    isEmailVerified: z.boolean(),
    emailVerifiedAt: isoTimestamp().nullable(),
    twoFactorEnabled: z.boolean(),
    notificationPreferences: z.record(z.string(), z.unknown()),
    uiPreferences: z.record(z.string(), z.unknown()),
    lastLoginAt: isoTimestamp().nullable(),
    passwordChangedAt: isoTimestamp(),
    createdAt: isoTimestamp(),
  })
  .describe('My profile');
