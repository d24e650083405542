import { randomUUID } from 'node:crypto';
import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { executionsArchived } from '@mindhill/contracts';
import { enqueueDailyJob, EventContext, EventStore, newEvent } from '@mindhill/persistence';

export const EXECUTION_RETENTION = Symbol('EXECUTION_RETENTION');
export type ExecutionRetention = { days: number; hourUtc: number };
export const RETENTION_JOB = 'execution-retention';
const BATCH = 1_000;

export type ArchiveReport = { dryRun: boolean; retentionDays: number; cutoff: string; matched: number; archived: number };

// Archives finished executions past the retention period (archived_at, errata 3): a daily job
// and an admin request, with a dry run. Archiving is an event, so a rebuild keeps it.
@Injectable()
export class ExecutionRetentionService implements OnApplicationBootstrap {
  constructor(
    private readonly orm: MikroORM,
    private readonly events: EventStore,
    @Inject(EXECUTION_RETENTION) private readonly retention: ExecutionRetention,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.orm.em.fork().transactional((em) => this.scheduleNext(em));
  }

  async run(dryRun: boolean, context: EventContext, trigger: 'schedule' | 'request' = 'request'): Promise<ArchiveReport> {
    const cutoff = new Date(Date.now() - this.retention.days * 86_400_000).toISOString();
    const select = `SELECT uuid FROM workflow_executions WHERE completed_at < ? AND archived_at IS NULL ORDER BY id`;
    const matched = (await this.orm.em.fork().execute<{ uuid: string }[]>(select, [cutoff])).length;
    let archived = 0;
    while (!dryRun) {
      const ids = (await this.orm.em.fork().execute<{ uuid: string }[]>(`${select} LIMIT ${BATCH}`, [cutoff])).map((r) => r.uuid);
      if (ids.length === 0) break;
      const runId = randomUUID();
      await this.events.transact((tx) =>
        tx.append(
          `retention-${runId}`,
          0,
          [
            newEvent(executionsArchived, {
              runId,
              executionIds: ids,
              retentionDays: this.retention.days,
              cutoff,
              archivedAt: new Date().toISOString(),
              trigger,
            }),
          ],
          context,
        ),
      );
      archived += ids.length;
      if (ids.length < BATCH) break;
    }
    return { dryRun, retentionDays: this.retention.days, cutoff, matched, archived };
  }

  scheduleNext(em: Parameters<typeof enqueueDailyJob>[0]): Promise<void> {
    return enqueueDailyJob(em, RETENTION_JOB, this.retention.hourUtc);
  }
}
