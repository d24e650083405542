import { z } from 'zod';
import { isoTimestamp } from '@mindhill/platform';

// POST /api/v1/executions/retention: a dry run unless asked otherwise.
export const archiveExecutionsBody = z.strictObject({ dryRun: z.boolean().default(true) });
export type ArchiveExecutionsBody = z.infer<typeof archiveExecutionsBody>;

// What an archiving run did (or would do, on a dry run).
export const archiveExecutionsAnswer = z
  .object({
    dryRun: z.boolean(),
    retentionDays: z.number().int(),
    cutoff: isoTimestamp(),
    matched: z.number().int(),
    archived: z.number().int(),
  })
  .describe('The runs archived (or that would be)');
