import { executionCreated } from './execution.events';

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
});
