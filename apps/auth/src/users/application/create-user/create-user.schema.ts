import { z } from 'zod';
import { userRoleSchema } from '@mindhill/contracts';

// Shape only; e-mail format and password strength are domain rules with their own codes.
export const createUserBody = z.strictObject({
  email: z.string().max(320),
  password: z.string().max(1024),
  displayName: z.string().trim().min(1).max(100).optional(),
  role: userRoleSchema,
  mustChangePassword: z.boolean().optional(),
});
export type CreateUserBody = z.infer<typeof createUserBody>;

// The account an admin created; mustChangePassword: the first sign-in asks for a new password.
export const createUserAnswer = z
  .object({ id: z.uuid(), email: z.string(), displayName: z.string(), role: userRoleSchema, mustChangePassword: z.boolean() })
  .describe('The created account');
