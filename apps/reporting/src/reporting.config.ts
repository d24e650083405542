import path from 'node:path';
import { z } from 'zod';
import { commonEnvSchema, env, loadConfig } from '@mindhill/platform';

const reportingEnvSchema = commonEnvSchema.extend({
  REPORTING_PORT: env.port(3005),
  REPORTING_HOST: env.host(),
  REPORTING_DATABASE_URL: env.postgresUrl('mindhill_reporting'),
  // Rendered report files: `<dir>/<report uuid>/<execution uuid>.<ext>`.
  REPORT_OUTPUT_DIR: z
    .string()
    .min(1)
    .default(path.join(process.cwd(), '.local', 'reports')),
  // A run reading more source rows than this fails (REPORTING.TOO_MANY_ROWS) instead of
  // exhausting memory; rendering is in memory for now.
  REPORT_MAX_ROWS: z.coerce.number().int().min(1).max(5_000_000).default(200_000),
  // The shortest time between two fires of a report schedule until an admin sets the live
  // setting min_schedule_interval_seconds (the same setting, and default, as workflows').
  REPORTING_MIN_SCHEDULE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
});
export type ReportingConfig = z.infer<typeof reportingEnvSchema>;

export function loadReportingConfig(source: NodeJS.ProcessEnv = process.env): ReportingConfig {
  return loadConfig(reportingEnvSchema, source);
}
