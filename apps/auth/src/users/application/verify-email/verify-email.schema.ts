import { z } from 'zod';

// token: the one from the verification mail's link.
export const verifyEmailBody = z.strictObject({ token: z.string().min(20).max(200) });
export type VerifyEmailBody = z.infer<typeof verifyEmailBody>;
