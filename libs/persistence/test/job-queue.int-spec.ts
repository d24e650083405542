import { MigrationObject } from '@mikro-orm/core';
import { Migration } from '@mikro-orm/migrations';
import { MikroORM } from '@mikro-orm/postgresql';
import {
  completeJob,
  createOrmConfig,
  enqueueJob,
  enqueueJobs,
  JOB_QUEUE_LIMITS_DOWN_SQL,
  JOB_QUEUE_LIMITS_SQL,
  JOB_QUEUE_V1_SQL,
  JobHandler,
  JobWorker,
  JobWorkerOptions,
  listDeadJobs,
  requeueDeadJobs,
} from '@mindhill/persistence';
import { createTestDatabase, TestDatabase } from '@mindhill/testing';

// The job table as every service with a queue migrates it (Migration…JobQueue, Migration…JobQueueLimits).
class JobQueueV1 extends Migration {
  override async up(): Promise<void> {
    for (const sql of JOB_QUEUE_V1_SQL) this.addSql(sql);
  }
}
class JobQueueLimits extends Migration {
  override async up(): Promise<void> {
    for (const sql of JOB_QUEUE_LIMITS_SQL) this.addSql(sql);
  }
  override async down(): Promise<void> {
    for (const sql of JOB_QUEUE_LIMITS_DOWN_SQL) this.addSql(sql);
  }
}
const migrations: MigrationObject[] = [
  { name: 'JobQueueV1', class: JobQueueV1 },
  { name: 'JobQueueLimits', class: JobQueueLimits },
];

type Row = { status: string; attempts: number; last_error: string | null; delay_ms: number };

describe('job queue', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let seq = 0;
  const sql = <T>(text: string, params: unknown[] = []) => orm.em.fork().execute<T[]>(text, params);
  const enqueue = async (kind: string) => {
    const key = `${kind}:${++seq}`;
    await orm.em.fork().transactional((em) => enqueueJob(em, { key, kind, payload: { n: seq } }));
    return key;
  };
  const row = async (key: string) =>
    (
      await sql<Row>(
        `SELECT status, attempts, last_error, (extract(epoch FROM run_after - updated_at) * 1000)::int AS delay_ms FROM job WHERE job_key = ?`,
        [key],
      )
    )[0]!;
  const worker = (kinds: string[], handle: JobHandler, options: Partial<JobWorkerOptions> = {}) =>
    new JobWorker(orm, { kinds, handle, retryDelayMs: () => 0, retention: false, ...options });
  const failing: JobHandler = async (job) => {
    throw new Error(`boom on attempt ${job.attempts}`);
  };

  beforeAll(async () => {
    db = await createTestDatabase('jobqueue', migrations);
    orm = await MikroORM.init(createOrmConfig({ clientUrl: db.url, entities: [], migrations }));
  });
  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });

  it('enqueues several jobs in one statement, leaving an existing key alone, and runs each once', async () => {
    const existing = await enqueue('batch');
    const later = new Date(Date.now() + 3_600_000);
    const added = await orm.em.fork().transactional((em) =>
      enqueueJobs(em, [
        { key: existing, kind: 'batch', payload: { n: -1 } },
        { key: 'batch:a', kind: 'batch', payload: { n: 'a' } },
        { key: 'batch:later', kind: 'batch', payload: { n: 'later' }, runAfter: later },
      ]),
    );
    expect(added).toBe(2);
    const ran: unknown[] = [];
    const w = worker(['batch'], async (job) => {
      ran.push(job.payload.n);
      await orm.em.fork().transactional((em) => completeJob(em, job.id));
    });
    while (await w.runOnce());
    // The existing job kept its own payload; the delayed one waits for its time.
    expect(ran.sort()).toEqual([seq, 'a'].sort());
    expect((await row('batch:later')).status).toBe('pending');
  });

  it('retries a failing job until its kind’s cap, then keeps it dead with its last error and runs it no more', async () => {
    const key = await enqueue('capped');
    const w = worker(['capped'], failing, { maxAttempts: { capped: 3 } });
    for (const attempt of [1, 2]) {
      expect(await w.runOnce()).toBe(true);
      expect(await row(key)).toMatchObject({ status: 'pending', attempts: attempt, last_error: `boom on attempt ${attempt}` });
    }
    expect(await w.runOnce()).toBe(true);
    expect(await row(key)).toMatchObject({ status: 'dead', attempts: 3, last_error: 'boom on attempt 3' });
    expect(await w.runOnce()).toBe(false);
  });

  it('keeps retrying a kind without a cap, 1 s after the first failure by default, as before', async () => {
    const key = await enqueue('uncapped');
    const w = worker(['uncapped'], failing, { maxAttempts: { other: 1 }, retryDelayMs: undefined });
    expect(await w.runOnce()).toBe(true);
    expect(await row(key)).toMatchObject({ status: 'pending', attempts: 1, delay_ms: 1_000 });
    await sql(`UPDATE job SET run_after = now() WHERE job_key = ?`, [key]);
    expect(await w.runOnce()).toBe(true);
    expect(await row(key)).toMatchObject({ status: 'pending', attempts: 2, delay_ms: 2_000 });
  });

  it('declares dead, without running it, a job whose attempts past the cap died with their worker', async () => {
    const key = await enqueue('crashy');
    // Two attempts taken, the last one's worker gone: its lease ran out.
    await sql(
      `UPDATE job SET status = 'running', attempts = 2, locked_until = now() - interval '1 second', last_error = 'boom' WHERE job_key = ?`,
      [key],
    );
    const handle = jest.fn<Promise<void>, Parameters<JobHandler>>();
    expect(await worker(['crashy'], handle, { maxAttempts: 2 }).runOnce()).toBe(true);
    expect(handle).not.toHaveBeenCalled();
    const dead = await row(key);
    expect(dead).toMatchObject({ status: 'dead', attempts: 3 });
    expect(dead.last_error).toMatch(/^JOB\.LEASE_EXPIRED: 2 attempts .*\(last error: boom\)$/);
  });

  it('lists dead jobs and puts them back in the queue from code', async () => {
    const key = await enqueue('revivable');
    await worker(['revivable'], failing, { maxAttempts: 1 }).runOnce();
    const [dead] = await listDeadJobs(orm.em.fork(), { kind: 'revivable' });
    expect(dead).toMatchObject({ key, kind: 'revivable', attempts: 1, lastError: 'boom on attempt 1', diedAt: expect.any(Date) });
    expect(await listDeadJobs(orm.em.fork(), { kind: 'nothing-dead' })).toEqual([]);

    expect(await requeueDeadJobs(orm.em.fork(), { ids: [dead!.id] })).toBe(1);
    expect(await row(key)).toMatchObject({ status: 'pending', attempts: 0, last_error: 'boom on attempt 1' });
    const fixed = worker(['revivable'], (job) => orm.em.fork().transactional((em) => completeJob(em, job.id)), { maxAttempts: 1 });
    expect(await fixed.runOnce()).toBe(true);
    expect(await row(key)).toMatchObject({ status: 'done', attempts: 1 });
    expect(await requeueDeadJobs(orm.em.fork(), { kind: 'revivable' })).toBe(0);
  });

  it('deletes its kinds’ finished jobs after a week and dead ones after a month, and nothing else', async () => {
    const aged = async (kind: string, status: string, days: number) => {
      const key = await enqueue(kind);
      await sql(`UPDATE job SET status = ?, updated_at = now() - (? * interval '1 day') WHERE job_key = ?`, [status, days, key]);
      return key;
    };
    const gone = [await aged('swept', 'done', 8), await aged('swept', 'cancelled', 8), await aged('swept', 'dead', 31)];
    const kept = [
      await aged('swept', 'done', 6),
      await aged('swept', 'dead', 8),
      await aged('swept', 'pending', 60),
      await aged('swept', 'running', 60),
      await aged('not-mine', 'done', 60),
    ];
    const sweeper = new JobWorker(orm, { kinds: ['swept'], handle: failing });
    expect(await sweeper.sweep()).toBe(3);
    const left = await sql<{ job_key: string }>(`SELECT job_key FROM job WHERE job_key IN (?)`, [[...gone, ...kept]]);
    expect(left.map((r) => r.job_key).sort()).toEqual([...kept].sort());
    expect(await new JobWorker(orm, { kinds: ['swept'], handle: failing, retention: false }).sweep()).toBe(0);
  });

  it('migrates down (dead jobs become cancelled) and up again', async () => {
    const key = await enqueue('migrated');
    await worker(['migrated'], failing, { maxAttempts: 1 }).runOnce();
    expect((await row(key)).status).toBe('dead');
    await orm.getMigrator().down();
    expect(await row(key)).toMatchObject({ status: 'cancelled', last_error: 'boom on attempt 1' });
    await expect(sql(`UPDATE job SET status = 'dead' WHERE job_key = ?`, [key])).rejects.toThrow(/job_status_check/);
    await orm.getMigrator().up();
    await sql(`UPDATE job SET status = 'dead' WHERE job_key = ?`, [key]);
    expect((await row(key)).status).toBe('dead');
  });
});
