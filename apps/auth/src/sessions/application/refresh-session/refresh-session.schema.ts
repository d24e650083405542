import { z } from 'zod';

export const refreshSessionBody = z.strictObject({ refreshToken: z.string().min(20).max(200) });
export type RefreshSessionBody = z.infer<typeof refreshSessionBody>;
