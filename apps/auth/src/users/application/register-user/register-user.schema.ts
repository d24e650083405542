import { z } from 'zod';
import { userRoleSchema } from '@mindhill/contracts';

// Shape only; e-mail format and password strength are domain rules with their own codes.
export const registerUserBody = z.strictObject({
  email: z.string().max(320),
  password: z.string().max(1024),
  displayName: z.string().trim().min(1).max(100).optional(),
});
export type RegisterUserBody = z.infer<typeof registerUserBody>;

export const registeredUserAnswer = z
  .object({ id: z.uuid(), email: z.string(), displayName: z.string(), role: userRoleSchema })
  .describe('The new account');
