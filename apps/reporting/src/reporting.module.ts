import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { backboneProviders, KafkaClient, KafkaSettings } from '@mindhill/messaging';
import { createOrmConfig } from '@mindhill/persistence';
import { HealthController, MetricsController } from '@mindhill/platform';
import { ReportingConfig } from './reporting.config';
import { reportingMigrations } from './migrations';
import { reportingProjections } from './reporting.projections';
import { RecordReadModelEventsJob } from './read-models/application/record-read-model-events/record-read-model-events.job';
import { ReadModelKafkaController } from './read-models/interface/read-model.kafka-controller';
import { DownloadReportFileQuery } from './report-executions/application/download-report-file/download-report-file.query';
import { GetReportExecutionQuery } from './report-executions/application/get-report-execution/get-report-execution.query';
import { ListReportExecutionsQuery } from './report-executions/application/list-report-executions/list-report-executions.query';
import { RenderReportJob } from './report-executions/application/render-report/render-report.job';
import { RunReportHandler } from './report-executions/application/run-report/run-report.handler';
import { REPORT_OUTPUT, ReportOutputSettings } from './report-executions/infrastructure/report-output.store';
import { ReportExecutionHttpController } from './report-executions/interface/report-execution.http-controller';
import { ArchiveReportHandler } from './reports/application/archive-report/archive-report.handler';
import { CreateReportHandler } from './reports/application/create-report/create-report.handler';
import { GetReportQuery } from './reports/application/get-report/get-report.query';
import { ListReportsQuery } from './reports/application/list-reports/list-reports.query';
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
        // reports
        CreateReportHandler,
        UpdateReportHandler,
        ArchiveReportHandler,
        ListReportsQuery,
        GetReportQuery,
        // report-executions
        RunReportHandler,
        RenderReportJob,
        ListReportExecutionsQuery,
        GetReportExecutionQuery,
        DownloadReportFileQuery,
        // read-models
        RecordReadModelEventsJob,
      ],
    };
  }
}
