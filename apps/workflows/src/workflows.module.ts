import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import {
  backboneProviders,
  KafkaClient,
  KafkaSettings,
  LiveSettings,
  liveSettingsProviders,
  settingsEnvironment,
} from '@mindhill/messaging';
import { createOrmConfig } from '@mindhill/persistence';
import { HealthController, MetricsController } from '@mindhill/platform';
import { ExecutionCommands, RETRY_POLICY, RUN_LIMIT, RunLimit } from './execution/application/execution.commands';
import { ExecutionHttpController } from './execution/interface/execution.http-controller';
import { ExecutionJobsWorker } from './execution/interface/execution-jobs.worker';
import { StageOutcomeKafkaController } from './execution/interface/stage-outcome.kafka-controller';
import { workflowsMigrations } from './migrations';
import { ScheduleHttpController } from './schedule/schedule.http-controller';
import { ExecutionRetentionHttpController } from './retention/execution-retention.http-controller';
import { EXECUTION_RETENTION, ExecutionRetention, ExecutionRetentionService } from './retention/execution-retention.service';
import { StatisticsHttpController } from './statistics/statistics.http-controller';
import { SeedTemplatesService } from './workflow/application/seed-templates.service';
import { WorkflowCommands } from './workflow/application/workflow.commands';
import { WorkflowQueries } from './workflow/application/workflow.queries';
import { WorkflowHttpController } from './workflow/interface/workflow.http-controller';
import { DataSourceAccessKafkaController } from './workflow/interface/data-source-access.kafka-controller';
import { UserRolesKafkaController } from './user-roles/interface/user-roles.kafka-controller';
import { WorkflowsConfig } from './workflows.config';
import { workflowsProjections } from './workflows.projections';

export const workflowsOrmConfig = (config: Pick<WorkflowsConfig, 'WORKFLOWS_DATABASE_URL' | 'DATABASE_SSL_CA'>) =>
  createOrmConfig({
    clientUrl: config.WORKFLOWS_DATABASE_URL,
    sslCa: config.DATABASE_SSL_CA,
    entities: [],
    migrations: workflowsMigrations,
  });

@Module({})
export class WorkflowsModule {
  static forRoot(config: WorkflowsConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings): DynamicModule {
    // default_workflow_timeout, retention_period_days, max_concurrent_workflows(_per_user) and
    // min_schedule_interval_seconds apply as soon as an admin changes them.
    const live = new LiveSettings(settingsEnvironment(config.NODE_ENV));
    return {
      module: WorkflowsModule,
      imports: [TerminusModule],
      controllers: [
        HealthController,
        MetricsController,
        WorkflowHttpController,
        ExecutionHttpController,
        StatisticsHttpController,
        ScheduleHttpController,
        ExecutionRetentionHttpController,
        StageOutcomeKafkaController,
        DataSourceAccessKafkaController,
        UserRolesKafkaController,
      ],
      providers: [
        ...backboneProviders({
          service: 'workflows',
          kafka,
          kafkaSettings,
          ormConfig: workflowsOrmConfig(config),
          projectors: workflowsProjections.projectors,
        }),
        { provide: RETRY_POLICY, useValue: { baseMs: config.WORKFLOWS_RETRY_BASE_MS, maxMs: config.WORKFLOWS_RETRY_MAX_MS } },
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
        WorkflowCommands,
        WorkflowQueries,
        SeedTemplatesService,
        ExecutionCommands,
        ExecutionJobsWorker,
        ExecutionRetentionService,
        ...liveSettingsProviders('workflows', live),
        {
          provide: EXECUTION_RETENTION,
          useValue: {
            get days() {
              return live.integer('retention_period_days', config.WORKFLOWS_RETENTION_DAYS);
            },
            hourUtc: config.WORKFLOWS_RETENTION_HOUR_UTC,
          } satisfies ExecutionRetention,
        },
      ],
    };
  }
}
