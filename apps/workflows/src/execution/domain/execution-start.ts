import { executionCreated, executionStarted, newEvent, NewEvent, WorkflowConfiguration } from '@mindhill/contracts';
import { assertCanChangeResource, DomainError, Who } from '@mindhill/domain';
import { parseConfiguration } from '../../workflow/domain/workflow-definition';
import { Workflow, workflowAccessOf } from '../../workflow/domain/workflow.state';
import { stageRequest } from './execution-events';
import { decideRunStart, runHolder } from './run-slots';

// The runs in progress now (overall, and held by the user this run is charged to) and the
// limits of the moment (max_concurrent_workflows and max_concurrent_workflows_per_user).
export type RunSlotCount = { running: number; heldByHolder: number; limit: number; perUserLimit: number };

// What decides whether a run may start.
export type StartFacts = { by: Who; workflow: Workflow; runSlots: RunSlotCount };

export type StartExecution = StartFacts & {
  kind: 'start';
  executionId: string;
  executionNumber: number;
  runNumber: number;
  triggeredBy: 'manual' | 'api' | 'schedule';
  now: Date;
};

// Whether the workflow may run now, and its configuration if so. The handler asks before it
// takes an execution number, so a refused start (a schedule tick retried while the platform is
// full, say) leaves no gap in the numbers.
export function assertMayStart({ by, workflow, runSlots }: StartFacts): WorkflowConfiguration {
  if (workflow.isTemplate) throw new DomainError('WORKFLOWS.IS_TEMPLATE', 'A template cannot run: create a workflow from it', 'conflict');
  // Running reads the owner's data sources: the owner or an admin.
  assertCanChangeResource(by, workflowAccessOf(workflow), 'workflow');
  if (workflow.status !== 'active') {
    throw new DomainError('WORKFLOWS.NOT_ACTIVE', `Workflow ${workflow.id} is ${workflow.status}: activate it first`, 'conflict');
  }
  const configuration = parseConfiguration(workflow.configuration, { template: false });
  const refusal = decideRunStart({ ...runSlots, holder: runHolder(by, workflow) });
  if (refusal) throw refusal;
  return configuration;
}

// The run is pinned to the workflow's version and configuration; it starts at once with its
// first stage, and must end within the workflow's timeout_minutes.
export function start(command: StartExecution): NewEvent[] {
  const configuration = assertMayStart(command);
  const { by, workflow, executionId, now } = command;
  const stages = configuration.stages.map((s, i) => ({
    order: i + 1,
    name: s.name,
    type: s.type,
    timeoutSeconds: s.timeoutSeconds,
    settings: s.settings,
    dataSourceIds: s.type === 'fetching' ? s.dataSources : [],
  }));
  const deadlineAt = new Date(now.getTime() + workflow.timeoutMinutes * 60_000);
  const run = {
    executionId,
    executionNumber: command.executionNumber,
    workflowId: workflow.id,
    workflowVersion: workflow.version,
    triggerUserNumber: by.userNumber,
    workflowOwnerNumber: workflow.ownerNumber,
    workflowOwnerIsAdmin: workflow.ownerIsAdmin,
  };
  return [
    newEvent(executionCreated, {
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
      timeoutMinutes: workflow.timeoutMinutes,
      maxRetries: workflow.maxRetries,
      stages,
      createdAt: now.toISOString(),
    }),
    newEvent(executionStarted, {
      executionId,
      workflowId: workflow.id,
      startedAt: now.toISOString(),
      deadlineAt: deadlineAt.toISOString(),
    }),
    stageRequest(run, stages[0]!, 1, { expectedContentCount: 0, previousStageType: null }, now),
  ];
}
