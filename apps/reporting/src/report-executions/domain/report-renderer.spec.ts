import { CONTENT_TYPES, renderReport, renderReportChunks } from './report-renderer';

const meta = { id: 'r1', number: 4, name: 'Runs', type: 'summary', source: 'executions', executionId: 'x1' };
const rows = [
  { status: 'Success', count: 2 },
  { status: '=1+1', count: 1 },
];

describe('renderReport', () => {
  it('writes JSON as { report, generatedAt, rows } with values untouched', () => {
    const out = JSON.parse(renderReport('json', meta, ['status', 'count'], rows, '2026-11-26T06:00:00.000Z'));
    expect(out).toEqual({ report: { ...meta, columns: ['status', 'count'] }, generatedAt: '2026-11-26T06:00:00.000Z', rows });
  });

  it('writes CSV with the columns as header, formula text neutralised', () => {
    expect(renderReport('csv', meta, ['status', 'count'], rows, 'ignored')).toBe("status,count\r\nSuccess,2\r\n'=1+1,1\r\n");
  });

  it('writes HTML with the report name as title and the grouped rows as they were shaped', () => {
    const html = renderReport('html', meta, ['status', 'count'], rows, '2026-11-26T06:00:00.000Z');
    expect(html).toContain('<title>Runs</title>');
    expect(html).toContain('Report #4, summary on executions');
    expect(html).toContain('<tr><td>Success</td><td>2</td></tr>\n<tr><td>=1+1</td><td>1</td></tr>');
    expect([...renderReportChunks('html', meta, ['status', 'count'], rows, 'x')].join('')).toBe(
      renderReport('html', meta, ['status', 'count'], rows, 'x'),
    );
    expect(CONTENT_TYPES.html).toBe('text/html; charset=utf-8');
  });

  it('writes JSON and CSV as one piece', () => {
    expect([...renderReportChunks('csv', meta, ['status', 'count'], rows, 'x')]).toEqual([
      renderReport('csv', meta, ['status', 'count'], rows, 'x'),
    ]);
  });
});
