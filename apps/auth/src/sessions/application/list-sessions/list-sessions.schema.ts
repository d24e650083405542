import { z } from 'zod';
import { isoTimestamp } from '@mindhill/platform';

// My active sessions (toSessionView), the one of this token marked `current`.
export const listSessionsAnswer = z
  .object({
    items: z.array(
      z.object({
        id: z.uuid(),
        current: z.boolean(),
        isActive: z.boolean(),
        deviceType: z.string().nullable(),
        browser: z.string().nullable(),
        os: z.string().nullable(),
        ip: z.string().nullable(),
        createdAt: isoTimestamp(),
        lastActivityAt: isoTimestamp(),
        idleExpiresAt: isoTimestamp(),
        expiresAt: isoTimestamp(),
      }),
    ),
  })
  .describe('My active sessions');
