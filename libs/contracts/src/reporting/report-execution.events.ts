import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';

export const REPORT_EXECUTION_TOPIC = topicName('reporting', 'report-execution');
// Every output format a report may list (reportOutputFormatSchema) renders.
export const renderableFormatSchema = z.enum(['json', 'csv', 'html', 'xlsx', 'pdf']);
const name = (p: { reportName: string; reportExecutionNumber: number }) => `${p.reportName} #${p.reportExecutionNumber}`;

export const reportExecutionRequested = defineEvent({
  type: 'reporting.report-execution.requested',
  version: 1,
  aggregateType: 'report-execution',
  topic: REPORT_EXECUTION_TOPIC,
  schema: z.object({
    reportExecutionId: z.uuid(),
    // report_executions.id, allocated by the command so a rebuild keeps it.
    reportExecutionNumber: z.number().int().positive(),
    reportId: z.uuid(),
    reportNumber: z.number().int().positive(),
    reportName: z.string(),
    executionName: z.string().nullable(),
    outputFormat: renderableFormatSchema,
    triggeredBy: z.enum(['manual', 'schedule', 'api']),
    triggerUserId: z.number().int().nullable(),
    // Snapshot of the definition used for this run and the filters after the run's overrides.
    reportConfig: z.record(z.string(), z.unknown()),
    filtersApplied: z.record(z.string(), z.unknown()),
    requestedAt: z.iso.datetime({ offset: true }),
  }),
  audit: {
    category: 'report',
    action: 'run',
    resourceType: 'report-execution',
    severity: 'low',
    responseStatus: 202,
    resourceName: name,
    newValues: (p) => ({ outputFormat: p.outputFormat, filtersApplied: p.filtersApplied }),
  },
});

export const reportExecutionCompleted = defineEvent({
  type: 'reporting.report-execution.completed',
  version: 1,
  aggregateType: 'report-execution',
  topic: REPORT_EXECUTION_TOPIC,
  schema: z.object({
    reportExecutionId: z.uuid(),
    reportExecutionNumber: z.number().int().positive(),
    reportId: z.uuid(),
    reportNumber: z.number().int().positive(),
    reportName: z.string(),
    outputFormat: renderableFormatSchema,
    // Relative to the service's REPORT_OUTPUT_DIR: `<report uuid>/<execution uuid>.<ext>`.
    outputFilePath: z.string(),
    outputFileSizeBytes: z.number().int().nonnegative(),
    recordsProcessed: z.number().int().nonnegative(),
    dataPointsIncluded: z.number().int().nonnegative(),
    queryTimeSeconds: z.number().nonnegative(),
    renderTimeSeconds: z.number().nonnegative(),
    generationTimeSeconds: z.number().nonnegative(),
    startedAt: z.iso.datetime({ offset: true }),
    completedAt: z.iso.datetime({ offset: true }),
    // The report's statistics after this run (carried so a replay rebuilds them exactly).
    reportRunCount: z.number().int().positive(),
    reportAverageGenerationTimeSeconds: z.number().nonnegative(),
  }),
  audit: {
    category: 'report',
    action: 'generate',
    resourceType: 'report-execution',
    severity: 'low',
    resourceName: name,
    newValues: (p) => ({
      status: 'Success',
      outputFormat: p.outputFormat,
      outputFileSizeBytes: p.outputFileSizeBytes,
      recordsProcessed: p.recordsProcessed,
    }),
  },
});

export const reportExecutionFailed = defineEvent({
  type: 'reporting.report-execution.failed',
  version: 1,
  aggregateType: 'report-execution',
  topic: REPORT_EXECUTION_TOPIC,
  schema: z.object({
    reportExecutionId: z.uuid(),
    reportExecutionNumber: z.number().int().positive(),
    reportId: z.uuid(),
    reportNumber: z.number().int().positive(),
    reportName: z.string(),
    errorCode: z.string(),
    errorMessage: z.string(),
    startedAt: z.iso.datetime({ offset: true }),
    completedAt: z.iso.datetime({ offset: true }),
    reportRunCount: z.number().int().positive(),
    reportAverageGenerationTimeSeconds: z.number().nonnegative().nullable(),
  }),
  audit: {
    category: 'report',
    action: 'generate-fail',
    resourceType: 'report-execution',
    severity: 'medium',
    resourceName: name,
    newValues: (p) => ({ status: 'Failed', errorCode: p.errorCode, errorMessage: p.errorMessage }),
  },
});
