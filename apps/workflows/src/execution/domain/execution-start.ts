import { executionCreated, executionStarted, newEvent, NewEvent, RunTrigger, WorkflowConfiguration } from '@mindhill/contracts';
import { assertCanChangeResource, DomainError, Who } from '@mindhill/domain';
import { parseConfiguration } from '../../workflow/domain/workflow-definition';
import { resolveRunInputs } from '../../workflow/domain/workflow-inputs';
import { Workflow, workflowAccessOf } from '../../workflow/domain/workflow.state';
import { RunFacts, runFactsOf, stageRequest } from './execution-events';
import { Execution } from './execution.state';
import { assertRoomToWait, runHolder, RunSlots, runsToAdmit } from './run-slots';

// What decides whether a run may start, and whether at once or after waiting for a slot; the
// inputs as given (checked against the workflow's declared inputs) and the platform's own
// (a webhook delivery).
export type StartFacts = {
  by: Who;
  workflow: Workflow;
  runSlots: RunSlots;
  inputs: unknown;
  providedInputs?: Record<string, unknown>;
};

export type StartExecution = StartFacts & {
  kind: 'start';
  executionId: string;
  executionNumber: number;
  runNumber: number;
  triggeredBy: 'manual' | 'api' | 'schedule' | 'webhook';
  trigger: RunTrigger;
  priority: number;
  now: Date;
};

// Whether the workflow may run, and its configuration if so. The handler asks before it takes an
// execution number, so a refused start leaves no gap in the numbers. A run for which no slot is
// free is not refused: it waits (status Created) until runsToAdmit gives it one.
export function assertMayStart({ by, workflow, inputs, providedInputs }: Omit<StartFacts, 'runSlots'>): {
  configuration: WorkflowConfiguration;
  inputs: Record<string, unknown>;
} {
  if (workflow.isTemplate) throw new DomainError('WORKFLOWS.IS_TEMPLATE', 'A template cannot run: create a workflow from it', 'conflict');
  // Running reads the owner's data sources: the owner or an admin.
  assertCanChangeResource(by, workflowAccessOf(workflow), 'workflow');
  if (workflow.status !== 'active') {
    throw new DomainError('WORKFLOWS.NOT_ACTIVE', `Workflow ${workflow.id} is ${workflow.status}: activate it first`, 'conflict');
  }
  const configuration = parseConfiguration(workflow.configuration, { template: false });
  return { configuration, inputs: resolveRunInputs(workflow.inputs, inputs, providedInputs) };
}

// The run is pinned to the workflow's version and configuration. It starts at once with its
// first stage when it comes first among the runs waiting for a slot (highest priority, then
// first come) and a slot is free; otherwise it is created and waits. Once started it must end
// within the workflow's timeout_minutes.
export function start(command: StartExecution): NewEvent[] {
  const { configuration, inputs } = assertMayStart(command);
  const { by, workflow, executionId, now, runSlots } = command;
  const holder = runHolder(by, workflow);
  const candidate = { executionId, priority: command.priority, number: command.executionNumber, holder };
  const admitted = runsToAdmit({ ...runSlots, waiting: [...runSlots.waiting, candidate] }).some((r) => r.executionId === executionId);
  if (!admitted) assertRoomToWait(runSlots, holder);
  const stages = configuration.stages.map((s, i) => ({
    order: i + 1,
    name: s.name,
    type: s.type,
    timeoutSeconds: s.timeoutSeconds,
    settings: s.settings,
    dataSourceIds: s.type === 'fetching' ? s.dataSources : [],
  }));
  const run = {
    executionId,
    executionNumber: command.executionNumber,
    workflowId: workflow.id,
    workflowVersion: workflow.version,
    triggerUserNumber: by.userNumber,
    workflowOwnerNumber: workflow.ownerNumber,
    workflowOwnerIsAdmin: workflow.ownerIsAdmin,
    runInputs: inputs,
    carriedOver: [],
  };
  const created = newEvent(executionCreated, {
    executionId,
    executionNumber: command.executionNumber,
    workflowId: workflow.id,
    workflowNumber: workflow.number,
    workflowName: workflow.name,
    workflowVersion: workflow.version,
    configurationHash: workflow.configurationHash,
    runNumber: command.runNumber,
    triggeredBy: command.triggeredBy,
    triggerUserNumber: by.userNumber,
    trigger: command.trigger,
    inputs,
    priority: command.priority,
    timeoutMinutes: workflow.timeoutMinutes,
    maxRetries: workflow.maxRetries,
    stages,
    createdAt: now.toISOString(),
  });
  return admitted ? [created, ...startNow(run, workflow.timeoutMinutes, stages[0]!, FIRST_STAGE_INPUT, now)] : [created];
}

const FIRST_STAGE_INPUT = { expectedContentCount: 0, previousStageType: null };

// A run that waited for a slot has one now: it starts with its first stage (a rerun: its first
// stage not carried over, reading what the carried-over ones hold). Anything else (it started
// already, it was cancelled while waiting) changes nothing.
export function admit(execution: Execution, now: Date): NewEvent[] {
  if (execution.status !== 'Created') return [];
  const first = execution.stages.find((s) => s.carriedOverFrom === null);
  if (!first) return [];
  const previous = execution.stages.find((s) => s.order === first.order - 1);
  const input = previous ? { expectedContentCount: execution.contentProcessed, previousStageType: previous.type } : FIRST_STAGE_INPUT;
  return startNow(runFactsOf(execution), execution.timeoutMinutes, first, input, now);
}

export function startNow(
  run: RunFacts,
  timeoutMinutes: number,
  first: Parameters<typeof stageRequest>[1],
  input: Parameters<typeof stageRequest>[3],
  now: Date,
): NewEvent[] {
  const deadlineAt = new Date(now.getTime() + timeoutMinutes * 60_000);
  return [
    newEvent(executionStarted, {
      executionId: run.executionId,
      workflowId: run.workflowId,
      startedAt: now.toISOString(),
      deadlineAt: deadlineAt.toISOString(),
    }),
    stageRequest(run, first, 1, input, now),
  ];
}
