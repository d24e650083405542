import { z } from 'zod';

export const loginUserBody = z.strictObject({
  email: z.string().min(1).max(320),
  password: z.string().min(1).max(1024),
});
export type LoginUserBody = z.infer<typeof loginUserBody>;

// Signed in: an access token and the refresh token of the new session (SignedIn).
export const signedInAnswer = z
  .object({
    accessToken: z.string(),
    tokenType: z.literal('Bearer'),
    expiresIn: z.number().int().describe('Seconds'),
    refreshToken: z.string(),
    sessionId: z.uuid(),
    user: z.object({ id: z.uuid(), email: z.string(), displayName: z.string(), role: z.string() }),
  })
  .describe('Signed in');

// POST /auth/login: signed in, or one more step (a second factor, or a new password first).
export const loginAnswer = z
  .union([
    signedInAnswer,
    z.object({ mfaRequired: z.literal(true), mfaToken: z.string() }),
    z.object({ passwordChangeRequired: z.literal(true), changeToken: z.string() }),
  ])
  .describe('Signed in, or the next step');
