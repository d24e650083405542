import { ColumnKind } from './report-model';
import { CellValue, ReportColumn } from './report-rows';

// The decisions of the pdf file, apart from the library that draws it (the streaming writer in
// report-executions/infrastructure/pdf-report.writer.ts): page orientation, column widths, cell
// text and how it is fitted, in PDF points (1/72 inch), A4.

export type PdfLayout = {
  size: 'A4';
  layout: 'portrait' | 'landscape';
  pageWidth: number;
  pageHeight: number;
  margin: number;
  fontSize: number;
  // Height of one text line in a table cell, and the padding around a cell's text.
  lineHeight: number;
  padding: number;
  // Column widths, summing to the width between the margins.
  widths: number[];
};

const A4 = { short: 595.28, long: 841.89 };
// More columns than this: landscape.
export const PORTRAIT_MAX_COLUMNS = 6;
// A cell shows at most this many lines, the last one cut with an ellipsis.
export const MAX_CELL_LINES = 2;
// Longer text is cut before it is measured: nobody reads 10 000 characters in a table cell.
const MAX_CELL_CHARS = 300;

// How wide a column is, relative to the others: times need their 24 characters, numbers little.
const WEIGHTS: Record<ColumnKind, number> = { string: 3, list: 3, datetime: 2.6, number: 1.4 };

export function pdfLayout(columns: readonly ReportColumn[]): PdfLayout {
  const landscape = columns.length > PORTRAIT_MAX_COLUMNS;
  const margin = 36;
  const pageWidth = landscape ? A4.long : A4.short;
  const pageHeight = landscape ? A4.short : A4.long;
  const fontSize = columns.length > 12 ? 6 : columns.length > 8 ? 7 : 8;
  const weights = columns.map((c) => WEIGHTS[c.kind]);
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const available = pageWidth - 2 * margin;
  return {
    size: 'A4',
    layout: landscape ? 'landscape' : 'portrait',
    pageWidth,
    pageHeight,
    margin,
    fontSize,
    lineHeight: Math.round(fontSize * 1.25 * 100) / 100,
    padding: 3,
    widths: weights.map((w) => (available * w) / total),
  };
}

// A cell's text on one line: line breaks and tabs become spaces, lists are joined.
export function pdfCellText(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = Array.isArray(value) ? value.join('; ') : value;
  const flat = text.replace(/[\r\n\t]+/g, ' ');
  return flat.length > MAX_CELL_CHARS ? `${flat.slice(0, MAX_CELL_CHARS - 1)}…` : flat;
}

// Breaks text into at most `maxLines` lines of at most `width` points, at spaces where it can
// and inside a word where it must; what does not fit ends in "…". `charWidth` gives the width of
// one character in the cell's font and size.
export function wrapText(text: string, width: number, charWidth: (c: string) => number, maxLines = MAX_CELL_LINES): string[] {
  if (text === '') return [''];
  const lines: string[] = [];
  let rest = text;
  while (rest.length > 0 && lines.length < maxLines) {
    let used = 0;
    let end = 0;
    let lastSpace = -1;
    while (end < rest.length && used + charWidth(rest[end]) <= width) {
      if (rest[end] === ' ') lastSpace = end;
      used += charWidth(rest[end]);
      end += 1;
    }
    if (end >= rest.length) {
      lines.push(rest);
      rest = '';
      break;
    }
    // The last line allowed is filled to the end: it is cut with an ellipsis anyway.
    const lastLine = lines.length === maxLines - 1;
    const cut = lastSpace > 0 && !lastLine ? lastSpace : Math.max(end, 1);
    lines.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest.length > 0) {
    // Make room for the ellipsis on the last line.
    let last = lines[lines.length - 1];
    const ellipsis = charWidth('…');
    let used = [...last].reduce((sum, c) => sum + charWidth(c), 0);
    while (last.length > 0 && used + ellipsis > width) {
      used -= charWidth(last[last.length - 1]);
      last = last.slice(0, -1);
    }
    lines[lines.length - 1] = `${last.trimEnd()}…`;
  }
  return lines;
}

export function periodLine(period?: { from?: string; to?: string }): string {
  if (!period?.from && !period?.to) return 'Period: all time';
  return `Period: ${period.from ?? '…'} to ${period.to ?? '…'}`;
}
