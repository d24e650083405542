import { z } from 'zod';

export const MAX_QUERY_LENGTH = 200;

// q is checked by the handler (empty or too long → PROCESSING.INVALID_QUERY); the rest here.
export const searchContentsQuery = z.strictObject({
  q: z.string().optional(),
  fluxId: z.uuid().optional(),
  category: z.string().min(1).max(100).optional(),
  tag: z.string().min(1).max(50).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type SearchContentsQuery = z.infer<typeof searchContentsQuery>;
