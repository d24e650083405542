import { MikroORM } from '@mikro-orm/postgresql';
import { Pool } from 'pg';
import { getLogger } from '@mindhill/platform';
import { ownConnectionConfig } from './pg-connection';

export type OutboxRow = {
  id: string;
  event_id: string;
  topic: string;
  message_key: string;
  message: unknown;
  headers: Record<string, string>;
  created_at: Date;
};

export type OutboxBacklog = { count: number; oldestAgeSeconds: number };

// One relay per service database publishes at a time (advisory lock), which keeps the
// per-aggregate order of the outbox on Kafka even with several replicas running.
const RELAY_LOCK_KEY = 727_001;

export class OutboxStore {
  private readonly logger = getLogger('outbox');
  private relayPool?: Pool;

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
    // Raw SQL on a connection of our own (hot path): BEGIN and the pick go in one message (two
    // round trips per batch instead of three; round trips are what this path pays for,
    // bench/README.md). Lock, pick and delete are one statement; the delete only becomes real at
    // the commit, after Kafka acknowledged; if the publish fails, the rollback puts the rows back.
    // The commit need not wait for the WAL flush: a delete lost in a crash only publishes the rows
    // again, which consumers absorb (their inbox), as after a crash before the commit.
    const connection = await this.pool().connect();
    let broken: Error | undefined;
    // pg-pool listens for errors only on idle clients: one that breaks while we hold it (a database
    // restart during the publish, no query running) would otherwise be an unhandled 'error' event
    // and end the process. Noted here, it fails the COMMIT, so the batch is published again.
    const onError = (error: Error) => {
      broken = error;
      this.logger.warn({ err: error }, 'Outbox relay connection lost during a batch');
    };
    connection.on('error', onError);
    try {
      const answers: unknown = await connection.query(
        `BEGIN; SET LOCAL synchronous_commit TO off;
         WITH relay AS MATERIALIZED (SELECT pg_try_advisory_xact_lock(${RELAY_LOCK_KEY}) AS locked)
         DELETE FROM outbox WHERE id IN (SELECT id FROM outbox WHERE (SELECT locked FROM relay) ORDER BY id LIMIT ${limit}) RETURNING *`,
      );
      const rows = pickedRows(answers);
      if (rows.length > 0) {
        rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
        await publish(rows);
        if (afterPublish) await afterPublish(rows);
      }
      await connection.query('COMMIT');
      return rows.length;
    } catch (error) {
      // Also after a failed pick: the transaction block is open (and aborted) either way. A
      // connection that cannot roll back is dropped from the pool.
      await connection.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw error;
    } finally {
      connection.off('error', onError);
      connection.release(broken);
    }
  }

  // Whether any row waits: one raw statement, no transaction (polled every idle interval). The
  // relay's idle polls ask this first, instead of opening a transaction on an empty outbox.
  async hasPending(): Promise<boolean> {
    const [row] = await this.orm.em.fork().execute<{ pending: boolean }[]>('SELECT EXISTS (SELECT 1 FROM outbox) AS pending');
    return Boolean(row?.pending);
  }

  // Raw SQL: an aggregate over the outbox table, which is no entity (rows live milliseconds).
  async backlog(): Promise<OutboxBacklog> {
    const [row] = await this.orm.em
      .fork()
      .execute<{ count: string; oldest: Date | null }[]>('SELECT count(*) AS count, min(created_at) AS oldest FROM outbox');
    const oldest = row?.oldest ? new Date(row.oldest).getTime() : null;
    return { count: Number(row?.count ?? 0), oldestAgeSeconds: oldest === null ? 0 : Math.max(0, (Date.now() - oldest) / 1000) };
  }

  // Ends the relay's connection (it also closes by itself after ten idle seconds).
  async close(): Promise<void> {
    const pool = this.relayPool;
    this.relayPool = undefined;
    await pool?.end();
  }

  // The relay's one connection: the relay holds it across its transaction.
  private pool(): Pool {
    if (this.relayPool) return this.relayPool;
    const pool = new Pool({
      ...ownConnectionConfig(this.orm),
      max: 1,
      idleTimeoutMillis: 10_000,
      // An idle connection never keeps the process alive (shutdown need not wait for it).
      allowExitOnIdle: true,
    });
    // A dropped idle connection (database restart) is replaced on the next batch.
    pool.on('error', (error) => this.logger.warn({ err: error }, 'Outbox relay connection lost'));
    this.relayPool = pool;
    return pool;
  }
}

// BEGIN, SET LOCAL and the DELETE answer one result each; the picked rows are the third's.
function pickedRows(answers: unknown): OutboxRow[] {
  const picked: unknown = Array.isArray(answers) ? answers[2] : undefined;
  if (!isRowsResult(picked)) throw new Error('Unexpected answer to the outbox pick');
  return picked.rows;
}

function isRowsResult(value: unknown): value is { rows: OutboxRow[] } {
  return typeof value === 'object' && value !== null && 'rows' in value && Array.isArray(value.rows);
}
