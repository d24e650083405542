import { z } from 'zod';

// POST /api/v1/contents/retention: a dry run unless asked otherwise.
export const removeExpiredContentsBody = z.strictObject({ dryRun: z.boolean().default(true) });
export type RemoveExpiredContentsBody = z.infer<typeof removeExpiredContentsBody>;
