import { csvHeader, csvRecord } from '../../reports/domain/csv-writer';
import { htmlEnd, htmlHead, htmlRow } from '../../reports/domain/html-writer';
import { addToTotals, newTotals, ReportColumn, ReportRow, ReportTotals } from '../../reports/domain/report-rows';
import { RenderableFormat } from './report-execution.decider';

export type RenderedReportMeta = { id: string; number: number; name: string; type: string; source: string; executionId: string };

// What the first lines of a document say: the report, when it was rendered, the period of its
// rows (the run's from/to filters, either side open).
export type ReportHeading = {
  meta: RenderedReportMeta;
  generatedAt: string;
  period?: { from?: string; to?: string };
};

export const CONTENT_TYPES = {
  json: 'application/json',
  csv: 'text/csv; charset=utf-8',
  html: 'text/html; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const satisfies Record<RenderableFormat, string>;

export const TEXT_FORMATS = ['json', 'csv', 'html'] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];
export const isTextFormat = (format: RenderableFormat): format is TextFormat => (TEXT_FORMATS as readonly string[]).includes(format);

export const reportSubtitle = (meta: RenderedReportMeta) => `Report #${meta.number}, ${meta.type} on ${meta.source}`;

// A text file in pieces, written as the rows come: the head, one piece a row, the end (given the
// totals counted along the way).
// - json: `{ report, generatedAt, rows }` on one line; no totals (a program sums what it needs);
// - csv: RFC 4180 with a header row; no totals row (see csv-writer);
// - html: a self-contained printable document with a totals row in the table's foot.
export type TextReportWriter = { head(): string; row(row: ReportRow): string; end(totals: ReportTotals): string };

export function textReportWriter(format: TextFormat, heading: ReportHeading, columns: readonly ReportColumn[]): TextReportWriter {
  const names = columns.map((c) => c.name);
  if (format === 'csv') return { head: () => csvHeader(names), row: (row) => csvRecord(names, row), end: () => '' };
  if (format === 'html') {
    const summed = new Set(columns.filter((c) => c.summed).map((c) => c.name));
    const html = {
      title: heading.meta.name,
      subtitle: reportSubtitle(heading.meta),
      generatedAt: heading.generatedAt,
      period: heading.period,
    };
    return { head: () => htmlHead(html, names), row: (row) => htmlRow(names, row), end: (totals) => htmlEnd(names, totals, summed) };
  }
  const report = JSON.stringify({ report: { ...heading.meta, columns: names }, generatedAt: heading.generatedAt });
  let first = true;
  return {
    head: () => `${report.slice(0, -1)},"rows":[`,
    row: (row) => {
      const piece = `${first ? '' : ','}${JSON.stringify(Object.fromEntries(names.map((c) => [c, row[c] ?? null])))}`;
      first = false;
      return piece;
    },
    end: () => ']}\n',
  };
}

// The whole text file at once (for tests and small outputs).
export function renderReport(
  format: TextFormat,
  heading: ReportHeading,
  columns: readonly ReportColumn[],
  rows: readonly ReportRow[],
): string {
  const writer = textReportWriter(format, heading, columns);
  const totals = newTotals(columns);
  const pieces = [writer.head()];
  for (const row of rows) {
    addToTotals(totals, row);
    pieces.push(writer.row(row));
  }
  pieces.push(writer.end(totals));
  return pieces.join('');
}
