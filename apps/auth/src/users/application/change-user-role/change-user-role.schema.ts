import { z } from 'zod';
import { userRoleSchema } from '@mindhill/contracts';

export const changeUserRoleBody = z.strictObject({ role: userRoleSchema });
export type ChangeUserRoleBody = z.infer<typeof changeUserRoleBody>;

// An account as its administration answers it (adminUserView).
export const adminUserAnswer = z
  .object({ id: z.uuid(), email: z.string(), displayName: z.string(), role: userRoleSchema, isActive: z.boolean() })
  .describe('An account');

// POST /users/:id/deactivate: the account, and how many of its sessions were revoked.
export const deactivateUserAnswer = adminUserAnswer.extend({ sessionsRevoked: z.number().int() }).describe('The deactivated account');
export const deleteUserAnswer = z
  .object({ id: z.uuid(), deleted: z.literal(true), sessionsRevoked: z.number().int() })
  .describe('The account is deleted');
export const unlockUserAnswer = z
  .object({ id: z.uuid(), email: z.string(), lockedUntil: z.null(), failedLoginAttempts: z.literal(0) })
  .describe('The account is unlocked');
export type DeleteUserAnswer = z.infer<typeof deleteUserAnswer>;
