import { z } from 'zod';

const mfaToken = z.string().min(20).max(2000);
const code = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be six digits');

// The token the password step answered, with a code from the app or a backup code.
export const completeTwoFactorLoginBody = z.union([
  z.strictObject({ mfaToken, code }),
  z.strictObject({ mfaToken, backupCode: z.string().trim().min(8).max(20) }),
]);
export type CompleteTwoFactorLoginBody = z.infer<typeof completeTwoFactorLoginBody>;
