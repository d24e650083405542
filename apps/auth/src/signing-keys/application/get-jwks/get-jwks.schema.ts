import { z } from 'zod';

// The public keys access tokens are verified with (RFC 7517 JWK Set).
export const jwksAnswer = z
  .object({ keys: z.array(z.looseObject({ kid: z.string(), alg: z.string(), use: z.literal('sig') })) })
  .describe('JWK Set');
export type JwksAnswer = z.infer<typeof jwksAnswer>;
