import { z } from 'zod';
import { commonEnvSchema, env, loadConfig } from '@mindhill/platform';

const workflowsEnvSchema = commonEnvSchema.extend({
  WORKFLOWS_PORT: env.port(3002),
  WORKFLOWS_HOST: env.host(),
  WORKFLOWS_DATABASE_URL: env.postgresUrl('mindhill_workflows'),
  // Backoff of a failed stage before its next attempt: base × 2^(attempt-1), with jitter, capped.
  WORKFLOWS_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(2_000),
  // Finished executions older than this are archived by the daily retention job (UTC hour).
  WORKFLOWS_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(90),
  WORKFLOWS_RETENTION_HOUR_UTC: z.coerce.number().int().min(0).max(23).default(2),
  WORKFLOWS_RETRY_MAX_MS: z.coerce.number().int().min(1).max(86_400_000).default(300_000),
  // Runs in progress at once, across all workflows (the max_concurrent_workflows setting, which
  // wins once an admin changes it). The seed's default is 5.
  WORKFLOWS_MAX_CONCURRENT_RUNS: z.coerce.number().int().min(1).max(100_000).default(5),
  // Runs in progress at once per user (max_concurrent_workflows_per_user wins once set).
  WORKFLOWS_MAX_CONCURRENT_RUNS_PER_USER: z.coerce.number().int().min(1).max(100_000).default(3),
  // The shortest time between two fire times of a schedule (min_schedule_interval_seconds wins
  // once set).
  WORKFLOWS_MIN_SCHEDULE_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
});
export type WorkflowsConfig = z.infer<typeof workflowsEnvSchema>;

export function loadWorkflowsConfig(source: NodeJS.ProcessEnv = process.env): WorkflowsConfig {
  return loadConfig(workflowsEnvSchema, source);
}
