import { z } from 'zod';
import { actorSchema, stageRequestedSchema } from '@mindhill/contracts';

export const STAGE_JOB_KIND = 'processing-stage';

export const stageJobKey = (r: { executionId: string; stageOrder: number; attempt: number }) =>
  `stage:${r.executionId}:${r.stageOrder}:${r.attempt}`;

// What a processing stage job carries: the stage request and the ids and actor its events
// follow from. Parsed when the job runs (the job table holds JSON).
export const stageJobPayload = z.object({
  request: stageRequestedSchema,
  correlationId: z.string(),
  causationId: z.string(),
  actor: actorSchema,
});
export type StageJobPayload = z.infer<typeof stageJobPayload>;
