import { randomUUID } from 'node:crypto';
import {
  contentFetched,
  contentProcessed,
  EventDefinition,
  EventEnvelope,
  executionCreated,
  executionFinished,
  executionStageCompleted,
  executionStarted,
  PublicPayload,
  SYSTEM_ACTOR,
} from '@mindhill/contracts';

// Envelopes as the workflows, ingestion and processing services publish them, for feeding the
// reporting read models in tests.
export function envelope<D extends EventDefinition>(
  definition: D,
  aggregateId: string,
  payload: PublicPayload<D>,
  producer: string,
): EventEnvelope {
  return {
    eventId: randomUUID(),
    type: definition.type,
    version: definition.version,
    occurredAt: new Date().toISOString(),
    producer,
    aggregateType: definition.aggregateType,
    aggregateId,
    aggregateVersion: 1,
    correlationId: randomUUID(),
    causationId: null,
    actor: SYSTEM_ACTOR,
    payload,
  };
}

export type ExecutionFixture = {
  executionId: string;
  workflowId: string;
  workflowName: string;
  runNumber: number;
  executionNumber: number;
  createdAt: string;
  status: 'Success' | 'Failed';
  errorCode: string | null;
  contentProcessed: number;
  bytesProcessed: number;
};

export const execution = {
  created: (x: ExecutionFixture) =>
    envelope(
      executionCreated,
      `execution-${x.executionId}`,
      {
        executionId: x.executionId,
        executionNumber: x.executionNumber,
        workflowId: x.workflowId,
        workflowNumber: 1,
        workflowName: x.workflowName,
        workflowVersion: 1,
        configurationHash: 'h',
        runNumber: x.runNumber,
        priority: 0,
        triggeredBy: 'manual',
        triggerUserNumber: 7,
        timeoutMinutes: 60,
        maxRetries: 0,
        stages: [],
        createdAt: x.createdAt,
      },
      'workflows',
    ),
  started: (x: ExecutionFixture) =>
    envelope(
      executionStarted,
      `execution-${x.executionId}`,
      {
        executionId: x.executionId,
        workflowId: x.workflowId,
        startedAt: later(x.createdAt, 1),
        deadlineAt: later(x.createdAt, 3600),
      },
      'workflows',
    ),
  finished: (x: ExecutionFixture) =>
    envelope(
      executionFinished,
      `execution-${x.executionId}`,
      {
        executionId: x.executionId,
        workflowId: x.workflowId,
        workflowNumber: 1,
        runNumber: x.runNumber,
        status: x.status,
        errorCode: x.errorCode,
        errorMessage: x.errorCode ? 'it broke' : null,
        startedAt: later(x.createdAt, 1),
        completedAt: later(x.createdAt, 61),
        durationMinutes: 1,
        contentProcessed: x.contentProcessed,
        bytesProcessed: x.bytesProcessed,
        stagesCompleted: 3,
        cancelledBy: null,
      },
      'workflows',
    ),
  calculation: (x: ExecutionFixture, stageOrder: number, fields: Record<string, Record<string, number>>) =>
    envelope(
      executionStageCompleted,
      `execution-${x.executionId}`,
      {
        executionId: x.executionId,
        workflowId: x.workflowId,
        stageOrder,
        attempt: 1,
        stageType: 'calculation',
        itemsTotal: 1,
        itemsProcessed: 1,
        itemsSuccessful: 1,
        itemsFailed: 0,
        bytesProcessed: 0,
        contentCount: 1,
        durationMs: 5,
        output: { fields },
        historyId: null,
        completedAt: later(x.createdAt, 30),
        stagesCompleted: stageOrder,
        progressPercentage: 100,
      },
      'workflows',
    ),
};

export type ContentFixture = {
  contentId: string;
  contentNumber: number;
  executionId: string;
  fluxId: string;
  fluxNumber: number;
  name: string;
  mimeType: string;
  sizeBytes: number;
  language: string | null;
  fetchedAt: string;
};

export const content = {
  fetched: (c: ContentFixture) =>
    envelope(
      contentFetched,
      `content-${c.contentId}`,
      {
        contentId: c.contentId,
        contentNumber: c.contentNumber,
        fluxId: c.fluxId,
        fluxNumber: c.fluxNumber,
        fetchingId: 1,
        fetchingUuid: randomUUID(),
        executionId: c.executionId,
        stageOrder: 1,
        name: c.name,
        mimeType: c.mimeType,
        extension: null,
        sizeBytes: c.sizeBytes,
        sha256: 'a'.repeat(64),
        encoding: 'utf-8',
        language: c.language,
        preview: null,
        wordCount: 10,
        storageKey: 'aa/aaa',
        duplicate: false,
        fetchedAt: c.fetchedAt,
      },
      'ingestion',
    ),
  processed: (
    c: ContentFixture,
    stageOrder: number,
    p: { category: string | null; tags: string[]; keywords: string[]; summary: string | null; language: string | null },
  ) =>
    envelope(
      contentProcessed,
      `content-${c.contentId}`,
      {
        contentId: c.contentId,
        contentNumber: c.contentNumber,
        fluxId: c.fluxId,
        executionId: c.executionId,
        stageOrder,
        processingType: 'analysis',
        processingId: stageOrder,
        historyId: randomUUID(),
        name: c.name,
        mimeType: c.mimeType,
        format: 'text',
        category: p.category,
        tags: p.tags,
        confidence: 0.5,
        language: p.language,
        keywords: p.keywords,
        summary: p.summary,
        duplicateOf: null,
        wordCount: 10,
        textSha256: 'b'.repeat(64),
        processedAt: later(c.fetchedAt, stageOrder),
      },
      'processing',
    ),
};

function later(iso: string, seconds: number): string {
  return new Date(Date.parse(iso) + seconds * 1000).toISOString();
}
