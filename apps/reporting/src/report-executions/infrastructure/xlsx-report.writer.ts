import { Writable } from 'node:stream';
import { stream as excelStream } from 'exceljs';
import { addToTotals, newTotals, ReportColumn, ReportRow, ReportTotals } from '../../reports/domain/report-rows';
import { columnLetter, XLSX_DATE_FORMAT, xlsxCell, xlsxColumnWidth, xlsxSheetName, xlsxTotalsRow } from '../../reports/domain/xlsx-writer';
import { reportSubtitle, ReportHeading } from '../domain/report-renderer';
import { periodLine } from '../../reports/domain/pdf-writer';
import { whenDrained } from './report-output.store';

// One sheet named after the report: a bold header row frozen above the data, an auto-filter over
// it, one typed row per report row committed as it comes (exceljs's streaming WorkbookWriter
// zips each row into `out` and keeps nothing), and a bold totals row when a column is summed. A
// grouped report's rows are its groups (the group value, the count, the sums: one subtotal row
// per group), so its totals row is the grand total. The report's number, type, source, period
// and generation time are the workbook's properties (title, subject, description).
export async function writeXlsxReport(
  out: Writable,
  heading: ReportHeading,
  columns: readonly ReportColumn[],
  rows: AsyncIterable<ReportRow>,
): Promise<ReportTotals> {
  const workbook = new excelStream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Mind Hillmetric';
  workbook.created = new Date(heading.generatedAt);
  workbook.title = heading.meta.name;
  workbook.subject = reportSubtitle(heading.meta);
  workbook.description = `${periodLine(heading.period)}; generated ${heading.generatedAt}; run ${heading.meta.executionId}`;
  const sheet = workbook.addWorksheet(xlsxSheetName(heading.meta.name), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.name,
    key: c.name,
    width: xlsxColumnWidth(c),
    ...(c.kind === 'datetime' ? { style: { numFmt: XLSX_DATE_FORMAT } } : {}),
  }));
  if (columns.length > 0) sheet.autoFilter = `A1:${columnLetter(columns.length - 1)}1`;
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();

  const totals = newTotals(columns);
  for await (const row of rows) {
    addToTotals(totals, row);
    sheet.addRow(columns.map((c) => xlsxCell(row[c.name] ?? null, c.kind))).commit();
    if (totals.rows % 1000 === 0) await whenDrained(out);
  }
  if (columns.some((c) => c.summed)) {
    const last = sheet.addRow(xlsxTotalsRow(columns, totals, 2, totals.rows + 1));
    last.font = { bold: true };
    last.commit();
  }
  sheet.commit();
  await workbook.commit();
  return totals;
}
