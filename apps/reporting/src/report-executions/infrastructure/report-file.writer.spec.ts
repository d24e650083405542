import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Workbook } from 'exceljs';
import { ReportColumn, ReportRow } from '../../reports/domain/report-rows';
import { writeReport } from './report-file.writer';
import { writeReportFile } from './report-output.store';

const heading = {
  meta: { id: 'r1', number: 4, name: 'Runs', type: 'summary', source: 'executions', executionId: 'x1' },
  generatedAt: '2026-11-26T06:00:00.000Z',
  period: { from: '2026-11-01T00:00:00.000Z' },
};
const columns: ReportColumn[] = [
  { name: 'workflow_name', kind: 'string', summed: false },
  { name: 'created_at', kind: 'datetime', summed: false },
  { name: 'bytes_processed', kind: 'number', summed: true },
  { name: 'tags', kind: 'list', summed: false },
];
const rows: ReportRow[] = [
  { workflow_name: '=1+1', created_at: '2026-11-20T10:00:30.250Z', bytes_processed: 10.5, tags: ['a', 'b'] },
  { workflow_name: 'Daily', created_at: null, bytes_processed: null, tags: [] },
  { workflow_name: 'x'.repeat(500), created_at: '2026-11-21T00:00:00.000Z', bytes_processed: 4, tags: null },
];
async function* stream(list: readonly ReportRow[]) {
  for (const row of list) yield row;
}

describe('report file writers (exceljs, pdfkit, text) into a real file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'report-writers-'));
  });
  afterAll(() => process.env.KEEP_WRITER_FILES || rmSync(dir, { recursive: true, force: true }));
  const settings = () => ({ outputDir: dir, maxRows: 10 });

  it('writes a typed xlsx: header, dates, numbers, text never a formula, a totals row with SUBTOTAL', async () => {
    const { size, result } = await writeReportFile(settings(), 'r/a.xlsx', (out) =>
      writeReport('xlsx', out, heading, columns, stream(rows)),
    );
    expect(result).toEqual({ rows: 3, sums: { bytes_processed: 14.5 } });
    expect(size).toBeGreaterThan(1000);
    const book = new Workbook();
    await book.xlsx.readFile(path.join(dir, 'r/a.xlsx'));
    const sheet = book.worksheets[0];
    expect(sheet.name).toBe('Runs');
    expect(sheet.getRow(1).values).toEqual([undefined, 'workflow_name', 'created_at', 'bytes_processed', 'tags']);
    expect(sheet.getRow(1).font).toMatchObject({ bold: true });
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe('A1:D1');
    expect(sheet.getCell('A2').value).toBe('=1+1');
    expect(sheet.getCell('A2').type).toBe(3); // ValueType.String, not a formula
    expect(sheet.getCell('B2').value).toEqual(new Date('2026-11-20T10:00:30.250Z'));
    expect(sheet.getCell('B2').numFmt).toBe('yyyy-mm-dd"T"hh:mm:ss.000"Z"');
    expect(sheet.getCell('C2').value).toBe(10.5);
    expect(sheet.getCell('D2').value).toBe('a; b');
    expect(sheet.getCell('B3').value).toBeNull();
    expect(sheet.getCell('A5').value).toBe('Total (3 rows)');
    expect(sheet.getCell('C5').value).toEqual({ formula: 'SUBTOTAL(109,C2:C4)', result: 14.5 });
    expect(sheet.rowCount).toBe(5);
  });

  it('writes a pdf with the heading, the table, the totals and a page number', async () => {
    const many = Array.from({ length: 150 }, (_, i) => ({ ...rows[i % 3], workflow_name: `run-${i}` }));
    await writeReportFile(settings(), 'r/a.pdf', (out) => writeReport('pdf', out, heading, columns, stream(many)));
    const bytes = readFileSync(path.join(dir, 'r/a.pdf'));
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    let text: string;
    try {
      text = execFileSync('pdftotext', ['-layout', path.join(dir, 'r/a.pdf'), '-'], { encoding: 'utf8' });
    } catch (error) {
      throw new Error(`pdftotext could not run (apt package poppler-utils): ${(error as Error).message}`, { cause: error });
    }
    expect(text).toContain('Runs');
    expect(text).toContain('Report #4, summary on executions');
    expect(text).toContain('Period: 2026-11-01T00:00:00.000Z to …');
    expect(text).toContain('Generated: 2026-11-26T06:00:00.000Z');
    expect(text).toContain('run-149');
    expect(text).toContain('Page 1');
    expect(text).toContain('Page 2');
    expect(text).toMatch(/Total \(150 rows\)\s+\d+/);
    // The header row is on every page.
    expect(text.match(/workflow_name/g)!.length).toBeGreaterThanOrEqual(2);
  });

  it('writes the text formats through the same path, and leaves no file when the rows fail', async () => {
    const { result } = await writeReportFile(settings(), 'r/a.csv', (out) => writeReport('csv', out, heading, columns, stream(rows)));
    expect(result.rows).toBe(3);
    expect(readFileSync(path.join(dir, 'r/a.csv'), 'utf8').split('\r\n')[1]).toBe("'=1+1,2026-11-20T10:00:30.250Z,10.5,a;b");
    async function* failing() {
      yield rows[0];
      throw new Error('cursor broke');
    }
    for (const format of ['json', 'xlsx', 'pdf'] as const) {
      await expect(
        writeReportFile(settings(), `r/b.${format}`, (out) => writeReport(format, out, heading, columns, failing())),
      ).rejects.toThrow('cursor broke');
    }
    expect(
      execFileSync('ls', [path.join(dir, 'r')], { encoding: 'utf8' })
        .split('\n')
        .filter(Boolean)
        .sort(),
    ).toEqual(['a.csv', 'a.pdf', 'a.xlsx']);
  });
});
