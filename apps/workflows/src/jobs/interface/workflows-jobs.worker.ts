import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { Job, JobWorker } from '@mindhill/persistence';
import { systemContext } from '@mindhill/platform';
import { AdmitWaitingRunsJob } from '../../execution/application/admit-waiting-runs/admit-waiting-runs.job';
import { RetryStageJob } from '../../execution/application/retry-stage/retry-stage.job';
import { TimeOutRunJob } from '../../execution/application/time-out-run/time-out-run.job';
import { TimeOutStageJob } from '../../execution/application/time-out-stage/time-out-stage.job';
import { EXECUTION_JOB_KINDS, runJobSchema, stageJobSchema } from '../../execution/infrastructure/execution-timers.store';
import { ArchiveExecutionsJob, RETENTION_JOB } from '../../retention/application/archive-executions/archive-executions.job';
import { FireScheduleJob } from '../../schedule/application/fire-schedule/fire-schedule.job';
import { SCHEDULE_TICK, scheduleTickSchema } from '../../schedule/infrastructure/schedule-ticks.store';

// Runs the service's timed work from the job queue: retries after their backoff, stage and run
// timeouts, waiting runs' admission when a run ends, scheduled runs and the daily retention. Each job's decision and its completion
// commit together; a job whose handler throws is tried again later.
@Injectable()
export class WorkflowsJobsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly worker: JobWorker;
  private readonly handlers: Record<string, (job: Job) => Promise<void>>;

  constructor(
    orm: MikroORM,
    retryStage: RetryStageJob,
    timeOutStage: TimeOutStageJob,
    timeOutRun: TimeOutRunJob,
    fireSchedule: FireScheduleJob,
    archiveExecutions: ArchiveExecutionsJob,
    admitWaitingRuns: AdmitWaitingRunsJob,
  ) {
    this.handlers = {
      [EXECUTION_JOB_KINDS.retry]: (job) => retryStage.run(stageJobSchema.parse(job.payload), job.id, systemContext()),
      [EXECUTION_JOB_KINDS.stageTimeout]: (job) => timeOutStage.run(stageJobSchema.parse(job.payload), job.id, systemContext()),
      [EXECUTION_JOB_KINDS.runTimeout]: (job) => timeOutRun.run(runJobSchema.parse(job.payload), job.id, systemContext()),
      [EXECUTION_JOB_KINDS.admit]: (job) => admitWaitingRuns.run(job.id, systemContext()),
      [SCHEDULE_TICK]: (job) => fireSchedule.run(scheduleTickSchema.parse(job.payload), job.id, systemContext()),
      [RETENTION_JOB]: (job) => archiveExecutions.run(job.id, systemContext()),
    };
    this.worker = new JobWorker(orm, {
      kinds: Object.keys(this.handlers),
      leaseMs: 30_000,
      concurrency: 2,
      handle: (job) => this.handlers[job.kind]?.(job) ?? Promise.resolve(),
    });
  }

  onApplicationBootstrap(): void {
    this.worker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }
}
