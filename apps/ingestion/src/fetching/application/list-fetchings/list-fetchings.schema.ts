import { z } from 'zod';

export const listFetchingsQuery = z.strictObject({
  executionId: z.uuid().optional(),
  fluxId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(100).optional(),
});
export type ListFetchingsQuery = z.infer<typeof listFetchingsQuery>;
