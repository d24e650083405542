import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';
import { stageTypeSchema } from '../stages/stage-protocol';

export const PROCESSING_HISTORY_TOPIC = topicName('processing', 'history');

export const processingFailedItemSchema = z.object({ contentId: z.uuid(), code: z.string(), reason: z.string() });

// The record of one processing stage run (execution, stage, attempt): the processing_history row.
export const historyRecorded = defineEvent({
  type: 'processing.history.recorded',
  version: 1,
  aggregateType: 'history',
  topic: PROCESSING_HISTORY_TOPIC,
  schema: z.object({
    historyId: z.uuid(),
    processingId: z.number().int().positive(),
    executionId: z.uuid(),
    executionNumber: z.number().int().positive(),
    workflowId: z.uuid(),
    stageOrder: z.number().int().min(1),
    attempt: z.number().int().min(1),
    stageName: z.string(),
    // Ingestion ids of the (first) input content; null when the stage had no input.
    fetchingId: z.number().int().nullable(),
    fluxNumber: z.number().int().nullable(),
    fluxId: z.uuid().nullable(),
    status: z.enum(['Success', 'Failed']),
    startedAt: z.iso.datetime({ offset: true }),
    completedAt: z.iso.datetime({ offset: true }),
    processingTimeSeconds: z.number().int().nonnegative(),
    processingType: stageTypeSchema,
    processingAlgorithm: z.string(),
    processingConfig: z.record(z.string(), z.unknown()),
    numberOfProcessingContent: z.number().int().nonnegative(),
    contentProcessed: z.number().int().nonnegative(),
    contentSuccessful: z.number().int().nonnegative(),
    contentFailed: z.number().int().nonnegative(),
    itemsPerSecond: z.number().nonnegative().nullable(),
    // successful / processed × 100.
    accuracyScore: z.number().min(0).max(100).nullable(),
    // Mean classification confidence × 100 (refinement only).
    confidenceScore: z.number().min(0).max(100).nullable(),
    qualityMetrics: z.record(z.string(), z.unknown()),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
    failedItems: z.array(processingFailedItemSchema),
    output: z.record(z.string(), z.unknown()),
    inputHash: z.string().regex(/^[0-9a-f]{64}$/),
    outputHash: z.string().regex(/^[0-9a-f]{64}$/),
  }),
  audit: {
    category: 'data',
    action: 'process-stage',
    resourceType: 'processing-history',
    severity: 'low',
    // output holds analysis keywords and calculated values; a failed item's reason may quote content.
    contentFields: ['output', 'failedItems'],
    resourceName: (p) => `${p.executionId}#${p.stageOrder}/${p.attempt}`,
    newValues: (p) => ({
      status: p.status,
      processingType: p.processingType,
      contentProcessed: p.contentProcessed,
      contentFailed: p.contentFailed,
    }),
  },
});
