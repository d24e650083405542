import { EntityManager } from '@mikro-orm/postgresql';
import { contentProcessed, EventEnvelope, StoredPayload } from '@mindhill/contracts';
import { pgTextArray, Projector } from '@mindhill/persistence';
import { duplicateKey } from '../domain/content-hash';
import { htmlToText } from '../domain/html-to-text';
import { tsConfigFor } from '../domain/language-detector';
import { collapseWhitespace } from '../domain/text-normalizer';

type Processed = StoredPayload<typeof contentProcessed>;

// Two projections of processing.content.processed: the text each stage left for the next one
// (per execution, content, stage) and the search index (the latest processed state of a content).
export const contentTextProjector: Projector = {
  name: 'content-text',
  handles: [contentProcessed.type],
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    const p = event.payload as Processed;
    await em.execute(
      `INSERT INTO content_stage_text (execution_id, content_id, stage_order, processing_type, processing_id, flux_id, format, text, text_sha256,
         language, category, tags, confidence, keywords, summary, duplicate_of, word_count, processed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?::text[], ?, ?, ?, ?)
       ON CONFLICT (execution_id, content_id, stage_order) DO UPDATE SET
         processing_type = EXCLUDED.processing_type, processing_id = EXCLUDED.processing_id, format = EXCLUDED.format, text = EXCLUDED.text,
         text_sha256 = EXCLUDED.text_sha256, language = EXCLUDED.language, category = EXCLUDED.category, tags = EXCLUDED.tags,
         confidence = EXCLUDED.confidence, keywords = EXCLUDED.keywords, summary = EXCLUDED.summary, duplicate_of = EXCLUDED.duplicate_of,
         word_count = EXCLUDED.word_count, processed_at = EXCLUDED.processed_at`,
      [p.executionId, p.contentId, p.stageOrder, p.processingType, p.processingId, p.fluxId, p.format, p.text, p.textSha256,
        p.language, p.category, pgTextArray(p.tags), p.confidence, pgTextArray(p.keywords), p.summary, p.duplicateOf, p.wordCount, p.processedAt],
      'run',
    );
    const config = tsConfigFor(p.language);
    const searchable = searchableText(p.text, p.format);
    await em.execute(
      `INSERT INTO content_search (content_id, content_number, flux_id, execution_id, stage_order, processing_type, name, mime_type, language,
         ts_config, category, tags, text, text_sha256, dup_key, search_vector, processed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::text[], ?, ?, ?,
         setweight(to_tsvector(?::regconfig, ?), 'A') || setweight(to_tsvector(?::regconfig, ?), 'B'), ?)
       ON CONFLICT (content_id) DO UPDATE SET
         content_number = EXCLUDED.content_number, flux_id = EXCLUDED.flux_id, execution_id = EXCLUDED.execution_id,
         stage_order = EXCLUDED.stage_order, processing_type = EXCLUDED.processing_type, name = EXCLUDED.name, mime_type = EXCLUDED.mime_type,
         language = EXCLUDED.language, ts_config = EXCLUDED.ts_config, category = EXCLUDED.category, tags = EXCLUDED.tags, text = EXCLUDED.text,
         text_sha256 = EXCLUDED.text_sha256, dup_key = EXCLUDED.dup_key, search_vector = EXCLUDED.search_vector, processed_at = EXCLUDED.processed_at`,
      [p.contentId, p.contentNumber, p.fluxId, p.executionId, p.stageOrder, p.processingType, p.name, p.mimeType, p.language,
        config, p.category, pgTextArray(p.tags), searchable, p.textSha256, duplicateKey(p.text), config, searchableName(p.name), config, searchable, p.processedAt],
      'run',
    );
  },
};

// "facture-2024.txt" is read by the parser as one file-name token; split it into words so a
// name match counts (weight A, above the text's B).
function searchableName(name: string): string {
  return name.replace(/[._\-/\\]+/g, ' ');
}

// PostgreSQL refuses a tsvector over 1 MB: only the beginning of a long text is indexed. HTML not
// yet normalized is indexed (and shown in snippets) as its visible text.
export const MAX_INDEXED_CHARACTERS = 200_000;

function searchableText(text: string, format: string): string {
  const visible = format === 'html' ? collapseWhitespace(htmlToText(text)) : text;
  return visible.slice(0, MAX_INDEXED_CHARACTERS);
}
