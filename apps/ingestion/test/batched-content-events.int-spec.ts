import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { contentFetched, fetchingRecorded, SYSTEM_ACTOR } from '@mindhill/contracts';
import { ConcurrencyError, createOrmConfig, EventStore, newEvent } from '@mindhill/persistence';
import { createTestDatabase, TestDatabase } from '@mindhill/testing';
import { ingestionProjectors } from '../src/ingestion.projections';
import { ingestionMigrations } from '../src/migrations';

const context = { correlationId: 'corr-batch', causationId: null, actor: SYSTEM_ACTOR };
const FLUX = randomUUID();
const FETCHING = randomUUID();
const [a, b] = [randomUUID(), randomUUID()];
const sha = (c: string) => c.repeat(64);

// The fetching stage writes its per-item events with appendMany (set-based statements); a
// rebuild replays them one by one through `project`. Both must leave the same rows.
describe('content events appended in one batch', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let store: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase('ingestion', ingestionMigrations);
    orm = await MikroORM.init(createOrmConfig({ clientUrl: db.url, entities: [], migrations: [] }));
    store = new EventStore(orm, { producer: 'ingestion', projectors: ingestionProjectors, maxConcurrencyRetries: 0 });
  });
  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });

  const rows = (sql: string) => orm.em.fork().execute<Record<string, unknown>[]>(sql);
  const fetched = (contentId: string, number: number, hash: string, duplicate: boolean, name: string) =>
    newEvent(contentFetched, {
      contentId,
      contentNumber: number,
      fluxId: FLUX,
      fluxNumber: 1,
      fetchingId: 1,
      fetchingUuid: FETCHING,
      executionId: null,
      stageOrder: null,
      name,
      mimeType: 'text/csv',
      extension: 'csv',
      sizeBytes: 10,
      sha256: hash,
      encoding: 'utf-8',
      language: null,
      preview: 'a,b\n"x",\'y\'',
      wordCount: 2,
      storageKey: `${hash.slice(0, 2)}/${hash}`,
      duplicate,
      fetchedAt: new Date().toISOString(),
    });

  it('writes events, outbox rows and projections as one append per event would', async () => {
    await store.transact(async (tx) => {
      await tx.append(
        `fetching-${FETCHING}`,
        0,
        [
          newEvent(fetchingRecorded, {
            fetchingUuid: FETCHING,
            fetchingId: 1,
            fluxNumber: 1,
            fluxIds: [FLUX],
            executionId: null,
            workflowId: null,
            stageOrder: null,
            attempt: null,
            status: 'Success',
            startedAt: new Date().toISOString(),
            completedAt: new Date().toISOString(),
            dataSourceType: 'file',
            dataSourceUrl: null,
            dataSourceConfig: [],
            numberOfContent: 3,
            totalSizeBytes: 30,
            contentTypes: { csv: 3 },
            duplicates: 1,
            throughputMbps: null,
            requestsPerSecond: null,
            averageResponseTimeMs: null,
            errorMessage: null,
            errorCount: 0,
            retryAttempts: 0,
            failedItems: [],
            fetchingConfig: {},
            headersSent: {},
            headersReceived: {},
            consumedDeliveryIds: [],
          }),
        ],
        context,
      );
      // Content a twice in one run: new, then recognised; b once.
      await tx.appendMany(
        [
          {
            streamId: `content-${a}`,
            expectedVersion: 0,
            events: [fetched(a, 1, sha('a'), false, 'a.csv'), fetched(a, 1, sha('a'), true, 'a-again.csv')],
          },
          { streamId: `content-${b}`, expectedVersion: 0, events: [fetched(b, 2, sha('b'), false, 'b.csv')] },
        ],
        context,
      );
    });

    const events = await rows(`SELECT stream_id, version, type FROM stored_event WHERE stream_id LIKE 'content-%' ORDER BY position`);
    expect(events).toEqual([
      { stream_id: `content-${a}`, version: 1, type: 'ingestion.content.fetched' },
      { stream_id: `content-${a}`, version: 2, type: 'ingestion.content.fetched' },
      { stream_id: `content-${b}`, version: 1, type: 'ingestion.content.fetched' },
    ]);
    const outbox = await rows(
      `SELECT o.message_key, o.topic, o.message, o.headers, e.payload FROM outbox o JOIN stored_event e USING (event_id) WHERE o.message_key LIKE 'content-%' ORDER BY o.id`,
    );
    expect(outbox.map((o) => o.message_key)).toEqual([`content-${a}`, `content-${a}`, `content-${b}`]);
    for (const o of outbox) {
      const message = o.message as { payload: unknown; aggregateVersion: number; eventId: string };
      expect(message.payload).toEqual(o.payload);
      expect(o.headers).toMatchObject({ 'event-type': 'ingestion.content.fetched', 'event-id': message.eventId });
    }

    const projected = await snapshot();
    expect(projected.contents).toHaveLength(2);
    expect(projected.links).toEqual([
      { fetching_id: 1, content_id: 1, duplicate: false },
      { fetching_id: 1, content_id: 2, duplicate: false },
    ]);

    // A rebuild (one event at a time) leaves the same rows.
    const em = orm.em.fork();
    await em.execute('TRUNCATE fetching_contents, fetched_contents, fetching_history CASCADE');
    await store.replay(
      em,
      ingestionProjectors.filter((p) => p.name === 'fetching' || p.name === 'fetched-contents'),
    );
    expect(await snapshot()).toEqual(projected);
  });

  it('refuses a stream that moved past the expected version', async () => {
    const error = await store
      .transact((tx) =>
        tx.appendMany(
          [
            { streamId: `content-${a}`, expectedVersion: 2, events: [fetched(a, 1, sha('a'), true, 'a.csv')] },
            { streamId: `content-${b}`, expectedVersion: 0, events: [fetched(b, 2, sha('b'), true, 'b.csv')] },
          ],
          context,
        ),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ streamId: `content-${b}`, expectedVersion: 0 });
    expect(await rows(`SELECT version FROM stored_event WHERE stream_id = 'content-${a}' ORDER BY version`)).toEqual([
      { version: 1 },
      { version: 2 },
    ]);
    expect(await rows(`SELECT version FROM stored_event WHERE stream_id = 'content-${b}'`)).toEqual([{ version: 1 }]);
  });

  async function snapshot() {
    return {
      contents: await rows('SELECT * FROM fetched_contents ORDER BY content_id'),
      links: await rows('SELECT * FROM fetching_contents ORDER BY content_id'),
    };
  }
});
