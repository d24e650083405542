import { contentFetched, fetchingRecorded, ingestionStage, StageRequested } from '@mindhill/contracts';
import { CollectedItem, emptyStats } from './fetch-collector';
import {
  contentFetchedEvents,
  contentKey,
  FetchRun,
  fetchingRecordedEvent,
  stageOutcomeEvent,
  stageRefusedEvent,
} from './fetching-outcome';

const FLUX = '22222222-2222-4222-8222-222222222222';
const ref = {
  executionId: '11111111-1111-4111-8111-111111111111',
  workflowId: '33333333-3333-4333-8333-333333333333',
  stageOrder: 1,
  attempt: 1,
};
const request = { ...ref, stageName: 'fetch' } as StageRequested;
const item = (sha: string, name: string): CollectedItem => ({
  sha256: sha.repeat(64),
  sizeBytes: 10,
  mimeType: 'text/plain',
  extension: 'txt',
  encoding: 'utf-8',
  language: null,
  preview: 'x',
  wordCount: 1,
  fluxUuid: FLUX,
  fluxNumber: 3,
  name,
  storageKey: `${sha.repeat(2)}/${sha.repeat(64)}`,
});
const ids = { fetchingId: 9, fetchingUuid: '44444444-4444-4444-8444-444444444444' };
const run = (changes: Partial<FetchRun> = {}): FetchRun => ({
  items: [item('a', 'a.txt'), item('b', 'b.txt')],
  failures: [{ source: 'file:docs', reason: 'c.txt: EACCES', unreachable: false }],
  stats: emptyStats(),
  consumed: [],
  bytes: 20,
  sources: [{ uuid: FLUX, number: 3, name: 'docs', type: 'file', config: { folder: '/srv/data' } }],
  startedAt: new Date('2026-12-01T10:00:00Z'),
  completedAt: new Date('2026-12-01T10:00:02Z'),
  maxBytes: 100 * 1024 * 1024,
  timeoutMs: 15_000,
  failure: null,
  ...changes,
});

describe('fetching outcome', () => {
  it('makes the first sight of new bytes new content and every other one a re-fetch', () => {
    const items = [item('a', 'a.txt'), item('a', 'copy-of-a.txt'), item('b', 'b.txt')];
    const known = new Map([
      [contentKey(3, 'a'.repeat(64)), { uuid: 'new-a', number: 7 }],
      [contentKey(3, 'b'.repeat(64)), { uuid: 'old-b', number: 2 }],
    ]);
    const events = contentFetchedEvents(items, known, new Set([contentKey(3, 'a'.repeat(64))]), {
      ...ids,
      executionId: ref.executionId,
      stageOrder: 1,
      fetchedAt: '2026-12-01T10:00:02.000Z',
    });
    expect(events.map((e) => [e.definition, e.payload.contentId, e.payload.duplicate])).toEqual([
      [contentFetched, 'new-a', false],
      [contentFetched, 'new-a', true],
      [contentFetched, 'old-b', true],
    ]);
    expect(events[0]!.payload).toMatchObject({ contentNumber: 7, fetchingId: 9, name: 'a.txt', storageKey: 'aa/' + 'a'.repeat(64) });
  });

  it('records the attempt and completes the stage with the failed items listed', () => {
    const events = contentFetchedEvents(
      run().items,
      new Map([
        [contentKey(3, 'a'.repeat(64)), { uuid: 'c-a', number: 1 }],
        [contentKey(3, 'b'.repeat(64)), { uuid: 'c-b', number: 2 }],
      ]),
      new Set(),
      { ...ids, executionId: ref.executionId, stageOrder: 1, fetchedAt: 'now' },
    );
    const history = fetchingRecordedEvent(request, run(), ids, events);
    expect(history.definition).toBe(fetchingRecorded);
    expect(history.payload).toMatchObject({
      status: 'Success',
      dataSourceType: 'file',
      dataSourceUrl: null,
      numberOfContent: 2,
      duplicates: 2,
      contentTypes: { txt: 2 },
      errorMessage: 'file:docs: c.txt: EACCES',
      errorCount: 1,
      fetchingConfig: { maxFileSizeMb: 100, timeoutMs: 15_000, stageName: 'fetch' },
    });
    const outcome = stageOutcomeEvent(ref, run(), ids, events);
    expect(outcome.definition).toBe(ingestionStage.completed);
    expect(outcome.payload).toMatchObject({ itemsTotal: 3, itemsSuccessful: 2, itemsFailed: 1, contentCount: 2, durationMs: 2000 });
  });

  it('fails the stage with its failure, and refuses one before anything was read', () => {
    const failure = { code: 'INGESTION.NOTHING_FETCHED', message: 'No content fetched', retriable: false };
    const failed = stageOutcomeEvent(ref, run({ items: [], failure }), ids, []);
    expect(failed.definition).toBe(ingestionStage.failed);
    expect(failed.payload).toMatchObject({ errorCode: 'INGESTION.NOTHING_FETCHED', itemsFailed: 1, details: { fetchingId: 9 } });
    const refused = stageRefusedEvent(ref, { code: 'INGESTION.NO_DATA_SOURCES', message: 'none', retriable: false });
    expect(refused.payload).toEqual({
      ...ref,
      errorCode: 'INGESTION.NO_DATA_SOURCES',
      errorMessage: 'none',
      retriable: false,
      itemsProcessed: 0,
      itemsFailed: 0,
      details: {},
    });
  });
});
