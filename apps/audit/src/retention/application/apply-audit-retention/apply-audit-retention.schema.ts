import { z } from 'zod';

// Dry run unless asked otherwise: removing audit history is never the default.
export const applyAuditRetentionSchema = z.strictObject({ dryRun: z.boolean().default(true) });
export type ApplyAuditRetentionRequest = z.infer<typeof applyAuditRetentionSchema>;
