import { assertValidReportShape, outputColumns, reportShapeIssues } from './report-model';
import { addToTotals, newTotals, reportColumns, ReportRow, roundedSum } from './report-rows';

const rows: ReportRow[] = [
  { execution_id: 'e1', workflow_name: 'B', status: 'Success', bytes_processed: 10, duration_minutes: 1, error_code: null },
  { execution_id: 'e2', workflow_name: 'A', status: 'Failed', bytes_processed: null, duration_minutes: 2, error_code: 'X' },
  { execution_id: 'e3', workflow_name: 'B', status: 'Success', bytes_processed: 5, duration_minutes: null, error_code: null },
  { execution_id: 'e4', workflow_name: null, status: 'Success', bytes_processed: 1, duration_minutes: 4, error_code: null },
];
const config = { source: 'executions' as const, columns: ['execution_id', 'workflow_name', 'bytes_processed'] };

describe('report rows', () => {
  it('gives each output column its kind and says which ones the totals add up', () => {
    expect(reportColumns({ source: 'executions', columns: ['execution_id', 'run_number', 'created_at', 'bytes_processed'] }, null)).toEqual(
      [
        { name: 'execution_id', kind: 'string', summed: false },
        { name: 'run_number', kind: 'number', summed: false },
        { name: 'created_at', kind: 'datetime', summed: false },
        { name: 'bytes_processed', kind: 'number', summed: true },
      ],
    );
    const grouping = { by: 'workflow_name' };
    expect(outputColumns(config, grouping)).toEqual(['workflow_name', 'count', 'bytes_processed_sum']);
    expect(reportColumns({ source: 'executions', columns: ['run_number', 'workflow_name'] }, grouping)).toEqual([
      { name: 'workflow_name', kind: 'string', summed: false },
      { name: 'count', kind: 'number', summed: true },
      { name: 'run_number_sum', kind: 'number', summed: true },
    ]);
  });

  it('counts rows and sums numbers as they pass, leaving out nulls and non-finite values', () => {
    const columns = reportColumns(config, null);
    const totals = newTotals(columns);
    for (const row of rows) addToTotals(totals, row);
    addToTotals(totals, { bytes_processed: Infinity });
    expect(totals).toEqual({ rows: 5, sums: { bytes_processed: 16 } });
    expect(newTotals(reportColumns({ source: 'executions', columns: ['status'] }, null))).toEqual({ rows: 0, sums: {} });
    expect(roundedSum(0.1 + 0.2)).toBe(0.3);
  });

  it('accepts a definition that fits its source', () => {
    expect(
      reportShapeIssues({
        reportConfig: config,
        filters: { status: 'Success' },
        grouping: { by: 'status' },
        sorting: { field: 'count', direction: 'asc' },
      }),
    ).toEqual([]);
  });

  it('names every part that does not fit the source', () => {
    const issues = reportShapeIssues({
      reportConfig: { source: 'executions', columns: ['nope', 'status', 'status'] },
      filters: { tag: 'x' },
      grouping: { by: 'missing' },
      sorting: { field: 'size_bytes', direction: 'asc' },
    });
    expect(issues).toEqual([
      'reportConfig.columns: "nope" is not a column of source executions',
      'reportConfig.columns: "status" appears twice',
      'filters.tag: does not apply to source executions',
      'grouping.by: "missing" is not a column of source executions',
      expect.stringContaining('sorting.field: "size_bytes" is not one of'),
    ]);
    expect(reportShapeIssues({ reportConfig: { source: 'contents' }, filters: null, grouping: { by: 'tags' }, sorting: null })).toEqual([
      'grouping.by: "tags" is a list and cannot be grouped by',
    ]);
    expect(() =>
      assertValidReportShape({ reportConfig: { source: 'contents' }, filters: null, grouping: { by: 'tags' }, sorting: null }),
    ).toThrow(expect.objectContaining({ code: 'REPORTING.INVALID_DEFINITION' }));
  });
});
