import { applyEvent, exitCodeFor, FollowState, fromExecution, RunEvent } from './follow-state';

const executionId = '6f1c2a8e-0000-4000-8000-000000000001';
const pending = fromExecution({
  id: executionId,
  status: 'Created',
  stages: [
    { order: 2, name: 'processing', status: 'Pending' },
    { order: 1, name: 'fetching', status: 'Pending' },
  ],
});
const replay = (events: RunEvent[], from: FollowState = pending) => events.reduce(applyEvent, from);

describe('the follow state (what run --follow shows)', () => {
  it('starts from the run as GET /executions/:id answers it, stages in order', () => {
    expect(pending.stages.map((s) => [s.order, s.name, s.status])).toEqual([
      [1, 'fetching', 'Pending'],
      [2, 'processing', 'Pending'],
    ]);
  });

  it('moves a stage bar with its progress and completes it at 100 %', () => {
    const state = replay([
      { type: 'started', payload: {} },
      { type: 'stage-requested', payload: { stageOrder: 1, stageName: 'fetching' } },
      { type: 'stage-progressed', payload: { stageOrder: 1, itemsTotal: 4, itemsProcessed: 1, progressPercentage: 25 } },
    ]);
    expect(state.status).toBe('InProgress');
    expect(state.stages[0]).toMatchObject({ status: 'InProgress', itemsTotal: 4, itemsProcessed: 1, percentage: 25 });
    const done = applyEvent(state, { type: 'stage-completed', payload: { stageOrder: 1, itemsTotal: 4, itemsProcessed: 4 } });
    expect(done.stages[0]).toMatchObject({ status: 'Success', itemsProcessed: 4, percentage: 100 });
    expect(done.stages[1]!.status).toBe('Pending');
  });

  it('takes the percentage from the event when a stage has no item count', () => {
    const state = replay([
      { type: 'stage-progressed', payload: { stageOrder: 2, itemsTotal: 0, itemsProcessed: 0, progressPercentage: 40 } },
    ]);
    expect(state.stages[1]!.percentage).toBe(40);
  });

  it('shows a retried failure as Retrying and a final one as Failed', () => {
    const retried = replay([{ type: 'stage-failed', payload: { stageOrder: 1, errorCode: 'X', retryAt: '2026-12-06T20:00:00Z' } }]);
    expect(retried.stages[0]!.status).toBe('Retrying');
    const failed = replay([{ type: 'stage-failed', payload: { stageOrder: 1, errorCode: 'X', retryAt: null } }]);
    expect(failed.stages[0]!.status).toBe('Failed');
  });

  it('learns the stages from the created event when the snapshot had none', () => {
    const bare = fromExecution({ id: executionId, status: 'Created' });
    const state = applyEvent(bare, {
      type: 'created',
      payload: {
        stages: [
          { order: 1, name: 'fetch' },
          { order: 2, name: 'calc' },
        ],
      },
    });
    expect(state.stages.map((s) => s.name)).toEqual(['fetch', 'calc']);
  });

  it('ends with the finished status and its error code', () => {
    const state = replay([
      { type: 'finished', payload: { status: 'Failed', errorCode: 'INGESTION.SOURCE_UNREACHABLE', errorMessage: 'down' } },
    ]);
    expect(state).toMatchObject({ status: 'Failed', errorCode: 'INGESTION.SOURCE_UNREACHABLE', errorMessage: 'down' });
  });

  it('exits 0 on Success, 1 on Failed, 2 on Cancelled and Timeout', () => {
    expect([exitCodeFor('Success'), exitCodeFor('Failed'), exitCodeFor('Cancelled'), exitCodeFor('Timeout')]).toEqual([0, 1, 2, 2]);
  });
});
