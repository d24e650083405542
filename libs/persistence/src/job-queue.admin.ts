import { EntityManager } from '@mikro-orm/postgresql';
import { JOB_CHANNEL } from './job-queue.channel';
import { Job } from './job-queue.policy';

// Dead jobs, for code that looks after them (an admin route, a script, a test): listed, and put
// back in the queue once their cause is fixed; finished jobs are deleted after their retention.

export type DeadJob = Job & { lastError: string | null; diedAt: Date };

type DeadRow = {
  id: string;
  job_key: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  last_error: string | null;
  updated_at: Date | string;
};

// Most recent first.
export async function listDeadJobs(em: EntityManager, options: { kind?: string; limit?: number } = {}): Promise<DeadJob[]> {
  const rows = await em.execute<DeadRow[]>(
    `SELECT id, job_key, kind, payload, attempts, last_error, updated_at FROM job
      WHERE status = 'dead' AND (?::text IS NULL OR kind = ?) ORDER BY updated_at DESC, id DESC LIMIT ?`,
    [options.kind ?? null, options.kind ?? null, options.limit ?? 100],
  );
  return rows.map((r) => ({
    id: String(r.id),
    key: r.job_key,
    kind: r.kind,
    payload: r.payload,
    attempts: r.attempts,
    lastError: r.last_error,
    diedAt: new Date(r.updated_at),
  }));
}

// Puts dead jobs (the given ones, or every one of a kind) back in the queue, due now with a fresh
// count of attempts; the last error stays until the next attempt writes its own; their kinds'
// workers are woken at the commit. Returns how many.
export async function requeueDeadJobs(em: EntityManager, which: { ids: readonly string[] } | { kind: string }): Promise<number> {
  if ('ids' in which && which.ids.length === 0) return 0;
  const filter = 'ids' in which ? `id IN (${which.ids.map(() => '?').join(', ')})` : 'kind = ?';
  const params = 'ids' in which ? which.ids : [which.kind];
  // A SELECT in a WITH runs only if read: the count of `woken` makes the NOTIFYs happen.
  const [row] = await em.execute<{ requeued: number }[]>(
    `WITH requeued AS (
       UPDATE job SET status = 'pending', attempts = 0, run_after = now(), locked_until = NULL, updated_at = now()
        WHERE status = 'dead' AND ${filter} RETURNING kind),
     woken AS (SELECT pg_notify(?, kind) FROM (SELECT DISTINCT kind FROM requeued) k)
     SELECT (SELECT count(*) FROM requeued)::int AS requeued, (SELECT count(*) FROM woken)::int AS woken`,
    [...params, JOB_CHANNEL],
  );
  return row?.requeued ?? 0;
}

// Deletes done and cancelled jobs of the kinds finished before `finishedBefore`, and dead ones
// dead since before `deadBefore`, in batches that keep each statement short. Returns how many.
export async function purgeFinishedJobs(
  em: EntityManager,
  options: { kinds: readonly string[]; finishedBefore: Date; deadBefore: Date; batchSize?: number },
): Promise<number> {
  if (options.kinds.length === 0) return 0;
  const batch = options.batchSize ?? 1_000;
  const kinds = options.kinds.map(() => '?').join(', ');
  let deleted = 0;
  for (;;) {
    const rows = await em.execute<unknown[]>(
      `DELETE FROM job WHERE id IN (
         SELECT id FROM job
          WHERE kind IN (${kinds})
            AND ((status IN ('done', 'cancelled') AND updated_at < ?) OR (status = 'dead' AND updated_at < ?))
          LIMIT ?)
       RETURNING 1`,
      [...options.kinds, options.finishedBefore.toISOString(), options.deadBefore.toISOString(), batch],
    );
    deleted += rows.length;
    if (rows.length < batch) return deleted;
  }
}
