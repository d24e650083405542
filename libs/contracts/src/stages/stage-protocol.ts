import { z } from 'zod';

// The conversation between the workflows service (the orchestrator) and the workers.
// Workflows publishes `workflows.execution.stage-requested`; the service that owns the stage type
// (ingestion for `fetching`, processing for the others) does the work and answers on its own
// topic with `<service>.stage.progressed | completed | failed`, carrying the same
// (executionId, stageOrder, attempt) so the orchestrator can match, and ignore late answers.

export const STAGE_TYPES = ['fetching', 'processing', 'normalization', 'refinement', 'calculation', 'analysis'] as const;
export const stageTypeSchema = z.enum(STAGE_TYPES);
export type StageType = z.infer<typeof stageTypeSchema>;

export const PROCESSING_STAGE_TYPES: readonly StageType[] = ['processing', 'normalization', 'refinement', 'calculation', 'analysis'];

export const stageRefSchema = z.object({
  executionId: z.uuid(),
  workflowId: z.uuid(),
  stageOrder: z.number().int().min(1),
  attempt: z.number().int().min(1),
});
export type StageRef = z.infer<typeof stageRefSchema>;

export const stageRequestedSchema = stageRefSchema.extend({
  workflowVersion: z.number().int().min(1),
  executionNumber: z.number().int().positive(),
  stageName: z.string(),
  stageType: stageTypeSchema,
  // The stage's settings from the workflow configuration (validated by workflows on create).
  settings: z.record(z.string(), z.unknown()),
  // Fetching: the data sources (ingestion flux ids) to read.
  dataSourceIds: z.array(z.uuid()),
  // What earlier stages produced, for the worker to pick up: content fetched by the execution
  // (the worker waits until its read model holds `expectedContentCount` items).
  // A rerun's stages carried over from earlier runs: the worker reads their content and output
  // under the run named for each (content under every such run, output of that stage order
  // there) as if this run had produced them. Absent on other runs and on older requests.
  input: z.object({
    expectedContentCount: z.number().int().nonnegative(),
    previousStageType: stageTypeSchema.nullable(),
    carriedOver: z.array(z.object({ stageOrder: z.number().int().min(1), executionId: z.uuid() })).optional(),
  }),
  triggeredByUserNumber: z.number().int().nullable(),
  // The run's resolved inputs, for workers that read them. Older requests carry none.
  runInputs: z.record(z.string(), z.unknown()).optional(),
  // Whose data sources the run may read: the workflow owner's (checked again by ingestion at
  // every run, so a share withdrawn after save stops the next run). Requests written before
  // this existed carry no owner and may use nothing.
  workflowOwnerNumber: z.number().int().nullable().default(null),
  workflowOwnerIsAdmin: z.boolean().default(false),
  deadlineAt: z.iso.datetime({ offset: true }),
});
export type StageRequested = z.infer<typeof stageRequestedSchema>;

export const stageProgressedSchema = stageRefSchema.extend({
  itemsTotal: z.number().int().nonnegative(),
  itemsProcessed: z.number().int().nonnegative(),
  bytesProcessed: z.number().int().nonnegative(),
});

export const stageCompletedSchema = stageRefSchema.extend({
  itemsTotal: z.number().int().nonnegative(),
  itemsProcessed: z.number().int().nonnegative(),
  itemsSuccessful: z.number().int().nonnegative(),
  itemsFailed: z.number().int().nonnegative(),
  bytesProcessed: z.number().int().nonnegative(),
  // Distinct content items the execution holds after this stage (fetching: new + recognised).
  contentCount: z.number().int().nonnegative(),
  durationMs: z.number().int().nonnegative(),
  // Stage-specific result shown on execution_stages.stage_output (e.g. calculation statistics).
  output: z.record(z.string(), z.unknown()),
  // The worker's own record of the run: fetching_history or processing_history uuid.
  historyId: z.uuid().nullable(),
});

export const stageFailedSchema = stageRefSchema.extend({
  errorCode: z.string().min(1),
  errorMessage: z.string(),
  // False when retrying cannot help (bad settings, nothing to process); the orchestrator then
  // fails the execution without further attempts.
  retriable: z.boolean(),
  itemsProcessed: z.number().int().nonnegative(),
  itemsFailed: z.number().int().nonnegative(),
  details: z.record(z.string(), z.unknown()),
});
