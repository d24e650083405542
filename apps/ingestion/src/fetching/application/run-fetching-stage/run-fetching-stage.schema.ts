import { z } from 'zod';
import { stageRequestedSchema } from '@mindhill/contracts';

export const FETCHING_JOB_KIND = 'fetching-stage';

// What a fetching job carries: the stage request and the ids its events follow from. Parsed
// when the job runs (the job table holds JSON).
export const fetchingJobPayload = z.object({
  request: stageRequestedSchema,
  correlationId: z.string(),
  causationId: z.string(),
});
export type FetchingJobPayload = z.infer<typeof fetchingJobPayload>;
