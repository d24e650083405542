import { EntityManager } from '@mikro-orm/postgresql';
import { JOB_CHANNEL } from './job-queue.channel';
import { Job } from './job-queue.policy';
import type { JobSlot } from './job-queue.worker';
import type { EventTransaction } from './event-store';

// The durable job queue (ADR 0008): enqueue, complete and cancel here; the worker, its decisions
// and the care of dead and old jobs beside it.
export * from './job-queue.worker';
export * from './job-queue.policy';
export * from './job-queue.admin';
export * from './job-queue.channel';

// A job to enqueue: due now unless runAfter says otherwise.
export type NewJob = { key: string; kind: string; payload: Record<string, unknown>; runAfter?: Date };

// Enqueues a job unless one with the same key exists (enqueueing is idempotent, so a redelivered
// event asking for the same work enqueues nothing new). Call inside the caller's transaction: its
// commit delivers the NOTIFY that wakes the kind's workers (job-queue.channel.ts).
export async function enqueueJob(em: EntityManager, job: NewJob): Promise<boolean> {
  return (await enqueueJobs(em, [job])) === 1;
}

// Several jobs in one statement (a command that plans more than one timer), each as enqueueJob
// would: an existing key is left alone, each job added is announced. Returns how many were added.
export async function enqueueJobs(em: EntityManager, jobs: readonly NewJob[]): Promise<number> {
  if (jobs.length === 0) return 0;
  const { sql, params } = insertJobs(jobs);
  return (await em.execute<unknown[]>(sql, params)).length;
}

// The same statement as enqueueJobs, sent with the transaction's next one (EventTransaction.later):
// for a caller that does not read how many were added. `onlyIf`, an SQL condition evaluated when
// the statement runs, lets a caller plan jobs that depend on a look without a round trip for it.
export function enqueueJobsLater(tx: Pick<EventTransaction, 'later'>, jobs: readonly NewJob[], onlyIf = 'true'): void {
  if (jobs.length === 0) return;
  const { sql, params } = insertJobs(jobs, onlyIf);
  tx.later(sql, params);
}

// The insert behind every enqueue: one row per job added, each announced by a NOTIFY.
function insertJobs(jobs: readonly NewJob[], onlyIf = 'true'): { sql: string; params: unknown[] } {
  return {
    sql: `WITH added AS (
       INSERT INTO job (job_key, kind, payload, run_after)
       SELECT * FROM (VALUES ${jobs.map(() => '(?::varchar, ?::varchar, ?::jsonb, ?::timestamptz)').join(', ')}) AS j WHERE ${onlyIf}
       ON CONFLICT (job_key) DO NOTHING RETURNING kind, run_after)
     SELECT pg_notify(?, kind || ' ' || floor(extract(epoch FROM run_after) * 1000)::bigint) FROM added`,
    params: [...jobs.flatMap((j) => [j.key, j.kind, JSON.stringify(j.payload), (j.runAfter ?? new Date()).toISOString()]), JOB_CHANNEL],
  };
}

// Enqueues a job already claimed by this process for a lease (a JobSlot's): no NOTIFY, since no
// other worker is to look; it runs when the slot hands it over after the commit. Null when a job
// with the key exists (a redelivered request).
export async function enqueueClaimedJob(
  em: EntityManager,
  job: { key: string; kind: string; payload: Record<string, unknown> },
  leaseMs: number,
): Promise<Job | null> {
  const rows = await em.execute<{ id: string; job_key: string; kind: string; payload: Record<string, unknown>; attempts: number }[]>(
    `INSERT INTO job (job_key, kind, payload, run_after, status, attempts, locked_until)
     VALUES (?, ?, ?, now(), 'running', 1, now() + (? * interval '1 millisecond'))
     ON CONFLICT (job_key) DO NOTHING RETURNING id, job_key, kind, payload, attempts`,
    [job.key, job.kind, JSON.stringify(job.payload), leaseMs],
  );
  const row = rows[0];
  return row ? { id: String(row.id), key: row.job_key, kind: row.kind, payload: row.payload, attempts: row.attempts } : null;
}

// Several jobs claimed so, in one statement through the transaction (what it holds back is sent
// first): the jobs added, in the order given (a key that exists is left alone).
export async function enqueueClaimedJobs(tx: Pick<EventTransaction, 'execute'>, jobs: readonly NewJob[], leaseMs: number): Promise<Job[]> {
  if (jobs.length === 0) return [];
  const rows = await tx.execute<{ id: string; job_key: string; kind: string; payload: Record<string, unknown>; attempts: number }>(
    `INSERT INTO job (job_key, kind, payload, run_after, status, attempts, locked_until)
     VALUES ${jobs.map(() => `(?, ?, ?, now(), 'running', 1, now() + (? * interval '1 millisecond'))`).join(', ')}
     ON CONFLICT (job_key) DO NOTHING RETURNING id, job_key, kind, payload, attempts`,
    jobs.flatMap((j) => [j.key, j.kind, JSON.stringify(j.payload), leaseMs]),
  );
  const added = new Map(rows.map((r) => [r.job_key, r]));
  return jobs.flatMap((j) => {
    const row = added.get(j.key);
    return row ? [{ id: String(row.id), key: row.job_key, kind: row.kind, payload: row.payload, attempts: row.attempts }] : [];
  });
}

// A batch's jobs for a worker with `slots` reserved (its idle loops, JobWorker.reserveSlot): as
// many as there are slots go in claimed, to be handed over after the commit (handOver); the rest
// wait in the queue and are announced by NOTIFY at the commit.
export async function enqueueForSlots(
  tx: Pick<EventTransaction, 'execute' | 'later'>,
  jobs: readonly NewJob[],
  slots: readonly JobSlot[],
): Promise<Job[]> {
  enqueueJobsLater(tx, jobs.slice(slots.length));
  return enqueueClaimedJobs(tx, jobs.slice(0, slots.length), slots[0]?.leaseMs ?? 0);
}

// Up to `count` idle loops of a worker, reserved for jobs about to be enqueued claimed.
export function reserveSlots(worker: { reserveSlot(): JobSlot | null }, count: number): JobSlot[] {
  const slots: JobSlot[] = [];
  while (slots.length < count) {
    const slot = worker.reserveSlot();
    if (!slot) break;
    slots.push(slot);
  }
  return slots;
}

// After the commit: each claimed job to a slot (the caller gives back the slots left over).
export function handOver(slots: readonly JobSlot[], claimed: readonly Job[]): void {
  claimed.forEach((job, i) => slots[i]?.run(job));
}

// Marks a job done inside the transaction that writes its results: both commit, or neither.
export async function completeJob(em: EntityManager, jobId: string): Promise<void> {
  await em.execute(`UPDATE job SET status = 'done', locked_until = NULL, updated_at = now() WHERE id = ?`, [jobId], 'run');
}

// The same, sent with the transaction's next statement (EventTransaction.later): the last write of
// a job's outcome travels with the others.
export function completeJobLater(tx: Pick<EventTransaction, 'later'>, jobId: string): void {
  tx.later(`UPDATE job SET status = 'done', locked_until = NULL, updated_at = now() WHERE id = ?`, [jobId]);
}

// Cancels pending jobs whose key starts with the prefix (e.g. everything of a cancelled run).
export async function cancelJobs(em: EntityManager, keyPrefix: string): Promise<number> {
  const rows = await em.execute<unknown[]>(
    `UPDATE job SET status = 'cancelled', updated_at = now() WHERE job_key LIKE ? AND status IN ('pending', 'running') RETURNING 1`,
    [`${keyPrefix.replace(/[%_]/g, '\\$&')}%`],
  );
  return rows.length;
}

// cancelJobs for several prefixes, sent with the transaction's next statement.
export function cancelJobsLater(tx: Pick<EventTransaction, 'later'>, keyPrefixes: readonly string[]): void {
  if (keyPrefixes.length === 0) return;
  tx.later(
    `UPDATE job SET status = 'cancelled', updated_at = now() WHERE (${keyPrefixes.map(() => 'job_key LIKE ?').join(' OR ')}) AND status IN ('pending', 'running')`,
    keyPrefixes.map((prefix) => `${prefix.replace(/[%_]/g, '\\$&')}%`),
  );
}

// Enqueues the next run of a daily job at the given UTC hour (today if still ahead, else
// tomorrow), keyed by its date so a restart does not enqueue it twice.
export async function enqueueDailyJob(em: EntityManager, kind: string, hourUtc: number): Promise<void> {
  const next = new Date();
  next.setUTCHours(hourUtc, 0, 0, 0);
  if (next.getTime() <= Date.now()) next.setUTCDate(next.getUTCDate() + 1);
  await enqueueJob(em, { key: `${kind}:${next.toISOString().slice(0, 10)}`, kind, payload: {}, runAfter: next });
}
