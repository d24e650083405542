import { EntityManager } from '@mikro-orm/postgresql';
import { executeBound } from '@mindhill/persistence';
import { ReadModelRow, RowKind, writeRounds } from '../domain/read-model-rows';

// One multi-row upsert per row kind: the rows arrive as one JSON array parameter unpacked by
// jsonb_to_recordset (no per-value binding). Events of one execution or content may arrive in
// any order: each statement writes only what its event knows and never overwrites a later state
// with an earlier one (a finished status stays finished; a later processing stage wins).
const FINAL = `('Success', 'Failed', 'Cancelled', 'Timeout')`;
const LATER_STAGE = `r.processed_stage_order IS NULL OR EXCLUDED.processed_stage_order >= r.processed_stage_order`;

// `constant` adds a column whose inserted value is fixed by the event type (a status).
function upsert(table: string, columns: string, conflict: string, constant?: { column: string; value: string }): string {
  const names = columns
    .split(',')
    .map((c) => c.trim().split(' ')[0])
    .join(', ');
  return `INSERT INTO ${table} AS r (${names}${constant ? `, ${constant.column}` : ''})
    SELECT ${names}${constant ? `, ${constant.value}` : ''} FROM jsonb_to_recordset(?::jsonb) AS x(${columns})
    ${conflict}`;
}

const READ_MODEL_UPSERTS: Record<RowKind, string> = {
  executionCreated: upsert(
    'rm_execution',
    `execution_id uuid, execution_number int, workflow_id uuid, workflow_number int, workflow_name text, workflow_version int, run_number int,
     triggered_by text, created_at timestamptz`,
    `ON CONFLICT (execution_id) DO UPDATE SET execution_number = EXCLUDED.execution_number, workflow_id = EXCLUDED.workflow_id,
       workflow_number = EXCLUDED.workflow_number, workflow_name = EXCLUDED.workflow_name, workflow_version = EXCLUDED.workflow_version,
       run_number = EXCLUDED.run_number, triggered_by = EXCLUDED.triggered_by, created_at = EXCLUDED.created_at,
       status = COALESCE(r.status, 'Created')`,
    { column: 'status', value: `'Created'` },
  ),

  executionStarted: upsert(
    'rm_execution',
    `execution_id uuid, workflow_id uuid, started_at timestamptz`,
    `ON CONFLICT (execution_id) DO UPDATE SET workflow_id = COALESCE(r.workflow_id, EXCLUDED.workflow_id),
       started_at = COALESCE(r.started_at, EXCLUDED.started_at),
       status = CASE WHEN r.status IN ${FINAL} THEN r.status ELSE 'InProgress' END`,
    { column: 'status', value: `'InProgress'` },
  ),

  executionFinished: upsert(
    'rm_execution',
    `execution_id uuid, workflow_id uuid, workflow_number int, run_number int, status text, error_code text, error_message text,
     started_at timestamptz, completed_at timestamptz, duration_minutes float8, content_processed int, bytes_processed bigint, stages_completed int`,
    `ON CONFLICT (execution_id) DO UPDATE SET workflow_id = EXCLUDED.workflow_id, workflow_number = EXCLUDED.workflow_number,
       run_number = EXCLUDED.run_number, status = EXCLUDED.status, error_code = EXCLUDED.error_code, error_message = EXCLUDED.error_message,
       started_at = COALESCE(EXCLUDED.started_at, r.started_at), completed_at = EXCLUDED.completed_at, duration_minutes = EXCLUDED.duration_minutes,
       content_processed = EXCLUDED.content_processed, bytes_processed = EXCLUDED.bytes_processed, stages_completed = EXCLUDED.stages_completed`,
  ),

  calculation: upsert(
    'rm_calculation',
    `execution_id uuid, stage_order int, field text, workflow_id uuid, count float8, sum float8, mean float8, min float8, max float8,
     p50 float8, p95 float8, completed_at timestamptz`,
    `ON CONFLICT (execution_id, stage_order, field) DO UPDATE SET count = EXCLUDED.count, sum = EXCLUDED.sum, mean = EXCLUDED.mean,
       min = EXCLUDED.min, max = EXCLUDED.max, p50 = EXCLUDED.p50, p95 = EXCLUDED.p95, completed_at = EXCLUDED.completed_at`,
  ),

  contentFetched: upsert(
    'rm_content',
    `content_id uuid, execution_id uuid, content_number int, flux_id uuid, flux_number int, name text, mime_type text, extension text,
     size_bytes bigint, sha256 text, word_count int, duplicate boolean, fetched_at timestamptz, language text`,
    `ON CONFLICT (content_id, execution_id) DO UPDATE SET content_number = EXCLUDED.content_number, flux_id = EXCLUDED.flux_id,
       flux_number = EXCLUDED.flux_number, name = EXCLUDED.name, mime_type = EXCLUDED.mime_type, extension = EXCLUDED.extension,
       size_bytes = EXCLUDED.size_bytes, sha256 = EXCLUDED.sha256, word_count = COALESCE(r.word_count, EXCLUDED.word_count),
       duplicate = EXCLUDED.duplicate, fetched_at = EXCLUDED.fetched_at, language = COALESCE(r.language, EXCLUDED.language)`,
  ),

  contentProcessed: upsert(
    'rm_content',
    `content_id uuid, execution_id uuid, content_number int, flux_id uuid, name text, mime_type text, word_count int, language text,
     category text, tags text[], keywords text[], summary text, confidence float8, processed_stage_order int, processed_at timestamptz`,
    `ON CONFLICT (content_id, execution_id) DO UPDATE SET
       content_number = COALESCE(r.content_number, EXCLUDED.content_number), flux_id = COALESCE(r.flux_id, EXCLUDED.flux_id),
       name = COALESCE(r.name, EXCLUDED.name), mime_type = COALESCE(r.mime_type, EXCLUDED.mime_type),
       word_count = CASE WHEN ${LATER_STAGE} THEN EXCLUDED.word_count ELSE r.word_count END,
       language = CASE WHEN ${LATER_STAGE} THEN COALESCE(EXCLUDED.language, r.language) ELSE r.language END,
       category = CASE WHEN ${LATER_STAGE} THEN EXCLUDED.category ELSE r.category END,
       tags = CASE WHEN ${LATER_STAGE} THEN EXCLUDED.tags ELSE r.tags END,
       keywords = CASE WHEN ${LATER_STAGE} THEN EXCLUDED.keywords ELSE r.keywords END,
       summary = CASE WHEN ${LATER_STAGE} THEN EXCLUDED.summary ELSE r.summary END,
       confidence = CASE WHEN ${LATER_STAGE} THEN EXCLUDED.confidence ELSE r.confidence END,
       processed_at = CASE WHEN ${LATER_STAGE} THEN EXCLUDED.processed_at ELSE r.processed_at END,
       processed_stage_order = GREATEST(r.processed_stage_order, EXCLUDED.processed_stage_order)`,
  ),
};

// Writes a batch's rows: one multi-row statement per row kind and write round (writeRounds).
export async function writeReadModelRows(em: EntityManager, rows: readonly ReadModelRow[]): Promise<void> {
  for (const round of writeRounds(rows)) {
    for (const [kind, values] of round) await executeBound(em, READ_MODEL_UPSERTS[kind], [JSON.stringify(values)]);
  }
}
