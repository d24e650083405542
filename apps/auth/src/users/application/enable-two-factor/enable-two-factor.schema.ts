import { z } from 'zod';

export const twoFactorCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be six digits');

// A code from the secret set-up-two-factor showed.
export const enableTwoFactorBody = z.strictObject({ code: twoFactorCode });
export type EnableTwoFactorBody = z.infer<typeof enableTwoFactorBody>;
