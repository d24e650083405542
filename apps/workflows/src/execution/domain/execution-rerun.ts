import { CarriedOverStage, executionCreated, newEvent, NewEvent, PublicPayload } from '@mindhill/contracts';
import { assertCanChangeResource, DomainError, Who } from '@mindhill/domain';
import { Workflow, workflowAccessOf } from '../../workflow/domain/workflow.state';
import { RunFacts } from './execution-events';
import { startNow } from './execution-start';
import { Execution } from './execution.state';
import { assertRoomToWait, runHolder, RunSlots, runsToAdmit } from './run-slots';

// What a rerun takes from its stage in the run rerun (the stage row's counters and output).
export type StageResult = Omit<CarriedOverStage, 'sourceExecutionId' | 'contentCount'> & { order: number };

// The finished run to rerun, as its rows hold it: pinned version and configuration, stages and
// their results.
export type RerunSource = { execution: Execution; configurationHash: string; results: StageResult[] };

export type RerunExecution = {
  kind: 'rerun';
  by: Who;
  source: RerunSource;
  // The workflow as it is now: who may run it, and whether it may run at all.
  workflow: Workflow;
  runSlots: RunSlots;
  // Absent: the first stage that did not finish.
  fromStage?: number;
  executionId: string;
  executionNumber: number;
  runNumber: number;
  priority: number;
  now: Date;
};

type StageToCreate = PublicPayload<typeof executionCreated>['stages'][number];

// Only a run that ended without success is rerun; a run in progress or waiting can still
// succeed, and a successful one is run again by starting the workflow.
const RERUNNABLE = ['Failed', 'Timeout', 'Cancelled'];

// A stage's output is there to reuse when it succeeded, or was itself carried over.
const isDone = (s: Execution['stages'][number]) => s.status === 'Success' || s.carriedOverFrom !== null;

// Whether the run may be rerun by this caller, and from which stage. Asked before an execution
// number is taken: a refused rerun leaves no gap in the numbers.
export function assertMayRerun(command: Pick<RerunExecution, 'by' | 'source' | 'workflow' | 'fromStage'>): number {
  const { by, source, workflow } = command;
  const old = source.execution;
  // The rule of a start (assertMayStart): the owner or an admin, of an active workflow.
  assertCanChangeResource(by, workflowAccessOf(workflow), 'workflow');
  if (workflow.status !== 'active') {
    throw new DomainError('WORKFLOWS.NOT_ACTIVE', `Workflow ${workflow.id} is ${workflow.status}: activate it first`, 'conflict');
  }
  if (!RERUNNABLE.includes(old.status)) {
    throw new DomainError(
      'WORKFLOWS.RERUN_NOT_ALLOWED',
      `Execution ${old.id} is ${old.status}: only a finished run that did not succeed (${RERUNNABLE.join(', ')}) can be rerun`,
      'conflict',
    );
  }
  const firstUnfinished = old.stages.find((s) => !isDone(s))?.order ?? old.stages.length;
  const fromStage = command.fromStage ?? firstUnfinished;
  if (fromStage < 1 || fromStage > firstUnfinished) {
    throw new DomainError(
      'WORKFLOWS.INVALID_RERUN_STAGE',
      `fromStage must be between 1 and ${firstUnfinished} (the first stage of execution ${old.id} that did not finish)`,
      'invalid',
    );
  }
  return fromStage;
}

// A new run pinned to the old run's workflow version, configuration and inputs, linked to it by
// its trigger. Its stages before fromStage are carried over (status Skipped, the old results and
// the run holding their output) and count as completed; it takes a slot like any start and then
// requests fromStage, naming the carried-over stages so the worker reads their content.
export function rerun(command: RerunExecution): NewEvent[] {
  const fromStage = assertMayRerun(command);
  const { by, source, workflow, executionId, now, runSlots } = command;
  const old = source.execution;
  const holder = runHolder(by, workflow);
  const candidate = { executionId, priority: command.priority, number: command.executionNumber, holder };
  const admitted = runsToAdmit({ ...runSlots, waiting: [...runSlots.waiting, candidate] }).some((r) => r.executionId === executionId);
  if (!admitted) assertRoomToWait(runSlots, holder);
  const results = new Map(source.results.map((r) => [r.order, r]));
  const stages = old.stages.map((s): StageToCreate => {
    const { order: _order, ...result } = results.get(s.order) ?? emptyResult(s.order);
    const stage = {
      order: s.order,
      name: s.name,
      type: s.type,
      timeoutSeconds: s.timeoutSeconds,
      settings: s.settings,
      dataSourceIds: s.dataSourceIds,
    };
    if (s.order >= fromStage) return stage;
    // The content the carried-over stages hold: what the old run had when it ended.
    return { ...stage, carriedOver: { sourceExecutionId: s.carriedOverFrom ?? old.id, contentCount: old.contentProcessed, ...result } };
  });
  const carriedOver = stages.flatMap((s) => (s.carriedOver ? [{ stageOrder: s.order, executionId: s.carriedOver.sourceExecutionId }] : []));
  const created = newEvent(executionCreated, {
    executionId,
    executionNumber: command.executionNumber,
    workflowId: old.workflowId,
    workflowNumber: old.workflowNumber,
    workflowName: workflow.name,
    workflowVersion: old.workflowVersion,
    configurationHash: source.configurationHash,
    runNumber: command.runNumber,
    triggeredBy: 'manual',
    triggerUserNumber: by.userNumber,
    trigger: { kind: 'rerun', userNumber: by.userNumber, executionId: old.id, fromStage },
    inputs: old.inputs,
    priority: command.priority,
    timeoutMinutes: old.timeoutMinutes,
    maxRetries: old.maxRetries,
    stages,
    createdAt: now.toISOString(),
  });
  if (!admitted) return [created];
  const run: RunFacts = {
    executionId,
    executionNumber: command.executionNumber,
    workflowId: old.workflowId,
    workflowVersion: old.workflowVersion,
    triggerUserNumber: by.userNumber,
    workflowOwnerNumber: workflow.ownerNumber,
    workflowOwnerIsAdmin: workflow.ownerIsAdmin,
    runInputs: old.inputs,
    carriedOver,
  };
  const first = stages.find((s) => s.order === fromStage)!;
  const previous = stages.find((s) => s.order === fromStage - 1);
  const input = { expectedContentCount: previous ? old.contentProcessed : 0, previousStageType: previous?.type ?? null };
  return [created, ...startNow(run, old.timeoutMinutes, first, input, now)];
}

function emptyResult(order: number): StageResult {
  return {
    order,
    itemsTotal: 0,
    itemsProcessed: 0,
    itemsSuccessful: 0,
    itemsFailed: 0,
    bytesProcessed: 0,
    durationSeconds: null,
    output: null,
    historyId: null,
    completedAt: null,
  };
}
