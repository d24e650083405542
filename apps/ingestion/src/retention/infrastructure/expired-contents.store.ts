import { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '@mindhill/persistence';

export type ExpiredContent = { uuid: string; number: number; sha256: string; sizeBytes: number };

// A content expires once neither its first fetch nor any later fetch that recognised it is
// newer than the cutoff.
const EXPIRED = `c.fetched_at < ? AND NOT EXISTS (
    SELECT 1 FROM fetching_contents fc JOIN fetching_history h ON h.fetching_id = fc.fetching_id
     WHERE fc.content_id = c.content_id AND h.timestamp >= ?)`;

export async function findExpiredContents(em: EntityManager, cutoff: string, limit: number): Promise<ExpiredContent[]> {
  const rows = await executeBound<{ uuid: string; content_id: number; content_hash: string; file_size_bytes: string }>(
    em,
    `SELECT c.uuid, c.content_id, c.content_hash, c.file_size_bytes FROM fetched_contents c WHERE ${EXPIRED} ORDER BY c.content_id LIMIT ?`,
    [cutoff, cutoff, limit],
  );
  return rows.map((r) => ({ uuid: r.uuid, number: Number(r.content_id), sha256: r.content_hash, sizeBytes: Number(r.file_size_bytes) }));
}

// What a run would remove: the expired contents, and the blobs only they refer to (one per hash).
export async function countExpiredContents(
  em: EntityManager,
  cutoff: string,
): Promise<{ contents: number; contentBytes: number; blobs: number; blobBytes: number }> {
  const [row] = await executeBound<{ contents: string; content_bytes: string | null; blobs: string; blob_bytes: string | null }>(
    em,
    `WITH expired AS (SELECT c.content_id, c.content_hash, c.file_size_bytes FROM fetched_contents c WHERE ${EXPIRED}),
     orphaned AS (
       SELECT e.content_hash, max(e.file_size_bytes) AS size FROM expired e
        WHERE NOT EXISTS (SELECT 1 FROM fetched_contents o WHERE o.content_hash = e.content_hash
                            AND o.content_id NOT IN (SELECT content_id FROM expired))
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries w WHERE w.content_hash = e.content_hash)
        GROUP BY e.content_hash)
     SELECT (SELECT count(*) FROM expired) AS contents, (SELECT sum(file_size_bytes) FROM expired) AS content_bytes,
            (SELECT count(*) FROM orphaned) AS blobs, (SELECT sum(size) FROM orphaned) AS blob_bytes`,
    [cutoff, cutoff],
  );
  return {
    contents: Number(row?.contents ?? 0),
    contentBytes: Number(row?.content_bytes ?? 0),
    blobs: Number(row?.blobs ?? 0),
    blobBytes: Number(row?.blob_bytes ?? 0),
  };
}

// The hashes among `hashes` that a remaining content or a webhook delivery still refers to.
export async function referencedHashes(em: EntityManager, hashes: readonly string[]): Promise<Set<string>> {
  if (hashes.length === 0) return new Set();
  const rows = await executeBound<{ h: string }>(
    em,
    `SELECT DISTINCT h FROM unnest(?::varchar[]) AS k(h)
      WHERE EXISTS (SELECT 1 FROM fetched_contents c WHERE c.content_hash = k.h)
         OR EXISTS (SELECT 1 FROM webhook_deliveries w WHERE w.content_hash = k.h)`,
    [[...hashes]],
  );
  return new Set(rows.map((r) => r.h));
}
