import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { signToken } from '../../../test/support/tokens';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';

const DAY = 86_400_000;
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

// Contents past content_retention_days (365 by default) go, with the blobs only they used; a blob
// another content still has (the same bytes fetched by another source) stays, and so does a
// content a recent fetch recognised again. Processing forgets what it derived from a removed one.
describe('content retention: contents and their blobs, dry run first, a receipt every run', () => {
  let platform: TestPlatform;
  let db: Client;
  let processing: Client;
  let admin: string;
  const uuids = new Map<number, string>();
  let storeDir: string;
  const run = (body: unknown, token = admin) => http('POST', `${platform.gatewayUrl}/api/v1/contents/retention`, { body, token });
  const blobOf = (hash: string) => path.join(storeDir, hash.slice(0, 2), hash);

  const onlyOld = 'bytes only an old content has';
  const shared = 'bytes an old and a recent content share';
  const refetched = 'bytes of an old content fetched again lately';
  const fresh = 'bytes of a recent content';

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['ingestion', 'processing'] });
    admin = await signToken(platform.tokenKey, { role: 'admin', userNumber: 1 });
    storeDir = platform.env.CONTENT_STORE_DIR!;
    db = new Client({ connectionString: platform.databases.ingestion!.url });
    await db.connect();
    const fetching = (id: number, flux: number, daysAgo: number) =>
      db.query(
        `INSERT INTO fetching_history (id, uuid, fetching_id, flux_id, status, timestamp, created_at, updated_at)
         VALUES ($2, $1, $2, $3, 'Success', now() - $4 * interval '1 day', now(), now())`,
        [randomUUID(), id, flux, daysAgo],
      );
    const content = async (id: number, fetchingId: number, flux: number, text: string, daysAgo: number) => {
      uuids.set(id, randomUUID());
      await db.query(
        `INSERT INTO fetched_contents (id, uuid, content_id, fetching_id, flux_id, flux_uuid, content_name, file_size_bytes, content_hash, storage_path, fetched_at, created_at, updated_at)
         VALUES ($2, $1, $2, $3, $4, $5, $6, $7, $8, $9, now() - $10 * interval '1 day', now(), now())`,
        [
          uuids.get(id),
          id,
          fetchingId,
          flux,
          randomUUID(),
          `item-${id}`,
          Buffer.byteLength(text),
          sha(text),
          `${sha(text).slice(0, 2)}/${sha(text)}`,
          daysAgo,
        ],
      );
      await db.query(`INSERT INTO fetching_contents (fetching_id, content_id, duplicate) VALUES ($1, $2, false)`, [fetchingId, id]);
    };
    const blob = async (text: string, daysAgo: number) => {
      await mkdir(path.dirname(blobOf(sha(text))), { recursive: true });
      await writeFile(blobOf(sha(text)), text);
      const at = new Date(Date.now() - daysAgo * DAY);
      await utimes(blobOf(sha(text)), at, at);
    };
    await fetching(1, 1, 400);
    await fetching(2, 2, 1);
    await fetching(3, 1, 2);
    await content(1, 1, 1, onlyOld, 400); // expired, its blob goes
    await content(2, 1, 1, shared, 400); // expired, but source 2 fetched the same bytes yesterday
    await content(3, 2, 2, shared, 1); // recent: keeps the shared blob
    await content(4, 1, 1, refetched, 400); // first fetched long ago …
    await db.query(`INSERT INTO fetching_contents (fetching_id, content_id, duplicate) VALUES (3, 4, true)`); // … recognised 2 days ago
    await content(5, 2, 2, fresh, 1);
    for (const text of [onlyOld, shared, refetched]) await blob(text, 400);
    await blob(fresh, 1);
    // What processing derived from contents 1 (expired) and 3 (kept).
    processing = new Client({ connectionString: platform.databases.processing!.url });
    await processing.connect();
    for (const id of [1, 3]) {
      await processing.query(
        `INSERT INTO source_content (content_id, flux_id, name, size_bytes, sha256, storage_key, fetched_at) VALUES ($1, $2, 'x', 1, $3, 'k', now())`,
        [uuids.get(id), randomUUID(), sha(String(id))],
      );
      await processing.query(
        `INSERT INTO content_search (content_id, flux_id, execution_id, stage_order, processing_type, name, ts_config, text, text_sha256, dup_key, search_vector, processed_at)
         VALUES ($1, $2, $3, 1, 'normalization', 'x', 'simple', 'derived text', $4, $4, to_tsvector('simple', 'derived text'), now())`,
        [uuids.get(id), randomUUID(), randomUUID(), sha(String(id))],
      );
    }
  });
  afterAll(async () => {
    await processing?.end();
    await db?.end();
    await platform?.close();
  });

  const contents = async () => (await db.query(`SELECT content_id FROM fetched_contents ORDER BY 1`)).rows.map((r) => r.content_id);
  const receipts = async () =>
    (await db.query(`SELECT payload FROM stored_event WHERE type = 'ingestion.retention.applied' ORDER BY position`)).rows.map(
      (r) => r.payload,
    );

  it('answers what a run would remove and removes nothing on a dry run (the default)', async () => {
    const res = await run({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dataClass: 'contents',
      dryRun: true,
      retentionDays: 365,
      matched: { contents: 2, blobs: 1, contentBytes: Buffer.byteLength(onlyOld) + Buffer.byteLength(shared) },
      matchedBytes: Buffer.byteLength(onlyOld),
      removed: { contents: 0, blobs: 0 },
      removedBytes: 0,
    });
    expect(await contents()).toEqual([1, 2, 3, 4, 5]);
    for (const text of [onlyOld, shared, refetched, fresh]) expect(existsSync(blobOf(sha(text)))).toBe(true);
    expect(await receipts()).toHaveLength(1);
  });

  it('removes the expired contents and the blobs only they used, and keeps a blob another content shares', async () => {
    const res = await run({ dryRun: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dryRun: false,
      removed: { contents: 2, blobs: 1 },
      removedBytes: Buffer.byteLength(onlyOld),
    });
    expect(await contents()).toEqual([3, 4, 5]);
    expect((await db.query(`SELECT count(*)::int AS n FROM fetching_contents WHERE content_id IN (1, 2)`)).rows[0].n).toBe(0);
    expect(existsSync(blobOf(sha(onlyOld)))).toBe(false);
    expect(existsSync(blobOf(sha(shared)))).toBe(true);
    expect(existsSync(blobOf(sha(refetched)))).toBe(true);
    expect(existsSync(blobOf(sha(fresh)))).toBe(true);
    const removed = await db.query(`SELECT payload FROM stored_event WHERE type = 'ingestion.content.removed'`);
    expect(removed.rows.map((r) => r.payload.contentNumbers)).toEqual([[1, 2]]);
    expect((await receipts()).map((r) => [r.dryRun, r.removed.contents, r.removed.blobs])).toEqual([
      [true, 0, 0],
      [false, 2, 1],
    ]);
  });

  it('processing forgets what it derived from the removed contents, and keeps the rest', async () => {
    const left = async (table: string) => (await processing.query(`SELECT content_id FROM ${table}`)).rows.map((r) => r.content_id);
    await eventually(async () => expect(await left('content_search')).toEqual([uuids.get(3)]), { timeoutMs: 20_000 });
    expect(await left('source_content')).toEqual([uuids.get(3)]);
  });

  it('records a run that matched nothing, and refuses non-admins and bad input', async () => {
    const res = await run({ dryRun: false });
    expect(res.body).toMatchObject({ dryRun: false, matched: { contents: 0, blobs: 0 }, removed: { contents: 0, blobs: 0 } });
    expect(await receipts()).toHaveLength(3);
    expect((await run({}, await signToken(platform.tokenKey, { role: 'user', userNumber: 2 }))).status).toBe(403);
    expect((await run({ dryRun: 'no' })).status).toBe(400);
  });

  it('plans the daily run through the job queue', async () => {
    const { rows } = await db.query(`SELECT run_after, status FROM job WHERE kind = 'content-retention'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('pending');
    const at = new Date(rows[0].run_after);
    expect([at.getUTCHours(), at.getUTCMinutes()]).toEqual([3, 0]);
    expect(at.getTime()).toBeGreaterThan(Date.now());
  });
});
