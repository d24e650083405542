import { z } from 'zod';

// token: the one from the reset mail's link.
export const resetPasswordBody = z.strictObject({ token: z.string().min(20).max(200), newPassword: z.string().min(1).max(1024) });
export type ResetPasswordBody = z.infer<typeof resetPasswordBody>;

export const resetPasswordAnswer = z
  .object({ reset: z.literal(true), sessionsRevoked: z.number().int() })
  .describe('The password is reset; every session is revoked');
export type ResetPasswordAnswer = z.infer<typeof resetPasswordAnswer>;
