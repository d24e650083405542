import { z } from 'zod';

export const requestPasswordResetBody = z.strictObject({ email: z.string().min(1).max(320) });
export type RequestPasswordResetBody = z.infer<typeof requestPasswordResetBody>;
