import { reportColumns } from '../../reports/domain/report-rows';
import { buildSourceQuery, SourcePlan } from './report-source.read-model';

const plan = (over: Partial<SourcePlan>): SourcePlan => ({
  source: 'executions',
  filters: {},
  dataSources: null,
  columns: reportColumns({ source: over.source ?? 'executions' }, null),
  grouping: null,
  sorting: null,
  limit: 11,
  ...over,
});

describe('buildSourceQuery', () => {
  it('reads a source unfiltered, capped by the bound limit, in its natural order', () => {
    const q = buildSourceQuery(plan({}));
    expect(q.sql).not.toContain('WHERE');
    expect(q.sql).toMatch(/ LIMIT \?\) s ORDER BY s\.o0__ NULLS LAST, s\.o1__ NULLS LAST, s\.o2__$/);
    expect(q.params).toEqual([11]);
    expect(q.columns).toEqual(reportColumns({ source: 'executions' }, null).map((c) => c.name));
    expect(q.sourceRowsColumn).toBeNull();
  });

  it('binds every content filter and the report data sources', () => {
    const q = buildSourceQuery(
      plan({
        source: 'contents',
        filters: {
          workflowId: 'w',
          executionId: 'x',
          fluxId: 'f',
          category: "it's",
          tag: 't',
          status: 'Success',
          from: '2026-01-01T00:00:00Z',
          to: '2026-02-01T00:00:00Z',
        },
        dataSources: ['a', 'b'],
        limit: 5,
      }),
    );
    expect(q.sql).toContain(
      'WHERE e.workflow_id = ? AND c.execution_id = ? AND e.status = ? AND c.fetched_at >= ? AND c.fetched_at <= ? AND c.flux_id = ? AND c.category = ? AND ? = ANY(c.tags) AND c.flux_id = ANY(?::uuid[])',
    );
    expect(q.params).toEqual(['w', 'x', 'Success', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', 'f', "it's", 't', '{a,b}', 5]);
    expect(q.sql).not.toContain("it's");
  });

  it('filters calculations by their own workflow and completion time', () => {
    const q = buildSourceQuery(
      plan({ source: 'calculations', filters: { workflowId: 'w', from: '2026-01-01T00:00:00Z' }, dataSources: ['x'], limit: 3 }),
    );
    expect(q.sql).toContain('WHERE k.workflow_id = ? AND k.completed_at >= ?');
    expect(q.params).toEqual(['w', '2026-01-01T00:00:00Z', 3]);
  });

  it('reads only the workflows its owner may see, with the rule bound after the filters', () => {
    const q = buildSourceQuery(
      plan({ filters: { status: 'Success' }, limit: 7, visible: { sql: '(wa.is_public OR wa.owner_number = ?)', params: [42] } }),
    );
    expect(q.sql).toContain(
      'WHERE e.status = ? AND EXISTS (SELECT 1 FROM workflow_access wa WHERE wa.workflow_id = e.workflow_id AND (wa.is_public OR wa.owner_number = ?))',
    );
    expect(q.params).toEqual(['Success', 42, 7]);
    // An admin's report: no restriction at all.
    expect(buildSourceQuery(plan({ visible: { sql: 'TRUE', params: [] } })).sql).not.toContain('workflow_access');
  });

  it('sorts in SQL: text by code point, nulls last in both directions, ties in the natural order; reads a sorted hidden column', () => {
    const columns = reportColumns({ source: 'executions', columns: ['execution_id'] }, null);
    const byName = buildSourceQuery(plan({ columns, sorting: { field: 'workflow_name', direction: 'desc' } }));
    expect(byName.sql).toContain('e.workflow_name AS workflow_name');
    expect(byName.sql).toMatch(/^SELECT s\.execution_id FROM/);
    expect(byName.sql).toContain('ORDER BY s.workflow_name COLLATE "C" DESC NULLS LAST, s.o0__ NULLS LAST');
    const byNumber = buildSourceQuery(plan({ columns, sorting: { field: 'bytes_processed', direction: 'asc' } }));
    expect(byNumber.sql).toContain('ORDER BY s.bytes_processed ASC NULLS LAST, s.o0__');
    const byList = buildSourceQuery(plan({ source: 'contents', columns, sorting: { field: 'tags', direction: 'asc' } }));
    expect(byList.sql).toContain(`ORDER BY array_to_string(s.tags, ';') COLLATE "C" ASC NULLS LAST`);
  });

  it('groups in SQL: count, float sums, the source row count, ordered by the sorting field then the group value', () => {
    const grouping = { by: 'status' };
    const columns = reportColumns({ source: 'executions', columns: ['status', 'bytes_processed'] }, grouping);
    const q = buildSourceQuery(plan({ columns, grouping, sorting: { field: 'count', direction: 'desc' } }));
    expect(q.sql).toBe(
      'SELECT s.status AS status, count(*)::int AS count, sum(s.bytes_processed)::float8 AS bytes_processed_sum, ' +
        'sum(count(*)) OVER ()::float8 AS source_rows__ FROM (SELECT e.status AS status, e.bytes_processed::float8 AS bytes_processed, ' +
        'COALESCE(e.created_at, e.started_at) AS o0__, e.execution_number AS o1__, e.execution_id AS o2__ FROM rm_execution e LIMIT ?) s ' +
        'GROUP BY s.status ORDER BY count(*)::int DESC NULLS LAST, s.status COLLATE "C" ASC NULLS LAST',
    );
    expect(q.columns).toEqual(['status', 'count', 'bytes_processed_sum']);
    expect(q.sourceRowsColumn).toBe('source_rows__');
    expect(buildSourceQuery(plan({ columns, grouping })).sql).toMatch(/ORDER BY s\.status COLLATE "C" ASC NULLS LAST$/);
  });
});
