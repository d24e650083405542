import { z } from 'zod';
import { isoTimestamp, pageOf } from '@mindhill/platform';

// The API's view of a fetched content (ContentView): its facts and a preview, not its bytes.
export const contentAnswer = z
  .object({
    id: z.uuid(),
    contentNumber: z.number().int(),
    fluxId: z.uuid(),
    fluxNumber: z.number().int(),
    fetchingId: z.number().int(),
    name: z.string().nullable(),
    mimeType: z.string().nullable(),
    extension: z.string().nullable(),
    sizeBytes: z.number().int(),
    sha256: z.string(),
    encoding: z.string().nullable(),
    language: z.string().nullable(),
    preview: z.string().nullable(),
    wordCount: z.number().int().nullable(),
    storageKey: z.string().nullable(),
    status: z.string(),
    fetchedAt: isoTimestamp(),
    duplicate: z.boolean().optional(),
  })
  .describe('A fetched content');

export const contentPageAnswer = pageOf(contentAnswer).describe('A page of contents');
