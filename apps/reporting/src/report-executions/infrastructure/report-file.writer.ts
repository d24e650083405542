import { Writable } from 'node:stream';
import { addToTotals, newTotals, ReportColumn, ReportRow, ReportTotals } from '../../reports/domain/report-rows';
import { RenderableFormat } from '../domain/report-execution.decider';
import { ReportHeading, textReportWriter } from '../domain/report-renderer';
import { writePdfReport } from './pdf-report.writer';
import { TextSink } from './report-output.store';
import { writeXlsxReport } from './xlsx-report.writer';

// Writes a report's file into `out` as its rows come, in any of the five formats; answers the
// totals (the row count and the sums). The text formats are pieces from the pure writers of the
// domain; xlsx and pdf are drawn by exceljs's streaming writer and pdfkit.
export async function writeReport(
  format: RenderableFormat,
  out: Writable,
  heading: ReportHeading,
  columns: readonly ReportColumn[],
  rows: AsyncIterable<ReportRow>,
): Promise<ReportTotals> {
  if (format === 'xlsx') return writeXlsxReport(out, heading, columns, rows);
  if (format === 'pdf') return writePdfReport(out, heading, columns, rows);
  const writer = textReportWriter(format, heading, columns);
  const sink = new TextSink(out);
  const totals = newTotals(columns);
  await sink.write(writer.head());
  for await (const row of rows) {
    addToTotals(totals, row);
    await sink.write(writer.row(row));
  }
  await sink.write(writer.end(totals));
  await sink.flush();
  out.end();
  return totals;
}
