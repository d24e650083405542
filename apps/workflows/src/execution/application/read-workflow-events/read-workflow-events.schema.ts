import { z } from 'zod';

// GET /api/v1/workflows/:id/events (internal: the gateway's live event stream reads the history
// here, as the caller). Without after: no events, only the cursor of "now" to follow from.
export const readWorkflowEventsParams = z.strictObject({
  after: z
    .string()
    .regex(/^\d{1,18}$/, 'is not a cursor of this stream')
    .optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(500),
});
export type ReadWorkflowEventsParams = z.infer<typeof readWorkflowEventsParams>;
