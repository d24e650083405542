import { once } from 'node:events';
import { Readable } from 'node:stream';
import { EntityManager, Knex } from '@mikro-orm/postgresql';
import { isoFromPg } from '@mindhill/persistence';
import { SqlPredicate } from '@mindhill/platform';
import { ColumnKind, ReportFilters, ReportGrouping, ReportSorting, ReportSource, SOURCE_COLUMNS } from '../../reports/domain/report-model';
import { CellValue, ReportColumn, ReportRow, tooManyRows } from '../../reports/domain/report-rows';
import { NIL_UUID } from '../../read-models/domain/read-model-rows';

export type SourceQuery = {
  sql: string;
  params: unknown[];
  // The output columns, in order (the SQL's own select list, without helper columns).
  columns: string[];
  // Grouped: every row carries the number of source rows read in this column.
  sourceRowsColumn: string | null;
};

export type SourcePlan = {
  source: ReportSource;
  filters: ReportFilters;
  dataSources: readonly string[] | null;
  columns: readonly ReportColumn[];
  grouping: ReportGrouping | null;
  sorting: ReportSorting | null;
  // At most this many source rows are read (the cap plus one, to notice a report over the cap).
  limit: number;
  // Over workflow_access `wa`, the workflows whose rows the report may read (its owner's view);
  // omitted, every row.
  visible?: SqlPredicate;
};

const SOURCE_ROWS = 'source_rows__';

// The SQL reading one report's rows, shaped: filtered and capped in an inner query (the source's
// columns under their report names), then grouped and sorted by PostgreSQL, so the rows can be
// streamed to the file in their final order without holding them in memory.
// - sorted: by the field (text by code point with COLLATE "C", lists by their `;`-joined text),
//   nulls last whatever the direction, ties in the source's natural order (a stable sort);
// - grouped: `count(*)` and `sum()` per group, ordered by the sorting field or the group value,
//   ties by the group value; each row also carries the number of source rows read;
// - neither: the source's natural order.
// Pure (no I/O) so the translation is unit-tested; values are always bound, never inlined.
export function buildSourceQuery(plan: SourcePlan): SourceQuery {
  const { source, filters, dataSources, grouping, sorting, visible } = plan;
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

  const kinds = SOURCE_COLUMNS[source];
  const columns = plan.columns.map((c) => c.name);
  // The source columns the outer query needs: shown, grouped by, summed or sorted by.
  const needed = new Set<string>();
  if (grouping) {
    needed.add(grouping.by);
    for (const c of columns) if (c !== grouping.by && c.endsWith('_sum') && c.slice(0, -4) in kinds) needed.add(c.slice(0, -4));
  } else {
    for (const c of columns) needed.add(c);
    if (sorting) needed.add(sorting.field);
  }
  const natural = spec.naturalOrder.map((o, i) => ({ alias: `o${i}__`, ...o }));
  const inner =
    `SELECT ${[...needed].map((c) => `${spec.columns[c]} AS ${c}`).join(', ')}, ` +
    `${natural.map((o) => `${o.expr} AS ${o.alias}`).join(', ')} ` +
    `FROM ${spec.from}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} LIMIT ?`;
  params.push(plan.limit);

  const direction = (d: 'asc' | 'desc') => (d === 'asc' ? 'ASC' : 'DESC');
  if (!grouping) {
    const naturalOrder = natural.map((o) => `s.${o.alias}${o.nullsLast ? ' NULLS LAST' : ''}`);
    const order = sorting ? [`${sortKey(`s.${sorting.field}`, kinds[sorting.field])} ${direction(sorting.direction)} NULLS LAST`] : [];
    const sql = `SELECT ${columns.map((c) => `s.${c}`).join(', ')} FROM (${inner}) s ORDER BY ${[...order, ...naturalOrder].join(', ')}`;
    return { sql, params, columns, sourceRowsColumn: null };
  }

  const by = grouping.by;
  const aggregate = (c: string) => (c === by ? `s.${by}` : c === 'count' ? 'count(*)::int' : `sum(s.${c.slice(0, -4)})::float8`);
  const groupKey = `${sortKey(`s.${by}`, kinds[by])} ASC NULLS LAST`;
  const order: string[] = [];
  if (sorting) {
    const key = sorting.field === by ? sortKey(`s.${by}`, kinds[by]) : aggregate(sorting.field);
    order.push(`${key} ${direction(sorting.direction)} NULLS LAST`);
  }
  const sql =
    `SELECT ${columns.map((c) => `${aggregate(c)} AS ${c}`).join(', ')}, sum(count(*)) OVER ()::float8 AS ${SOURCE_ROWS} ` +
    `FROM (${inner}) s GROUP BY s.${by} ORDER BY ${[...order, groupKey].join(', ')}`;
  return { sql, params, columns, sourceRowsColumn: SOURCE_ROWS };
}

// Text by code point (what a JavaScript comparison of the cells does), lists by their joined text.
function sortKey(column: string, kind: ColumnKind): string {
  if (kind === 'string') return `${column} COLLATE "C"`;
  if (kind === 'list') return `array_to_string(${column}, ';') COLLATE "C"`;
  return column;
}

type SourceSpec = {
  from: string;
  // Every column of the source (SOURCE_COLUMNS) as an SQL expression.
  columns: Record<string, string>;
  workflowColumn: string;
  executionColumn: string;
  timeColumn: string;
  naturalOrder: { expr: string; nullsLast: boolean }[];
};

const same = (alias: string, names: readonly string[]) => Object.fromEntries(names.map((n) => [n, `${alias}.${n}`]));

const SOURCES: Record<ReportSource, SourceSpec> = {
  contents: {
    from: 'rm_content c LEFT JOIN rm_execution e ON e.execution_id = c.execution_id',
    columns: {
      ...same('c', ['content_number', 'flux_number', 'name', 'mime_type', 'extension', 'word_count', 'category', 'tags', 'language']),
      ...same('c', ['keywords', 'summary', 'confidence', 'fetched_at', 'processed_at']),
      content_id: 'c.content_id::text',
      execution_id: `NULLIF(c.execution_id, '${NIL_UUID}')::text`,
      workflow_id: 'e.workflow_id::text',
      flux_id: 'c.flux_id::text',
      size_bytes: 'c.size_bytes::float8',
    },
    workflowColumn: 'e.workflow_id',
    executionColumn: 'c.execution_id',
    timeColumn: 'c.fetched_at',
    naturalOrder: [
      { expr: 'c.content_number', nullsLast: true },
      { expr: 'c.content_id', nullsLast: false },
      { expr: 'c.execution_id', nullsLast: false },
    ],
  },
  executions: {
    from: 'rm_execution e',
    columns: {
      ...same('e', ['workflow_name', 'workflow_version', 'run_number', 'status', 'triggered_by', 'created_at', 'started_at']),
      ...same('e', ['completed_at', 'duration_minutes', 'content_processed', 'stages_completed', 'error_code', 'error_message']),
      execution_id: 'e.execution_id::text',
      workflow_id: 'e.workflow_id::text',
      bytes_processed: 'e.bytes_processed::float8',
    },
    workflowColumn: 'e.workflow_id',
    executionColumn: 'e.execution_id',
    timeColumn: 'COALESCE(e.created_at, e.started_at)',
    naturalOrder: [
      { expr: 'COALESCE(e.created_at, e.started_at)', nullsLast: true },
      { expr: 'e.execution_number', nullsLast: true },
      { expr: 'e.execution_id', nullsLast: false },
    ],
  },
  calculations: {
    from: 'rm_calculation k LEFT JOIN rm_execution e ON e.execution_id = k.execution_id',
    columns: {
      ...same('k', ['stage_order', 'field', 'count', 'sum', 'mean', 'min', 'max', 'p50', 'p95', 'completed_at']),
      ...same('e', ['workflow_name', 'run_number']),
      execution_id: 'k.execution_id::text',
      workflow_id: 'k.workflow_id::text',
    },
    workflowColumn: 'k.workflow_id',
    executionColumn: 'k.execution_id',
    timeColumn: 'k.completed_at',
    naturalOrder: [
      { expr: 'k.completed_at', nullsLast: false },
      { expr: 'k.execution_id', nullsLast: false },
      { expr: 'k.stage_order', nullsLast: false },
      { expr: 'k.field', nullsLast: false },
    ],
  },
};

// How many source rows a streamed report has read so far (grouped: known with the first row).
export type SourceProgress = { sourceRows: number };

// A cursor is one statement from its first row to its last: the pool's 30 s statement_timeout
// would cut a long rendering, so the cursor's read-only transaction sets this one (SET LOCAL: it
// ends with the transaction, the connection goes back to the pool as it was).
export const CURSOR_STATEMENT_TIMEOUT_MS = 15 * 60_000;
const BATCH_ROWS = 500;

// The report's rows, read with a server-side cursor (knex's public stream(), which runs
// pg-query-stream: 500 rows a round trip) in a transaction on a connection of the ORM's pool, and
// handed over one by one as the caller takes them: memory stays bounded whatever the row count.
// More than `maxRows` source rows: TOO_MANY_ROWS, and the cursor is closed; leaving the loop early
// closes it too. The transaction only reads; it is committed (an aborted one rolls back).
export async function* streamReportSource(
  em: EntityManager,
  query: SourceQuery,
  maxRows: number,
  progress: SourceProgress = { sourceRows: 0 },
): AsyncGenerator<ReportRow> {
  const trx = await em.getKnex().transaction();
  // The outcome is awaited through commit() below; never an unhandled rejection.
  trx.executionPromise.catch(() => undefined);
  let stream: Readable | undefined;
  try {
    await trx.raw(`SET LOCAL statement_timeout = ${CURSOR_STATEMENT_TIMEOUT_MS}`);
    stream = trx.raw(query.sql, query.params.map(bindable)).stream({ batchSize: BATCH_ROWS, highWaterMark: BATCH_ROWS });
    for await (const chunk of stream) {
      const raw: Record<string, unknown> = chunk;
      if (query.sourceRowsColumn) progress.sourceRows = Number(raw[query.sourceRowsColumn]);
      else progress.sourceRows += 1;
      if (progress.sourceRows > maxRows) throw tooManyRows(maxRows);
      const row: ReportRow = {};
      for (const column of query.columns) row[column] = toCell(raw[column]);
      yield row;
    }
  } finally {
    if (stream && !stream.destroyed) stream.destroy();
    if (stream && !stream.closed) await once(stream, 'close').catch(() => undefined);
    await trx.commit().catch(() => undefined);
  }
}

// The filters are strings and numbers; the access rule's parameters are too.
function bindable(value: unknown): Knex.RawBinding {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date || Array.isArray(value)) return value as Knex.RawBinding;
  return String(value);
}

// A cell as reports carry it: times as ISO strings, lists as string lists.
export function toCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string') return isoFromPg(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}
