import { z } from 'zod';
import { isoTimestamp } from '@mindhill/platform';

// Dry run unless asked otherwise; `retentionDays` overrides report_delivery_retention_days once.
export const removeOldDeliveriesSchema = z.strictObject({
  dryRun: z.boolean().default(true),
  retentionDays: z.number().int().min(1).max(3_650).optional(),
});
export type RemoveOldDeliveriesRequest = z.infer<typeof removeOldDeliveriesSchema>;

// What a delivery retention run removed (or would remove); runId: null on a dry run.
export const removeOldDeliveriesAnswer = z
  .object({
    runId: z.uuid().nullable(),
    dryRun: z.boolean(),
    retentionDays: z.number().int(),
    cutoff: isoTimestamp(),
    matched: z.number().int(),
    deleted: z.number().int(),
  })
  .describe('The deliveries removed (or that would be)');
