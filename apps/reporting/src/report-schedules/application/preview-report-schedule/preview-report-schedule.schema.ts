import { z } from 'zod';

// GET /api/v1/report-schedules/preview
export const previewReportScheduleParams = z.strictObject({
  cron: z.string().trim().min(1).max(100),
  timezone: z.string().trim().min(1).max(50).default('UTC'),
  count: z.coerce.number().int().min(1).max(50).default(5),
});
export type PreviewReportScheduleParams = z.infer<typeof previewReportScheduleParams>;
