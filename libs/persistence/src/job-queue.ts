import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { getLogger } from '@mindhill/platform';

export type Job<P = Record<string, unknown>> = { id: string; key: string; kind: string; payload: P; attempts: number };

// Enqueues a job unless one with the same key exists (enqueueing is idempotent, so a redelivered
// event asking for the same work enqueues nothing new). Call inside the caller's transaction.
export async function enqueueJob(
  em: EntityManager,
  job: { key: string; kind: string; payload: Record<string, unknown>; runAfter?: Date },
): Promise<boolean> {
  const rows = await em.execute<unknown[]>(
    'INSERT INTO job (job_key, kind, payload, run_after) VALUES (?, ?, ?, ?) ON CONFLICT (job_key) DO NOTHING RETURNING 1',
    [job.key, job.kind, JSON.stringify(job.payload), (job.runAfter ?? new Date()).toISOString()],
  );
  return rows.length === 1;
}

// Marks a job done inside the transaction that writes its results: both commit, or neither.
export async function completeJob(em: EntityManager, jobId: string): Promise<void> {
  await em.execute(`UPDATE job SET status = 'done', locked_until = NULL, updated_at = now() WHERE id = ?`, [jobId], 'run');
}

// Cancels pending jobs whose key starts with the prefix (e.g. everything of a cancelled run).
export async function cancelJobs(em: EntityManager, keyPrefix: string): Promise<number> {
  const rows = await em.execute<unknown[]>(
    `UPDATE job SET status = 'cancelled', updated_at = now() WHERE job_key LIKE ? AND status IN ('pending', 'running') RETURNING 1`,
    [`${keyPrefix.replace(/[%_]/g, '\\$&')}%`],
  );
  return rows.length;
}

export type JobHandler = (job: Job, lease: { extend(): Promise<void> }) => Promise<void>;

export type JobWorkerOptions = {
  kinds: readonly string[];
  handle: JobHandler;
  // A job whose worker died is picked up again when its lease runs out.
  leaseMs?: number;
  pollMs?: number;
  concurrency?: number;
  // Delay before a job whose handler threw runs again.
  retryDelayMs?: (attempts: number) => number;
};

// Runs due jobs of the given kinds. The handler must call completeJob in its own transaction;
// a handler that throws puts the job back with a delay.
export class JobWorker {
  private readonly logger = getLogger('job-worker');
  private running = false;
  private loops: Promise<void>[] = [];
  private wake: (() => void)[] = [];

  constructor(
    private readonly orm: MikroORM,
    private readonly options: JobWorkerOptions,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loops = Array.from({ length: this.options.concurrency ?? 1 }, () => this.loop());
  }

  kick(): void {
    for (const w of this.wake.splice(0)) w();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.kick();
    await Promise.all(this.loops);
  }

  // Claims and runs one due job; false when none was due.
  async runOnce(): Promise<boolean> {
    const job = await this.claim();
    if (!job) return false;
    // While the handler runs, the lease is renewed; a worker that dies stops renewing it and the
    // job is taken over once the lease runs out.
    const heartbeat = setInterval(
      () => void this.extend(job.id).catch(() => undefined),
      Math.max(100, (this.options.leaseMs ?? 60_000) / 3),
    );
    try {
      await this.options.handle(job, { extend: () => this.extend(job.id) });
    } catch (error) {
      const delay = this.options.retryDelayMs?.(job.attempts) ?? Math.min(30_000, 500 * 2 ** job.attempts);
      this.logger.warn({ err: error, jobId: job.id, kind: job.kind, attempts: job.attempts }, 'Job failed; will run again');
      await this.orm.em.fork().execute(
        `UPDATE job SET status = 'pending', locked_until = NULL, last_error = ?, run_after = now() + (? * interval '1 millisecond'), updated_at = now()
          WHERE id = ? AND status = 'running'`,
        [String((error as Error)?.message ?? error).slice(0, 2000), delay, job.id],
        'run',
      );
    } finally {
      clearInterval(heartbeat);
    }
    return true;
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        if (await this.runOnce()) continue;
      } catch (error) {
        this.logger.warn({ err: error }, 'Job claim failed');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollMs ?? 250);
        this.wake.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private async claim(): Promise<Job | null> {
    const lease = this.options.leaseMs ?? 60_000;
    const rows = await this.orm.em
      .fork()
      .execute<{ id: string; job_key: string; kind: string; payload: Record<string, unknown>; attempts: number }[]>(
        `UPDATE job SET status = 'running', attempts = attempts + 1, locked_until = now() + (? * interval '1 millisecond'), updated_at = now()
        WHERE id = (
          SELECT id FROM job
           WHERE kind IN (${this.options.kinds.map(() => '?').join(', ')})
             AND ((status = 'pending' AND run_after <= now()) OR (status = 'running' AND locked_until < now()))
           ORDER BY run_after, id
           FOR UPDATE SKIP LOCKED
           LIMIT 1)
        RETURNING id, job_key, kind, payload, attempts`,
        [lease, ...this.options.kinds],
      );
    const row = rows[0];
    return row ? { id: String(row.id), key: row.job_key, kind: row.kind, payload: row.payload, attempts: row.attempts } : null;
  }

  private async extend(jobId: string): Promise<void> {
    await this.orm.em
      .fork()
      .execute(
        `UPDATE job SET locked_until = now() + (? * interval '1 millisecond') WHERE id = ? AND status = 'running'`,
        [this.options.leaseMs ?? 60_000, jobId],
        'run',
      );
  }
}

// Enqueues the next run of a daily job at the given UTC hour (today if still ahead, else
// tomorrow), keyed by its date so a restart does not enqueue it twice.
export async function enqueueDailyJob(em: EntityManager, kind: string, hourUtc: number): Promise<void> {
  const next = new Date();
  next.setUTCHours(hourUtc, 0, 0, 0);
  if (next.getTime() <= Date.now()) next.setUTCDate(next.getUTCDate() + 1);
  await enqueueJob(em, { key: `${kind}:${next.toISOString().slice(0, 10)}`, kind, payload: {}, runAfter: next });
}
