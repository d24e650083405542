import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { EventDefinition, newEvent, RetentionDataClass, RetentionReceipt, retentionReceiptSchema, streamIds } from '@mindhill/contracts';
import { EventContext, EventStore } from './event-store';

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
