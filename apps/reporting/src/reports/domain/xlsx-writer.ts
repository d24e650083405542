import { ColumnKind } from './report-model';
import { CellValue, ReportColumn, ReportTotals, roundedSum } from './report-rows';

// The decisions of the xlsx file, apart from the library that zips it (the streaming writer in
// report-executions/infrastructure/xlsx-report.writer.ts): typed cells, widths, the totals row.

// Times are real dates shown in ISO 8601 UTC, so a spreadsheet sorts and computes on them and
// the text a reader sees is the one the CSV holds.
export const XLSX_DATE_FORMAT = 'yyyy-mm-dd"T"hh:mm:ss.000"Z"';
// Excel refuses a cell of more text than this.
export const XLSX_MAX_TEXT = 32_767;

export type XlsxValue = string | number | boolean | Date | null;
// A totals cell: a SUBTOTAL formula (ignores rows hidden by the auto-filter) with its value
// computed here, for readers that do not recalculate; a plain 0 without data rows; or a label.
export type XlsxTotalsCell = { formula: string; result: number } | string | number | null;

function clip(text: string): string {
  return text.length > XLSX_MAX_TEXT ? `${text.slice(0, XLSX_MAX_TEXT - 1)}…` : text;
}

// A cell as its column's kind says: numbers as numbers, times as dates, lists as one text. Text
// is always a text cell (never a formula), so "=1+1" from the data stays text.
export function xlsxCell(value: CellValue, kind: ColumnKind): XlsxValue {
  if (value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (Array.isArray(value)) return clip(value.join('; '));
  if (kind === 'datetime') {
    const time = Date.parse(value);
    if (!Number.isNaN(time)) return new Date(time);
  }
  return clip(value);
}

export function xlsxColumnWidth(column: ReportColumn): number {
  const byKind: Record<ColumnKind, number> = { datetime: 25, number: 12, string: 24, list: 28 };
  return Math.min(60, Math.max(byKind[column.kind], column.name.length + 3));
}

// A1 column letters: 0 → A, 25 → Z, 26 → AA.
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

// Sheet names: at most 31 characters, none of []:*?/\ and not empty.
export function xlsxSheetName(name: string): string {
  const clean = name
    .replace(/[[\]:*?/\\]/g, ' ')
    .trim()
    .slice(0, 31);
  return clean || 'Report';
}

// The totals row below data rows firstRow..lastRow (1-based sheet rows): the label "Total (n
// rows)" in the first column not summed (or one past the last column when every column is), a
// SUBTOTAL(109, …) under each summed column.
export function xlsxTotalsRow(columns: readonly ReportColumn[], totals: ReportTotals, firstRow: number, lastRow: number): XlsxTotalsCell[] {
  const cells: XlsxTotalsCell[] = columns.map((column, i) => {
    if (!column.summed) return null;
    const sum = roundedSum(totals.sums[column.name] ?? 0);
    if (lastRow < firstRow) return sum;
    const letter = columnLetter(i);
    return { formula: `SUBTOTAL(109,${letter}${firstRow}:${letter}${lastRow})`, result: sum };
  });
  const label = `Total (${totals.rows} ${totals.rows === 1 ? 'row' : 'rows'})`;
  const at = columns.findIndex((c) => !c.summed);
  if (at >= 0) cells[at] = label;
  else cells.push(label);
  return cells;
}
