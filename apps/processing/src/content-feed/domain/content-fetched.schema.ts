import { z } from 'zod';
import { contentFetched } from '@mindhill/contracts';

// Defined by ingestion (libs/contracts/src/ingestion/content.events.ts); this schema is what processing relies on.
export const CONTENT_FETCHED_TYPE = contentFetched.type;

// The fields processing reads from ingestion.content.fetched. Not strict: whatever else
// ingestion adds to the event is ignored here.
export const contentFetchedFeedSchema = z.object({
  contentId: z.uuid(),
  contentNumber: z.number().int().nullable().optional(),
  fluxId: z.uuid(),
  fluxNumber: z.number().int().nullable().optional(),
  fetchingId: z.number().int().nullable().optional(),
  executionId: z.uuid().nullable(),
  stageOrder: z.number().int().nullable().optional(),
  name: z.string(),
  mimeType: z.string().nullable().optional(),
  extension: z.string().nullable().optional(),
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  encoding: z.string().nullable().optional(),
  language: z.string().nullable().optional(),
  // Path of the bytes relative to CONTENT_STORE_DIR (claim check).
  storageKey: z.string().min(1),
  duplicate: z.boolean().optional(),
  fetchedAt: z.iso.datetime({ offset: true }),
});
export type ContentFetchedFeed = z.infer<typeof contentFetchedFeedSchema>;
