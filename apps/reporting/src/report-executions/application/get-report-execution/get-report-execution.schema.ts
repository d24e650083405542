import { z } from 'zod';
import { renderableFormatSchema } from '@mindhill/contracts';
import { isoTimestamp, pageOf } from '@mindhill/platform';

// The API's view of a run of a report (ReportExecutionView).
export const reportExecutionAnswer = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    reportId: z.uuid(),
    reportNumber: z.number().int(),
    executionName: z.string().nullable(),
    status: z.enum(['Created', 'InProgress', 'Success', 'Failed', 'Cancelled']),
    triggeredBy: z.string(),
    triggerUserId: z.number().int().nullable(),
    startedAt: isoTimestamp().nullable(),
    completedAt: isoTimestamp().nullable(),
    generationTimeSeconds: z.number().nullable(),
    reportConfig: z.record(z.string(), z.unknown()).nullable(),
    filtersApplied: z.record(z.string(), z.unknown()).nullable(),
    dateRange: z.record(z.string(), z.unknown()).nullable(),
    outputFormat: renderableFormatSchema,
    outputFilePath: z.string().nullable(),
    outputFileSizeBytes: z.number().int().nullable(),
    outputFileExpiredAt: isoTimestamp().nullable().describe('When retention deleted the file: no download any more (410)'),
    recordsProcessed: z.number().int(),
    dataPointsIncluded: z.number().int(),
    queryTimeSeconds: z.number().nullable(),
    renderTimeSeconds: z.number().nullable(),
    errorMessage: z.string().nullable(),
    errorDetails: z.record(z.string(), z.unknown()).nullable(),
    downloadUrl: z.string().nullable(),
    createdAt: isoTimestamp(),
    updatedAt: isoTimestamp(),
  })
  .describe('A run of a report');

export const reportExecutionPageAnswer = pageOf(reportExecutionAnswer).describe('A page of report runs');
