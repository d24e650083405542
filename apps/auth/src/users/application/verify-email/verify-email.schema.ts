import { z } from 'zod';
import { isoTimestamp } from '@mindhill/platform';

// token: the one from the verification mail's link.
export const verifyEmailBody = z.strictObject({ token: z.string().min(20).max(200) });
export type VerifyEmailBody = z.infer<typeof verifyEmailBody>;

export const verifyEmailAnswer = z
  .object({ verified: z.literal(true), email: z.string(), verifiedAt: isoTimestamp() })
  .describe('The e-mail address is verified');
export type VerifyEmailAnswer = z.infer<typeof verifyEmailAnswer>;
