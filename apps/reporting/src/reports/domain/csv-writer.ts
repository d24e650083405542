import { CellValue, ReportRow } from './report-rows';

// Cells a spreadsheet would run as a formula (OWASP CSV injection): =, +, -, @, tab, CR.
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

// RFC 4180: a header row, CRLF after every record, fields with comma, quote or line break
// quoted and quotes doubled. Text that a spreadsheet would evaluate is prefixed with a single
// quote; numbers are written as they are (a negative number is data, not a formula).
// No totals row: a CSV file is data for another program, and a row of another kind at its end
// is one every loader would have to know to skip.
export function toCsv(columns: readonly string[], rows: readonly ReportRow[]): string {
  return csvHeader(columns) + rows.map((row) => csvRecord(columns, row)).join('');
}

export function csvHeader(columns: readonly string[]): string {
  return `${columns.map((c) => csvField(c)).join(',')}\r\n`;
}

export function csvRecord(columns: readonly string[], row: ReportRow): string {
  return `${columns.map((c) => csvCell(row[c] ?? null)).join(',')}\r\n`;
}

export function csvCell(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return csvField(Array.isArray(value) ? value.join(';') : value);
}

function csvField(text: string): string {
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
