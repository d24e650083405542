import { Module } from '@nestjs/common';
import { ExecutionModule } from '../execution/execution.module';
import { RetentionModule } from '../retention/retention.module';
import { ScheduleModule } from '../schedule/schedule.module';
import { WorkflowsJobsWorker } from './interface/workflows-jobs.worker';

// The one job worker of the service: it takes due jobs of every kind from the job queue and
// hands each to the use case of its context.
@Module({
  imports: [ExecutionModule, ScheduleModule, RetentionModule],
  providers: [WorkflowsJobsWorker],
})
export class JobsModule {}
