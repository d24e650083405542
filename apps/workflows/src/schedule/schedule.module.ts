import { Module } from '@nestjs/common';
import { ExecutionModule } from '../execution/execution.module';
import { FireScheduleJob } from './application/fire-schedule/fire-schedule.job';
import { GetWorkflowScheduleQuery } from './application/get-workflow-schedule/get-workflow-schedule.query';
import { PreviewScheduleQuery } from './application/preview-schedule/preview-schedule.query';
import { ScheduleHttpController } from './interface/schedule.http-controller';

// Cron schedules of workflows: previews, and the tick that starts a scheduled run (through the
// execution context's start).
@Module({
  imports: [ExecutionModule],
  controllers: [ScheduleHttpController],
  providers: [FireScheduleJob, GetWorkflowScheduleQuery, PreviewScheduleQuery],
  exports: [FireScheduleJob],
})
export class ScheduleModule {}
