import { DomainError } from '@mindhill/domain';
import { ColumnKind, outputColumns, ReportConfig, ReportGrouping, SOURCE_COLUMNS } from './report-model';

export type CellValue = string | number | boolean | null | string[];
export type ReportRow = Record<string, CellValue>;

// One column of a rendered report: its name, its kind (how a file types its cells) and whether
// the totals add it up.
export type ReportColumn = { name: string; kind: ColumnKind; summed: boolean };

// Numbers that are identifiers, ordinals or statistics of their own: adding them up means
// nothing, so the totals leave them empty (a grouped report's `<column>_sum` is always summed).
const NOT_ADDITIVE = new Set([
  'content_number',
  'flux_number',
  'workflow_version',
  'run_number',
  'stage_order',
  'confidence',
  'mean',
  'min',
  'max',
  'p50',
  'p95',
]);

// The columns of the rendered rows with their kinds: the selected columns, or for a grouped
// report the group column, the row count and the sums (see outputColumns).
export function reportColumns(config: ReportConfig, grouping: ReportGrouping | null): ReportColumn[] {
  const kinds = SOURCE_COLUMNS[config.source];
  return outputColumns(config, grouping).map((name) => {
    const kind: ColumnKind = grouping && (name === 'count' || (name !== grouping.by && name.endsWith('_sum'))) ? 'number' : kinds[name];
    const summed = kind === 'number' && (grouping ? name !== grouping.by : !NOT_ADDITIVE.has(name));
    return { name, kind, summed };
  });
}

// The totals of a report, counted as the rows stream by: the number of rows and the sum of each
// summed column (null while no row had a number there).
export type ReportTotals = { rows: number; sums: Record<string, number | null> };

export function newTotals(columns: readonly ReportColumn[]): ReportTotals {
  return { rows: 0, sums: Object.fromEntries(columns.filter((c) => c.summed).map((c) => [c.name, null])) };
}

export function addToTotals(totals: ReportTotals, row: ReportRow): void {
  totals.rows += 1;
  for (const name of Object.keys(totals.sums)) {
    const value = row[name];
    if (typeof value === 'number' && Number.isFinite(value)) totals.sums[name] = (totals.sums[name] ?? 0) + value;
  }
}

// A sum of floats printed with at most 10 decimals, so 0.1 + 0.2 shows as 0.3.
export function roundedSum(value: number): number {
  return Number.isInteger(value) ? value : Number(value.toFixed(10));
}

export const tooManyRows = (maxRows: number) =>
  new DomainError('REPORTING.TOO_MANY_ROWS', `The report reads more than ${maxRows} rows; narrow its filters`, 'invalid', { maxRows });
