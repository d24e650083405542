import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';

// One item fetched by a fetching stage. Emitted for every item of a run, new or recognised,
// so a consumer's read model of "the content of execution X" is complete. A recognised
// re-fetch (same bytes, same flux) carries the existing content's id and duplicate: true.
export const contentFetched = defineEvent({
  type: 'ingestion.content.fetched',
  version: 1,
  aggregateType: 'content',
  topic: topicName('ingestion', 'content'),
  schema: z.object({
    contentId: z.uuid(),
    contentNumber: z.number().int().positive(),
    fluxId: z.uuid(),
    fluxNumber: z.number().int().positive(),
    fetchingId: z.number().int().positive(),
    fetchingUuid: z.uuid(),
    executionId: z.uuid().nullable(),
    stageOrder: z.number().int().nullable(),
    name: z.string(),
    mimeType: z.string(),
    extension: z.string().nullable(),
    sizeBytes: z.number().int().nonnegative(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    encoding: z.string().nullable(),
    language: z.string().nullable(),
    preview: z.string().nullable(),
    wordCount: z.number().int().nonnegative().nullable(),
    // Path of the bytes relative to CONTENT_STORE_DIR (`<sha[0..2]>/<sha>`).
    storageKey: z.string(),
    duplicate: z.boolean(),
    fetchedAt: z.iso.datetime({ offset: true }),
  }),
  audit: {
    category: 'data',
    action: 'fetch',
    resourceType: 'content',
    severity: 'info',
    contentFields: ['preview'],
    resourceName: (p) => p.name,
    newValues: (p) => ({
      fluxNumber: p.fluxNumber,
      fetchingId: p.fetchingId,
      sizeBytes: p.sizeBytes,
      mimeType: p.mimeType,
      duplicate: p.duplicate,
    }),
  },
});
