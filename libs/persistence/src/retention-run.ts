import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { EventDefinition, newEvent, RetentionDataClass, RetentionReceipt, retentionReceiptSchema, streamIds } from '@mindhill/contracts';
import { EventContext, EventStore } from './event-store';
import { completeJob, enqueueDailyJob } from './job-queue';
import { JobWorker } from './job-queue.worker';

export type RetentionTrigger = RetentionReceipt['trigger'];
export type RetentionRequest = { dryRun: boolean; trigger: RetentionTrigger; retentionDays: number };

export const DAY_MS = 86_400_000;

export function retentionCutoff(retentionDays: number, now = new Date()): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

// Appends the receipt of a retention run (dry or not, whatever it matched) on a stream of its
// own, and answers it: what an admin sees is what the audit log keeps.
export async function recordRetentionRun(
  events: EventStore,
  definition: EventDefinition<typeof retentionReceiptSchema>,
  receipt: Omit<RetentionReceipt, 'runId' | 'ranAt'>,
  context: EventContext,
): Promise<RetentionReceipt> {
  const full: RetentionReceipt = { runId: randomUUID(), ...receipt, ranAt: new Date().toISOString() };
  await events.transact((tx) => tx.append(streamIds.retentionRun(full.runId), 0, [newEvent(definition, full)], context));
  return full;
}

const FINISHED = `(status IN ('done', 'cancelled', 'dead') AND updated_at < ?)`;
const BATCH = 1_000;

// Retention of a service's job queue: done, cancelled and dead jobs last updated before the
// cutoff (pending and running ones are never touched). A dry run counts them, per status.
export async function applyJobRetention(
  orm: MikroORM,
  events: EventStore,
  definition: EventDefinition<typeof retentionReceiptSchema>,
  request: RetentionRequest,
  context: EventContext,
): Promise<RetentionReceipt> {
  const cutoff = retentionCutoff(request.retentionDays).toISOString();
  const em = orm.em.fork();
  const rows = await em.execute<{ status: string; n: string }[]>(
    `SELECT status, count(*) AS n FROM job WHERE ${FINISHED} GROUP BY status`,
    [cutoff],
  );
  const matched: Record<string, number> = { done: 0, cancelled: 0, dead: 0 };
  for (const r of rows) matched[r.status] = Number(r.n);
  const removed: Record<string, number> = { done: 0, cancelled: 0, dead: 0 };
  if (!request.dryRun) {
    for (;;) {
      const gone = await em.execute<{ status: string }[]>(
        `DELETE FROM job WHERE id IN (SELECT id FROM job WHERE ${FINISHED} LIMIT ${BATCH}) RETURNING status`,
        [cutoff],
      );
      for (const g of gone) removed[g.status] = (removed[g.status] ?? 0) + 1;
      if (gone.length < BATCH) break;
    }
  }
  const dataClass: RetentionDataClass = 'jobs';
  return recordRetentionRun(
    events,
    definition,
    {
      dataClass,
      dryRun: request.dryRun,
      trigger: request.trigger,
      retentionDays: request.retentionDays,
      cutoff,
      matched,
      removed,
      matchedBytes: 0,
      removedBytes: 0,
    },
    context,
  );
}

// The hour (UTC) of the daily retention runs of contents, sessions and report files; the
// executions' and audit log's runs have their own (WORKFLOWS_/AUDIT_RETENTION_HOUR_UTC).
export const DAILY_RETENTION_HOUR_UTC = 3;

// A daily retention run through the service's durable job queue: planned at start (once per day
// whatever the number of replicas, the job key carries the date), and each run plans the next.
// The run itself must be idempotent (it only removes what is still past its retention).
export class DailyRetentionWorker {
  private readonly worker: JobWorker;

  constructor(
    private readonly orm: MikroORM,
    private readonly kind: string,
    run: () => Promise<unknown>,
    private readonly hourUtc = DAILY_RETENTION_HOUR_UTC,
  ) {
    this.worker = new JobWorker(orm, {
      kinds: [kind],
      leaseMs: 10 * 60_000,
      maxAttempts: { [kind]: 3 },
      handle: async (job) => {
        await run();
        await this.orm.em.fork().transactional(async (em) => {
          await completeJob(em, job.id);
          await enqueueDailyJob(em, this.kind, this.hourUtc);
        });
      },
    });
  }

  async start(): Promise<void> {
    await this.orm.em.fork().transactional((em) => enqueueDailyJob(em, this.kind, this.hourUtc));
    this.worker.start();
  }

  stop(): Promise<void> {
    return this.worker.stop();
  }
}
