import { z } from 'zod';
import { userRoleSchema } from '@mindhill/contracts';
import { isoTimestamp, pageOf } from '@mindhill/platform';

// Newest first, by number; cursor: the last number of the previous page.
export const listUsersQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z
    .string()
    .regex(/^\d{1,9}$/)
    .optional(),
  locked: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type ListUsersQueryParams = z.infer<typeof listUsersQuery>;

// A page of accounts, newest first (admins only).
export const listUsersAnswer = pageOf(
  z.object({
    id: z.uuid(),
    number: z.number().int(),
    email: z.string(),
    displayName: z.string(),
    role: userRoleSchema,
    isActive: z.boolean(),
    isEmailVerified: z.boolean(),
    lastLoginAt: isoTimestamp().nullable(),
    loginCount: z.number().int(),
    failedLoginAttempts: z.number().int(),
    lockedUntil: isoTimestamp().nullable(),
    createdAt: isoTimestamp(),
  }),
).describe('A page of accounts');
