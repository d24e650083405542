import { executionCreated, executionStageCompleted, executionStageRequested, executionStarted, newEvent } from '@mindhill/contracts';
import { Who } from '@mindhill/domain';
import { deciderSpecification } from '@mindhill/testing/decider-specification';
import { Workflow } from '../../workflow/domain/workflow.state';
import { RerunExecution, RerunSource, StageResult } from './execution-rerun';
import { executionDecider } from './execution.decider';
import { Execution, ExecutionStage } from './execution.state';
import { RunSlots } from './run-slots';

const spec = deciderSpecification(executionDecider);
const now = new Date('2026-12-06T21:00:00.000Z');
const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
const SOURCE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const WORKFLOW_ID = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
const OLD_ID = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';
const OLDER_ID = '3f1e4a52-8c1d-4f0e-9a57-0b6f2c4d8e19';
const NEW_ID = 'a3bb189e-8bf9-4888-9912-ace4e6543002';
const HISTORY_ID = '9b2f6a10-5c1e-4d7a-8e3b-2f4c6d8e0a1b';
const owner: Who = { role: 'user', userNumber: 7 };
const shared: Who = { role: 'user', userNumber: 8 };
const admin: Who = { role: 'admin', userNumber: 1 };

// The workflow now: version 5, its configuration changed since the run (version 4) that failed.
const workflow: Workflow = {
  id: WORKFLOW_ID,
  number: 3,
  name: 'Prices',
  description: null,
  status: 'active',
  configuration: { stages: [{ name: 'fetch-v5', type: 'fetching', dataSources: [SOURCE], timeoutSeconds: 10, settings: {} }] },
  configurationHash: 'hash-5',
  scheduleCron: null,
  scheduleTimezone: 'UTC',
  timeoutMinutes: 5,
  maxRetries: 0,
  category: null,
  tags: [],
  inputs: [],
  version: 5,
  isTemplate: false,
  ownerNumber: 7,
  ownerIsAdmin: false,
  isPublic: false,
  sharedWithUsers: [8],
};

const stage = (order: number, name: string, type: ExecutionStage['type'], status: string, extra: Partial<ExecutionStage> = {}) => ({
  order,
  name,
  type,
  status,
  timeoutSeconds: 30 * order,
  settings: { step: order },
  dataSourceIds: type === 'fetching' ? [SOURCE] : [],
  carriedOverFrom: null,
  ...extra,
});

// Version 4's run: fetched 12 items, failed at processing (stage 2), calc never ran.
const failedRun: Execution = {
  id: OLD_ID,
  number: 41,
  workflowId: WORKFLOW_ID,
  workflowNumber: 3,
  workflowVersion: 4,
  runNumber: 9,
  status: 'Failed',
  startedAt: '2026-12-06T20:58:00.000Z',
  currentStageOrder: 2,
  currentAttempt: 3,
  totalStages: 3,
  stagesCompleted: 1,
  contentProcessed: 12,
  bytesProcessed: 2_000,
  timeoutMinutes: 60,
  maxRetries: 2,
  triggerUserNumber: 7,
  inputs: { city: 'Oslo' },
  access: { ownerNumber: 7, isPublic: false, sharedWithUsers: [8] },
  ownerNumber: 7,
  ownerIsAdmin: false,
  stages: [stage(1, 'fetch', 'fetching', 'Success'), stage(2, 'proc', 'processing', 'Failed'), stage(3, 'calc', 'calculation', 'Skipped')],
};
const fetchResult: StageResult = {
  order: 1,
  itemsTotal: 12,
  itemsProcessed: 12,
  itemsSuccessful: 12,
  itemsFailed: 0,
  bytesProcessed: 2_000,
  durationSeconds: 2,
  output: { fetched: 12 },
  historyId: HISTORY_ID,
  completedAt: '2026-12-06T20:58:02.000Z',
};
const source = (execution: Execution = failedRun, results: StageResult[] = [fetchResult]): RerunSource => ({
  execution,
  configurationHash: 'hash-4',
  results,
});

const freeSlots: RunSlots = { running: 0, heldBy: {}, limit: 5, perUserLimit: 3, waiting: [] };
const rerunBy = (by: Who, overrides: Partial<RerunExecution> = {}): RerunExecution => ({
  kind: 'rerun',
  by,
  source: source(),
  workflow,
  runSlots: freeSlots,
  executionId: NEW_ID,
  executionNumber: 50,
  runNumber: 10,
  priority: 0,
  now,
  ...overrides,
});

const { order: _order, ...fetchCounters } = fetchResult;
const pinnedStages = [
  { order: 1, name: 'fetch', type: 'fetching' as const, timeoutSeconds: 30, settings: { step: 1 }, dataSourceIds: [SOURCE] },
  { order: 2, name: 'proc', type: 'processing' as const, timeoutSeconds: 60, settings: { step: 2 }, dataSourceIds: [] },
  { order: 3, name: 'calc', type: 'calculation' as const, timeoutSeconds: 90, settings: { step: 3 }, dataSourceIds: [] },
];
const created = (fromStage: number, stages: object[], by: Who = owner) =>
  newEvent(executionCreated, {
    executionId: NEW_ID,
    executionNumber: 50,
    workflowId: WORKFLOW_ID,
    workflowNumber: 3,
    workflowName: 'Prices',
    workflowVersion: 4,
    configurationHash: 'hash-4',
    runNumber: 10,
    triggeredBy: 'manual',
    triggerUserNumber: by.userNumber,
    trigger: { kind: 'rerun', userNumber: by.userNumber, executionId: OLD_ID, fromStage },
    inputs: { city: 'Oslo' },
    priority: 0,
    timeoutMinutes: 60,
    maxRetries: 2,
    stages: stages as never,
    createdAt: now.toISOString(),
  });
const started = newEvent(executionStarted, {
  executionId: NEW_ID,
  workflowId: WORKFLOW_ID,
  startedAt: now.toISOString(),
  deadlineAt: at(60 * 60_000),
});
const requested = (order: number, input: Record<string, unknown>, by: Who = owner) => {
  const s = pinnedStages[order - 1]!;
  return newEvent(executionStageRequested, {
    executionId: NEW_ID,
    workflowId: WORKFLOW_ID,
    workflowVersion: 4,
    executionNumber: 50,
    stageOrder: order,
    attempt: 1,
    stageName: s.name,
    stageType: s.type,
    settings: s.settings,
    dataSourceIds: s.dataSourceIds,
    input: input as never,
    triggeredByUserNumber: by.userNumber,
    runInputs: { city: 'Oslo' },
    workflowOwnerNumber: 7,
    workflowOwnerIsAdmin: false,
    deadlineAt: at(s.timeoutSeconds * 1000),
  });
};
const carriedFetch = (sourceExecutionId = OLD_ID) => ({
  ...pinnedStages[0],
  carriedOver: { sourceExecutionId, contentCount: 12, ...fetchCounters },
});

describe('execution decider: rerun (which runs, from which stage)', () => {
  it('given a run failed at stage 2, when its owner reruns it, then a run of the same version and inputs starts at stage 2 with stage 1 carried over', () => {
    spec
      .given(null)
      .when(rerunBy(owner))
      .then([
        created(2, [carriedFetch(), pinnedStages[1], pinnedStages[2]]),
        started,
        requested(2, { expectedContentCount: 12, previousStageType: 'fetching', carriedOver: [{ stageOrder: 1, executionId: OLD_ID }] }),
      ]);
  });

  it('given a run failed at stage 2, when it is rerun from stage 1, then nothing is carried over and the first stage runs again', () => {
    spec
      .given(null)
      .when(rerunBy(owner, { fromStage: 1 }))
      .then([created(1, pinnedStages), started, requested(1, { expectedContentCount: 0, previousStageType: null })]);
  });

  it.each([0, 3])('given a run failed at stage 2, when it is rerun from stage %i, then WORKFLOWS.INVALID_RERUN_STAGE', (fromStage) => {
    spec.given(null).when(rerunBy(owner, { fromStage })).thenThrows('WORKFLOWS.INVALID_RERUN_STAGE');
  });

  it.each(['Timeout', 'Cancelled'])('given a run that ended %s, when it is rerun, then it runs again', (status) => {
    const [first] = executionDecider.decide(null, rerunBy(owner, { source: source({ ...failedRun, status }) }));
    expect(first!.payload).toMatchObject({ trigger: { kind: 'rerun', executionId: OLD_ID, fromStage: 2 } });
  });

  it.each(['Success', 'InProgress', 'Created'])('given a run that is %s, when it is rerun, then WORKFLOWS.RERUN_NOT_ALLOWED', (status) => {
    spec
      .given(null)
      .when(rerunBy(owner, { source: source({ ...failedRun, status }) }))
      .thenThrows('WORKFLOWS.RERUN_NOT_ALLOWED');
  });

  it('given a workflow shared with a user, when that user reruns its run, then AUTH.NOT_OWNER (as a start)', () => {
    spec.given(null).when(rerunBy(shared)).thenThrows('AUTH.NOT_OWNER');
  });

  it('given an admin, when they rerun a run of a workflow they do not own, then it runs, charged to them', () => {
    const [first, , request] = executionDecider.decide(null, rerunBy(admin));
    expect(first!.payload).toMatchObject({ triggerUserNumber: 1, trigger: { kind: 'rerun', userNumber: 1 } });
    expect(request!.payload).toMatchObject({ triggeredByUserNumber: 1, workflowOwnerNumber: 7 });
  });

  it('given a workflow deactivated since, when its run is rerun, then WORKFLOWS.NOT_ACTIVE', () => {
    spec
      .given(null)
      .when(rerunBy(owner, { workflow: { ...workflow, status: 'inactive' } }))
      .thenThrows('WORKFLOWS.NOT_ACTIVE');
  });

  it('given a rerun that failed at stage 3, when it is rerun, then stage 1 names the run it came from and stage 2 the rerun', () => {
    const rerunRun: Execution = {
      ...failedRun,
      stagesCompleted: 2,
      stages: [
        stage(1, 'fetch', 'fetching', 'Skipped', { carriedOverFrom: OLDER_ID }),
        stage(2, 'proc', 'processing', 'Success'),
        stage(3, 'calc', 'calculation', 'Failed'),
      ],
    };
    const procResult = { ...fetchResult, order: 2, output: null, historyId: null };
    const [first, , request] = executionDecider.decide(null, rerunBy(owner, { source: source(rerunRun, [fetchResult, procResult]) }));
    const { order: _o, ...procCounters } = procResult;
    expect(first!.payload.stages).toEqual([
      carriedFetch(OLDER_ID),
      { ...pinnedStages[1], carriedOver: { sourceExecutionId: OLD_ID, contentCount: 12, ...procCounters } },
      pinnedStages[2],
    ]);
    expect(request!.payload).toMatchObject({
      stageOrder: 3,
      input: {
        previousStageType: 'processing',
        carriedOver: [
          { stageOrder: 1, executionId: OLDER_ID },
          { stageOrder: 2, executionId: OLD_ID },
        ],
      },
    });
  });

  it('given no free slot, when a run is rerun, then it is created and waits like any start', () => {
    const full = { ...freeSlots, running: 5 };
    spec
      .given(null)
      .when(rerunBy(owner, { runSlots: full }))
      .then([created(2, [carriedFetch(), pinnedStages[1], pinnedStages[2]])]);
  });
});

describe('execution decider: a rerun running', () => {
  // The rerun as its rows hold it once created: stage 1 carried over (Skipped) and counted.
  const rerunState = (status: string, currentStageOrder: number): Execution => ({
    ...failedRun,
    id: NEW_ID,
    number: 50,
    runNumber: 10,
    status,
    startedAt: status === 'Created' ? null : now.toISOString(),
    currentStageOrder,
    currentAttempt: currentStageOrder > 0 ? 1 : 0,
    triggerUserNumber: 7,
    stages: [
      stage(1, 'fetch', 'fetching', 'Skipped', { carriedOverFrom: OLD_ID }),
      stage(2, 'proc', 'processing', currentStageOrder === 2 ? 'InProgress' : 'Created'),
      stage(3, 'calc', 'calculation', 'Created'),
    ],
  });
  const carried = [{ stageOrder: 1, executionId: OLD_ID }];

  it('given a rerun waiting for a slot, when it is admitted, then its first stage not carried over is requested', () => {
    spec
      .given(rerunState('Created', 0))
      .when({ kind: 'admit', now })
      .then([started, requested(2, { expectedContentCount: 12, previousStageType: 'fetching', carriedOver: carried })]);
  });

  it('given a rerun in stage 2, when it completes, then stage 3 is requested naming the carried-over stage too', () => {
    const outcome = {
      kind: 'completed' as const,
      executionId: NEW_ID,
      workflowId: WORKFLOW_ID,
      stageOrder: 2,
      attempt: 1,
      itemsTotal: 12,
      itemsProcessed: 12,
      itemsSuccessful: 12,
      itemsFailed: 0,
      bytesProcessed: 100,
      contentCount: 12,
      durationMs: 1000,
      output: {},
      historyId: null,
    };
    const events = executionDecider.decide(rerunState('InProgress', 2), { kind: 'record-outcome', outcome, retryDelayMs: 0, now });
    expect(events.map((e) => e.definition)).toEqual([executionStageCompleted, executionStageRequested]);
    expect(events[0]!.payload).toMatchObject({ stagesCompleted: 2, progressPercentage: 66.67 });
    expect(events[1]!.payload).toMatchObject({
      stageOrder: 3,
      input: { expectedContentCount: 12, previousStageType: 'processing', carriedOver: carried },
    });
  });
});
