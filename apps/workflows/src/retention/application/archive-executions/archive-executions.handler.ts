import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { executionsArchived, newEvent, streamIds } from '@mindhill/contracts';
import { assertAdmin } from '@mindhill/domain';
import { EventContext, EventStore } from '@mindhill/persistence';
import { EXECUTION_RETENTION, ExecutionRetention } from '../../../workflows.settings';
import { ArchiveExecutionsBody } from './archive-executions.schema';

const BATCH = 1_000;

export type ArchiveReport = { dryRun: boolean; retentionDays: number; cutoff: string; matched: number; archived: number };

// Archives finished executions past the retention period (archived_at, errata 3), in batches of
// a thousand, each an event so a rebuild keeps it. An admin's request (a dry run by default) or
// the daily job.
@Injectable()
export class ArchiveExecutionsHandler {
  constructor(
    private readonly orm: MikroORM,
    private readonly events: EventStore,
    @Inject(EXECUTION_RETENTION) private readonly retention: ExecutionRetention,
  ) {}

  execute(body: ArchiveExecutionsBody, context: EventContext): Promise<ArchiveReport> {
    assertAdmin(context.actor, 'Retention');
    return this.archive(body.dryRun, context, 'request');
  }

  async archive(dryRun: boolean, context: EventContext, trigger: 'schedule' | 'request'): Promise<ArchiveReport> {
    const cutoff = new Date(Date.now() - this.retention.days * 86_400_000).toISOString();
    const select = `SELECT uuid FROM workflow_executions WHERE completed_at < ? AND archived_at IS NULL ORDER BY id`;
    const matched = (await this.orm.em.fork().execute<{ uuid: string }[]>(select, [cutoff])).length;
    let archived = 0;
    let recorded = false;
    while (!dryRun) {
      const ids = (await this.orm.em.fork().execute<{ uuid: string }[]>(`${select} LIMIT ${BATCH}`, [cutoff])).map((r) => r.uuid);
      // A real run is always on record, also when nothing was old enough (an empty list).
      if (ids.length === 0 && recorded) break;
      recorded = true;
      const runId = randomUUID();
      const event = newEvent(executionsArchived, {
        runId,
        executionIds: ids,
        retentionDays: this.retention.days,
        cutoff,
        archivedAt: new Date().toISOString(),
        trigger,
      });
      await this.events.transact((tx) => tx.append(streamIds.retentionRun(runId), 0, [event], context));
      archived += ids.length;
      if (ids.length < BATCH) break;
    }
    return { dryRun, retentionDays: this.retention.days, cutoff, matched, archived };
  }
}
