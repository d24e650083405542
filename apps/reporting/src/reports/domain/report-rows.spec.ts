import { assertValidReportShape, outputColumns, reportShapeIssues } from './report-model';
import { groupRows, ReportRow, shapeRows, sortRows } from './report-rows';

const rows: ReportRow[] = [
  { execution_id: 'e1', workflow_name: 'B', status: 'Success', bytes_processed: 10, duration_minutes: 1, error_code: null },
  { execution_id: 'e2', workflow_name: 'A', status: 'Failed', bytes_processed: null, duration_minutes: 2, error_code: 'X' },
  { execution_id: 'e3', workflow_name: 'B', status: 'Success', bytes_processed: 5, duration_minutes: null, error_code: null },
  { execution_id: 'e4', workflow_name: null, status: 'Success', bytes_processed: 1, duration_minutes: 4, error_code: null },
];
const config = { source: 'executions' as const, columns: ['execution_id', 'workflow_name', 'bytes_processed'] };

describe('report rows', () => {
  it('keeps the selected columns in their order', () => {
    expect(shapeRows(rows, config, null, null)[0]).toEqual({ execution_id: 'e1', workflow_name: 'B', bytes_processed: 10 });
    expect(Object.keys(shapeRows(rows, config, null, null)[0]!)).toEqual(['execution_id', 'workflow_name', 'bytes_processed']);
  });

  it('sorts stably with nulls last in both directions', () => {
    expect(sortRows(rows, 'workflow_name', 'asc').map((r) => r.execution_id)).toEqual(['e2', 'e1', 'e3', 'e4']);
    expect(sortRows(rows, 'workflow_name', 'desc').map((r) => r.execution_id)).toEqual(['e1', 'e3', 'e2', 'e4']);
    expect(sortRows(rows, 'bytes_processed', 'desc').map((r) => r.execution_id)).toEqual(['e1', 'e3', 'e4', 'e2']);
  });

  it('sorts a column not shown in the output', () => {
    expect(shapeRows(rows, config, null, { field: 'duration_minutes', direction: 'desc' }).map((r) => r.execution_id)).toEqual([
      'e4',
      'e2',
      'e1',
      'e3',
    ]);
  });

  it('groups with counts and sums of the selected numeric columns, ordered by the group value', () => {
    const grouping = { by: 'workflow_name' };
    expect(outputColumns(config, grouping)).toEqual(['workflow_name', 'count', 'bytes_processed_sum']);
    expect(shapeRows(rows, config, grouping, null)).toEqual([
      { workflow_name: 'A', count: 1, bytes_processed_sum: null },
      { workflow_name: 'B', count: 2, bytes_processed_sum: 15 },
      { workflow_name: null, count: 1, bytes_processed_sum: 1 },
    ]);
    expect(shapeRows(rows, config, grouping, { field: 'count', direction: 'desc' })[0]).toEqual({
      workflow_name: 'B',
      count: 2,
      bytes_processed_sum: 15,
    });
    expect(groupRows(rows, { source: 'executions' }, { by: 'status' }).map((g) => [g.status, g.count])).toEqual([
      ['Success', 3],
      ['Failed', 1],
    ]);
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
