import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { completeJob, enqueueDailyJob, EventContext } from '@mindhill/persistence';
import { EXECUTION_RETENTION, ExecutionRetention } from '../../../workflows.settings';
import { ArchiveExecutionsHandler } from './archive-executions.handler';

export const RETENTION_JOB = 'execution-retention';

// Job: the daily archiving, at WORKFLOWS_RETENTION_HOUR_UTC. Planned at start (once per day
// whatever the number of replicas); each run plans the next.
@Injectable()
export class ArchiveExecutionsJob implements OnApplicationBootstrap {
  constructor(
    private readonly orm: MikroORM,
    private readonly archiveExecutions: ArchiveExecutionsHandler,
    @Inject(EXECUTION_RETENTION) private readonly retention: ExecutionRetention,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.orm.em.fork().transactional((em) => this.scheduleNext(em));
  }

  // Archiving is idempotent (only unarchived rows): run, then complete and plan the next day.
  async run(jobId: string, context: EventContext): Promise<void> {
    await this.archiveExecutions.archive(false, context, 'schedule');
    await this.orm.em.fork().transactional(async (em) => {
      await completeJob(em, jobId);
      await this.scheduleNext(em);
    });
  }

  private scheduleNext(em: EntityManager): Promise<void> {
    return enqueueDailyJob(em, RETENTION_JOB, this.retention.hourUtc);
  }
}
