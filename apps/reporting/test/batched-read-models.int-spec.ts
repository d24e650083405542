import { randomUUID } from 'node:crypto';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { EventEnvelope, executionStageCompleted } from '@mindhill/contracts';
import { claimInbox, createOrmConfig, EventStore } from '@mindhill/persistence';
import { createTestDatabase, TestDatabase } from '@mindhill/testing';
import {
  RecordReadModelEventsJob,
  READ_MODELS_CONSUMER,
} from '../src/read-models/application/record-read-model-events/record-read-model-events.job';
import { reportingMigrations } from '../src/migrations';
import { reportingProjections } from '../src/reporting.projections';
import { readModelWriter } from './per-event-read-model.writer';
import { content, ContentFixture, envelope, execution, ExecutionFixture } from './read-model-events';

const W = randomUUID();
const E1: ExecutionFixture = {
  executionId: randomUUID(),
  workflowId: W,
  workflowName: 'Daily',
  runNumber: 1,
  executionNumber: 1,
  createdAt: '2026-11-20T10:00:00.000Z',
  status: 'Success',
  errorCode: null,
  contentProcessed: 2,
  bytesProcessed: 300,
};
const E2: ExecutionFixture = {
  ...E1,
  executionId: randomUUID(),
  runNumber: 2,
  executionNumber: 2,
  status: 'Failed',
  errorCode: 'FETCH.TIMEOUT',
};
const C1: ContentFixture = {
  contentId: randomUUID(),
  contentNumber: 1,
  executionId: E1.executionId,
  fluxId: randomUUID(),
  fluxNumber: 11,
  name: 'a.csv',
  mimeType: 'text/csv',
  sizeBytes: 120,
  language: 'en',
  fetchedAt: '2026-11-20T10:00:05.000Z',
};
const C2: ContentFixture = { ...C1, contentId: randomUUID(), contentNumber: 2, name: 'b "quoted".txt', language: null };

const processed = (c: ContentFixture, stage: number, category: string) =>
  content.processed(c, stage, {
    category,
    tags: [`t${stage}`, 'a "b", c'],
    keywords: ['k\\1'],
    summary: `stage ${stage}`,
    language: stage === 3 ? 'de' : null,
  });
const outsideExecution = (e: EventEnvelope): EventEnvelope => ({ ...e, payload: { ...(e.payload as object), executionId: null } });
const long = (suffix: string) => `${'f'.repeat(200)}${suffix}`;

// Every shape the batch handler has to merge: one execution created, started, calculated and
// finished in one batch, another finishing before it is created; one content fetched and then
// processed by two stages (the later stage delivered first); a fetch outside an execution; two
// calculation fields that are one row once cut to 200 characters; an event type the read
// models ignore.
function scenario() {
  const first = [execution.finished(E2), content.fetched(C1)];
  const unrelated = { ...execution.started(E1), type: 'workflows.execution.stage-requested' };
  const notCalculation = envelope(
    executionStageCompleted,
    `execution-${E1.executionId}`,
    {
      ...(execution.calculation(E1, 1, {}).payload as object),
      stageType: 'fetching',
    } as never,
    'workflows',
  );
  const duplicate = processed(C1, 3, 'later');
  const second: EventEnvelope[] = [
    execution.created(E1),
    execution.started(E1),
    unrelated,
    notCalculation,
    execution.calculation(E1, 3, {
      amount: { count: 2, sum: 30, mean: 15, min: 10, max: 20, p50: 15, p95: 19.5 },
      [long('x')]: { count: 1 },
      [long('y')]: { count: 2, sum: 'NaN' as never },
    }),
    execution.finished(E1),
    execution.created(E2),
    duplicate,
    processed(C1, 2, 'earlier'),
    duplicate,
    // Already delivered in the first batch, now with a payload that must not be applied.
    { ...first[1]!, payload: { ...(first[1]!.payload as object), sizeBytes: 999_999 } },
    processed(C2, 2, 'misc'),
    content.fetched(C2),
    outsideExecution(content.fetched({ ...C2, contentId: randomUUID() })),
    execution.calculation(E1, 3, { amount: { count: 3, sum: 33 } }),
  ];
  return { first, second };
}

const perEvent: Record<string, (em: EntityManager, payload: never) => Promise<unknown>> = {
  'workflows.execution.created': readModelWriter.executionCreated,
  'workflows.execution.started': readModelWriter.executionStarted,
  'workflows.execution.stage-completed': readModelWriter.stageCompleted,
  'workflows.execution.finished': readModelWriter.executionFinished,
  'ingestion.content.fetched': readModelWriter.contentFetched,
  'processing.content.processed': readModelWriter.contentProcessed,
};

describe('read models fed a whole batch at a time', () => {
  const dbs: TestDatabase[] = [];
  const orms: MikroORM[] = [];
  const open = async () => {
    const db = await createTestDatabase('reporting_rm', reportingMigrations);
    dbs.push(db);
    const orm = await MikroORM.init(createOrmConfig({ clientUrl: db.url, entities: [], migrations: [] }));
    orms.push(orm);
    const store = new EventStore(orm, { producer: 'reporting', projectors: reportingProjections.projectors, maxConcurrencyRetries: 0 });
    return { orm, store, handler: new RecordReadModelEventsJob(store) };
  };
  afterAll(async () => {
    for (const orm of orms) await orm.close().catch(() => undefined);
    for (const db of dbs) await db.drop().catch(() => undefined);
  });

  const snapshot = async (orm: MikroORM) => {
    const em = orm.em.fork();
    return {
      executions: await em.execute('SELECT * FROM rm_execution ORDER BY execution_id'),
      calculations: await em.execute('SELECT * FROM rm_calculation ORDER BY execution_id, stage_order, field'),
      contents: await em.execute('SELECT * FROM rm_content ORDER BY content_id, execution_id'),
      claimed: (
        await em.execute<{ event_id: string }[]>(
          `SELECT event_id FROM processed_message WHERE consumer = '${READ_MODELS_CONSUMER}' ORDER BY event_id`,
        )
      ).map((r) => r.event_id),
    };
  };

  it('leaves the rows that one-at-a-time delivery leaves, with a duplicate and an already-processed event in the batch', async () => {
    const { first, second } = scenario();

    // Reference: the per-event writer, one transaction and inbox claim per event, as before.
    const reference = await open();
    for (const e of [...first, ...second]) {
      const write = perEvent[e.type];
      if (!write) continue;
      await reference.store.transact(async (tx) => {
        if (await claimInbox(tx.em, READ_MODELS_CONSUMER, e.eventId)) await write(tx.em, e.payload as never);
      });
    }
    // The new handler fed batches of one (what the consumer does after a batch fails).
    const single = await open();
    for (const e of [...first, ...second]) await single.handler.executeBatch([e]);
    // The new handler fed the two batches.
    const batched = await open();
    expect(await batched.handler.executeBatch(first)).toEqual({ duplicates: 0 });
    expect(await batched.handler.executeBatch(second)).toEqual({ duplicates: 2 });

    const expected = await snapshot(reference.orm);
    expect(expected.executions).toHaveLength(2);
    expect(expected.calculations).toHaveLength(2);
    expect(expected.contents).toHaveLength(3);
    expect(expected.contents.find((r) => r.content_id === C1.contentId)).toMatchObject({
      category: 'later',
      processed_stage_order: 3,
      size_bytes: '120',
    });
    expect(await snapshot(single.orm)).toEqual(expected);
    expect(await snapshot(batched.orm)).toEqual(expected);

    // Redelivering the whole batch changes nothing and reports every event as a duplicate.
    expect(await batched.handler.executeBatch(second)).toEqual({ duplicates: second.length - 1 }); // all but the ignored event type;
    expect(await snapshot(batched.orm)).toEqual(expected);
  });

  it('rolls a failing batch back whole, so the consumer can retry it event by event and dead-letter only the bad one', async () => {
    const { orm, handler } = await open();
    const good = [execution.created(E1), content.fetched(C1)];
    const bad = execution.created({ ...E2, workflowName: 'n'.repeat(201) }); // rm_execution.workflow_name is VARCHAR(200)
    await expect(handler.executeBatch([good[0]!, bad, good[1]!])).rejects.toThrow();
    expect(await snapshot(orm)).toEqual({ executions: [], calculations: [], contents: [], claimed: [] });

    for (const e of [good[0]!, good[1]!]) await handler.executeBatch([e]);
    await expect(handler.executeBatch([bad])).rejects.toThrow();
    const after = await snapshot(orm);
    expect(after.claimed).toEqual([...good.map((e) => e.eventId)].sort());
    expect(after.executions.map((r) => r.execution_id)).toEqual([E1.executionId]);
    expect(after.contents).toHaveLength(1);
  });
});
