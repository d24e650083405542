import { Module } from '@nestjs/common';
import { ReportExecutionsModule } from '../report-executions/report-executions.module';
import { FireReportScheduleJob } from './application/fire-report-schedule/fire-report-schedule.job';

// Cron schedules of reports: the tick that starts a scheduled report's runs (through the report
// executions context's run) and plans the next one. Ticks are planned by the reports context's
// handlers (create, update, archive) with planReportTick, in their transaction.
@Module({
  imports: [ReportExecutionsModule],
  providers: [FireReportScheduleJob],
  exports: [FireReportScheduleJob],
})
export class ReportSchedulesModule {}
