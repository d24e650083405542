import { Provider } from '@nestjs/common';
import { Backoff } from '@mindhill/domain';
import { LiveSettings } from '@mindhill/messaging';
import { WorkflowsConfig } from './workflows.config';

// The service's settings, as Nest providers. Live ones (the admin settings of the same name)
// are read at every use, so a change applies at once.

// Backoff of a failed stage before its next attempt.
export const RETRY_POLICY = Symbol('RETRY_POLICY');
export type RetryPolicy = Backoff;

// How many runs may be in progress at once, overall and per user, and how often a schedule may
// fire; read at every start (they follow live settings).
export const RUN_LIMIT = Symbol('RUN_LIMIT');
export type RunLimit = {
  readonly maxConcurrent: number;
  readonly maxConcurrentPerUser: number;
  readonly minScheduleIntervalSeconds: number;
};

// Finished executions older than `days` are archived by a daily job at `hourUtc`.
export const EXECUTION_RETENTION = Symbol('EXECUTION_RETENTION');
export type ExecutionRetention = { days: number; hourUtc: number };

// The seed's default_workflow_timeout, until the setting is changed.
export const DEFAULT_TIMEOUT_MINUTES = 60;

export function workflowsSettingsProviders(config: WorkflowsConfig, live: LiveSettings): Provider[] {
  return [
    {
      provide: RETRY_POLICY,
      useValue: { baseMs: config.WORKFLOWS_RETRY_BASE_MS, maxMs: config.WORKFLOWS_RETRY_MAX_MS } satisfies RetryPolicy,
    },
    {
      provide: RUN_LIMIT,
      useValue: {
        get maxConcurrent() {
          return live.integer('max_concurrent_workflows', config.WORKFLOWS_MAX_CONCURRENT_RUNS);
        },
        get maxConcurrentPerUser() {
          return live.integer('max_concurrent_workflows_per_user', config.WORKFLOWS_MAX_CONCURRENT_RUNS_PER_USER);
        },
        get minScheduleIntervalSeconds() {
          return live.integer('min_schedule_interval_seconds', config.WORKFLOWS_MIN_SCHEDULE_INTERVAL_SECONDS);
        },
      } satisfies RunLimit,
    },
    {
      provide: EXECUTION_RETENTION,
      useValue: {
        get days() {
          return live.integer('retention_period_days', config.WORKFLOWS_RETENTION_DAYS);
        },
        hourUtc: config.WORKFLOWS_RETENTION_HOUR_UTC,
      } satisfies ExecutionRetention,
    },
  ];
}
