import { toCsv } from '../../reports/domain/csv-writer';
import { ReportRow } from '../../reports/domain/report-rows';

export type RenderedReportMeta = { id: string; number: number; name: string; type: string; source: string; executionId: string };

export const CONTENT_TYPES = { json: 'application/json', csv: 'text/csv; charset=utf-8' } as const;

// The file of a run: JSON { report, generatedAt, rows } or RFC 4180 CSV with a header row.
export function renderReport(
  format: 'json' | 'csv',
  meta: RenderedReportMeta,
  columns: readonly string[],
  rows: readonly ReportRow[],
  generatedAt: string,
): string {
  if (format === 'csv') return toCsv(columns, rows);
  return `${JSON.stringify({ report: { ...meta, columns }, generatedAt, rows })}\n`;
}
