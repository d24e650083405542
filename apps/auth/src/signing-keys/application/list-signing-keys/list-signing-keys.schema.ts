import { z } from 'zod';
import { isoTimestamp } from '@mindhill/platform';

// The signing keys, and which the JWKS publishes (admins only).
export const listSigningKeysAnswer = z
  .object({
    rotationDays: z.number().int(),
    items: z.array(
      z.object({
        kid: z.string(),
        alg: z.string(),
        state: z.enum(['next', 'active', 'previous']),
        published: z.boolean(),
        createdAt: isoTimestamp(),
        activatedAt: isoTimestamp().nullable(),
        deactivatedAt: isoTimestamp().nullable(),
      }),
    ),
  })
  .describe('The signing keys');
