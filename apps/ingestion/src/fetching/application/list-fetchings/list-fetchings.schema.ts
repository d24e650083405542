import { z } from 'zod';
import { pageOf, seedRowAnswer } from '@mindhill/platform';

export const listFetchingsQuery = z.strictObject({
  executionId: z.uuid().optional(),
  fluxId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});
export type ListFetchingsQuery = z.infer<typeof listFetchingsQuery>;

// A page of fetchings: rows of the seed's fetching table under camelCase names.
export const fetchingPageAnswer = pageOf(seedRowAnswer).describe('A page of fetchings');
