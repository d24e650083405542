import { z } from 'zod';

export const requestPasswordResetBody = z.strictObject({ email: z.string().min(1).max(320) });
export type RequestPasswordResetBody = z.infer<typeof requestPasswordResetBody>;

// A mail is queued, and where it goes (MailQueued); the same answer whether the address has an
// account or not.
export const mailQueuedAnswer = z
  .object({ status: z.literal('queued'), delivery: z.enum(['sent', 'written to the local mail folder']) })
  .describe('A mail is queued');
export const requestPasswordResetAnswer = mailQueuedAnswer.extend({ accepted: z.literal(true) }).describe('Accepted');
