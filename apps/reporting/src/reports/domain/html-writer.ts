import { addToTotals, CellValue, ReportRow, ReportTotals, roundedSum } from './report-rows';

// `period` is the run's from/to filters (ISO 8601), either side open when absent.
export type HtmlReportHeading = { title: string; subtitle: string; generatedAt: string; period?: { from?: string; to?: string } };

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

// Every text that reaches the document goes through here: element content and attribute values.
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const time = (iso: string) => `<time datetime="${escapeHtml(iso)}">${escapeHtml(iso)}</time>`;

function periodText(period: HtmlReportHeading['period']): string {
  if (!period?.from && !period?.to) return 'all time';
  return `${period.from ? time(period.from) : '…'} to ${period.to ? time(period.to) : '…'}`;
}

export function htmlCell(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return escapeHtml(Array.isArray(value) ? value.join('; ') : value);
}

// Inline only (no external resource); the header row repeats on every printed page via thead.
const STYLE = [
  'body{font-family:system-ui,sans-serif;margin:1.5rem;color:#111}',
  'h1{font-size:1.4rem;margin:0 0 .25rem}',
  'p.meta{color:#555;margin:0 0 1rem}',
  'table{border-collapse:collapse;width:100%;font-size:.85rem}',
  'th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top;white-space:pre-wrap}',
  'thead th{background:#f0f0f0}',
  'tfoot th,tfoot td{font-weight:bold;background:#f7f7f7;border-top:2px solid #999}',
  '@media print{body{margin:0}thead{display:table-header-group}tr{page-break-inside:avoid}}',
].join('');

// A self-contained HTML5 document in three parts, so a caller can write it as the rows come:
// the head (title, heading, table header), one piece a row, and the end (a totals row in the
// table's foot when a column is summed, the row count).
export function htmlHead(heading: HtmlReportHeading, columns: readonly string[]): string {
  const title = escapeHtml(heading.title);
  return (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    `<title>${title}</title>\n<style>${STYLE}</style>\n</head>\n<body>\n` +
    `<h1>${title}</h1>\n<p class="meta">${escapeHtml(heading.subtitle)} · period ${periodText(heading.period)} · generated ${time(heading.generatedAt)}</p>\n` +
    `<table>\n<thead><tr>${columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead>\n<tbody>\n`
  );
}

export function htmlRow(columns: readonly string[], row: ReportRow): string {
  return `<tr>${columns.map((c) => `<td>${htmlCell(row[c] ?? null)}</td>`).join('')}</tr>\n`;
}

// `summed`: the columns whose sums `totals` holds; none, no totals row.
export function htmlEnd(columns: readonly string[], totals: ReportTotals, summed: ReadonlySet<string> = new Set()): string {
  const count = totals.rows;
  const rowsText = `${count} ${count === 1 ? 'row' : 'rows'}`;
  let foot = '';
  if (summed.size > 0) {
    const label = columns.findIndex((c) => !summed.has(c));
    const cells = columns.map((c, i) => {
      if (i === label) return `<th scope="row">Total (${rowsText})</th>`;
      const sum = summed.has(c) ? totals.sums[c] : null;
      return `<td>${sum === null || sum === undefined ? '' : roundedSum(sum)}</td>`;
    });
    foot = `<tfoot><tr class="totals">${cells.join('')}</tr></tfoot>\n`;
  }
  const empty = count === 0 ? `<tr><td colspan="${Math.max(columns.length, 1)}">No rows</td></tr>\n` : '';
  return `${empty}</tbody>\n${foot}</table>\n<p class="meta">${rowsText}</p>\n</body>\n</html>\n`;
}

// The whole document, one piece a row between the head and the end.
export function* htmlChunks(
  heading: HtmlReportHeading,
  columns: readonly string[],
  rows: Iterable<ReportRow>,
  summed: ReadonlySet<string> = new Set(),
): Generator<string> {
  yield htmlHead(heading, columns);
  const totals: ReportTotals = { rows: 0, sums: Object.fromEntries([...summed].map((c) => [c, null])) };
  for (const row of rows) {
    addToTotals(totals, row);
    yield htmlRow(columns, row);
  }
  yield htmlEnd(columns, totals, summed);
}

export function toHtml(
  heading: HtmlReportHeading,
  columns: readonly string[],
  rows: Iterable<ReportRow>,
  summed: ReadonlySet<string> = new Set(),
): string {
  return [...htmlChunks(heading, columns, rows, summed)].join('');
}
