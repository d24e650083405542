import { z } from 'zod';

// Dry run unless asked otherwise; `retentionDays` overrides report_delivery_retention_days once.
export const removeOldDeliveriesSchema = z.strictObject({
  dryRun: z.boolean().default(true),
  retentionDays: z.number().int().min(1).max(3_650).optional(),
});
export type RemoveOldDeliveriesRequest = z.infer<typeof removeOldDeliveriesSchema>;
