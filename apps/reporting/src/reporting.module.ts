import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { jobRetentionModule, KafkaClient, KafkaSettings } from '@mindhill/messaging';
import { HealthController, MetricsController } from '@mindhill/platform';
import { ReadModelsModule } from './read-models/read-models.module';
import { ReportDeliveriesModule } from './report-deliveries/report-deliveries.module';
import { ReportExecutionsModule } from './report-executions/report-executions.module';
import { ReportRetentionModule } from './report-retention/report-retention.module';
import { ReportSchedulesModule } from './report-schedules/report-schedules.module';
import { ReportingBackboneModule } from './reporting-backbone.module';
import { ReportingConfig } from './reporting.config';
import { ReportsModule } from './reports/reports.module';

// The reporting service: one module per context (see README.md), on the shared backbone.
@Module({})
export class ReportingModule {
  static forRoot(config: ReportingConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings): DynamicModule {
    return {
      module: ReportingModule,
      imports: [
        TerminusModule,
        ReportingBackboneModule.forRoot(config, kafka, kafkaSettings),
        jobRetentionModule('reporting'),
        ReportsModule,
        ReportExecutionsModule,
        ReportSchedulesModule,
        ReadModelsModule,
        ReportDeliveriesModule,
        ReportRetentionModule,
      ],
      controllers: [HealthController, MetricsController],
    };
  }
}
