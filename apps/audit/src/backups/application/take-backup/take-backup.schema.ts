import { z } from 'zod';

// POST /admin/backups: the set written, or why not.
export const backupOutcomeAnswer = z
  .union([
    z.object({
      backupId: z.uuid(),
      status: z.literal('completed'),
      set: z.string(),
      removedSets: z.array(z.string()),
      durationMs: z.number(),
    }),
    z.object({ backupId: z.uuid(), status: z.literal('failed'), errorCode: z.string() }),
  ])
  .describe('A backup run');
