import { contentProcessed, historyRecorded, processingStage, StageRequested } from '@mindhill/contracts';
import { hashOfHashes } from './content-hash';
import { contentProcessedEvents, EMPTY_RESULT, historyRecordedEvent, StageAttempt, stageOutcomeEvent } from './stage-outcome';
import { ItemOutput } from './stage-processor';

const EXECUTION = '11111111-1111-4111-8111-111111111111';
const request = {
  executionId: EXECUTION,
  workflowId: '22222222-2222-4222-8222-222222222222',
  executionNumber: 4,
  stageOrder: 3,
  attempt: 1,
  stageName: 'refine',
  stageType: 'refinement',
  settings: {},
} as unknown as StageRequested;
const content = (id: string, n: number) => ({
  content_id: id,
  content_number: n,
  flux_id: '33333333-3333-4333-8333-333333333333',
  flux_number: 2,
  fetching_id: 5,
  name: `${id}.txt`,
  mime_type: 'text/plain',
  sha256: String(n).repeat(64),
});
const output = (contentId: string, confidence: number): ItemOutput => ({
  contentId,
  text: 'An invoice.',
  format: 'text',
  wordCount: 2,
  textSha256: 'f'.repeat(64),
  language: 'en',
  category: 'finance',
  tags: ['money'],
  confidence,
  keywords: [],
  summary: null,
  duplicateOf: null,
});
const attempt = (changes: Partial<StageAttempt> = {}): StageAttempt => ({
  request,
  startedAt: new Date('2026-12-01T10:00:00Z'),
  completedAt: new Date('2026-12-01T10:00:04Z'),
  contents: [content('a', 1), content('b', 2)],
  bytesProcessed: 40,
  result: {
    outputs: [output('a', 0.5)],
    failed: [{ contentId: 'b', code: 'PROCESSING.CONTENT_CORRUPT', reason: 'stored bytes do not match the content hash' }],
    output: { categories: { finance: 1 } },
    meanConfidence: 0.5,
  },
  settings: { rules: [] },
  failure: null,
  ...changes,
});
const ids = { processingId: 12, historyId: '44444444-4444-4444-8444-444444444444' };

describe('stage outcome', () => {
  it('records history with the seed columns derived from the attempt', () => {
    const history = historyRecordedEvent(attempt(), ids);
    expect(history.definition).toBe(historyRecorded);
    expect(history.payload).toMatchObject({
      processingId: 12,
      executionNumber: 4,
      fetchingId: 5,
      fluxNumber: 2,
      status: 'Success',
      processingTimeSeconds: 4,
      processingType: 'refinement',
      processingAlgorithm: 'keyword-rules-v1',
      contentProcessed: 2,
      contentSuccessful: 1,
      contentFailed: 1,
      itemsPerSecond: 0.5,
      accuracyScore: 50,
      confidenceScore: 50,
      inputHash: hashOfHashes(['1'.repeat(64), '2'.repeat(64)]),
    });
  });

  it('completes the stage, or fails it counting every item when all failed', () => {
    const completed = stageOutcomeEvent(attempt(), ids);
    expect(completed.definition).toBe(processingStage.completed);
    expect(completed.payload).toMatchObject({
      itemsTotal: 2,
      itemsSuccessful: 1,
      itemsFailed: 1,
      durationMs: 4000,
      historyId: ids.historyId,
    });
    const failure = { code: 'PROCESSING.ALL_ITEMS_FAILED', message: 'all 2 content items failed', retriable: false };
    const failed = stageOutcomeEvent(attempt({ failure, result: EMPTY_RESULT }), ids);
    expect(failed.definition).toBe(processingStage.failed);
    expect(failed.payload).toMatchObject({ errorCode: 'PROCESSING.ALL_ITEMS_FAILED', itemsProcessed: 2, itemsFailed: 2 });
    expect(historyRecordedEvent(attempt({ failure, result: EMPTY_RESULT }), ids).payload).toMatchObject({
      status: 'Failed',
      contentSuccessful: 0,
      contentFailed: 2,
      confidenceScore: null,
    });
  });

  it('gives one content event per processed item, text included', () => {
    const events = contentProcessedEvents(attempt(), { ...ids, processedAt: '2026-12-01T10:00:04.000Z' });
    expect(events).toHaveLength(1);
    expect(events[0]!.definition).toBe(contentProcessed);
    expect(events[0]!.payload).toMatchObject({ contentId: 'a', contentNumber: 1, name: 'a.txt', processingId: 12, text: 'An invoice.' });
  });
});
