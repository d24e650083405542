import { toCsv } from '../../reports/domain/csv-writer';
import { htmlChunks } from '../../reports/domain/html-writer';
import { ReportRow } from '../../reports/domain/report-rows';
import { RenderableFormat } from './report-execution.decider';

export type RenderedReportMeta = { id: string; number: number; name: string; type: string; source: string; executionId: string };

export const CONTENT_TYPES = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
} as const satisfies Record<RenderableFormat, string>;

// The file of a run, in pieces to be written as they come: JSON { report, generatedAt, rows },
// RFC 4180 CSV with a header row, or a self-contained printable HTML document (one piece a row).
export function renderReportChunks(
  format: RenderableFormat,
  meta: RenderedReportMeta,
  columns: readonly string[],
  rows: readonly ReportRow[],
  generatedAt: string,
  period?: { from?: string; to?: string },
): Iterable<string> {
  if (format === 'html') {
    const heading = { title: meta.name, subtitle: `Report #${meta.number}, ${meta.type} on ${meta.source}`, generatedAt, period };
    return htmlChunks(heading, columns, rows);
  }
  return [renderReport(format, meta, columns, rows, generatedAt)];
}

export function renderReport(
  format: RenderableFormat,
  meta: RenderedReportMeta,
  columns: readonly string[],
  rows: readonly ReportRow[],
  generatedAt: string,
): string {
  if (format === 'html') return [...renderReportChunks(format, meta, columns, rows, generatedAt)].join('');
  if (format === 'csv') return toCsv(columns, rows);
  return `${JSON.stringify({ report: { ...meta, columns }, generatedAt, rows })}\n`;
}
