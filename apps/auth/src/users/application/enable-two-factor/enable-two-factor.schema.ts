import { z } from 'zod';

export const twoFactorCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be six digits');

// A code from the secret set-up-two-factor showed.
export const enableTwoFactorBody = z.strictObject({ code: twoFactorCode });
export type EnableTwoFactorBody = z.infer<typeof enableTwoFactorBody>;

// Two-factor sign-in is on; the backup codes are shown once.
export const enableTwoFactorAnswer = z
  .object({ enabled: z.literal(true), backupCodes: z.array(z.string()) })
  .describe('Two-factor sign-in is on');

// POST /auth/2fa/setup: the secret to add to an authenticator app (enable confirms it).
export const setUpTwoFactorAnswer = z.object({ secret: z.string(), otpauthUrl: z.string() }).describe('A new two-factor secret');
