import { Module } from '@nestjs/common';
import { REPORTING_CONFIG } from '../reporting-backbone.module';
import { ReportingConfig } from '../reporting.config';
import { DownloadReportFileQuery } from './application/download-report-file/download-report-file.query';
import { GetReportExecutionQuery } from './application/get-report-execution/get-report-execution.query';
import { ListReportExecutionsQuery } from './application/list-report-executions/list-report-executions.query';
import { RenderReportJob } from './application/render-report/render-report.job';
import { RunReportHandler } from './application/run-report/run-report.handler';
import { REPORT_OUTPUT, ReportOutputSettings } from './infrastructure/report-output.store';
import { ReportExecutionHttpController } from './interface/report-execution.http-controller';

// Runs of reports: requested, rendered by the queued job over the read models, listed and
// downloaded. Reads the reports context's read model (plain functions) for the definition.
@Module({
  controllers: [ReportExecutionHttpController],
  providers: [
    {
      provide: REPORT_OUTPUT,
      inject: [REPORTING_CONFIG],
      useFactory: (config: ReportingConfig): ReportOutputSettings => ({
        outputDir: config.REPORT_OUTPUT_DIR,
        maxRows: config.REPORT_MAX_ROWS,
      }),
    },
    RunReportHandler,
    RenderReportJob,
    ListReportExecutionsQuery,
    GetReportExecutionQuery,
    DownloadReportFileQuery,
  ],
  // A schedule's tick starts its runs the way POST /reports/:id/executions does.
  exports: [RunReportHandler],
})
export class ReportExecutionsModule {}
