import { EntityManager } from '@mikro-orm/postgresql';
import { isoFromPg } from '@mindhill/persistence';
import { SqlPredicate } from '@mindhill/platform';
import { ReportFilters, ReportSource } from '../../reports/domain/report-model';
import { CellValue, ReportRow } from '../../reports/domain/report-rows';
import { NIL_UUID } from '../../read-models/domain/read-model-rows';

export type SourceQuery = { sql: string; params: unknown[] };

// The SQL reading one source's rows with the report's filters, in the source's natural order.
// Pure (no I/O) so the filter translation is unit-tested; values are always bound, never inlined.
// `visible`: over workflow_access `wa`, the workflows whose rows the report may read (its owner's
// view); omitted, every row.
export function buildSourceQuery(
  source: ReportSource,
  filters: ReportFilters,
  dataSources: readonly string[] | null,
  limit: number,
  visible?: SqlPredicate,
): SourceQuery {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    where.push(sql);
    params.push(value);
  };
  const spec = SOURCES[source];
  if (filters.workflowId) add(`${spec.workflowColumn} = ?`, filters.workflowId);
  if (filters.executionId) add(`${spec.executionColumn} = ?`, filters.executionId);
  if (filters.status) add('e.status = ?', filters.status);
  if (filters.from) add(`${spec.timeColumn} >= ?`, filters.from);
  if (filters.to) add(`${spec.timeColumn} <= ?`, filters.to);
  if (source === 'contents') {
    if (filters.fluxId) add('c.flux_id = ?', filters.fluxId);
    if (filters.category) add('c.category = ?', filters.category);
    if (filters.tag) add('? = ANY(c.tags)', filters.tag);
    if (dataSources && dataSources.length > 0) add('c.flux_id = ANY(?::uuid[])', `{${dataSources.join(',')}}`);
  }
  if (visible && visible.sql !== 'TRUE') {
    where.push(`EXISTS (SELECT 1 FROM workflow_access wa WHERE wa.workflow_id = ${spec.workflowColumn} AND ${visible.sql})`);
    params.push(...visible.params);
  }
  const sql = `${spec.select}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY ${spec.orderBy} LIMIT ?`;
  return { sql, params: [...params, limit] };
}

const SOURCES: Record<
  ReportSource,
  { select: string; workflowColumn: string; executionColumn: string; timeColumn: string; orderBy: string }
> = {
  contents: {
    select: `SELECT c.content_id::text AS content_id, c.content_number, NULLIF(c.execution_id, '${NIL_UUID}')::text AS execution_id,
        e.workflow_id::text AS workflow_id, c.flux_id::text AS flux_id, c.flux_number, c.name, c.mime_type, c.extension,
        c.size_bytes::float8 AS size_bytes, c.word_count, c.category, c.tags, c.language, c.keywords, c.summary, c.confidence,
        c.fetched_at, c.processed_at
      FROM rm_content c LEFT JOIN rm_execution e ON e.execution_id = c.execution_id`,
    workflowColumn: 'e.workflow_id',
    executionColumn: 'c.execution_id',
    timeColumn: 'c.fetched_at',
    orderBy: 'c.content_number NULLS LAST, c.content_id, c.execution_id',
  },
  executions: {
    select: `SELECT e.execution_id::text AS execution_id, e.workflow_id::text AS workflow_id, e.workflow_name, e.workflow_version, e.run_number,
        e.status, e.triggered_by, e.created_at, e.started_at, e.completed_at, e.duration_minutes, e.content_processed,
        e.bytes_processed::float8 AS bytes_processed, e.stages_completed, e.error_code, e.error_message
      FROM rm_execution e`,
    workflowColumn: 'e.workflow_id',
    executionColumn: 'e.execution_id',
    timeColumn: 'COALESCE(e.created_at, e.started_at)',
    orderBy: 'COALESCE(e.created_at, e.started_at) NULLS LAST, e.execution_number NULLS LAST, e.execution_id',
  },
  calculations: {
    select: `SELECT k.execution_id::text AS execution_id, k.workflow_id::text AS workflow_id, e.workflow_name, e.run_number, k.stage_order, k.field,
        k.count, k.sum, k.mean, k.min, k.max, k.p50, k.p95, k.completed_at
      FROM rm_calculation k LEFT JOIN rm_execution e ON e.execution_id = k.execution_id`,
    workflowColumn: 'k.workflow_id',
    executionColumn: 'k.execution_id',
    timeColumn: 'k.completed_at',
    orderBy: 'k.completed_at, k.execution_id, k.stage_order, k.field',
  },
};

// The source's rows as report cells: times as ISO strings, lists as string lists.
export async function readReportSource(em: EntityManager, query: SourceQuery): Promise<ReportRow[]> {
  const raw = await em.execute<Record<string, unknown>[]>(query.sql, query.params);
  return raw.map(toReportRow);
}

function toReportRow(raw: Record<string, unknown>): ReportRow {
  const row: ReportRow = {};
  for (const [key, value] of Object.entries(raw)) row[key] = toCell(value);
  return row;
}

function toCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return isoFromPg(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}
