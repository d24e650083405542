import { z } from 'zod';

export const refreshSessionBody = z.strictObject({ refreshToken: z.string().min(20).max(200) });
export type RefreshSessionBody = z.infer<typeof refreshSessionBody>;

// A new access token and the next refresh token of the same session (the old one is spent).
export const refreshSessionAnswer = z
  .object({
    accessToken: z.string(),
    expiresIn: z.number().int().describe('Seconds'),
    tokenType: z.literal('Bearer'),
    refreshToken: z.string(),
    sessionId: z.uuid(),
  })
  .describe('New tokens');
