import { z } from 'zod';

// POST /api/v1/executions/retention: a dry run unless asked otherwise.
export const archiveExecutionsBody = z.strictObject({ dryRun: z.boolean().default(true) });
export type ArchiveExecutionsBody = z.infer<typeof archiveExecutionsBody>;
