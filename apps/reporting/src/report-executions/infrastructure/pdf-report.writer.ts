import { Writable } from 'node:stream';
import PDFDocument from 'pdfkit';
import { pdfCellText, pdfLayout, periodLine, wrapText } from '../../reports/domain/pdf-writer';
import { addToTotals, newTotals, ReportColumn, ReportRow, ReportTotals, roundedSum } from '../../reports/domain/report-rows';
import { reportSubtitle, ReportHeading } from '../domain/report-renderer';

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
// Bytes pdfkit may hold before the writer waits for the file to take them.
const HIGH_WATER = 1 << 20;

// A4 pages (landscape beyond six columns) with the report's title, number, type, source, run,
// period and generation time on the first page; a table whose header row is repeated on every
// page; cells of at most two lines, cut with "…"; "Page n" at the foot of every page; a bold
// totals row and the row count at the end. Pages are written to `out` as they are finished
// (no bufferPages, hence "Page n" without "of m"): memory does not grow with the row count.
export async function writePdfReport(
  out: Writable,
  heading: ReportHeading,
  columns: readonly ReportColumn[],
  rows: AsyncIterable<ReportRow>,
): Promise<ReportTotals> {
  const layout = pdfLayout(columns);
  const doc = new PDFDocument({
    size: layout.size,
    layout: layout.layout,
    margin: layout.margin,
    autoFirstPage: false,
    info: {
      Title: heading.meta.name,
      Subject: reportSubtitle(heading.meta),
      Creator: 'Mind Hillmetric',
      CreationDate: new Date(heading.generatedAt),
    },
  });
  const finished = new Promise<void>((resolve, reject) => {
    out.once('finish', resolve);
    out.once('error', reject);
    doc.once('error', reject);
  });
  // Awaited at the end; a failure before then must not become an unhandled rejection.
  finished.catch(() => undefined);
  doc.pipe(out);

  const widthCache = new Map<string, number>();
  const charWidth = (c: string) => {
    let w = widthCache.get(c);
    if (w === undefined) {
      w = doc.widthOfString(c);
      widthCache.set(c, w);
    }
    return w;
  };
  const bottom = layout.pageHeight - layout.margin;
  let page = 0;
  let y = 0;

  const newPage = () => {
    doc.addPage({ size: layout.size, layout: layout.layout, margin: layout.margin });
    page += 1;
    y = layout.margin;
    doc.font(FONT).fontSize(layout.fontSize).fillColor('#555555');
    // No width: a text given a width wraps, and a wrapped line below the margin opens a new page.
    const label = `Page ${page}`;
    doc.text(label, layout.pageWidth - layout.margin - doc.widthOfString(label), bottom + 8, { lineBreak: false });
    doc.fillColor('#000000');
  };
  const drawRow = (cells: string[], font: string, shade: string | null) => {
    doc.font(font).fontSize(layout.fontSize);
    const lines = cells.map((text, i) => wrapText(text, layout.widths[i] - 2 * layout.padding, charWidth));
    const height = Math.max(1, ...lines.map((l) => l.length)) * layout.lineHeight + 2 * layout.padding;
    if (y + height > bottom) {
      newPage();
      drawHeader();
      doc.font(font).fontSize(layout.fontSize);
    }
    let x = layout.margin;
    const width = layout.pageWidth - 2 * layout.margin;
    if (shade) doc.rect(x, y, width, height).fill(shade).fillColor('#000000');
    lines.forEach((cellLines, i) => {
      cellLines.forEach((line, n) => {
        doc.text(line, x + layout.padding, y + layout.padding + n * layout.lineHeight, { lineBreak: false });
      });
      x += layout.widths[i];
    });
    doc
      .moveTo(layout.margin, y + height)
      .lineTo(layout.margin + width, y + height)
      .lineWidth(0.3)
      .strokeColor('#bbbbbb')
      .stroke();
    y += height;
  };
  const drawHeader = () =>
    drawRow(
      columns.map((c) => c.name),
      BOLD,
      '#eeeeee',
    );

  newPage();
  const textWidth = layout.pageWidth - 2 * layout.margin;
  doc.font(BOLD).fontSize(16).text(heading.meta.name, layout.margin, y, { width: textWidth, height: 20, ellipsis: true, lineBreak: false });
  y += 24;
  doc.font(FONT).fontSize(9).fillColor('#444444');
  for (const line of [
    `${reportSubtitle(heading.meta)} · run ${heading.meta.executionId}`,
    periodLine(heading.period),
    `Generated: ${heading.generatedAt}`,
  ]) {
    doc.text(line, layout.margin, y, { lineBreak: false });
    y += 13;
  }
  doc.fillColor('#000000');
  y += 8;
  drawHeader();

  const totals = newTotals(columns);
  for await (const row of rows) {
    addToTotals(totals, row);
    drawRow(
      columns.map((c) => pdfCellText(row[c.name] ?? null)),
      FONT,
      null,
    );
    // pdfkit pushes what it draws whatever the file takes: wait while the file is behind.
    while (doc.readableLength > HIGH_WATER && !out.destroyed) await new Promise((resolve) => setImmediate(resolve));
  }
  const rowsText = `${totals.rows} ${totals.rows === 1 ? 'row' : 'rows'}`;
  if (columns.some((c) => c.summed)) drawRow(totalsCells(columns, totals, rowsText), BOLD, '#f4f4f4');
  if (totals.rows === 0)
    drawRow(
      columns.map((_, i) => (i === 0 ? 'No rows' : '')),
      FONT,
      null,
    );
  if (y + 20 > bottom) newPage();
  doc
    .font(FONT)
    .fontSize(layout.fontSize)
    .text(rowsText, layout.margin, y + 6, { lineBreak: false });
  doc.end();
  await finished;
  return totals;
}

function totalsCells(columns: readonly ReportColumn[], totals: ReportTotals, rowsText: string): string[] {
  const label = columns.findIndex((c) => !c.summed);
  return columns.map((c, i) => {
    if (i === label) return `Total (${rowsText})`;
    const sum = c.summed ? totals.sums[c.name] : null;
    return sum === null || sum === undefined ? '' : String(roundedSum(sum));
  });
}
