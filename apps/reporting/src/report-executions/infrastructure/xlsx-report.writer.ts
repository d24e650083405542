import { EventEmitter } from 'node:events';
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
  const workbook = new excelStream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
    zip: { zlib: { level: 1 } },
  });
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

  const zipQueue = sheetZipQueue(sheet);
  const totals = newTotals(columns);
  for await (const row of rows) {
    addToTotals(totals, row);
    sheet.addRow(columns.map((c) => xlsxCell(row[c.name] ?? null, c.kind))).commit();
    if (totals.rows % 200 === 0) {
      await zipQueue.drained();
      await whenDrained(out);
    }
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

// Bytes the sheet's XML may wait for the deflater before the writer waits for it.
const ZIP_QUEUE_BYTES = 1 << 20;
type QueueState = { length: number };

// exceljs's streaming writer hands the sheet's XML to the zip's deflater without waiting for it
// (its StreamBuf ignores write()'s answer), so rows that come faster than they compress would pile
// up in the deflater's input queue, growing with the row count (measured: +168 MiB at 300 000
// rows). That queue is the writable side of the sheet stream's one pipe (exceljs 4.4.0
// internals, read defensively: if the shape is not there, no waiting). The wait ends at the
// queue's drain, or after a second in any case, so a stalled zip can never hang the render.
function sheetZipQueue(sheet: object): { drained(): Promise<void> } {
  const queue = (): { pipe: EventEmitter; state: QueueState } | null => {
    const stream: unknown = Reflect.get(sheet, 'stream');
    const pipes: unknown = typeof stream === 'object' && stream !== null ? Reflect.get(stream, 'pipes') : undefined;
    const pipe: unknown = Array.isArray(pipes) && pipes.length === 1 ? pipes[0] : undefined;
    const state: unknown = pipe instanceof EventEmitter ? Reflect.get(pipe, '_writableState') : undefined;
    return pipe instanceof EventEmitter && isQueueState(state) ? { pipe, state } : null;
  };
  return {
    drained: async () => {
      const found = queue();
      if (!found || found.state.length <= ZIP_QUEUE_BYTES) return;
      const { pipe } = found;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          pipe.off('drain', done).off('close', done).off('error', done);
          resolve();
        };
        const timer = setTimeout(done, 1000);
        pipe.on('drain', done).on('close', done).on('error', done);
      });
    },
  };
}

function isQueueState(value: unknown): value is QueueState {
  return typeof value === 'object' && value !== null && typeof Reflect.get(value, 'length') === 'number';
}
