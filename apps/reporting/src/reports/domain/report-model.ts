import { z } from 'zod';
import { DomainError } from '@mindhill/domain';

// The report model: what a report reads (its source), which rows (filters), how they are
// shaped (columns, grouping, sorting). Every part is a strict object: unknown fields are refused.

export const REPORT_SOURCES = ['contents', 'executions', 'calculations'] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];
export type ColumnKind = 'string' | 'number' | 'datetime' | 'list';

// The columns each source produces, in their default order.
export const SOURCE_COLUMNS: Record<ReportSource, Record<string, ColumnKind>> = {
  // One row per content item of the selected executions (ingestion + processing results).
  contents: {
    content_id: 'string',
    content_number: 'number',
    execution_id: 'string',
    workflow_id: 'string',
    flux_id: 'string',
    flux_number: 'number',
    name: 'string',
    mime_type: 'string',
    extension: 'string',
    size_bytes: 'number',
    word_count: 'number',
    category: 'string',
    tags: 'list',
    language: 'string',
    keywords: 'list',
    summary: 'string',
    confidence: 'number',
    fetched_at: 'datetime',
    processed_at: 'datetime',
  },
  // One row per workflow execution.
  executions: {
    execution_id: 'string',
    workflow_id: 'string',
    workflow_name: 'string',
    workflow_version: 'number',
    run_number: 'number',
    status: 'string',
    triggered_by: 'string',
    created_at: 'datetime',
    started_at: 'datetime',
    completed_at: 'datetime',
    duration_minutes: 'number',
    content_processed: 'number',
    bytes_processed: 'number',
    stages_completed: 'number',
    error_code: 'string',
    error_message: 'string',
  },
  // One row per field of each calculation stage output.
  calculations: {
    execution_id: 'string',
    workflow_id: 'string',
    workflow_name: 'string',
    run_number: 'number',
    stage_order: 'number',
    field: 'string',
    count: 'number',
    sum: 'number',
    mean: 'number',
    min: 'number',
    max: 'number',
    p50: 'number',
    p95: 'number',
    completed_at: 'datetime',
  },
};

export const EXECUTION_STATUSES = ['Created', 'InProgress', 'Success', 'Failed', 'Cancelled', 'Timeout'] as const;
const FILTERS_BY_SOURCE: Record<ReportSource, readonly string[]> = {
  contents: ['workflowId', 'executionId', 'fluxId', 'category', 'tag', 'status', 'from', 'to'],
  executions: ['workflowId', 'executionId', 'status', 'from', 'to'],
  calculations: ['workflowId', 'executionId', 'status', 'from', 'to'],
};

export const reportConfigSchema = z.strictObject({
  source: z.enum(REPORT_SOURCES),
  columns: z.array(z.string().min(1).max(100)).min(1).max(50).optional(),
});
export type ReportConfig = z.infer<typeof reportConfigSchema>;

const isoDate = z.iso.datetime({ offset: true });
export const reportFiltersSchema = z
  .strictObject({
    workflowId: z.uuid().optional(),
    executionId: z.uuid().optional(),
    fluxId: z.uuid().optional(),
    category: z.string().min(1).max(200).optional(),
    tag: z.string().min(1).max(200).optional(),
    // The execution's status (for contents and calculations: the status of their execution).
    status: z.enum(EXECUTION_STATUSES).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
  })
  .refine((f) => !f.from || !f.to || Date.parse(f.from) <= Date.parse(f.to), { message: 'from must not be after to', path: ['from'] });
export type ReportFilters = z.infer<typeof reportFiltersSchema>;

export const reportGroupingSchema = z.strictObject({ by: z.string().min(1).max(100) });
export type ReportGrouping = z.infer<typeof reportGroupingSchema>;

export const reportSortingSchema = z.strictObject({ field: z.string().min(1).max(100), direction: z.enum(['asc', 'desc']).default('asc') });
export type ReportSorting = z.infer<typeof reportSortingSchema>;

export type ReportShape = {
  reportConfig: ReportConfig;
  filters: ReportFilters | null;
  grouping: ReportGrouping | null;
  sorting: ReportSorting | null;
};

export function selectedColumns(config: ReportConfig): string[] {
  return config.columns ?? Object.keys(SOURCE_COLUMNS[config.source]);
}

// The columns of the rendered rows: the selected columns, or for a grouped report the group
// column, the row count and one sum per selected numeric column.
export function outputColumns(config: ReportConfig, grouping: ReportGrouping | null): string[] {
  if (!grouping) return selectedColumns(config);
  const kinds = SOURCE_COLUMNS[config.source];
  const sums = selectedColumns(config)
    .filter((c) => c !== grouping.by && kinds[c] === 'number')
    .map((c) => `${c}_sum`);
  return [grouping.by, 'count', ...sums];
}

// The rules no schema can state alone: columns, filters, grouping and sorting must fit the source.
export function reportShapeIssues(shape: ReportShape): string[] {
  const { reportConfig: config, filters, grouping, sorting } = shape;
  const kinds = SOURCE_COLUMNS[config.source];
  const issues: string[] = [];
  const seen = new Set<string>();
  for (const c of config.columns ?? []) {
    if (!(c in kinds)) issues.push(`reportConfig.columns: "${c}" is not a column of source ${config.source}`);
    if (seen.has(c)) issues.push(`reportConfig.columns: "${c}" appears twice`);
    seen.add(c);
  }
  for (const key of Object.keys(filters ?? {})) {
    if (!FILTERS_BY_SOURCE[config.source].includes(key)) issues.push(`filters.${key}: does not apply to source ${config.source}`);
  }
  if (grouping) {
    if (!(grouping.by in kinds)) issues.push(`grouping.by: "${grouping.by}" is not a column of source ${config.source}`);
    else if (kinds[grouping.by] === 'list') issues.push(`grouping.by: "${grouping.by}" is a list and cannot be grouped by`);
  }
  if (sorting) {
    const allowed = grouping ? outputColumns(config, grouping) : Object.keys(kinds);
    if (!allowed.includes(sorting.field)) issues.push(`sorting.field: "${sorting.field}" is not one of ${allowed.join(', ')}`);
  }
  return issues;
}

export function assertValidReportShape(shape: ReportShape): void {
  const issues = reportShapeIssues(shape);
  if (issues.length > 0) throw new DomainError('REPORTING.INVALID_DEFINITION', issues.join('; '), 'invalid', { issues });
}
