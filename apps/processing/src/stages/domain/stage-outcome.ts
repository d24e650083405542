import { contentProcessed, historyRecorded, newEvent, NewEvent, processingStage, StageRequested } from '@mindhill/contracts';
import { hashOfHashes, sha256 } from './content-hash';
import { round } from './keyword-classifier';
import { ALGORITHMS, ItemOutput, ProcessingStageType, StageResult } from './stage-processor';

export type StageFailure = { code: string; message: string; retriable: boolean };
// The content an attempt ran over, as its events describe it.
export type StageContent = {
  content_id: string;
  content_number: number | null;
  flux_id: string;
  flux_number: number | null;
  fetching_id: number | null;
  name: string;
  mime_type: string | null;
  sha256: string;
};
export type StageAttempt = {
  request: StageRequested;
  startedAt: Date;
  completedAt: Date;
  contents: readonly StageContent[];
  bytesProcessed: number;
  result: StageResult;
  settings: Record<string, unknown>;
  failure: StageFailure | null;
};
export type HistoryIds = { processingId: number; historyId: string };

export const EMPTY_RESULT: StageResult = { outputs: [], failed: [], output: {}, meanConfidence: null };

const durationOf = (a: StageAttempt) => Math.max(0, a.completedAt.getTime() - a.startedAt.getTime());
const refOf = (r: StageRequested) => ({
  executionId: r.executionId,
  workflowId: r.workflowId,
  stageOrder: r.stageOrder,
  attempt: r.attempt,
});

// The processing_history record of the attempt (seed columns, see the README).
export function historyRecordedEvent(attempt: StageAttempt, ids: HistoryIds): NewEvent {
  const { request, result, failure, contents } = attempt;
  const durationMs = durationOf(attempt);
  const processed = contents.length;
  const first = contents[0];
  return newEvent(historyRecorded, {
    historyId: ids.historyId,
    processingId: ids.processingId,
    executionId: request.executionId,
    executionNumber: request.executionNumber,
    workflowId: request.workflowId,
    stageOrder: request.stageOrder,
    attempt: request.attempt,
    stageName: request.stageName,
    fetchingId: first?.fetching_id ?? null,
    fluxNumber: first?.flux_number ?? null,
    fluxId: first?.flux_id ?? null,
    status: failure ? 'Failed' : 'Success',
    startedAt: attempt.startedAt.toISOString(),
    completedAt: attempt.completedAt.toISOString(),
    processingTimeSeconds: Math.round(durationMs / 1000),
    processingType: request.stageType,
    processingAlgorithm: ALGORITHMS[request.stageType as ProcessingStageType],
    processingConfig: attempt.settings,
    numberOfProcessingContent: processed,
    contentProcessed: processed,
    contentSuccessful: failure ? 0 : result.outputs.length,
    contentFailed: failure ? processed : result.failed.length,
    itemsPerSecond: processed > 0 ? Math.min(99_999_999, round(processed / Math.max(durationMs / 1000, 0.001), 2)) : null,
    accuracyScore: processed > 0 ? round(((failure ? 0 : result.outputs.length) / processed) * 100, 2) : null,
    confidenceScore: result.meanConfidence === null ? null : round(result.meanConfidence * 100, 2),
    qualityMetrics: { meanConfidence: result.meanConfidence, bytesProcessed: attempt.bytesProcessed, durationMs },
    errorCode: failure?.code ?? null,
    errorMessage: failure?.message ?? null,
    failedItems: result.failed,
    output: result.output,
    inputHash: hashOfHashes(contents.map((c) => c.sha256)),
    outputHash: hashOfHashes([...result.outputs.map(outputDigest), sha256(JSON.stringify(result.output))]),
  });
}

// The stage's answer on its stage stream.
export function stageOutcomeEvent(attempt: StageAttempt, ids: HistoryIds): NewEvent {
  const { request, result, failure } = attempt;
  const processed = attempt.contents.length;
  if (failure) {
    return newEvent(processingStage.failed, {
      ...refOf(request),
      errorCode: failure.code,
      errorMessage: failure.message,
      retriable: failure.retriable,
      itemsProcessed: processed,
      itemsFailed: failure.code === 'PROCESSING.ALL_ITEMS_FAILED' ? processed : 0,
      details: { historyId: ids.historyId, failedItems: result.failed },
    });
  }
  return newEvent(processingStage.completed, {
    ...refOf(request),
    itemsTotal: processed,
    itemsProcessed: processed,
    itemsSuccessful: result.outputs.length,
    itemsFailed: result.failed.length,
    bytesProcessed: attempt.bytesProcessed,
    contentCount: processed,
    durationMs: durationOf(attempt),
    output: result.output,
    historyId: ids.historyId,
  });
}

// The progress of an attempt still reading its items.
export function stageProgressedEvent(
  request: StageRequested,
  itemsTotal: number,
  itemsProcessed: number,
  bytesProcessed: number,
): NewEvent {
  return newEvent(processingStage.progressed, { ...refOf(request), itemsTotal, itemsProcessed, bytesProcessed });
}

// One event per processed item (its text is a private field, kept in the event store only).
export function contentProcessedEvents(attempt: StageAttempt, ids: HistoryIds & { processedAt: string }): NewEvent[] {
  const { request } = attempt;
  const contents = new Map(attempt.contents.map((c) => [c.content_id, c]));
  return attempt.result.outputs.map((o) => {
    const c = contents.get(o.contentId)!;
    return newEvent(contentProcessed, {
      contentId: o.contentId,
      contentNumber: c.content_number,
      fluxId: c.flux_id,
      executionId: request.executionId,
      stageOrder: request.stageOrder,
      processingType: request.stageType,
      processingId: ids.processingId,
      historyId: ids.historyId,
      name: c.name,
      mimeType: c.mime_type,
      format: o.format,
      category: o.category,
      tags: o.tags,
      confidence: o.confidence,
      language: o.language,
      keywords: o.keywords,
      summary: o.summary,
      duplicateOf: o.duplicateOf,
      wordCount: o.wordCount,
      textSha256: o.textSha256,
      processedAt: ids.processedAt,
      text: o.text,
    });
  });
}

function outputDigest(o: ItemOutput): string {
  return sha256(
    JSON.stringify([o.contentId, o.textSha256, o.language, o.category, o.tags, o.confidence, o.keywords, o.summary, o.duplicateOf]),
  );
}
