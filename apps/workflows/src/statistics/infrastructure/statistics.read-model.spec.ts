import { statisticsRow } from './statistics.read-model';

describe('statistics rows', () => {
  it('answers numeric strings as numbers and dates as ISO under camelCase names, leaving ids and names as they are', () => {
    expect(
      statisticsRow({
        total_executions: '12',
        avg_duration_minutes: '1.50',
        execution_date: new Date('2026-12-06T00:00:00Z'),
        last_execution: new Date('2026-12-06T10:00:00Z'),
        workflow_uuid: '123',
        entity_id: '7',
        entity_name: 'Prices',
        success_rate: null,
      }),
    ).toEqual({
      totalExecutions: 12,
      avgDurationMinutes: 1.5,
      executionDate: '2026-12-06',
      lastExecution: '2026-12-06T10:00:00.000Z',
      workflowId: '123',
      entityId: '7',
      entityName: 'Prices',
      successRate: null,
    });
  });

  it('answers timestamps PostgreSQL printed as text in ISO 8601, and leaves plain dates and other text alone', () => {
    expect(
      statisticsRow({
        last_execution_date: '2026-12-06 07:44:49.022+00',
        first_run: '2026-12-06 09:00:00+01:30',
        execution_date: '2026-12-06',
        entity_name: '2026-12-06 is a name',
      }),
    ).toEqual({
      lastExecutionDate: '2026-12-06T07:44:49.022Z',
      firstRun: '2026-12-06T07:30:00.000Z',
      executionDate: '2026-12-06',
      entityName: '2026-12-06 is a name',
    });
  });
});
