import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { createOrmConfig, OutboxRow, OutboxStore } from '@mindhill/persistence';
import { backboneOnlyMigrations, createTestDatabase, queryDatabase, TestDatabase } from '@mindhill/testing';

// The relay holds its connection across the Kafka publish with no query running. A database
// restart (or failover) in that window cuts the connection: the batch must fail and be published
// again, and the process must not die of an unhandled 'error' event (the fault harness saw auth,
// workflows and ingestion crash on every PostgreSQL restart).
describe('outbox store: connection lost during a batch', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  const admin = (sql: string, params: unknown[]) => queryDatabase(db.url, sql, params);

  beforeAll(async () => {
    db = await createTestDatabase('outboxloss', backboneOnlyMigrations);
    orm = await MikroORM.init(createOrmConfig({ clientUrl: db.url, entities: [], migrations: [] }));
  });
  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });

  it('fails the batch, keeps the rows, and publishes them on the next batch', async () => {
    const eventId = randomUUID();
    await admin(`INSERT INTO outbox (event_id, topic, message_key, message) VALUES ($1, 't', 'k', '{}')`, [eventId]);
    const store = new OutboxStore(orm);
    let cut = false;
    const first = store.publishBatch(10, async () => {
      // The relay's own backend is the one holding the advisory lock of this database.
      const [{ n }] = await admin(
        `SELECT count(pg_terminate_backend(l.pid))::int AS n FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE l.locktype = 'advisory' AND a.datname = current_database()`,
        [],
      );
      cut = n === 1;
      // Give the socket time to report the cut while no query runs (the window of the crash).
      await new Promise((r) => setTimeout(r, 200));
    });
    await expect(first).rejects.toThrow();
    expect(cut).toBe(true);

    const published: OutboxRow[][] = [];
    expect(await store.publishBatch(10, async (rows) => void published.push(rows))).toBe(1);
    expect(published.flat().map((r) => r.event_id)).toEqual([eventId]);
    expect(await admin('SELECT count(*)::int AS n FROM outbox', [])).toEqual([{ n: 0 }]);
    await store.close();
  });
});
