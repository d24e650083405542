import { z } from 'zod';

// GET /api/v1/executions/:id/events (internal: the gateway's live event stream reads the history
// here, as the caller). after: the cursor of the last event the client has, as the stream gave it.
export const readExecutionEventsParams = z.strictObject({
  after: z
    .string()
    .regex(/^\d{1,9}$/, 'is not a cursor of this stream')
    .optional(),
  limit: z.coerce.number().int().min(1).max(1_000).default(500),
});
export type ReadExecutionEventsParams = z.infer<typeof readExecutionEventsParams>;
