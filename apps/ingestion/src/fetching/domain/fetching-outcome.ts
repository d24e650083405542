import { contentFetched, fetchingRecorded, ingestionStage, newEvent, NewEvent, StageRef, StageRequested } from '@mindhill/contracts';
import { CollectedItem, countContentTypes, FailedItem, FetchStats } from './fetch-collector';

export type StageFailure = { code: string; message: string; retriable: boolean; details?: Record<string, unknown> };
export type FetchedSource = { uuid: string; number: number; name: string; type: string; config: Record<string, unknown> };

// Everything one fetching attempt read, ready to be written as its outcome.
export type FetchRun = {
  items: CollectedItem[];
  failures: FailedItem[];
  stats: FetchStats;
  consumed: string[];
  bytes: number;
  sources: FetchedSource[];
  startedAt: Date;
  completedAt: Date;
  maxBytes: number;
  timeoutMs: number;
  failure: StageFailure | null;
};
export type FetchingIds = { fetchingId: number; fetchingUuid: string };
export type KnownContent = { uuid: string; number: number };
export type ContentEvent = NewEvent & { payload: { contentId: string; duplicate: boolean } };

export const contentKey = (fluxNumber: number, sha256: string) => `${fluxNumber}:${sha256}`;

// One content event per item: `known` holds the content of every item (`<flux>:<sha-256>`),
// `fresh` the keys first seen in this run. The first sight of new bytes is the new content; any
// later one (in this run too) a re-fetch (`duplicate`).
export function contentFetchedEvents(
  items: readonly CollectedItem[],
  known: ReadonlyMap<string, KnownContent>,
  fresh: ReadonlySet<string>,
  ids: FetchingIds & { executionId: string; stageOrder: number; fetchedAt: string },
): ContentEvent[] {
  const unseen = new Set(fresh);
  return items.map((item) => {
    const key = contentKey(item.fluxNumber, item.sha256);
    const existing = known.get(key)!;
    const duplicate = !unseen.delete(key);
    const event = newEvent(contentFetched, {
      contentId: existing.uuid,
      contentNumber: existing.number,
      fluxId: item.fluxUuid,
      fluxNumber: item.fluxNumber,
      fetchingId: ids.fetchingId,
      fetchingUuid: ids.fetchingUuid,
      executionId: ids.executionId,
      stageOrder: ids.stageOrder,
      name: item.name,
      mimeType: item.mimeType,
      extension: item.extension,
      sizeBytes: item.sizeBytes,
      sha256: item.sha256,
      encoding: item.encoding,
      language: item.language,
      preview: item.preview,
      wordCount: item.wordCount,
      storageKey: item.storageKey,
      duplicate,
      fetchedAt: ids.fetchedAt,
    });
    return { ...event, payload: { ...event.payload, contentId: existing.uuid, duplicate } };
  });
}

// The fetching_history record of the attempt.
export function fetchingRecordedEvent(request: StageRequested, run: FetchRun, ids: FetchingIds, contentEvents: ContentEvent[]): NewEvent {
  const { items, failures, stats, bytes, sources, startedAt, completedAt, failure } = run;
  const seconds = Math.max((completedAt.getTime() - startedAt.getTime()) / 1000, 0.001);
  const meanResponse = stats.responseTimesMs.length
    ? Math.round(stats.responseTimesMs.reduce((a, b) => a + b, 0) / stats.responseTimesMs.length)
    : null;
  const failedItems = failedItemsOf(failures);
  const types = [...new Set(sources.map((s) => s.type))];
  const firstApi = sources.find((s) => s.type === 'api');
  return newEvent(fetchingRecorded, {
    fetchingUuid: ids.fetchingUuid,
    fetchingId: ids.fetchingId,
    fluxNumber: sources[0]!.number,
    fluxIds: sources.map((s) => s.uuid),
    executionId: request.executionId,
    workflowId: request.workflowId,
    stageOrder: request.stageOrder,
    attempt: request.attempt,
    status: failure ? 'Failed' : 'Success',
    startedAt: startedAt.toISOString(),
    completedAt: completedAt.toISOString(),
    dataSourceType: types.length === 1 ? types[0]! : 'mixed',
    dataSourceUrl: firstApi ? String(firstApi.config.url) : null,
    dataSourceConfig: sources.map((s) => ({ fluxId: s.uuid, fluxNumber: s.number, name: s.name, type: s.type, config: s.config })),
    numberOfContent: items.length,
    totalSizeBytes: bytes,
    contentTypes: countContentTypes(items),
    duplicates: contentEvents.filter((e) => e.payload.duplicate).length,
    throughputMbps: (bytes * 8) / 1_000_000 / seconds,
    requestsPerSecond: stats.requests ? stats.requests / seconds : null,
    averageResponseTimeMs: meanResponse,
    errorMessage:
      failure?.message ??
      (failures.length
        ? failedItems
            .map((f) => `${f.source}: ${f.reason}`)
            .join('; ')
            .slice(0, 2000)
        : null),
    errorCount: failures.length,
    retryAttempts: stats.retryAttempts,
    failedItems,
    fetchingConfig: { maxFileSizeMb: run.maxBytes / 1024 / 1024, timeoutMs: run.timeoutMs, stageName: request.stageName },
    headersSent: stats.headersSent,
    headersReceived: stats.headersReceived,
    consumedDeliveryIds: run.consumed,
  });
}

// The stage's answer: failed when nothing was fetched, completed otherwise.
export function stageOutcomeEvent(ref: StageRef, run: FetchRun, ids: FetchingIds, contentEvents: ContentEvent[]): NewEvent {
  const { items, failures, bytes, failure } = run;
  const failedItems = failedItemsOf(failures);
  if (failure) {
    return newEvent(ingestionStage.failed, {
      ...ref,
      errorCode: failure.code,
      errorMessage: failure.message,
      retriable: failure.retriable,
      itemsProcessed: 0,
      itemsFailed: failures.length,
      details: { fetchingId: ids.fetchingId, historyId: ids.fetchingUuid, failedItems },
    });
  }
  const contentTypes = countContentTypes(items);
  const duplicates = contentEvents.filter((e) => e.payload.duplicate).length;
  return newEvent(ingestionStage.completed, {
    ...ref,
    itemsTotal: items.length + failures.length,
    itemsProcessed: items.length + failures.length,
    itemsSuccessful: items.length,
    itemsFailed: failures.length,
    bytesProcessed: bytes,
    contentCount: new Set(contentEvents.map((e) => e.payload.contentId)).size,
    durationMs: run.completedAt.getTime() - run.startedAt.getTime(),
    output: { fetchingId: ids.fetchingId, contentTypes, duplicates, failedItems },
    historyId: ids.fetchingUuid,
  });
}

// A stage refused before anything was read (settings, sources, use rights).
export function stageRefusedEvent(ref: StageRef, failure: StageFailure): NewEvent {
  return newEvent(ingestionStage.failed, {
    ...ref,
    errorCode: failure.code,
    errorMessage: failure.message,
    retriable: failure.retriable,
    itemsProcessed: 0,
    itemsFailed: 0,
    details: failure.details ?? {},
  });
}

const failedItemsOf = (failures: readonly FailedItem[]) => failures.map((f) => ({ source: f.source, reason: f.reason }));
