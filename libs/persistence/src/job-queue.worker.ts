import { MikroORM } from '@mikro-orm/postgresql';
import { getLogger } from '@mindhill/platform';
import { purgeFinishedJobs } from './job-queue.admin';
import { JOB_CHANNEL, parseJobNotification } from './job-queue.channel';
import {
  assertAttemptCaps,
  AttemptCaps,
  attemptCap,
  decideAfterFailure,
  decideOnClaim,
  DEFAULT_JOB_RETENTION,
  defaultJobRetryDelayMs,
  Job,
  JobRetention,
  retentionCutoffs,
} from './job-queue.policy';
import { pgListenerFor } from './pg-listener';

export type JobHandler = (job: Job, lease: { extend(): Promise<void> }) => Promise<void>;

// An idle loop of this worker held for a job the caller is about to enqueue already claimed
// (enqueueClaimedJob, in the caller's transaction): after the commit, `run` hands the job over
// with no NOTIFY, claim or look-up round trip; `release` gives the loop back when no job came
// of it (a duplicate, a rollback). Either may be called more than once; the first one counts.
export type JobSlot = { leaseMs: number; run(job: Job): void; release(): void };

export type JobWorkerOptions = {
  kinds: readonly string[];
  handle: JobHandler;
  // A job whose worker died is picked up again when its lease runs out.
  leaseMs?: number;
  // A committed job wakes the worker (NOTIFY, job-queue.channel.ts) and a delayed one is awaited
  // to its due time, and a lease that runs out is awaited to its end; this poll is only the
  // safety net for a notification lost while the LISTEN connection was down (a reconnect looks at
  // once anyway), so it is long (default 30 s): each look is two statements per loop at rest. A job
  // made due by hand needs its NOTIFY too (the admin tools send it; tests: makeJobsDueSql).
  pollMs?: number;
  // Test-only: no LISTEN, the poll alone finds jobs.
  listen?: boolean;
  concurrency?: number;
  // Delay before a job whose handler threw runs again (default: 1 s doubling to 30 s).
  retryDelayMs?: (attempts: number) => number;
  // Attempts before a failing job is dead (job-queue.policy.ts); none by default.
  maxAttempts?: AttemptCaps;
  // How long this worker's finished and dead jobs are kept; false keeps them.
  retention?: Partial<JobRetention> | false;
};

const MIN_WAIT_MS = 20;
const DEFAULT_POLL_MS = 30_000;

type ClaimedRow = {
  id: string | null;
  job_key: string | null;
  kind: string | null;
  payload: Record<string, unknown> | null;
  attempts: number | null;
  next_due_ms: number | null;
};

// Runs due jobs of the given kinds. The handler must call completeJob in its own transaction;
// a handler that throws puts the job back with a delay, or, at its kind's attempt cap, makes it
// dead. Every sweep period the worker deletes its kinds' jobs that are past their retention.
export class JobWorker {
  private readonly logger = getLogger('job-worker');
  private readonly retention: JobRetention | null;
  private running = false;
  private loops: Promise<void>[] = [];
  // The loops asleep, each by its waker.
  private readonly wake = new Set<() => void>();
  // Jobs handed over by reserved slots, and slots reserved and not yet used.
  private readonly handed: Job[] = [];
  private reserved = 0;
  // Counts kicks, so a kick that lands while a loop is claiming is not slept through.
  private kicks = 0;
  private unlisten?: () => Promise<void>;
  private sweepTimer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly orm: MikroORM,
    private readonly options: JobWorkerOptions,
  ) {
    assertAttemptCaps(options.maxAttempts);
    this.retention = options.retention === false ? null : { ...DEFAULT_JOB_RETENTION, ...options.retention };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    if (this.options.listen !== false) {
      const kinds = new Set(this.options.kinds);
      this.unlisten = pgListenerFor(this.orm).subscribe(JOB_CHANNEL, {
        notify: (payload) => {
          const { kind, dueAt } = parseJobNotification(payload);
          if (kinds.has(kind)) this.wakeAt(dueAt);
        },
        listening: () => this.kick(),
      });
    }
    this.loops = Array.from({ length: this.options.concurrency ?? 1 }, () => this.loop());
    // The first sweep a minute after start, so a service restarted often still sweeps.
    if (this.retention) this.scheduleSweep(Math.min(60_000, this.retention.sweepEveryMs));
  }

  // A job due now wakes the loops; a delayed one wakes them at its due time if that comes before
  // their next look anyway (the safety poll, after which they work out the next due time). A
  // run's timeouts, due minutes later, so cost nothing at enqueueing.
  private wakeAt(dueAt: number | null): void {
    const inMs = dueAt === null ? 0 : dueAt - Date.now();
    if (inMs <= MIN_WAIT_MS) return this.kick();
    if (inMs >= (this.options.pollMs ?? DEFAULT_POLL_MS)) return;
    const timer = setTimeout(() => this.running && this.kick(), inMs);
    timer.unref();
  }

  kick(): void {
    this.kicks++;
    for (const w of [...this.wake]) w();
  }

  // A slot when a loop is asleep and not promised to another hand-over; null otherwise (the
  // caller then enqueues as usual and the job waits for a loop).
  reserveSlot(): JobSlot | null {
    if (!this.running || this.wake.size - this.reserved - this.handed.length <= 0) return null;
    this.reserved++;
    let open = true;
    const close = () => {
      if (!open) return false;
      open = false;
      this.reserved--;
      return true;
    };
    return {
      leaseMs: this.options.leaseMs ?? 60_000,
      run: (job) => {
        if (!close()) return;
        this.handed.push(job);
        // Stopped meanwhile: back to the queue for another worker.
        if (!this.running) return void this.returnHanded();
        // One sleeper is enough; a loop about to sleep or done with its job looks here first.
        const [waker] = this.wake;
        waker?.();
      },
      release: () => void close(),
    };
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.sweepTimer);
    this.kick();
    await Promise.all([...this.loops, this.sweeping, this.unlisten?.()]);
    this.unlisten = undefined;
    await this.returnHanded();
  }

  // Jobs handed over and never started go back to the queue for any worker, as if never claimed.
  private async returnHanded(): Promise<void> {
    const ids = this.handed.splice(0).map((j) => j.id);
    if (ids.length === 0) return;
    await this.orm.em
      .fork()
      .execute(
        `UPDATE job SET status = 'pending', attempts = attempts - 1, locked_until = NULL, updated_at = now()
          WHERE id IN (${ids.map(() => '?').join(', ')}) AND status = 'running'`,
        ids,
        'run',
      )
      .catch((error: unknown) =>
        this.logger.warn({ err: error, jobs: ids.length }, 'Handed-over jobs not returned; their lease will run out'),
      );
  }

  // Claims and runs one due job; false when none was due.
  async runOnce(): Promise<boolean> {
    return typeof (await this.step()) === 'string';
  }

  // The same: how the job ended, or, when none was due, when the next one is (ms from now, null: none).
  private async step(): Promise<'done' | 'failed' | { nextDueMs: number | null }> {
    const claimed = this.handed.shift() ?? (await this.claim());
    if (!('id' in claimed)) return claimed;
    const job = claimed;
    const cap = attemptCap(this.options.maxAttempts, job.kind);
    if (decideOnClaim(job.attempts, cap) === 'dead') {
      await this.bury(job, `JOB.LEASE_EXPIRED: ${job.attempts - 1} attempts ended without an outcome (their worker stopped)`, {
        keepLastError: true,
      });
      return 'failed';
    }
    // While the handler runs, the lease is renewed; a worker that dies stops renewing it and the
    // job is taken over once the lease runs out.
    // A handler's own extend calls (after each source, each progress report) renew it at most as
    // often as the heartbeat would: a short job then costs no renewal at all.
    const renewEveryMs = Math.max(100, (this.options.leaseMs ?? 60_000) / 3);
    let renewedAt = performance.now();
    const renew = () => {
      renewedAt = performance.now();
      return this.extend(job.id);
    };
    const extend = async () => {
      if (performance.now() - renewedAt >= renewEveryMs) await renew();
    };
    const heartbeat = setInterval(() => void renew().catch(() => undefined), renewEveryMs);
    try {
      await this.options.handle(job, { extend });
      return 'done';
    } catch (error) {
      await this.failed(job, cap, error);
      return 'failed';
    } finally {
      clearInterval(heartbeat);
    }
  }

  // Deletes this worker's finished and dead jobs that are past their retention; returns how many.
  async sweep(now = new Date()): Promise<number> {
    if (!this.retention) return 0;
    const deleted = await purgeFinishedJobs(this.orm.em.fork(), { kinds: this.options.kinds, ...retentionCutoffs(this.retention, now) });
    if (deleted > 0) this.logger.info({ kinds: this.options.kinds, deleted }, 'Old jobs deleted');
    return deleted;
  }

  private async failed(job: Job, cap: number, error: unknown): Promise<void> {
    const message = (typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error)).slice(
      0,
      2000,
    );
    const decision = decideAfterFailure(job.attempts, cap, this.options.retryDelayMs ?? defaultJobRetryDelayMs);
    if (decision.outcome === 'dead') return this.bury(job, message, { error });
    this.logger.warn({ err: error, jobId: job.id, kind: job.kind, attempts: job.attempts }, 'Job failed; will run again');
    await this.orm.em.fork().execute(
      `UPDATE job SET status = 'pending', locked_until = NULL, last_error = ?, run_after = now() + (? * interval '1 millisecond'), updated_at = now()
        WHERE id = ? AND status = 'running'`,
      [message, decision.delayMs, job.id],
      'run',
    );
  }

  // Dead: kept with its last error, never claimed again unless requeued (requeueDeadJobs).
  private async bury(job: Job, reason: string, how: { error?: unknown; keepLastError?: boolean }): Promise<void> {
    this.logger.error(
      { err: how.error, jobId: job.id, key: job.key, kind: job.kind, attempts: job.attempts },
      'Job dead: attempt cap reached',
    );
    const lastError = how.keepLastError ? `? || COALESCE(' (last error: ' || last_error || ')', '')` : '?';
    await this.orm.em
      .fork()
      .execute(
        `UPDATE job SET status = 'dead', locked_until = NULL, last_error = ${lastError}, updated_at = now() WHERE id = ? AND status = 'running'`,
        [reason, job.id],
        'run',
      );
  }

  private scheduleSweep(delayMs: number): void {
    this.sweepTimer = setTimeout(() => {
      this.sweeping = this.sweep()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn({ err: error }, 'Job sweep failed'))
        .finally(() => {
          this.sweeping = undefined;
          if (this.running && this.retention) this.scheduleSweep(this.retention.sweepEveryMs);
        });
    }, delayMs);
    this.sweepTimer.unref();
  }

  private async loop(): Promise<void> {
    const pollMs = this.options.pollMs ?? DEFAULT_POLL_MS;
    // What this loop's last look found: nothing due before `quietUntil`, with `kicks` at that
    // count. Until a kick or that time, a look finds nothing: after a handed-over job the loop
    // goes back to sleep without one (a statement per job saved).
    let quiet = { kicks: -1, until: 0 };
    while (this.running) {
      const kicks = this.kicks;
      let waitMs = pollMs;
      if (this.handed.length === 0 && kicks === quiet.kicks && Date.now() < quiet.until) {
        waitMs = quiet.until - Date.now();
      } else {
        try {
          const handed = this.handed.length > 0;
          const ran = await this.step();
          // A job claimed by a look, or one that failed (back in the queue with a delay): look again.
          if (ran === 'failed' || (ran === 'done' && !handed)) quiet = { kicks: -1, until: 0 };
          if (typeof ran === 'string') continue;
          // No job: the claim answered when the next one is due (a delayed or retried job, or a
          // lease that runs out), at most `pollMs`; at least a few ms, for a due job another
          // claimer holds a moment.
          waitMs = ran.nextDueMs === null ? pollMs : Math.min(pollMs, Math.max(MIN_WAIT_MS, Math.ceil(ran.nextDueMs)));
          quiet = { kicks, until: Date.now() + waitMs };
        } catch (error) {
          this.logger.warn({ err: error }, 'Job claim failed');
          waitMs = Math.min(1_000, pollMs);
        }
      }
      if (this.kicks !== kicks || this.handed.length > 0) continue;
      await new Promise<void>((resolve) => {
        const waker = () => {
          clearTimeout(timer);
          this.wake.delete(waker);
          resolve();
        };
        const timer = setTimeout(waker, waitMs);
        this.wake.add(waker);
      });
    }
  }

  // One statement: the oldest due job, claimed; or, when none is due, how long until the next one
  // (the least run_after of a pending job, or locked_until of a running one), from the same look.
  private async claim(): Promise<Job | { nextDueMs: number | null }> {
    const lease = this.options.leaseMs ?? 60_000;
    const kinds = this.options.kinds.map(() => '?').join(', ');
    const rows = await this.orm.em.fork().execute<ClaimedRow[]>(
      `WITH claimed AS (
         UPDATE job SET status = 'running', attempts = attempts + 1, locked_until = now() + (? * interval '1 millisecond'), updated_at = now()
          WHERE id = (
            SELECT id FROM job
             WHERE kind IN (${kinds})
               AND ((status = 'pending' AND run_after <= now()) OR (status = 'running' AND locked_until < now()))
             ORDER BY run_after, id
             FOR UPDATE SKIP LOCKED
             LIMIT 1)
          RETURNING id, job_key, kind, payload, attempts)
       SELECT id, job_key, kind, payload, attempts, NULL::float8 AS next_due_ms FROM claimed
       UNION ALL
       SELECT NULL, NULL, NULL, NULL, NULL, (extract(epoch FROM min(due) - now()) * 1000)::float8 FROM (
         SELECT min(run_after) AS due FROM job WHERE kind IN (${kinds}) AND status = 'pending'
         UNION ALL SELECT min(locked_until) FROM job WHERE kind IN (${kinds}) AND status = 'running') d
        WHERE NOT EXISTS (SELECT 1 FROM claimed)`,
      [lease, ...this.options.kinds, ...this.options.kinds, ...this.options.kinds],
    );
    const row = rows[0];
    if (!row || row.id === null) return { nextDueMs: row?.next_due_ms ?? null };
    return { id: String(row.id), key: row.job_key!, kind: row.kind!, payload: row.payload!, attempts: row.attempts! };
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
