import { z } from 'zod';
import { seedRowAnswer } from '@mindhill/platform';

export const listHistoryQuery = z.strictObject({
  executionId: z.uuid(),
});
export type ListHistoryQuery = z.infer<typeof listHistoryQuery>;

// Processing history: rows of the seed's history table under camelCase names.
export const listHistoryAnswer = z.object({ items: z.array(seedRowAnswer) }).describe('Processing history');
