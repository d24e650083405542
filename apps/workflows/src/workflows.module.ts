import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { jobRetentionModule, KafkaClient, KafkaSettings } from '@mindhill/messaging';
import { HealthController, MetricsController } from '@mindhill/platform';
import { ExecutionModule } from './execution/execution.module';
import { JobsModule } from './jobs/jobs.module';
import { RetentionModule } from './retention/retention.module';
import { ScheduleModule } from './schedule/schedule.module';
import { StatisticsModule } from './statistics/statistics.module';
import { UserRolesModule } from './user-roles/user-roles.module';
import { WorkflowModule } from './workflow/workflow.module';
import { WorkflowsBackboneModule } from './workflows-backbone.module';
import { WorkflowsConfig } from './workflows.config';

// The workflows service: one module per context (see README.md), on the shared backbone.
@Module({})
export class WorkflowsModule {
  static forRoot(config: WorkflowsConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings): DynamicModule {
    return {
      module: WorkflowsModule,
      imports: [
        TerminusModule,
        WorkflowsBackboneModule.forRoot(config, kafka, kafkaSettings),
        jobRetentionModule('workflows'),
        WorkflowModule,
        ExecutionModule,
        ScheduleModule,
        StatisticsModule,
        RetentionModule,
        UserRolesModule,
        JobsModule,
      ],
      controllers: [HealthController, MetricsController],
    };
  }
}
