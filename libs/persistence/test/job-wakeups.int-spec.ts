import { MigrationObject } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { MikroORM } from '@mikro-orm/postgresql';
import {
  completeJob,
  createOrmConfig,
  enqueueClaimedJob,
  enqueueJob,
  JOB_QUEUE_LIMITS_SQL,
  JOB_QUEUE_V1_SQL,
  Job,
  JobWorker,
  pgListenerFor,
  requeueDeadJobs,
} from '@mindhill/persistence';
import { createTestDatabase, eventually, TestDatabase } from '@mindhill/testing';

class JobQueue extends Migration {
  override async up(): Promise<void> {
    for (const sql of [...JOB_QUEUE_V1_SQL, ...JOB_QUEUE_LIMITS_SQL]) this.addSql(sql);
  }
}
const migrations: MigrationObject[] = [{ name: 'JobQueue', class: JobQueue }];

// Far longer than any test: a job run within it was woken, not found by the safety poll.
const POLL_MS = 120_000;

// Wake-ups instead of polling: a committed job wakes its workers (NOTIFY at the commit), a delayed
// one is awaited to its due time, and a lost LISTEN connection is re-established and looked after.
describe('job queue wake-ups', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let seq = 0;
  const workers: JobWorker[] = [];
  const sql = <T>(text: string, params: unknown[] = []) => orm.em.fork().execute<T[]>(text, params);

  // Resolves with the time each job's handler started, keyed by job key.
  const started = new Map<string, number>();
  const waiting = new Map<string, () => void>();
  const startedOnce = (key: string) => (started.has(key) ? Promise.resolve() : new Promise<void>((resolve) => waiting.set(key, resolve)));
  const handle = async (job: Job) => {
    if (started.has(job.key)) throw new Error(`${job.key} ran twice`);
    started.set(job.key, performance.now());
    waiting.get(job.key)?.();
    await orm.em.fork().transactional((em) => completeJob(em, job.id));
  };
  const startWorker = async (kind: string, options: { concurrency?: number; on?: MikroORM } = {}) => {
    const w = new JobWorker(options.on ?? orm, {
      kinds: [kind],
      handle,
      pollMs: POLL_MS,
      retention: false,
      concurrency: options.concurrency,
    });
    workers.push(w);
    w.start();
    await eventually(() => expect(pgListenerFor(options.on ?? orm).isListening).toBe(true));
    return w;
  };
  const enqueue = async (kind: string, runAfter?: Date) => {
    const key = `${kind}:${++seq}`;
    const committing = performance.now();
    await orm.em.fork().transactional((em) => enqueueJob(em, { key, kind, payload: {}, runAfter }));
    return { key, committing };
  };

  beforeAll(async () => {
    db = await createTestDatabase('jobwakeups', migrations);
    orm = await MikroORM.init(createOrmConfig({ clientUrl: db.url, entities: [], migrations }));
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
  });
  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });

  // A request's job enqueued already claimed by this process and handed to its idle loop.
  const enqueueClaimed = async (kind: string, leaseMs: number) => {
    const key = `${kind}:${++seq}`;
    const job = await orm.em.fork().transactional((em) => enqueueClaimedJob(em, { key, kind, payload: {} }, leaseMs));
    return job!;
  };
  const row = async (key: string) =>
    (await sql<{ status: string; attempts: number }>('SELECT status, attempts FROM job WHERE job_key = ?', [key]))[0];

  it('hands a job enqueued already claimed to an idle loop after the commit: it runs once, with no NOTIFY or claim', async () => {
    const worker = await startWorker('handed');
    const slot = await eventually(async () => {
      const s = worker.reserveSlot();
      expect(s).not.toBeNull();
      return s!;
    });
    const job = await enqueueClaimed('handed', slot.leaseMs);
    // Claimed for this process: no other worker may take it while the lease runs.
    expect(await row(job.key)).toEqual({ status: 'running', attempts: 1 });
    slot.run(job);
    slot.run(job);
    await startedOnce(job.key);
    await eventually(async () => expect(await row(job.key)).toEqual({ status: 'done', attempts: 1 }));
  });

  // After a handed-over job the loop knows nothing became due since its last look (no kick, no
  // due time passed): it sleeps again without a claim statement, and a NOTIFY still wakes it.
  it('goes back to sleep after a handed-over job without looking again, and still wakes for a new job', async () => {
    let looks = 0;
    const counting = new Proxy(orm, {
      get(target, property) {
        if (property !== 'em') return Reflect.get(target, property);
        return new Proxy(target.em, {
          get(em, p) {
            if (p !== 'fork') return Reflect.get(em, p);
            return () => {
              const forked = em.fork();
              return new Proxy(forked, {
                get(f, q) {
                  if (q !== 'execute') return Reflect.get(f, q);
                  return (text: string, ...rest: unknown[]) => {
                    if (text.includes('WITH claimed')) looks++;
                    return (f.execute as (...a: unknown[]) => unknown)(text, ...rest);
                  };
                },
              });
            };
          },
        });
      },
    });
    const worker = await startWorker('quiet', { concurrency: 1, on: counting });
    const asleep = () =>
      eventually(async () => {
        const s = worker.reserveSlot();
        expect(s).not.toBeNull();
        return s!;
      });
    const slot = await asleep();
    const looksBefore = looks;
    expect(looksBefore).toBeGreaterThanOrEqual(1);
    const job = await enqueueClaimed('quiet', slot.leaseMs);
    slot.run(job);
    await startedOnce(job.key);
    await eventually(async () => expect(await row(job.key)).toEqual({ status: 'done', attempts: 1 }));
    (await asleep()).release();
    expect(looks).toBe(looksBefore);

    const { key } = await enqueue('quiet');
    await startedOnce(key);
    expect(looks).toBeGreaterThan(looksBefore);
  });

  it('reserves a slot only while a loop is idle and not promised; a released slot is free again', async () => {
    const worker = await startWorker('reserve', { concurrency: 1 });
    const first = await eventually(async () => {
      const s = worker.reserveSlot();
      expect(s).not.toBeNull();
      return s!;
    });
    expect(worker.reserveSlot()).toBeNull();
    first.release();
    first.release();
    const again = worker.reserveSlot();
    expect(again).not.toBeNull();
    again!.release();
  });

  it('puts a handed job its worker never started back in the queue, where another worker runs it', async () => {
    const stopping = await startWorker('returned');
    const slot = await eventually(async () => {
      const s = stopping.reserveSlot();
      expect(s).not.toBeNull();
      return s!;
    });
    const job = await enqueueClaimed('returned', 60_000);
    await stopping.stop();
    slot.run(job);
    await eventually(async () => expect(await row(job.key)).toEqual({ status: 'pending', attempts: 0 }));
    await startWorker('returned');
    await startedOnce(job.key);
    await eventually(async () => expect(await row(job.key)).toEqual({ status: 'done', attempts: 1 }));
  });

  it('runs a committed job at once, without waiting for the poll', async () => {
    await startWorker('prompt');
    // The worker's first look found nothing; it now sleeps for POLL_MS unless woken.
    const { key, committing } = await enqueue('prompt');
    await startedOnce(key);
    expect(started.get(key)! - committing).toBeLessThan(1_000);
  });

  it('wakes no worker for a rolled-back job, and only the workers of the job’s kind', async () => {
    const other = jest.fn();
    const w = new JobWorker(orm, { kinds: ['other-kind'], handle: other, pollMs: POLL_MS, retention: false });
    workers.push(w);
    w.start();
    await startWorker('rolled');
    await expect(
      orm.em.fork().transactional(async (em) => {
        await enqueueJob(em, { key: 'rolled:back', kind: 'rolled', payload: {} });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    const { key } = await enqueue('rolled');
    await startedOnce(key);
    expect(started.has('rolled:back')).toBe(false);
    expect(other).not.toHaveBeenCalled();
  });

  it('runs a delayed job at its due time, not at the next poll', async () => {
    await startWorker('delayed');
    const { key, committing } = await enqueue('delayed', new Date(Date.now() + 300));
    await startedOnce(key);
    const after = started.get(key)! - committing;
    expect(after).toBeGreaterThanOrEqual(250);
    expect(after).toBeLessThan(2_000);
  });

  it('wakes the workers of a requeued dead job', async () => {
    await startWorker('revived');
    await sql(`INSERT INTO job (job_key, kind, payload, status, attempts) VALUES ('revived:dead', 'revived', '{}', 'dead', 3)`);
    expect(await requeueDeadJobs(orm.em.fork(), { kind: 'revived' })).toBe(1);
    await startedOnce('revived:dead');
  });

  it('still runs jobs after its LISTEN connection is killed: it reconnects and looks for what it missed', async () => {
    await startWorker('survivor');
    const killed = await sql<{ pid: number }>(
      `SELECT pg_terminate_backend(pid), pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
    );
    expect(killed).toHaveLength(1);
    // Committed while no one listens: found when LISTEN is back, long before the poll.
    const missed = await enqueue('survivor');
    await startedOnce(missed.key);
    expect(started.get(missed.key)! - missed.committing).toBeLessThan(10_000);
    await eventually(() => expect(pgListenerFor(orm).isListening).toBe(true));
    const next = await enqueue('survivor');
    await startedOnce(next.key);
    expect(started.get(next.key)! - next.committing).toBeLessThan(1_000);
  });

  it('runs each of many jobs once across two processes’ workers, each woken at the commit', async () => {
    const second = await MikroORM.init(createOrmConfig({ clientUrl: db.url, entities: [], migrations }));
    try {
      await startWorker('shared', { concurrency: 2 });
      await startWorker('shared', { concurrency: 2, on: second });
      const jobs = await Promise.all(Array.from({ length: 40 }, () => enqueue('shared')));
      await Promise.all(jobs.map((j) => startedOnce(j.key)));
      // Each done after one attempt (a second run would have thrown and counted another).
      await eventually(async () =>
        expect(await sql(`SELECT status, attempts FROM job WHERE kind = 'shared' GROUP BY status, attempts`)).toEqual([
          { status: 'done', attempts: 1 },
        ]),
      );
    } finally {
      await Promise.all(workers.splice(0).map((w) => w.stop()));
      await second.close();
    }
  });
});
