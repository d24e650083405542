import { z } from 'zod';
import { pageOf } from '@mindhill/platform';

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

// One match (SearchHit); snippet is HTML-escaped text with the matches in <b>…</b>.
export const searchHitAnswer = z.object({
  contentId: z.uuid(),
  name: z.string(),
  snippet: z.string(),
  rank: z.number(),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  language: z.string().nullable(),
  fluxId: z.uuid(),
});
export const searchPageAnswer = pageOf(searchHitAnswer).describe('A page of matches, best first');
