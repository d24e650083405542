import { z } from 'zod';
import { isoTimestamp } from '@mindhill/platform';

// GET /api/v1/workflow-schedules/preview
export const previewScheduleParams = z.strictObject({
  cron: z.string().trim().min(1).max(100),
  timezone: z.string().trim().min(1).max(64).default('UTC'),
  count: z.coerce.number().int().min(1).max(50).default(5),
});
export type PreviewScheduleParams = z.infer<typeof previewScheduleParams>;

// When the expression would fire next in the zone.
export const previewScheduleAnswer = z
  .object({ cron: z.string(), timezone: z.string(), nextFireTimes: z.array(isoTimestamp()) })
  .describe('The next fire times of a cron expression');
