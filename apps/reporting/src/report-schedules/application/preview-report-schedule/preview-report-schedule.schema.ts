import { z } from 'zod';
import { isoTimestamp } from '@mindhill/platform';

// GET /api/v1/report-schedules/preview
export const previewReportScheduleParams = z.strictObject({
  cron: z.string().trim().min(1).max(100),
  timezone: z.string().trim().min(1).max(50).default('UTC'),
  count: z.coerce.number().int().min(1).max(50).default(5),
});
export type PreviewReportScheduleParams = z.infer<typeof previewReportScheduleParams>;

// When the expression would fire next in the zone.
export const previewReportScheduleAnswer = z
  .object({ cron: z.string(), timezone: z.string(), nextFireTimes: z.array(isoTimestamp()) })
  .describe('The next fire times of a cron expression');
