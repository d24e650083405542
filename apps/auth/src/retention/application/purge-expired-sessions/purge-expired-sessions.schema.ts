import { z } from 'zod';

// POST /api/v1/auth/sessions/retention: a dry run unless asked otherwise.
export const purgeExpiredSessionsBody = z.strictObject({ dryRun: z.boolean().default(true) });
export type PurgeExpiredSessionsBody = z.infer<typeof purgeExpiredSessionsBody>;
