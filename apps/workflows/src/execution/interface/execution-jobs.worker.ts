import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { JobWorker } from '@mindhill/persistence';
import { systemContext } from '@mindhill/platform';
import { ScheduleTick } from '../../schedule/workflow-scheduler';
import { ExecutionCommands, JOB_KINDS } from '../application/execution.commands';
import { ExecutionRetentionService, RETENTION_JOB } from '../../retention/execution-retention.service';
import { completeJob } from '@mindhill/persistence';

// Runs the orchestrator's timed work: retries after their backoff, stage and run timeouts, and
// scheduled runs.
// Each job's decision and its completion commit together.
@Injectable()
export class ExecutionJobsWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly worker: JobWorker;

  constructor(
    private readonly orm: MikroORM,
    private readonly commands: ExecutionCommands,
    private readonly retention: ExecutionRetentionService,
  ) {
    this.worker = new JobWorker(orm, {
      kinds: [...Object.values(JOB_KINDS), RETENTION_JOB],
      pollMs: 100,
      leaseMs: 30_000,
      concurrency: 2,
      handle: async (job) => {
        const payload = job.payload as { executionId: string; stageOrder: number; attempt: number };
        const context = systemContext();
        if (job.kind === JOB_KINDS.retry) await this.commands.retryStage(payload, context, job.id);
        else if (job.kind === JOB_KINDS.stageTimeout) await this.commands.stageTimedOut(payload, context, job.id);
        else if (job.kind === JOB_KINDS.runTimeout) await this.commands.runTimedOut(payload.executionId, context, job.id);
        else if (job.kind === JOB_KINDS.scheduleTick)
          await this.commands.triggerScheduled(job.payload as unknown as ScheduleTick, job.id, context);
        else if (job.kind === RETENTION_JOB) {
          // Archiving is idempotent (only unarchived rows): run, then complete and plan the next day.
          await this.retention.run(false, context, 'schedule');
          await this.orm.em.fork().transactional(async (em) => {
            await completeJob(em, job.id);
            await this.retention.scheduleNext(em);
          });
        }
      },
    });
  }

  onApplicationBootstrap(): void {
    this.worker.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker.stop();
  }
}
