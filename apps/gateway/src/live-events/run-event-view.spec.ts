import { publicEventData, sseFrame, streamEventName } from './run-event-view';

const base = {
  cursor: '7',
  executionId: '11111111-1111-4111-8111-111111111111',
  workflowId: '22222222-2222-4222-8222-222222222222',
  occurredAt: '2026-12-06T20:00:00.000Z',
};

describe('run event view', () => {
  it('names events without the workflows.execution. prefix, and shows only the run events', () => {
    expect(streamEventName('workflows.execution.stage-completed')).toBe('stage-completed');
    expect(streamEventName('workflows.execution.finished')).toBe('finished');
    expect(streamEventName('workflows.execution.archived')).toBeNull();
    expect(streamEventName('workflows.workflow.created')).toBeNull();
  });

  it('frames one SSE message: id, event, one line of JSON data', () => {
    const frame = sseFrame({ ...base, type: 'workflows.execution.started', payload: { executionId: base.executionId, note: 'a\nb' } });
    expect(frame).toBe(
      `id: 7\nevent: started\ndata: ${JSON.stringify({ type: 'started', ...base, cursor: undefined, payload: { executionId: base.executionId, note: 'a\nb' } })}\n\n`,
    );
    expect(frame!.split('\n')).toHaveLength(5);
  });

  it('drops the internal fields of a stage request and redacts secret-named fields anywhere', () => {
    const data = publicEventData(
      {
        ...base,
        type: 'workflows.execution.stage-requested',
        payload: {
          stageName: 'fetch',
          settings: { url: 'x' },
          dataSourceIds: [],
          input: { expectedContentCount: 0 },
          workflowOwnerNumber: 3,
          workflowOwnerIsAdmin: false,
          triggeredByUserNumber: 3,
        },
      },
      'stage-requested',
    );
    expect(data.payload).toEqual({ stageName: 'fetch' });
    const failed = publicEventData(
      { ...base, type: 'workflows.execution.stage-failed', payload: { details: { apiKey: 'k', status: 500 } } },
      'stage-failed',
    );
    expect(failed.payload).toEqual({ details: { apiKey: '[REDACTED]', status: 500 } });
  });

  it('shows a created run its stages without their settings', () => {
    const data = publicEventData(
      {
        ...base,
        type: 'workflows.execution.created',
        payload: { stages: [{ order: 1, name: 'f', type: 'fetching', timeoutSeconds: 30, settings: { a: 1 }, dataSourceIds: ['x'] }] },
      },
      'created',
    );
    expect(data.payload).toEqual({ stages: [{ order: 1, name: 'f', type: 'fetching', timeoutSeconds: 30 }] });
  });
});
