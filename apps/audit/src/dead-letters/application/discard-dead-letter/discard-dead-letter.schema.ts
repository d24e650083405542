import { z } from 'zod';

export const discardDeadLetterBody = z.strictObject({ reason: z.string().trim().min(1).max(500).optional() });
export type DiscardDeadLetterRequest = z.infer<typeof discardDeadLetterBody>;
