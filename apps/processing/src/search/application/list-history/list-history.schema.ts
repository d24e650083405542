import { z } from 'zod';

export const listHistoryQuery = z.strictObject({
  executionId: z.uuid(),
});
export type ListHistoryQuery = z.infer<typeof listHistoryQuery>;
