import { MikroORM } from '@mikro-orm/postgresql';

export type OutboxRow = {
  id: string;
  event_id: string;
  topic: string;
  message_key: string;
  message: unknown;
  headers: Record<string, string>;
  created_at: Date;
};

// The part of knex's client (under MikroORM) used to hold one pooled pg connection.
type PgConnection = { query<R>(sql: string): Promise<{ rows: R[] }> };
type KnexClient = { acquireConnection(): Promise<PgConnection>; releaseConnection(connection: PgConnection): Promise<void> };

export type OutboxBacklog = { count: number; oldestAgeSeconds: number };

// One relay per service database publishes at a time (advisory lock), which keeps the
// per-aggregate order of the outbox on Kafka even with several replicas running.
const RELAY_LOCK_KEY = 727_001;

export class OutboxStore {
  constructor(private readonly orm: MikroORM) {}

  // Publishes the oldest pending rows and deletes them in the same transaction. If the process
  // dies after Kafka acknowledged but before the commit, the rows are published again:
  // duplicates are possible, loss is not.
  async publishBatch(
    limit: number,
    publish: (rows: OutboxRow[]) => Promise<void>,
    afterPublish?: (rows: OutboxRow[]) => Promise<void>,
  ): Promise<number> {
    if (!Number.isSafeInteger(limit) || limit < 1) throw new Error(`Outbox batch size must be a positive integer, not ${limit}`);
    // A connection of our own for the transaction: BEGIN and the pick go in one message (two
    // round trips per batch instead of three; round trips are what this path pays for,
    // bench/README.md). Lock, pick and delete are one statement; the delete only becomes real at
    // the commit, after Kafka acknowledged; if the publish fails, the rollback puts the rows back.
    // The commit need not wait for the WAL flush: a delete lost in a crash only publishes the rows
    // again, which consumers absorb (their inbox), as after a crash before the commit.
    const client = this.orm.em.getConnection().getKnex().client as KnexClient;
    const connection = await client.acquireConnection();
    try {
      const [, , picked] = (await connection.query<OutboxRow>(
        `BEGIN; SET LOCAL synchronous_commit TO off;
         WITH relay AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(${RELAY_LOCK_KEY}) AS locked)
         DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE (SELECT locked FROM relay) ORDER BY id LIMIT ${limit}) RETURNING *`,
      )) as unknown as [unknown, unknown, { rows: OutboxRow[] }];
      const rows = picked.rows;
      if (rows.length > 0) {
        rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
        await publish(rows);
        if (afterPublish) await afterPublish(rows);
      }
      await connection.query('COMMIT');
      return rows.length;
    } catch (error) {
      // Also after a failed pick: the transaction block is open (and aborted) either way.
      await connection.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await client.releaseConnection(connection);
    }
  }

  // Whether any row waits: one statement, no transaction. The relay's idle polls ask this first,
  // instead of opening a transaction (two round trips) on an outbox that is almost always empty.
  async hasPending(): Promise<boolean> {
    const [row] = await this.orm.em.fork().execute<{ pending: boolean }[]>('SELECT EXISTS (SELECT 1 FROM outbox) AS pending');
    return Boolean(row?.pending);
  }

  async backlog(): Promise<OutboxBacklog> {
    const [row] = await this.orm.em
      .fork()
      .execute<{ count: string; oldest: Date | null }[]>('SELECT count(*) AS count, min(created_at) AS oldest FROM outbox');
    const oldest = row?.oldest ? new Date(row.oldest).getTime() : null;
    return { count: Number(row?.count ?? 0), oldestAgeSeconds: oldest === null ? 0 : Math.max(0, (Date.now() - oldest) / 1000) };
  }
}
