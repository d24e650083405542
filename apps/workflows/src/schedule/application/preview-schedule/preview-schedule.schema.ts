import { z } from 'zod';

// GET /api/v1/workflow-schedules/preview
export const previewScheduleParams = z.strictObject({
  cron: z.string().trim().min(1).max(100),
  timezone: z.string().trim().min(1).max(64).default('UTC'),
  count: z.coerce.number().int().min(1).max(50).default(5),
});
export type PreviewScheduleParams = z.infer<typeof previewScheduleParams>;
