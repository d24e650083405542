import { z } from 'zod';
import { isoTimestamp } from '@mindhill/platform';

// Dry run unless asked otherwise: removing audit history is never the default.
export const applyAuditRetentionSchema = z.strictObject({ dryRun: z.boolean().default(true) });
export type ApplyAuditRetentionRequest = z.infer<typeof applyAuditRetentionSchema>;

// What an audit retention run removed (or would remove), per category.
export const auditRetentionAnswer = z
  .object({
    runId: z.uuid(),
    dryRun: z.boolean(),
    matched: z.number().int(),
    deleted: z.number().int(),
    byCategory: z.record(z.string(), z.number().int()),
    oldestRemaining: isoTimestamp().nullable(),
  })
  .describe('The audit entries removed (or that would be)');
