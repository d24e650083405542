import { EntityManager } from '@mikro-orm/postgresql';

const BATCH = 5_000;
// A row expires when its own retention period has passed (not the table's longest, errata 5).
const EXPIRED = `timestamp < now() - retention_period_days * interval '1 day'`;

// Expired audit rows per event category.
export async function countExpiredByCategory(em: EntityManager): Promise<Record<string, number>> {
  const counts = await em.execute<{ event_category: string; n: string }[]>(
    `SELECT event_category, count(*) AS n FROM audit_logs WHERE ${EXPIRED} GROUP BY event_category`,
  );
  return Object.fromEntries(counts.map((c) => [c.event_category, Number(c.n)]));
}

// Deletes every expired row, in small batches that keep each transaction and its locks short.
export async function deleteExpired(em: EntityManager): Promise<number> {
  let deleted = 0;
  for (;;) {
    const rows = await em.execute<unknown[]>(
      `DELETE FROM audit_logs WHERE id IN (SELECT id FROM audit_logs WHERE ${EXPIRED} LIMIT ${BATCH}) RETURNING 1`,
    );
    deleted += rows.length;
    if (rows.length < BATCH) return deleted;
  }
}

export async function oldestRemaining(em: EntityManager): Promise<string | null> {
  const [oldest] = await em.execute<{ t: string | null }[]>('SELECT min(timestamp) AS t FROM audit_logs');
  return oldest?.t ? new Date(oldest.t).toISOString() : null;
}
