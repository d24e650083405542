import { z } from 'zod';
import { isoTimestamp } from '@mindhill/platform';

// A workflow's schedule; `active` when its ticks are planned; its next five fire times.
export const workflowScheduleAnswer = z
  .object({ cron: z.string().nullable(), timezone: z.string(), active: z.boolean(), nextFireTimes: z.array(isoTimestamp()) })
  .describe("A workflow's schedule");
