import {
  executionCreated,
  executionFinished,
  executionStageCompleted,
  executionStageFailed,
  executionStageProgressed,
  executionStageRequested,
  executionStarted,
  newEvent,
  RunTrigger,
} from '@mindhill/contracts';
import { Who } from '@mindhill/domain';
import { deciderSpecification } from '@mindhill/testing/decider-specification';
import { Workflow } from '../../workflow/domain/workflow.state';
import { executionDecider } from './execution.decider';
import { StartExecution } from './execution-start';
import { Execution, ExecutionStage } from './execution.state';
import { MAX_WAITING_RUNS_PER_HOLDER, RunSlots, WaitingRun } from './run-slots';

const spec = deciderSpecification(executionDecider);
const now = new Date('2026-12-06T10:00:00.000Z');
const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
const SOURCE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const WORKFLOW_ID = '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed';
const EXECUTION_ID = '6ec0bd7f-11c0-43da-975e-2a8ad9ebae0b';
const owner: Who = { role: 'user', userNumber: 7 };
const stranger: Who = { role: 'user', userNumber: 8 };
const admin: Who = { role: 'admin', userNumber: 1 };
const system: Who = { role: 'system', userNumber: null };

const workflow: Workflow = {
  id: WORKFLOW_ID,
  number: 3,
  name: 'Prices',
  description: null,
  status: 'active',
  configuration: {
    stages: [
      { name: 'fetch', type: 'fetching', dataSources: [SOURCE], timeoutSeconds: 30, settings: {} },
      { name: 'calc', type: 'calculation', timeoutSeconds: 60, settings: {} },
    ],
  },
  configurationHash: 'hash-1',
  scheduleCron: null,
  scheduleTimezone: 'UTC',
  timeoutMinutes: 60,
  maxRetries: 2,
  category: null,
  tags: [],
  inputs: [],
  version: 4,
  isTemplate: false,
  ownerNumber: 7,
  ownerIsAdmin: false,
  isPublic: false,
  sharedWithUsers: [],
};

const freeSlots: RunSlots = { running: 1, heldBy: { 9: 1 }, limit: 5, perUserLimit: 3, waiting: [] };
const fullSlots: RunSlots = { ...freeSlots, running: 5, heldBy: { 9: 5 } };
const startBy = (by: Who, overrides: Partial<StartExecution> = {}): StartExecution => ({
  kind: 'start',
  by,
  workflow,
  runSlots: freeSlots,
  executionId: EXECUTION_ID,
  executionNumber: 41,
  runNumber: 9,
  triggeredBy: 'manual',
  trigger: { kind: 'manual', userNumber: by.userNumber },
  inputs: {},
  priority: 0,
  now,
  ...overrides,
});

const fetchStage: ExecutionStage = {
  order: 1,
  name: 'fetch',
  type: 'fetching',
  status: 'InProgress',
  timeoutSeconds: 30,
  settings: {},
  dataSourceIds: [SOURCE],
  carriedOverFrom: null,
};
const calcStage: ExecutionStage = {
  ...fetchStage,
  order: 2,
  name: 'calc',
  type: 'calculation',
  status: 'Created',
  timeoutSeconds: 60,
  dataSourceIds: [],
};

// A run of `workflow` in its first stage, first attempt.
const running: Execution = {
  id: EXECUTION_ID,
  number: 41,
  workflowId: WORKFLOW_ID,
  workflowNumber: 3,
  workflowVersion: 4,
  runNumber: 9,
  status: 'InProgress',
  startedAt: '2026-12-06T09:58:00.000Z',
  currentStageOrder: 1,
  currentAttempt: 1,
  totalStages: 2,
  stagesCompleted: 0,
  contentProcessed: 0,
  bytesProcessed: 0,
  timeoutMinutes: 60,
  maxRetries: 2,
  triggerUserNumber: 7,
  inputs: {},
  access: { ownerNumber: 7, isPublic: false, sharedWithUsers: [] },
  ownerNumber: 7,
  ownerIsAdmin: false,
  stages: [fetchStage, calcStage],
};
// The same run in its last stage (the first completed with 12 items), attempt `attempt`.
const inLastStage = (attempt = 1, stageStatus = 'InProgress'): Execution => ({
  ...running,
  currentStageOrder: 2,
  currentAttempt: attempt,
  stagesCompleted: 1,
  contentProcessed: 12,
  bytesProcessed: 1_000,
  stages: [
    { ...fetchStage, status: 'Success' },
    { ...calcStage, status: stageStatus },
  ],
});
const ref = { executionId: EXECUTION_ID, workflowId: WORKFLOW_ID };
const runFacts = { triggeredByUserNumber: 7, workflowOwnerNumber: 7, workflowOwnerIsAdmin: false, runInputs: {} };
const request = (stage: ExecutionStage, attempt: number, expectedContentCount: number, previousStageType: string | null) =>
  newEvent(executionStageRequested, {
    ...ref,
    workflowVersion: 4,
    executionNumber: 41,
    stageOrder: stage.order,
    attempt,
    stageName: stage.name,
    stageType: stage.type,
    settings: stage.settings,
    dataSourceIds: stage.dataSourceIds,
    input: { expectedContentCount, previousStageType: previousStageType as ExecutionStage['type'] | null },
    ...runFacts,
    deadlineAt: at(stage.timeoutSeconds * 1000),
  });
const finishedAs = (
  status: 'Success' | 'Failed' | 'Cancelled' | 'Timeout',
  error: { errorCode: string | null; errorMessage: string | null },
  totals = { contentProcessed: 0, bytesProcessed: 0, stagesCompleted: 0 },
  cancelledBy: number | null = null,
) =>
  newEvent(executionFinished, {
    ...ref,
    workflowNumber: 3,
    runNumber: 9,
    status,
    ...error,
    startedAt: '2026-12-06T09:58:00.000Z',
    completedAt: now.toISOString(),
    durationMinutes: 2,
    ...totals,
    cancelledBy,
  });

const createdEvent = (
  overrides: { priority?: number; triggeredBy?: 'manual' | 'schedule'; triggerUserNumber?: number | null; trigger?: RunTrigger } = {},
) =>
  newEvent(executionCreated, {
    executionId: EXECUTION_ID,
    executionNumber: 41,
    workflowId: WORKFLOW_ID,
    workflowNumber: 3,
    workflowName: 'Prices',
    workflowVersion: 4,
    configurationHash: 'hash-1',
    runNumber: 9,
    triggeredBy: overrides.triggeredBy ?? 'manual',
    triggerUserNumber: overrides.triggerUserNumber === undefined ? 7 : overrides.triggerUserNumber,
    trigger: overrides.trigger ?? {
      kind: 'manual',
      userNumber: overrides.triggerUserNumber === undefined ? 7 : overrides.triggerUserNumber,
    },
    inputs: {},
    priority: overrides.priority ?? 0,
    timeoutMinutes: 60,
    maxRetries: 2,
    stages: [
      { order: 1, name: 'fetch', type: 'fetching', timeoutSeconds: 30, settings: {}, dataSourceIds: [SOURCE] },
      { order: 2, name: 'calc', type: 'calculation', timeoutSeconds: 60, settings: {}, dataSourceIds: [] },
    ],
    createdAt: now.toISOString(),
  });
const scheduleTrigger: RunTrigger = { kind: 'schedule', workflowId: WORKFLOW_ID, fireAt: now.toISOString() };
const startedNow = [
  newEvent(executionStarted, {
    executionId: EXECUTION_ID,
    workflowId: WORKFLOW_ID,
    startedAt: now.toISOString(),
    deadlineAt: at(3_600_000),
  }),
  request({ ...fetchStage, status: 'Created' }, 1, 0, null),
];
const waitingRun = (number: number, priority: number, holder: number | null = 9): WaitingRun => ({
  executionId: `00000000-0000-4000-8000-${String(number).padStart(12, '0')}`,
  priority,
  number,
  holder,
});

describe('execution decider: start', () => {
  it('given a workflow with declared inputs, when a run is started with them, then it records them resolved and its first stage carries them', () => {
    const withInputs = {
      ...workflow,
      inputs: [
        { name: 'city', type: 'string' as const, required: true },
        { name: 'days', type: 'number' as const, required: false, default: 7 },
      ],
    };
    const [created, , requested] = executionDecider.decide(null, startBy(owner, { workflow: withInputs, inputs: { city: 'Oslo' } }));
    expect(created!.payload).toMatchObject({ inputs: { city: 'Oslo', days: 7 }, trigger: { kind: 'manual', userNumber: 7 } });
    expect(requested!.payload).toMatchObject({ runInputs: { city: 'Oslo', days: 7 } });
  });

  it('given a workflow with declared inputs, when a run is started with bad ones, then WORKFLOWS.INVALID_INPUT and nothing', () => {
    const withInputs = { ...workflow, inputs: [{ name: 'city', type: 'string' as const, required: true }] };
    spec
      .given(null)
      .when(startBy(owner, { workflow: withInputs, inputs: {} }))
      .thenThrows('WORKFLOWS.INVALID_INPUT');
    spec
      .given(null)
      .when(startBy(owner, { workflow: withInputs, inputs: { city: 1 } }))
      .thenThrows('WORKFLOWS.INVALID_INPUT');
  });

  it('given no run, when the owner starts one with free slots, then it is created, started and its first stage requested', () => {
    spec
      .given(null)
      .when(startBy(owner))
      .then([createdEvent(), ...startedNow]);
  });

  it('given a priority in the request, when the run is created, then the created event carries it', () => {
    spec
      .given(null)
      .when(startBy(owner, { priority: 80 }))
      .then([createdEvent({ priority: 80 }), ...startedNow]);
  });

  it('given a template, when it is started, then WORKFLOWS.IS_TEMPLATE', () => {
    spec
      .given(null)
      .when(startBy(owner, { workflow: { ...workflow, isTemplate: true } }))
      .thenThrows('WORKFLOWS.IS_TEMPLATE');
  });

  it('given a workflow someone else owns, when a user who may see it starts it, then AUTH.NOT_OWNER', () => {
    spec
      .given(null)
      .when(startBy(stranger, { workflow: { ...workflow, isPublic: true } }))
      .thenThrows('AUTH.NOT_OWNER');
  });

  it('given an inactive workflow, when it is started, then WORKFLOWS.NOT_ACTIVE', () => {
    spec
      .given(null)
      .when(startBy(admin, { workflow: { ...workflow, status: 'inactive' } }))
      .thenThrows('WORKFLOWS.NOT_ACTIVE');
  });

  it('given a configuration that cannot run (a fetching stage without sources), when it is started, then WORKFLOWS.INVALID_CONFIGURATION', () => {
    const configuration = { stages: [{ name: 'fetch', type: 'fetching', dataSources: [] }] };
    spec
      .given(null)
      .when(startBy(owner, { workflow: { ...workflow, configuration } }))
      .thenThrows('WORKFLOWS.INVALID_CONFIGURATION');
  });

  it('given the platform is full, when anyone starts a run, then it is created and waits for a slot (no stage requested)', () => {
    spec
      .given(null)
      .when(startBy(admin, { runSlots: fullSlots, priority: 5 }))
      .then([createdEvent({ priority: 5, triggerUserNumber: 1 })]);
  });

  it('given the user holds their cap, when they start another, then it waits while other users still start', () => {
    const ownerAtCap = { ...freeSlots, heldBy: { 7: 3 }, running: 3 };
    spec
      .given(null)
      .when(startBy(owner, { runSlots: ownerAtCap }))
      .then([createdEvent()]);
    const [started, firstRequest] = startedNow;
    spec
      .given(null)
      .when(startBy(admin, { runSlots: ownerAtCap }))
      .then([
        createdEvent({ triggerUserNumber: 1 }),
        started!,
        { ...firstRequest!, payload: { ...firstRequest!.payload, triggeredByUserNumber: 1 } },
      ]);
  });

  it('given the owner holds their cap, when their schedule fires, then the run is charged to the owner and waits', () => {
    spec
      .given(null)
      .when(startBy(system, { triggeredBy: 'schedule', trigger: scheduleTrigger, runSlots: { ...freeSlots, heldBy: { 7: 3 } } }))
      .then([createdEvent({ triggeredBy: 'schedule', triggerUserNumber: null, trigger: scheduleTrigger })]);
  });

  it('given a free slot but a waiting run of higher or equal priority, when a run starts, then it queues behind it', () => {
    const oneFree = { ...freeSlots, running: 4 };
    spec
      .given(null)
      .when(startBy(owner, { runSlots: { ...oneFree, waiting: [waitingRun(12, 0)] } }))
      .then([createdEvent()]);
    // A higher priority goes first, even past runs that came earlier.
    spec
      .given(null)
      .when(startBy(owner, { priority: 1, runSlots: { ...oneFree, waiting: [waitingRun(12, 0)] } }))
      .then([createdEvent({ priority: 1 }), ...startedNow]);
  });

  it(`given ${MAX_WAITING_RUNS_PER_HOLDER} runs of the user waiting, when they start one more on a full platform, then WORKFLOWS.RUN_QUEUE_FULL`, () => {
    const waiting = Array.from({ length: MAX_WAITING_RUNS_PER_HOLDER }, (_, i) => waitingRun(100 + i, 0, 7));
    spec
      .given(null)
      .when(startBy(owner, { runSlots: { ...fullSlots, waiting } }))
      .thenThrows('WORKFLOWS.RUN_QUEUE_FULL');
  });
});

describe('execution decider: admit (a waiting run gets its slot)', () => {
  const waiting: Execution = {
    ...running,
    status: 'Created',
    startedAt: null,
    currentStageOrder: 0,
    currentAttempt: 0,
    stages: [{ ...fetchStage, status: 'Created' }, calcStage],
  };

  it('given a run waiting for a slot, when it is admitted, then it starts with its first stage and its deadline from now', () => {
    spec.given(waiting).when({ kind: 'admit', now }).then(startedNow);
  });

  it('given a run that started already or was cancelled while waiting, when it is admitted, then nothing happens', () => {
    spec.given(running).when({ kind: 'admit', now }).thenNothing();
    spec
      .given({ ...waiting, status: 'Cancelled' })
      .when({ kind: 'admit', now })
      .thenNothing();
  });

  it('given a run waiting for a slot, when its owner cancels it, then it ends Cancelled without ever starting', () => {
    spec
      .given(waiting)
      .when({ kind: 'cancel', by: owner, now })
      .then([
        newEvent(executionFinished, {
          ...ref,
          workflowNumber: 3,
          runNumber: 9,
          status: 'Cancelled',
          errorCode: null,
          errorMessage: 'Cancelled by request',
          startedAt: null,
          completedAt: now.toISOString(),
          durationMinutes: 0,
          contentProcessed: 0,
          bytesProcessed: 0,
          stagesCompleted: 0,
          cancelledBy: 7,
        }),
      ]);
  });
});

describe('execution decider: cancel', () => {
  it('given a run in progress, when its owner cancels it, then it ends Cancelled, naming who', () => {
    spec
      .given(running)
      .when({ kind: 'cancel', by: owner, now })
      .then([finishedAs('Cancelled', { errorCode: null, errorMessage: 'Cancelled by request' }, undefined, 7)]);
  });

  it('given a finished run, when it is cancelled, then WORKFLOWS.EXECUTION_FINISHED', () => {
    spec
      .given({ ...running, status: 'Success' })
      .when({ kind: 'cancel', by: admin, now })
      .thenThrows('WORKFLOWS.EXECUTION_FINISHED');
  });

  it("given someone else's run, when a user cancels it, then AUTH.NOT_OWNER", () => {
    spec.given(running).when({ kind: 'cancel', by: stranger, now }).thenThrows('AUTH.NOT_OWNER');
  });
});

describe('execution decider: stage outcomes', () => {
  const progressed = {
    kind: 'progressed' as const,
    ...ref,
    stageOrder: 1,
    attempt: 1,
    itemsTotal: 10,
    itemsProcessed: 5,
    bytesProcessed: 500,
  };
  const completed = (stageOrder: number, attempt = 1) => ({
    kind: 'completed' as const,
    ...ref,
    stageOrder,
    attempt,
    itemsTotal: 12,
    itemsProcessed: 12,
    itemsSuccessful: 11,
    itemsFailed: 1,
    bytesProcessed: 2_000,
    contentCount: 12,
    durationMs: 1_500,
    output: { fields: {} },
    historyId: null,
  });
  const failed = (attempt: number, retriable = true) => ({
    kind: 'failed' as const,
    ...ref,
    stageOrder: 2,
    attempt,
    errorCode: 'PROCESSING.TRANSIENT',
    errorMessage: 'try later',
    retriable,
    itemsProcessed: 0,
    itemsFailed: 0,
    details: { host: 'x' },
  });
  const record = (outcome: Parameters<typeof recordOf>[0]) => recordOf(outcome);
  function recordOf(outcome: typeof progressed | ReturnType<typeof completed> | ReturnType<typeof failed>) {
    return { kind: 'record-outcome' as const, outcome, retryDelayMs: 4_000, now };
  }
  const completedEvent = (stageOrder: number, stageType: ExecutionStage['type'], stagesCompleted: number, progressPercentage: number) =>
    newEvent(executionStageCompleted, {
      ...ref,
      stageOrder,
      attempt: 1,
      stageType,
      itemsTotal: 12,
      itemsProcessed: 12,
      itemsSuccessful: 11,
      itemsFailed: 1,
      bytesProcessed: 2_000,
      contentCount: 12,
      durationMs: 1_500,
      output: { fields: {} },
      historyId: null,
      completedAt: now.toISOString(),
      stagesCompleted,
      progressPercentage,
    });
  const failedEvent = (attempt: number, retriable: boolean, retryAt: string | null) =>
    newEvent(executionStageFailed, {
      ...ref,
      stageOrder: 2,
      attempt,
      stageType: 'calculation',
      errorCode: 'PROCESSING.TRANSIENT',
      errorMessage: 'try later',
      retriable,
      retryAt,
      failedAt: now.toISOString(),
      details: { host: 'x' },
    });

  it('given the attempt in progress, when its worker reports progress, then the run progresses by the share of the stage done', () => {
    spec
      .given(running)
      .when(record(progressed))
      .then([
        newEvent(executionStageProgressed, {
          ...ref,
          stageOrder: 1,
          attempt: 1,
          itemsTotal: 10,
          itemsProcessed: 5,
          bytesProcessed: 500,
          progressPercentage: 25,
        }),
      ]);
  });

  it('given a later attempt in progress, when a late answer of an earlier attempt arrives, then nothing happens', () => {
    spec
      .given(inLastStage(2))
      .when(record({ ...completed(2), attempt: 1 }))
      .thenNothing();
  });

  it('given a run that ended, when an answer arrives, then nothing happens', () => {
    spec
      .given({ ...running, status: 'Cancelled' })
      .when(record(completed(1)))
      .thenNothing();
  });

  it('given no such run, when an answer arrives, then nothing happens', () => {
    spec.given(null).when(record(progressed)).thenNothing();
  });

  it('given a stage that is not the last, when it completes, then the next stage is requested with what it produced', () => {
    spec
      .given(running)
      .when(record(completed(1)))
      .then([completedEvent(1, 'fetching', 1, 50), request(calcStage, 1, 12, 'fetching')]);
  });

  it('given the last stage, when it completes, then the run ends successfully with its totals', () => {
    spec
      .given(inLastStage())
      .when(record(completed(2)))
      .then([
        completedEvent(2, 'calculation', 2, 100),
        finishedAs('Success', { errorCode: null, errorMessage: null }, { stagesCompleted: 2, contentProcessed: 12, bytesProcessed: 3_000 }),
      ]);
  });

  it('given retries left, when a stage fails retriably, then it is tried again after the backoff', () => {
    spec
      .given(inLastStage(2))
      .when(record(failed(2)))
      .then([failedEvent(2, true, at(4_000))]);
  });

  it('given max_retries used, when the stage fails again, then the run fails, counting the attempts', () => {
    spec
      .given(inLastStage(3))
      .when(record(failed(3)))
      .then([
        failedEvent(3, true, null),
        finishedAs(
          'Failed',
          { errorCode: 'PROCESSING.TRANSIENT', errorMessage: 'Stage "calc" failed after 3 attempts: try later' },
          { stagesCompleted: 1, contentProcessed: 12, bytesProcessed: 1_000 },
        ),
      ]);
  });

  it('given retries left, when a stage fails in a way retrying cannot help, then the run fails at once', () => {
    spec
      .given(inLastStage())
      .when(record(failed(1, false)))
      .then([
        failedEvent(1, false, null),
        finishedAs(
          'Failed',
          { errorCode: 'PROCESSING.TRANSIENT', errorMessage: 'Stage "calc" failed: try later' },
          { stagesCompleted: 1, contentProcessed: 12, bytesProcessed: 1_000 },
        ),
      ]);
  });
});

describe('execution decider: timed work', () => {
  it('given a failed stage waiting for its retry, when the backoff is over, then its next attempt is requested', () => {
    spec
      .given(inLastStage(1, 'Failed'))
      .when({ kind: 'retry-stage', stageOrder: 2, attempt: 2, now })
      .then([request(calcStage, 2, 12, 'fetching')]);
  });

  it('given a run cancelled during the backoff, when the backoff is over, then nothing happens', () => {
    spec
      .given({ ...inLastStage(1, 'Failed'), status: 'Cancelled' })
      .when({ kind: 'retry-stage', stageOrder: 2, attempt: 2, now })
      .thenNothing();
  });

  it('given that attempt already requested, when the retry job runs again, then nothing happens', () => {
    spec.given(inLastStage(2)).when({ kind: 'retry-stage', stageOrder: 2, attempt: 2, now }).thenNothing();
  });

  it('given the attempt in progress, when its deadline passes, then the run times out naming the stage', () => {
    spec
      .given(running)
      .when({ kind: 'time-out-stage', stageOrder: 1, attempt: 1, now })
      .then([finishedAs('Timeout', { errorCode: 'WORKFLOWS.STAGE_TIMEOUT', errorMessage: 'Stage "fetch" did not finish within 30 s' })]);
  });

  it("given a later attempt in progress, when an earlier attempt's deadline passes, then nothing happens", () => {
    spec.given(inLastStage(2)).when({ kind: 'time-out-stage', stageOrder: 2, attempt: 1, now }).thenNothing();
  });

  it('given a run in progress, when its run deadline passes, then it times out', () => {
    spec
      .given(running)
      .when({ kind: 'time-out-run', now })
      .then([finishedAs('Timeout', { errorCode: 'WORKFLOWS.RUN_TIMEOUT', errorMessage: 'The run did not finish within 60 min' })]);
  });

  it('given a run that ended, when its run deadline passes, then nothing happens', () => {
    spec
      .given({ ...running, status: 'Failed' })
      .when({ kind: 'time-out-run', now })
      .thenNothing();
  });

  it('given no such run, when a job about it runs, then WORKFLOWS.EXECUTION_NOT_FOUND (the job is tried again)', () => {
    spec.given(null).when({ kind: 'time-out-run', now }).thenThrows('WORKFLOWS.EXECUTION_NOT_FOUND');
  });
});
