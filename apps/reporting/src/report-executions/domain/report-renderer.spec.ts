import { ReportColumn } from '../../reports/domain/report-rows';
import { CONTENT_TYPES, renderReport, textReportWriter } from './report-renderer';

const meta = { id: 'r1', number: 4, name: 'Runs', type: 'summary', source: 'executions', executionId: 'x1' };
const heading = { meta, generatedAt: '2026-11-26T06:00:00.000Z' };
const columns: ReportColumn[] = [
  { name: 'status', kind: 'string', summed: false },
  { name: 'count', kind: 'number', summed: true },
];
const rows = [
  { status: 'Success', count: 2 },
  { status: '=1+1', count: 1 },
];

describe('renderReport', () => {
  it('writes JSON as { report, generatedAt, rows } with values untouched, on one line', () => {
    const text = renderReport('json', heading, columns, rows);
    expect(JSON.parse(text)).toEqual({ report: { ...meta, columns: ['status', 'count'] }, generatedAt: '2026-11-26T06:00:00.000Z', rows });
    expect(text).toBe(`${JSON.stringify({ report: { ...meta, columns: ['status', 'count'] }, generatedAt: heading.generatedAt, rows })}\n`);
    expect(JSON.parse(renderReport('json', heading, columns, [])).rows).toEqual([]);
  });

  it('writes CSV with the columns as header, formula text neutralised, and no totals row', () => {
    expect(renderReport('csv', heading, columns, rows)).toBe("status,count\r\nSuccess,2\r\n'=1+1,1\r\n");
  });

  it('writes HTML with the report name as title, the rows as shaped and a totals row', () => {
    const html = renderReport('html', heading, columns, rows);
    expect(html).toContain('<title>Runs</title>');
    expect(html).toContain('Report #4, summary on executions');
    expect(html).toContain('<tr><td>Success</td><td>2</td></tr>\n<tr><td>=1+1</td><td>1</td></tr>');
    expect(html).toContain('<tfoot><tr class="totals"><th scope="row">Total (2 rows)</th><td>3</td></tr></tfoot>');
    expect(CONTENT_TYPES.html).toBe('text/html; charset=utf-8');
  });

  it('writes a piece per row between head and end', () => {
    const writer = textReportWriter('csv', heading, columns);
    expect([writer.head(), writer.row(rows[0]), writer.end({ rows: 1, sums: {} })]).toEqual(['status,count\r\n', 'Success,2\r\n', '']);
  });

  it('has a content type for every format', () => {
    expect(CONTENT_TYPES.xlsx).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(CONTENT_TYPES.pdf).toBe('application/pdf');
  });
});
