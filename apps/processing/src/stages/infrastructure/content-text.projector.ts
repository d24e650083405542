import { EntityManager } from '@mikro-orm/postgresql';
import { contentProcessed, EventEnvelope, StoredPayload } from '@mindhill/contracts';
import { executeChunks, Projector } from '@mindhill/persistence';
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
    await projectProcessed(em, [event]);
  },
  async projectMany(em: EntityManager, events: EventEnvelope<Record<string, unknown>>[]) {
    await projectProcessed(em, events);
  },
};

const STAGE_TEXT_COLUMNS = `execution_id uuid, content_id uuid, stage_order int, processing_type varchar, processing_id int, flux_id uuid, format varchar,
  text text, text_sha256 char(64), language varchar, category varchar, tags text[], confidence numeric, keywords text[], summary text,
  duplicate_of uuid, word_count int, processed_at timestamptz`;
const SEARCH_COLUMNS = `content_id uuid, content_number int, flux_id uuid, execution_id uuid, stage_order int, processing_type varchar, name text,
  mime_type varchar, language varchar, ts_config varchar, category varchar, tags text[], text text, text_sha256 char(64), dup_key char(64),
  search_name text, processed_at timestamptz`;
const namesOf = (columns: string) => columns.split(',').map((c) => c.trim().split(' ')[0]!);
const STAGE_TEXT_NAMES = namesOf(STAGE_TEXT_COLUMNS).join(', ');
const SEARCH_NAMES = namesOf(SEARCH_COLUMNS).filter((n) => n !== 'search_name');

const UPSERT_STAGE_TEXT = `INSERT INTO content_stage_text (${STAGE_TEXT_NAMES})
  SELECT ${STAGE_TEXT_NAMES} FROM jsonb_to_recordset(?::jsonb) AS r(${STAGE_TEXT_COLUMNS})
  ON CONFLICT (execution_id, content_id, stage_order) DO UPDATE SET
    processing_type = EXCLUDED.processing_type, processing_id = EXCLUDED.processing_id, format = EXCLUDED.format, text = EXCLUDED.text,
    text_sha256 = EXCLUDED.text_sha256, language = EXCLUDED.language, category = EXCLUDED.category, tags = EXCLUDED.tags,
    confidence = EXCLUDED.confidence, keywords = EXCLUDED.keywords, summary = EXCLUDED.summary, duplicate_of = EXCLUDED.duplicate_of,
    word_count = EXCLUDED.word_count, processed_at = EXCLUDED.processed_at`;
const UPSERT_SEARCH = `INSERT INTO content_search (${SEARCH_NAMES.join(', ')}, search_vector)
  SELECT ${SEARCH_NAMES.join(', ')},
    setweight(to_tsvector(ts_config::regconfig, search_name), 'A') || setweight(to_tsvector(ts_config::regconfig, text), 'B')
  FROM jsonb_to_recordset(?::jsonb) AS r(${SEARCH_COLUMNS})
  ON CONFLICT (content_id) DO UPDATE SET
    content_number = EXCLUDED.content_number, flux_id = EXCLUDED.flux_id, execution_id = EXCLUDED.execution_id,
    stage_order = EXCLUDED.stage_order, processing_type = EXCLUDED.processing_type, name = EXCLUDED.name, mime_type = EXCLUDED.mime_type,
    language = EXCLUDED.language, ts_config = EXCLUDED.ts_config, category = EXCLUDED.category, tags = EXCLUDED.tags, text = EXCLUDED.text,
    text_sha256 = EXCLUDED.text_sha256, dup_key = EXCLUDED.dup_key, search_vector = EXCLUDED.search_vector, processed_at = EXCLUDED.processed_at`;

// Both tables for many events, a chunk per statement. A statement may not upsert one row twice,
// so within a chunk the last event per key wins, which is what one upsert per event leaves.
async function projectProcessed(em: EntityManager, events: EventEnvelope<Record<string, unknown>>[]): Promise<void> {
  await executeChunks(em, events, 500, (chunk) => {
    const texts = new Map<string, Record<string, unknown>>();
    const search = new Map<string, Record<string, unknown>>();
    for (const event of chunk) {
      const p = event.payload as Processed;
      texts.set(`${p.executionId}:${p.contentId}:${p.stageOrder}`, {
        execution_id: p.executionId,
        content_id: p.contentId,
        stage_order: p.stageOrder,
        processing_type: p.processingType,
        processing_id: p.processingId,
        flux_id: p.fluxId,
        format: p.format,
        text: p.text,
        text_sha256: p.textSha256,
        language: p.language,
        category: p.category,
        tags: p.tags,
        confidence: p.confidence,
        keywords: p.keywords,
        summary: p.summary,
        duplicate_of: p.duplicateOf,
        word_count: p.wordCount,
        processed_at: p.processedAt,
      });
      search.delete(p.contentId);
      search.set(p.contentId, {
        content_id: p.contentId,
        content_number: p.contentNumber,
        flux_id: p.fluxId,
        execution_id: p.executionId,
        stage_order: p.stageOrder,
        processing_type: p.processingType,
        name: p.name,
        mime_type: p.mimeType,
        language: p.language,
        ts_config: tsConfigFor(p.language),
        category: p.category,
        tags: p.tags,
        text: searchableText(p.text, p.format),
        text_sha256: p.textSha256,
        dup_key: duplicateKey(p.text),
        search_name: searchableName(p.name),
        processed_at: p.processedAt,
      });
    }
    return [
      { sql: UPSERT_STAGE_TEXT, params: [JSON.stringify([...texts.values()])] },
      { sql: UPSERT_SEARCH, params: [JSON.stringify([...search.values()])] },
    ];
  });
}

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
