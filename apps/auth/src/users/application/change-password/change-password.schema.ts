import { z } from 'zod';

const password = z.string().min(1).max(1024);

// changeToken: the token a forced-change login answered, for an account without an access token yet.
export const changePasswordBody = z.strictObject({
  currentPassword: password,
  newPassword: password,
  changeToken: z.string().min(20).max(2000).optional(),
});
export type ChangePasswordBody = z.infer<typeof changePasswordBody>;

export const changePasswordAnswer = z
  .object({ changed: z.literal(true), otherSessionsRevoked: z.number().int() })
  .describe('The password is changed; my other sessions are revoked');
export type ChangePasswordAnswer = z.infer<typeof changePasswordAnswer>;
