import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';
import { stageRefSchema, stageRequestedSchema, stageTypeSchema } from '../stages/stage-protocol';

export const EXECUTION_TOPIC = topicName('workflows', 'execution');
export const executionStatusSchema = z.enum(['Created', 'InProgress', 'Success', 'Failed', 'Cancelled', 'Timeout']);
export const triggerSchema = z.enum(['manual', 'api', 'schedule', 'webhook']);
// What started a run, with its particulars: who (manual, also through the API), which tick of
// the workflow's schedule, which webhook delivery (the delivery is also the run's `delivery`
// input), or who reran which finished run from which stage (triggeredBy stays `manual`: the
// seed's triggered_by column knows no other word for a person's request).
export const runTriggerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('manual'), userNumber: z.number().int().nullable() }),
  z.object({ kind: z.literal('schedule'), workflowId: z.uuid(), fireAt: z.iso.datetime({ offset: true }) }),
  z.object({
    kind: z.literal('webhook'),
    dataSourceId: z.uuid(),
    deliveryId: z.uuid(),
    deliveryNumber: z.number().int().positive(),
    receivedAt: z.iso.datetime({ offset: true }),
  }),
  z.object({
    kind: z.literal('rerun'),
    userNumber: z.number().int().nullable(),
    executionId: z.uuid(),
    fromStage: z.number().int().min(1),
  }),
]);
export type RunTrigger = z.infer<typeof runTriggerSchema>;
// A run's inputs, resolved against the workflow's declared inputs (defaults applied).
export const runInputsSchema = z.record(z.string(), z.unknown());
const name = (p: { executionId: string }) => p.executionId;
// What a rerun takes from a stage of the run it reruns: its counters and output as shown, and
// the run whose worker output it is (sourceExecutionId: the run itself, or the run it carried the
// stage over from in turn), for later stages to read.
export const carriedOverStageSchema = z.object({
  sourceExecutionId: z.uuid(),
  itemsTotal: z.number().int().nonnegative(),
  itemsProcessed: z.number().int().nonnegative(),
  itemsSuccessful: z.number().int().nonnegative(),
  itemsFailed: z.number().int().nonnegative(),
  bytesProcessed: z.number().int().nonnegative(),
  // Content items the run held after the stage: the run starts with as many.
  contentCount: z.number().int().nonnegative(),
  durationSeconds: z.number().int().nonnegative().nullable(),
  output: z.record(z.string(), z.unknown()).nullable(),
  historyId: z.uuid().nullable(),
  completedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type CarriedOverStage = z.infer<typeof carriedOverStageSchema>;

export const executionCreated = defineEvent({
  type: 'workflows.execution.created',
  version: 1,
  aggregateType: 'execution',
  topic: EXECUTION_TOPIC,
  schema: z.object({
    executionId: z.uuid(),
    executionNumber: z.number().int().positive(),
    workflowId: z.uuid(),
    workflowNumber: z.number().int().positive(),
    workflowName: z.string(),
    // The execution is pinned to the workflow version (and configuration) it runs.
    workflowVersion: z.number().int().positive(),
    configurationHash: z.string(),
    runNumber: z.number().int().positive(),
    triggeredBy: triggerSchema,
    triggerUserNumber: z.number().int().nullable(),
    // Optional: runs created before they were recorded carry neither (read as null and {}).
    trigger: runTriggerSchema.optional(),
    inputs: runInputsSchema.optional(),
    // -100 (lowest) to 100 (highest): among runs waiting for a slot the highest starts first.
    // Runs created before priorities existed read as 0, the default.
    priority: z.number().int().min(-100).max(100).default(0),
    timeoutMinutes: z.number().int().positive(),
    maxRetries: z.number().int().nonnegative(),
    stages: z.array(
      z.object({
        order: z.number().int().min(1),
        name: z.string(),
        type: stageTypeSchema,
        timeoutSeconds: z.number().int().positive(),
        settings: z.record(z.string(), z.unknown()),
        dataSourceIds: z.array(z.uuid()),
        // A rerun's stages before its first requested one: not executed again, their result
        // carried over from the run rerun (absent on every other stage and on older events).
        carriedOver: carriedOverStageSchema.optional(),
      }),
    ),
    createdAt: z.iso.datetime({ offset: true }),
  }),
  audit: {
    category: 'workflow',
    action: 'execute',
    resourceType: 'execution',
    severity: 'low',
    responseStatus: 202,
    resourceName: (p) => `${p.workflowName} #${p.runNumber}`,
    newValues: (p) => ({
      workflowVersion: p.workflowVersion,
      runNumber: p.runNumber,
      triggeredBy: p.triggeredBy,
      trigger: p.trigger ?? null,
      priority: p.priority,
      ...(p.trigger?.kind === 'rerun' ? { rerunOf: p.trigger.executionId, fromStage: p.trigger.fromStage } : {}),
    }),
  },
});

export const executionStarted = defineEvent({
  type: 'workflows.execution.started',
  version: 1,
  aggregateType: 'execution',
  topic: EXECUTION_TOPIC,
  schema: z.object({
    executionId: z.uuid(),
    workflowId: z.uuid(),
    startedAt: z.iso.datetime({ offset: true }),
    deadlineAt: z.iso.datetime({ offset: true }),
  }),
  audit: { category: 'workflow', action: 'start', resourceType: 'execution', severity: 'info', resourceName: name },
});

export const executionStageRequested = defineEvent({
  type: 'workflows.execution.stage-requested',
  version: 1,
  aggregateType: 'execution',
  topic: EXECUTION_TOPIC,
  schema: stageRequestedSchema,
  audit: {
    category: 'workflow',
    action: 'stage-request',
    resourceType: 'execution-stage',
    severity: 'info',
    resourceName: (p) => `${p.executionId}#${p.stageOrder}`,
  },
});

export const executionStageProgressed = defineEvent({
  type: 'workflows.execution.stage-progressed',
  version: 1,
  aggregateType: 'execution',
  topic: EXECUTION_TOPIC,
  schema: stageRefSchema.extend({
    itemsTotal: z.number().int().nonnegative(),
    itemsProcessed: z.number().int().nonnegative(),
    bytesProcessed: z.number().int().nonnegative(),
    progressPercentage: z.number().min(0).max(100),
  }),
  audit: {
    category: 'workflow',
    action: 'progress',
    resourceType: 'execution-stage',
    severity: 'info',
    resourceName: (p) => `${p.executionId}#${p.stageOrder}`,
  },
});

export const executionStageCompleted = defineEvent({
  type: 'workflows.execution.stage-completed',
  version: 1,
  aggregateType: 'execution',
  topic: EXECUTION_TOPIC,
  schema: stageRefSchema.extend({
    stageType: stageTypeSchema,
    itemsTotal: z.number().int().nonnegative(),
    itemsProcessed: z.number().int().nonnegative(),
    itemsSuccessful: z.number().int().nonnegative(),
    itemsFailed: z.number().int().nonnegative(),
    bytesProcessed: z.number().int().nonnegative(),
    contentCount: z.number().int().nonnegative(),
    durationMs: z.number().int().nonnegative(),
    output: z.record(z.string(), z.unknown()),
    historyId: z.uuid().nullable(),
    completedAt: z.iso.datetime({ offset: true }),
    stagesCompleted: z.number().int().nonnegative(),
    progressPercentage: z.number().min(0).max(100),
  }),
  audit: {
    category: 'workflow',
    action: 'stage-complete',
    resourceType: 'execution-stage',
    severity: 'low',
    contentFields: ['output'],
    resourceName: (p) => `${p.executionId}#${p.stageOrder}`,
  },
});

export const executionStageFailed = defineEvent({
  type: 'workflows.execution.stage-failed',
  version: 1,
  aggregateType: 'execution',
  topic: EXECUTION_TOPIC,
  schema: stageRefSchema.extend({
    stageType: stageTypeSchema,
    errorCode: z.string(),
    errorMessage: z.string(),
    retriable: z.boolean(),
    // When the orchestrator will try again (exponential backoff with jitter), or null if not.
    retryAt: z.iso.datetime({ offset: true }).nullable(),
    failedAt: z.iso.datetime({ offset: true }),
    details: z.record(z.string(), z.unknown()),
  }),
  audit: {
    category: 'workflow',
    action: 'stage-fail',
    resourceType: 'execution-stage',
    severity: 'medium',
    resourceName: (p) => `${p.executionId}#${p.stageOrder}`,
  },
});

export const executionFinished = defineEvent({
  type: 'workflows.execution.finished',
  version: 1,
  aggregateType: 'execution',
  topic: EXECUTION_TOPIC,
  schema: z.object({
    executionId: z.uuid(),
    workflowId: z.uuid(),
    workflowNumber: z.number().int().positive(),
    runNumber: z.number().int().positive(),
    status: z.enum(['Success', 'Failed', 'Cancelled', 'Timeout']),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
    startedAt: z.iso.datetime({ offset: true }).nullable(),
    completedAt: z.iso.datetime({ offset: true }),
    durationMinutes: z.number().nonnegative(),
    contentProcessed: z.number().int().nonnegative(),
    bytesProcessed: z.number().int().nonnegative(),
    stagesCompleted: z.number().int().nonnegative(),
    cancelledBy: z.number().int().nullable(),
  }),
  audit: {
    category: 'workflow',
    action: 'finish',
    resourceType: 'execution',
    severity: 'low',
    resourceName: name,
    newValues: (p) => ({
      status: p.status,
      errorCode: p.errorCode,
      durationMinutes: p.durationMinutes,
      contentProcessed: p.contentProcessed,
    }),
  },
});

// Retention (seed errata 3): finished executions past the retention period are archived
// (archived_at set), by a daily job or an admin's request.
export const executionsArchived = defineEvent({
  type: 'workflows.execution.archived',
  version: 1,
  aggregateType: 'execution',
  topic: EXECUTION_TOPIC,
  schema: z.object({
    runId: z.uuid(),
    executionIds: z.array(z.uuid()),
    retentionDays: z.number().int().positive(),
    cutoff: z.iso.datetime({ offset: true }),
    archivedAt: z.iso.datetime({ offset: true }),
    trigger: z.enum(['schedule', 'request']),
  }),
  audit: {
    category: 'admin',
    action: 'archive-executions',
    resourceType: 'execution',
    severity: 'medium',
    resourceName: (p) => `${p.executionIds.length} execution(s) before ${p.cutoff}`,
    newValues: (p) => ({ archived: p.executionIds.length, retentionDays: p.retentionDays, cutoff: p.cutoff }),
  },
});
