import { EntityManager } from '@mikro-orm/postgresql';
import {
  contentFetched,
  contentProcessed,
  executionCreated,
  executionFinished,
  executionStageCompleted,
  executionStarted,
  PublicPayload,
} from '@mindhill/contracts';
import { pgTextArray } from '@mindhill/persistence';

export const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const FINAL = `('Success', 'Failed', 'Cancelled', 'Timeout')`;

// The per-event read-model writer as it was before batch consumption, kept as the reference the
// batch handler's rows are compared with (batched-read-models.int-spec.ts).
// Upserts into the read models. Events of one execution or content may arrive in any order:
// each statement writes only what its event knows and never overwrites a later state with an
// earlier one (a finished status stays finished; a later processing stage wins).
export const readModelWriter = {
  async executionCreated(em: EntityManager, p: PublicPayload<typeof executionCreated>): Promise<void> {
    await em.execute(
      `INSERT INTO rm_execution AS r (execution_id, execution_number, workflow_id, workflow_number, workflow_name, workflow_version, run_number, triggered_by, status, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'Created', ?)
       ON CONFLICT (execution_id) DO UPDATE SET execution_number = EXCLUDED.execution_number, workflow_id = EXCLUDED.workflow_id,
         workflow_number = EXCLUDED.workflow_number, workflow_name = EXCLUDED.workflow_name, workflow_version = EXCLUDED.workflow_version,
         run_number = EXCLUDED.run_number, triggered_by = EXCLUDED.triggered_by, created_at = EXCLUDED.created_at,
         status = COALESCE(r.status, 'Created')`,
      [
        p.executionId,
        p.executionNumber,
        p.workflowId,
        p.workflowNumber,
        p.workflowName,
        p.workflowVersion,
        p.runNumber,
        p.triggeredBy,
        p.createdAt,
      ],
      'run',
    );
  },

  async executionStarted(em: EntityManager, p: PublicPayload<typeof executionStarted>): Promise<void> {
    await em.execute(
      `INSERT INTO rm_execution AS r (execution_id, workflow_id, status, started_at) VALUES (?, ?, 'InProgress', ?)
       ON CONFLICT (execution_id) DO UPDATE SET workflow_id = COALESCE(r.workflow_id, EXCLUDED.workflow_id),
         started_at = COALESCE(r.started_at, EXCLUDED.started_at),
         status = CASE WHEN r.status IN ${FINAL} THEN r.status ELSE 'InProgress' END`,
      [p.executionId, p.workflowId, p.startedAt],
      'run',
    );
  },

  async executionFinished(em: EntityManager, p: PublicPayload<typeof executionFinished>): Promise<void> {
    await em.execute(
      `INSERT INTO rm_execution AS r (execution_id, workflow_id, workflow_number, run_number, status, error_code, error_message, started_at, completed_at,
         duration_minutes, content_processed, bytes_processed, stages_completed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (execution_id) DO UPDATE SET workflow_id = EXCLUDED.workflow_id, workflow_number = EXCLUDED.workflow_number,
         run_number = EXCLUDED.run_number, status = EXCLUDED.status, error_code = EXCLUDED.error_code, error_message = EXCLUDED.error_message,
         started_at = COALESCE(EXCLUDED.started_at, r.started_at), completed_at = EXCLUDED.completed_at, duration_minutes = EXCLUDED.duration_minutes,
         content_processed = EXCLUDED.content_processed, bytes_processed = EXCLUDED.bytes_processed, stages_completed = EXCLUDED.stages_completed`,
      [
        p.executionId,
        p.workflowId,
        p.workflowNumber,
        p.runNumber,
        p.status,
        p.errorCode,
        p.errorMessage,
        p.startedAt,
        p.completedAt,
        p.durationMinutes,
        p.contentProcessed,
        p.bytesProcessed,
        p.stagesCompleted,
      ],
      'run',
    );
  },

  // Calculation stages report `output.fields: { <field>: { count, sum, mean, min, max, p50, p95 } }`.
  async stageCompleted(em: EntityManager, p: PublicPayload<typeof executionStageCompleted>): Promise<number> {
    if (p.stageType !== 'calculation') return 0;
    const fields = p.output.fields;
    if (typeof fields !== 'object' || fields === null) return 0;
    let written = 0;
    for (const [field, raw] of Object.entries(fields as Record<string, unknown>)) {
      const stats = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
      const num = (k: string) => (typeof stats[k] === 'number' && Number.isFinite(stats[k]) ? (stats[k] as number) : null);
      await em.execute(
        `INSERT INTO rm_calculation (execution_id, stage_order, field, workflow_id, count, sum, mean, min, max, p50, p95, completed_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (execution_id, stage_order, field) DO UPDATE SET count = EXCLUDED.count, sum = EXCLUDED.sum, mean = EXCLUDED.mean,
           min = EXCLUDED.min, max = EXCLUDED.max, p50 = EXCLUDED.p50, p95 = EXCLUDED.p95, completed_at = EXCLUDED.completed_at`,
        [
          p.executionId,
          p.stageOrder,
          field.slice(0, 200),
          p.workflowId,
          num('count'),
          num('sum'),
          num('mean'),
          num('min'),
          num('max'),
          num('p50'),
          num('p95'),
          p.completedAt,
        ],
        'run',
      );
      written++;
    }
    return written;
  },

  async contentFetched(em: EntityManager, p: PublicPayload<typeof contentFetched>): Promise<void> {
    await em.execute(
      `INSERT INTO rm_content AS r (content_id, execution_id, content_number, flux_id, flux_number, name, mime_type, extension, size_bytes, sha256,
         word_count, duplicate, fetched_at, language)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (content_id, execution_id) DO UPDATE SET content_number = EXCLUDED.content_number, flux_id = EXCLUDED.flux_id,
         flux_number = EXCLUDED.flux_number, name = EXCLUDED.name, mime_type = EXCLUDED.mime_type, extension = EXCLUDED.extension,
         size_bytes = EXCLUDED.size_bytes, sha256 = EXCLUDED.sha256, word_count = COALESCE(r.word_count, EXCLUDED.word_count),
         duplicate = EXCLUDED.duplicate, fetched_at = EXCLUDED.fetched_at, language = COALESCE(r.language, EXCLUDED.language)`,
      [
        p.contentId,
        p.executionId ?? NIL_UUID,
        p.contentNumber,
        p.fluxId,
        p.fluxNumber,
        p.name.slice(0, 10_000),
        p.mimeType.slice(0, 200),
        p.extension?.slice(0, 50) ?? null,
        p.sizeBytes,
        p.sha256,
        p.wordCount,
        p.duplicate,
        p.fetchedAt,
        p.language?.slice(0, 50) ?? null,
      ],
      'run',
    );
  },

  async contentProcessed(em: EntityManager, p: PublicPayload<typeof contentProcessed>): Promise<void> {
    await em.execute(
      `INSERT INTO rm_content AS r (content_id, execution_id, content_number, flux_id, name, mime_type, word_count, language, category, tags, keywords,
         summary, confidence, processed_stage_order, processed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (content_id, execution_id) DO UPDATE SET
         content_number = COALESCE(r.content_number, EXCLUDED.content_number), flux_id = COALESCE(r.flux_id, EXCLUDED.flux_id),
         name = COALESCE(r.name, EXCLUDED.name), mime_type = COALESCE(r.mime_type, EXCLUDED.mime_type),
         word_count = CASE WHEN r.processed_stage_order IS NULL OR EXCLUDED.processed_stage_order >= r.processed_stage_order THEN EXCLUDED.word_count ELSE r.word_count END,
         language = CASE WHEN r.processed_stage_order IS NULL OR EXCLUDED.processed_stage_order >= r.processed_stage_order THEN COALESCE(EXCLUDED.language, r.language) ELSE r.language END,
         category = CASE WHEN r.processed_stage_order IS NULL OR EXCLUDED.processed_stage_order >= r.processed_stage_order THEN EXCLUDED.category ELSE r.category END,
         tags = CASE WHEN r.processed_stage_order IS NULL OR EXCLUDED.processed_stage_order >= r.processed_stage_order THEN EXCLUDED.tags ELSE r.tags END,
         keywords = CASE WHEN r.processed_stage_order IS NULL OR EXCLUDED.processed_stage_order >= r.processed_stage_order THEN EXCLUDED.keywords ELSE r.keywords END,
         summary = CASE WHEN r.processed_stage_order IS NULL OR EXCLUDED.processed_stage_order >= r.processed_stage_order THEN EXCLUDED.summary ELSE r.summary END,
         confidence = CASE WHEN r.processed_stage_order IS NULL OR EXCLUDED.processed_stage_order >= r.processed_stage_order THEN EXCLUDED.confidence ELSE r.confidence END,
         processed_at = CASE WHEN r.processed_stage_order IS NULL OR EXCLUDED.processed_stage_order >= r.processed_stage_order THEN EXCLUDED.processed_at ELSE r.processed_at END,
         processed_stage_order = GREATEST(r.processed_stage_order, EXCLUDED.processed_stage_order)`,
      [
        p.contentId,
        p.executionId,
        p.contentNumber,
        p.fluxId,
        p.name.slice(0, 10_000),
        p.mimeType?.slice(0, 200) ?? null,
        p.wordCount,
        p.language?.slice(0, 50) ?? null,
        p.category?.slice(0, 200) ?? null,
        pgTextArray(p.tags),
        pgTextArray(p.keywords),
        p.summary,
        p.confidence,
        p.stageOrder,
        p.processedAt,
      ],
      'run',
    );
  },
};
