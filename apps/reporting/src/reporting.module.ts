import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { backboneProviders, KafkaClient, KafkaSettings } from '@mindhill/messaging';
import { createOrmConfig } from '@mindhill/persistence';
import { HealthController, MetricsController } from '@mindhill/platform';
import { ReportingConfig } from './reporting.config';
import { reportingMigrations } from './migrations';
import { reportingProjections } from './reporting.projections';
import { RecordReadModelEventsHandler } from './read-models/application/record-read-model-events/record-read-model-events.handler';
import { ReadModelKafkaController } from './read-models/interface/read-model.kafka-controller';
import { REPORT_OUTPUT, RenderReportJob, ReportOutputSettings } from './report-executions/application/render-report/render-report.job';
import { RenderReportWorker } from './report-executions/application/render-report/render-report.worker';
import { ReportExecutionQueries } from './report-executions/application/report-execution-queries/report-execution.queries';
import { RunReportHandler } from './report-executions/application/run-report/run-report.handler';
import { ReportExecutionHttpController } from './report-executions/interface/report-execution.http-controller';
import { ArchiveReportHandler } from './reports/application/archive-report/archive-report.handler';
import { CreateReportHandler } from './reports/application/create-report/create-report.handler';
import { ReportQueries } from './reports/application/list-reports/list-reports.query';
import { UpdateReportHandler } from './reports/application/update-report/update-report.handler';
import { ReportHttpController } from './reports/interface/report.http-controller';

export const reportingOrmConfig = (config: Pick<ReportingConfig, 'REPORTING_DATABASE_URL' | 'DATABASE_SSL_CA'>) =>
  createOrmConfig({
    clientUrl: config.REPORTING_DATABASE_URL,
    sslCa: config.DATABASE_SSL_CA,
    entities: [],
    migrations: reportingMigrations,
  });

@Module({})
export class ReportingModule {
  static forRoot(config: ReportingConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings): DynamicModule {
    return {
      module: ReportingModule,
      imports: [TerminusModule],
      controllers: [HealthController, MetricsController, ReportHttpController, ReportExecutionHttpController, ReadModelKafkaController],
      providers: [
        ...backboneProviders({
          service: 'reporting',
          kafka,
          kafkaSettings,
          ormConfig: reportingOrmConfig(config),
          projectors: reportingProjections.projectors,
        }),
        {
          provide: REPORT_OUTPUT,
          useValue: { outputDir: config.REPORT_OUTPUT_DIR, maxRows: config.REPORT_MAX_ROWS } satisfies ReportOutputSettings,
        },
        CreateReportHandler,
        UpdateReportHandler,
        ArchiveReportHandler,
        ReportQueries,
        RunReportHandler,
        RenderReportJob,
        RenderReportWorker,
        RecordReadModelEventsHandler,
        ReportExecutionQueries,
      ],
    };
  }
}
