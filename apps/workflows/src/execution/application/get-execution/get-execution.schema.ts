import { z } from 'zod';
import { runTriggerSchema, stageTypeSchema } from '@mindhill/contracts';
import { isoTimestamp } from '@mindhill/platform';

// One stage of a run (toStageView).
export const stageAnswer = z.object({
  order: z.number().int(),
  name: z.string(),
  type: stageTypeSchema,
  status: z.string(),
  attempt: z.number().int(),
  timeoutSeconds: z.number().int(),
  startedAt: isoTimestamp().nullable(),
  completedAt: isoTimestamp().nullable(),
  durationSeconds: z.number().nullable(),
  itemsToProcess: z.number().int(),
  itemsProcessed: z.number().int(),
  itemsSuccessful: z.number().int(),
  itemsFailed: z.number().int(),
  progressPercentage: z.number(),
  throughputPerSecond: z.number().nullable(),
  output: z.record(z.string(), z.unknown()).nullable(),
  errorMessage: z.string().nullable(),
  errorDetails: z.record(z.string(), z.unknown()).nullable(),
  retryCount: z.number().int(),
  carriedOverFrom: z.uuid().nullable().describe('The run this stage was carried over from by a rerun'),
});

// A run (toExecutionView); its stages only where one run is answered.
export const executionAnswer = z
  .object({
    id: z.uuid(),
    number: z.number().int(),
    workflowId: z.uuid(),
    workflowVersion: z.number().int(),
    configurationHash: z.string(),
    runNumber: z.number().int(),
    status: z.string(),
    priority: z.number().int(),
    triggeredBy: z.string(),
    triggerUserId: z.number().int().nullable(),
    trigger: runTriggerSchema.nullable(),
    rerunOf: z.uuid().nullable().describe('The run this one reruns'),
    inputs: z.record(z.string(), z.unknown()),
    startedAt: isoTimestamp().nullable(),
    completedAt: isoTimestamp().nullable(),
    deadlineAt: isoTimestamp().nullable(),
    durationMinutes: z.number().nullable(),
    currentStage: z.string().nullable(),
    currentStageOrder: z.number().int(),
    totalStages: z.number().int(),
    stagesCompleted: z.number().int(),
    progressPercentage: z.number(),
    contentProcessed: z.number().int(),
    bytesProcessed: z.number(),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
    retryCount: z.number().int(),
    createdAt: isoTimestamp(),
    updatedAt: isoTimestamp(),
    stages: z.array(stageAnswer).optional(),
    reruns: z
      .array(
        z.object({ id: z.uuid(), runNumber: z.number().int(), status: z.string(), fromStage: z.number().int(), createdAt: isoTimestamp() }),
      )
      .optional()
      .describe('Where one run is answered: its reruns, oldest first'),
  })
  .describe('A run of a workflow');

// A page of runs, newest first; nextCursor: the `cursor` of the next page, null on the last.
export const executionPageAnswer = z
  .object({ items: z.array(executionAnswer), nextCursor: z.string().nullable() })
  .describe('A page of runs');
