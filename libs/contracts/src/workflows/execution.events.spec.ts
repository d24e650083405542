import { executionCreated, executionStageRequested } from './execution.events';

describe('workflows.execution.created', () => {
  const stored = {
    executionId: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b',
    executionNumber: 1,
    workflowId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
    workflowNumber: 1,
    workflowName: 'Prices',
    workflowVersion: 1,
    configurationHash: 'h',
    runNumber: 1,
    triggeredBy: 'manual',
    triggerUserNumber: 7,
    timeoutMinutes: 60,
    maxRetries: 3,
    stages: [],
    createdAt: '2026-11-26T10:00:00.000Z',
  };

  it('reads a run stored before priorities existed as priority 0, the default', () => {
    expect(executionCreated.schema.parse(stored).priority).toBe(0);
  });

  it('keeps a priority from -100 to 100 and refuses one outside', () => {
    expect(executionCreated.schema.parse({ ...stored, priority: -100 }).priority).toBe(-100);
    expect(executionCreated.schema.safeParse({ ...stored, priority: 101 }).success).toBe(false);
  });

  it('reads stages stored before reruns existed as executed ones (no carriedOver), and keeps a rerun trigger', () => {
    const stage = { order: 1, name: 'fetch', type: 'fetching', timeoutSeconds: 30, settings: {}, dataSourceIds: [] };
    expect(executionCreated.schema.parse({ ...stored, stages: [stage] }).stages[0]).toEqual(stage);
    const trigger = { kind: 'rerun', userNumber: 7, executionId: stored.executionId, fromStage: 2 };
    expect(executionCreated.schema.parse({ ...stored, trigger }).trigger).toEqual(trigger);
    expect(executionCreated.audit!.newValues!(executionCreated.schema.parse({ ...stored, trigger }))).toMatchObject({
      rerunOf: stored.executionId,
      fromStage: 2,
    });
  });
});

describe('workflows.execution.stage-requested', () => {
  const request = {
    executionId: '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b',
    workflowId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
    stageOrder: 2,
    attempt: 1,
    workflowVersion: 1,
    executionNumber: 1,
    stageName: 'proc',
    stageType: 'processing',
    settings: {},
    dataSourceIds: [],
    input: { expectedContentCount: 3, previousStageType: 'fetching' },
    triggeredByUserNumber: 7,
    deadlineAt: '2026-11-26T10:00:00.000Z',
  };

  it('reads a request stored before reruns existed as one with nothing carried over', () => {
    expect(executionStageRequested.schema.parse(request).input).toEqual({ expectedContentCount: 3, previousStageType: 'fetching' });
  });

  it("keeps a rerun's carried-over stages and the runs holding their output", () => {
    const carriedOver = [{ stageOrder: 1, executionId: '3f1e4a52-8c1d-4f0e-9a57-0b6f2c4d8e19' }];
    expect(executionStageRequested.schema.parse({ ...request, input: { ...request.input, carriedOver } }).input.carriedOver).toEqual(
      carriedOver,
    );
  });
});
