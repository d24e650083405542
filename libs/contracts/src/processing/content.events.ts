import { z } from 'zod';
import { defineEvent, topicName } from '../define-event';
import { stageTypeSchema } from '../stages/stage-protocol';

export const PROCESSING_CONTENT_TOPIC = topicName('processing', 'content');

export const contentFormatSchema = z.enum(['json', 'ndjson', 'csv', 'html', 'text']);

// One content item after one processing stage of one execution. Reporting builds its read model
// from it; the text itself stays private (event store only) so a rebuild restores the search index.
export const contentProcessed = defineEvent({
  type: 'processing.content.processed',
  version: 1,
  aggregateType: 'content',
  topic: PROCESSING_CONTENT_TOPIC,
  schema: z.object({
    contentId: z.uuid(),
    contentNumber: z.number().int().nullable(),
    fluxId: z.uuid(),
    executionId: z.uuid(),
    stageOrder: z.number().int().min(1),
    processingType: stageTypeSchema,
    processingId: z.number().int().positive(),
    historyId: z.uuid(),
    name: z.string(),
    mimeType: z.string().nullable(),
    format: contentFormatSchema,
    category: z.string().nullable(),
    tags: z.array(z.string()),
    // Share of the chosen rule's keywords found in the text (0..1); null when no rule applied.
    confidence: z.number().min(0).max(1).nullable(),
    language: z.string().nullable(),
    keywords: z.array(z.string()),
    summary: z.string().nullable(),
    duplicateOf: z.uuid().nullable(),
    wordCount: z.number().int().nonnegative(),
    textSha256: z.string().regex(/^[0-9a-f]{64}$/),
    processedAt: z.iso.datetime({ offset: true }),
  }),
  privateSchema: z.object({ text: z.string() }),
  audit: {
    category: 'data',
    action: 'process',
    resourceType: 'content',
    severity: 'info',
    contentFields: ['summary', 'keywords'],
    resourceName: (p) => p.name,
    newValues: (p) => ({
      processingType: p.processingType,
      category: p.category,
      tags: p.tags,
      language: p.language,
      duplicateOf: p.duplicateOf,
    }),
  },
});
