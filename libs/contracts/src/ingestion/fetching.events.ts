import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';

const countMap = z.record(z.string(), z.number().int().nonnegative());

// The record of one fetching stage attempt (a fetching_history row). Headers are redacted.
export const fetchingRecorded = defineEvent({
  type: 'ingestion.fetching.recorded',
  version: 1,
  aggregateType: 'fetching',
  topic: topicName('ingestion', 'fetching'),
  schema: z.object({
    fetchingUuid: z.uuid(),
    fetchingId: z.number().int().positive(),
    fluxNumber: z.number().int().positive(),
    fluxIds: z.array(z.uuid()),
    executionId: z.uuid().nullable(),
    // The workflow the execution belongs to: a fetching is seen by those who may see it.
    // Records written before it existed carry none (then only admins see them).
    workflowId: z.uuid().nullable().default(null),
    stageOrder: z.number().int().nullable(),
    attempt: z.number().int().nullable(),
    status: z.enum(['Success', 'Failed', 'Cancelled']),
    startedAt: z.iso.datetime({ offset: true }),
    completedAt: z.iso.datetime({ offset: true }),
    dataSourceType: z.string(),
    dataSourceUrl: z.string().nullable(),
    dataSourceConfig: z.array(z.record(z.string(), z.unknown())),
    numberOfContent: z.number().int().nonnegative(),
    totalSizeBytes: z.number().int().nonnegative(),
    contentTypes: countMap,
    duplicates: z.number().int().nonnegative(),
    throughputMbps: z.number().nonnegative().nullable(),
    requestsPerSecond: z.number().nonnegative().nullable(),
    averageResponseTimeMs: z.number().int().nonnegative().nullable(),
    errorMessage: z.string().nullable(),
    errorCount: z.number().int().nonnegative(),
    retryAttempts: z.number().int().nonnegative(),
    failedItems: z.array(z.object({ source: z.string(), reason: z.string() })),
    fetchingConfig: z.record(z.string(), z.unknown()),
    headersSent: z.record(z.string(), z.unknown()),
    headersReceived: z.record(z.string(), z.unknown()),
    // Buffered webhook deliveries this fetch consumed.
    consumedDeliveryIds: z.array(z.uuid()),
  }),
  audit: {
    category: 'data',
    action: 'fetching-record',
    resourceType: 'fetching',
    severity: 'info',
    resourceName: (p) => `fetching ${p.fetchingId}`,
    newValues: (p) => ({
      status: p.status,
      numberOfContent: p.numberOfContent,
      totalSizeBytes: p.totalSizeBytes,
      errorCount: p.errorCount,
    }),
  },
});
