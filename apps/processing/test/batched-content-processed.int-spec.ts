import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/postgresql';
import { contentProcessed, SYSTEM_ACTOR } from '@mindhill/contracts';
import { createOrmConfig, EventStore, newEvent } from '@mindhill/persistence';
import { createTestDatabase, TestDatabase } from '@mindhill/testing';
import { processingMigrations } from '../src/migrations';
import { processingProjections } from '../src/processing.projections';

const context = { correlationId: 'corr-batch', causationId: null, actor: SYSTEM_ACTOR };
const EXECUTION = randomUUID();
const FLUX = randomUUID();
const [a, b] = [randomUUID(), randomUUID()];

// Processing stages write their per-item events with appendMany (set-based statements); a
// rebuild replays them one by one through `project`. Both must leave the same rows, the search
// vectors included.
describe('processed-content events appended in one batch', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let store: EventStore;

  beforeAll(async () => {
    db = await createTestDatabase('processing', processingMigrations);
    orm = await MikroORM.init(createOrmConfig({ clientUrl: db.url, entities: [], migrations: [] }));
    store = new EventStore(orm, { producer: 'processing', projectors: processingProjections.projectors, maxConcurrencyRetries: 0 });
  });
  afterAll(async () => {
    await orm?.close();
    await db?.drop();
  });

  const rows = (sql: string) => orm.em.fork().execute<Record<string, unknown>[]>(sql);
  const processed = (
    contentId: string,
    stageOrder: number,
    text: string,
    extra: { tags?: string[]; confidence?: number | null; language?: string | null } = {},
  ) =>
    newEvent(contentProcessed, {
      contentId,
      contentNumber: contentId === a ? 1 : 2,
      fluxId: FLUX,
      executionId: EXECUTION,
      stageOrder,
      processingType: stageOrder === 2 ? 'normalization' : 'refinement',
      processingId: stageOrder,
      historyId: randomUUID(),
      name: `report_${contentId.slice(0, 4)}.html`,
      mimeType: 'text/html',
      format: 'html',
      category: 'energy',
      tags: extra.tags ?? ['solar', 'a "quoted", tag'],
      confidence: extra.confidence ?? 0.12345,
      language: extra.language ?? 'en',
      keywords: ['grid', "o'brien"],
      summary: 'Solar grid',
      duplicateOf: null,
      wordCount: 3,
      textSha256: 'c'.repeat(64),
      processedAt: new Date().toISOString(),
      text,
    });

  it('leaves the rows a replay one event at a time leaves', async () => {
    await store.transact((tx) =>
      tx.appendMany(
        [
          // Content a twice in one batch (two stages): the search row keeps the last one.
          {
            streamId: `content-${a}`,
            expectedVersion: 0,
            events: [
              processed(a, 2, '<p>Solar <b>grid</b> \\ back\u00e9</p>'),
              processed(a, 3, 'solar grid batteries', { tags: [], confidence: null }),
            ],
          },
          { streamId: `content-${b}`, expectedVersion: 0, events: [processed(b, 2, 'Le réseau solaire est là', { language: 'fr' })] },
        ],
        context,
      ),
    );

    const projected = await snapshot();
    expect(projected.texts).toHaveLength(3);
    expect(projected.search).toHaveLength(2);
    expect(projected.search.find((r) => r.content_id === a)).toMatchObject({ stage_order: 3, tags: [], text: 'solar grid batteries' });
    expect(projected.texts.find((r) => r.content_id === a && r.stage_order === 2)).toMatchObject({
      tags: ['solar', 'a "quoted", tag'],
      confidence: '0.1235',
    });

    const em = orm.em.fork();
    await em.execute('TRUNCATE content_stage_text, content_search');
    await store.replay(
      em,
      processingProjections.projectors.filter((p) => p.name === 'content-text'),
    );
    expect(await snapshot()).toEqual(projected);
  });

  async function snapshot() {
    return {
      texts: await rows('SELECT * FROM content_stage_text ORDER BY content_id, stage_order'),
      search: await rows('SELECT *, search_vector::text AS vector FROM content_search ORDER BY content_id'),
    };
  }
});
