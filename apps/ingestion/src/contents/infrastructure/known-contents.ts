import { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '@mindhill/persistence';

export type KnownContent = { uuid: string; number: number };

// Content already held per `<flux number>:<sha-256>`, for a whole fetch in one query (the dedup
// key of fetched_contents), instead of one lookup per item.
export async function findKnownContents(
  em: EntityManager,
  items: readonly { fluxNumber: number; sha256: string }[],
): Promise<Map<string, KnownContent>> {
  const known = new Map<string, KnownContent>();
  if (items.length === 0) return known;
  const rows = await executeBound<{ flux_id: number; content_hash: string; uuid: string; content_id: number }>(
    em,
    `SELECT f.flux_id, f.content_hash, f.uuid, f.content_id FROM fetched_contents f
      JOIN unnest(?::int[], ?::varchar[]) AS k(flux_id, content_hash) ON f.flux_id = k.flux_id AND f.content_hash = k.content_hash`,
    [items.map((i) => i.fluxNumber), items.map((i) => i.sha256)],
  );
  for (const r of rows) known.set(`${r.flux_id}:${r.content_hash}`, { uuid: r.uuid, number: Number(r.content_id) });
  return known;
}

// `count` new content numbers from content_id_seq, ascending.
export async function nextContentNumbers(em: EntityManager, count: number): Promise<number[]> {
  if (count === 0) return [];
  const rows = await executeBound<{ id: string }>(em, `SELECT nextval('content_id_seq') AS id FROM generate_series(1, ?::int)`, [count]);
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
}
