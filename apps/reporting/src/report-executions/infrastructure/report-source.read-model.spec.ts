import { buildSourceQuery } from './report-source.read-model';

describe('buildSourceQuery', () => {
  it('reads a source unfiltered, in its natural order, with the row limit bound', () => {
    const q = buildSourceQuery('executions', {}, null, 11);
    expect(q.sql).not.toContain('WHERE');
    expect(q.sql).toMatch(/ORDER BY .* LIMIT \?$/);
    expect(q.params).toEqual([11]);
  });

  it('binds every content filter and the report data sources', () => {
    const q = buildSourceQuery(
      'contents',
      {
        workflowId: 'w',
        executionId: 'x',
        fluxId: 'f',
        category: "it's",
        tag: 't',
        status: 'Success',
        from: '2026-01-01T00:00:00Z',
        to: '2026-02-01T00:00:00Z',
      },
      ['a', 'b'],
      5,
    );
    expect(q.sql).toContain(
      'WHERE e.workflow_id = ? AND c.execution_id = ? AND e.status = ? AND c.fetched_at >= ? AND c.fetched_at <= ? AND c.flux_id = ? AND c.category = ? AND ? = ANY(c.tags) AND c.flux_id = ANY(?::uuid[])',
    );
    expect(q.params).toEqual(['w', 'x', 'Success', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', 'f', "it's", 't', '{a,b}', 5]);
    expect(q.sql).not.toContain("it's");
  });

  it('filters calculations by their own workflow and completion time', () => {
    const q = buildSourceQuery('calculations', { workflowId: 'w', from: '2026-01-01T00:00:00Z' }, ['ignored'], 3);
    expect(q.sql).toContain('WHERE k.workflow_id = ? AND k.completed_at >= ?');
    expect(q.params).toEqual(['w', '2026-01-01T00:00:00Z', 3]);
  });

  it('reads only the workflows its owner may see, with the rule bound after the filters', () => {
    const q = buildSourceQuery('executions', { status: 'Success' }, null, 7, {
      sql: '(wa.is_public OR wa.owner_number = ?)',
      params: [42],
    });
    expect(q.sql).toContain(
      'WHERE e.status = ? AND EXISTS (SELECT 1 FROM workflow_access wa WHERE wa.workflow_id = e.workflow_id AND (wa.is_public OR wa.owner_number = ?))',
    );
    expect(q.params).toEqual(['Success', 42, 7]);
    // An admin's report: no restriction at all.
    expect(buildSourceQuery('executions', {}, null, 7, { sql: 'TRUE', params: [] }).sql).not.toContain('workflow_access');
  });
});
