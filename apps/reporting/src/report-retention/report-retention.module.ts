import { Module } from '@nestjs/common';
import { REPORTING_CONFIG } from '../reporting-backbone.module';
import { ReportingConfig } from '../reporting.config';
import { ExpireReportFilesHandler, REPORT_FILES_DIR } from './application/expire-report-files/expire-report-files.handler';
import { ExpireReportFilesJob } from './application/expire-report-files/expire-report-files.job';
import { ReportRetentionHttpController } from './interface/report-retention.http-controller';

// Retention of rendered report files: daily, and on an admin's request (a dry run by default).
@Module({
  controllers: [ReportRetentionHttpController],
  providers: [
    { provide: REPORT_FILES_DIR, inject: [REPORTING_CONFIG], useFactory: (config: ReportingConfig) => config.REPORT_OUTPUT_DIR },
    ExpireReportFilesHandler,
    ExpireReportFilesJob,
  ],
})
export class ReportRetentionModule {}
