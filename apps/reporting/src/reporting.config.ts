import { z } from 'zod';
import { commonEnvSchema, env, loadConfig } from '@mindhill/platform';

const reportingEnvSchema = commonEnvSchema.extend({
  REPORTING_PORT: env.port(3005),
  REPORTING_HOST: env.host(),
  REPORTING_DATABASE_URL: env.postgresUrl('mindhill_reporting'),
});
export type ReportingConfig = z.infer<typeof reportingEnvSchema>;

export function loadReportingConfig(source: NodeJS.ProcessEnv = process.env): ReportingConfig {
  return loadConfig(reportingEnvSchema, source);
}
