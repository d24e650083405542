import { Module } from '@nestjs/common';
import { ReportExecutionsModule } from '../report-executions/report-executions.module';
import { FireReportScheduleJob } from './application/fire-report-schedule/fire-report-schedule.job';
import { PreviewReportScheduleQuery } from './application/preview-report-schedule/preview-report-schedule.query';
import { ReportScheduleHttpController } from './interface/report-schedule.http-controller';

// Cron schedules of reports: a preview of the fire times, the tick that starts a scheduled report's runs (through the report
// executions context's run) and plans the next one. Ticks are planned by the reports context's
// handlers (create, update, archive) with planReportTick, in their transaction.
@Module({
  imports: [ReportExecutionsModule],
  controllers: [ReportScheduleHttpController],
  providers: [FireReportScheduleJob, PreviewReportScheduleQuery],
  exports: [FireReportScheduleJob],
})
export class ReportSchedulesModule {}
