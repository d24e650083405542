import { z } from 'zod';
import { reportOutputFormatSchema, reportTypeSchema } from '@mindhill/contracts';
import { reportConfigSchema, reportFiltersSchema, reportGroupingSchema, reportSortingSchema } from './report-model';

// The editable fields of a report as the API accepts them.
const timezone = z
  .string()
  .min(1)
  .max(50)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone');
// A cron expression: the report decider checks it fully (five fields, each valid, in the zone,
// no more often than min_schedule_interval_seconds) and answers REPORTING.INVALID_SCHEDULE or
// REPORTING.SCHEDULE_TOO_FREQUENT.
const cron = z.string().trim().min(1).max(100);

export const reportDefinitionFields = {
  reportName: z.string().trim().min(1).max(200),
  reportDescription: z.string().max(5000).nullable(),
  reportType: reportTypeSchema,
  category: z.string().trim().min(1).max(100).nullable(),
  reportConfig: reportConfigSchema,
  // Ingestion data-source (flux) ids the report draws contents from; empty or null = all.
  dataSources: z.array(z.uuid()).max(50).nullable(),
  filters: reportFiltersSchema.nullable(),
  grouping: reportGroupingSchema.nullable(),
  sorting: reportSortingSchema.nullable(),
  outputFormats: z
    .array(reportOutputFormatSchema)
    .min(1)
    .max(5)
    .refine((f) => new Set(f).size === f.length, 'formats must not repeat'),
  emailRecipients: z.array(z.email()).max(50),
  webhookUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable(),
  isScheduled: z.boolean(),
  scheduleCron: cron.nullable(),
  scheduleTimezone: timezone,
  isPublic: z.boolean(),
  sharedWithUsers: z.array(z.number().int().positive()).max(500),
};

// A report's definition once validated: the contract's ReportDefinition, typed by the report model.
export type ReportDefinitionValues = { [K in keyof typeof reportDefinitionFields]: z.output<(typeof reportDefinitionFields)[K]> };

export const REPORT_DEFAULTS = {
  reportDescription: null,
  category: null,
  dataSources: null,
  filters: null,
  grouping: null,
  sorting: null,
  outputFormats: ['json'],
  emailRecipients: [],
  webhookUrl: null,
  isScheduled: false,
  scheduleCron: null,
  scheduleTimezone: 'UTC',
  isPublic: false,
  sharedWithUsers: [],
} as const;

export function scheduleIssue(def: { isScheduled: boolean; scheduleCron: string | null }): string | null {
  return def.isScheduled && !def.scheduleCron ? 'scheduleCron is required when isScheduled is true' : null;
}
