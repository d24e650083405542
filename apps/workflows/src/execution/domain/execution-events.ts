import { executionFinished, executionStageRequested, newEvent, NewEvent, StageType } from '@mindhill/contracts';
import { durationMinutes } from './execution-policy';
import { Execution, ExecutionStage } from './execution.state';

// What a stage request repeats from the run it belongs to.
export type RunFacts = {
  executionId: string;
  executionNumber: number;
  workflowId: string;
  workflowVersion: number;
  triggerUserNumber: number | null;
  workflowOwnerNumber: number | null;
  workflowOwnerIsAdmin: boolean;
  runInputs: Record<string, unknown>;
  // A rerun's carried-over stages and the run holding each one's output; empty otherwise.
  carriedOver: { stageOrder: number; executionId: string }[];
};

export function runFactsOf(execution: Execution): RunFacts {
  return {
    executionId: execution.id,
    executionNumber: execution.number,
    workflowId: execution.workflowId,
    workflowVersion: execution.workflowVersion,
    triggerUserNumber: execution.triggerUserNumber,
    workflowOwnerNumber: execution.ownerNumber,
    workflowOwnerIsAdmin: execution.ownerIsAdmin,
    runInputs: execution.inputs,
    carriedOver: execution.stages.flatMap((s) => (s.carriedOverFrom ? [{ stageOrder: s.order, executionId: s.carriedOverFrom }] : [])),
  };
}

// Asks the worker of the stage's type for one attempt, due within the stage's timeout. The
// worker reads what earlier stages produced (expectedContentCount items) and the owner's data
// sources with the owner's current role.
export function stageRequest(
  run: RunFacts,
  stage: Pick<ExecutionStage, 'order' | 'name' | 'type' | 'timeoutSeconds' | 'settings' | 'dataSourceIds'>,
  attempt: number,
  input: { expectedContentCount: number; previousStageType: StageType | null },
  now: Date,
): NewEvent {
  return newEvent(executionStageRequested, {
    executionId: run.executionId,
    workflowId: run.workflowId,
    workflowVersion: run.workflowVersion,
    executionNumber: run.executionNumber,
    stageOrder: stage.order,
    attempt,
    stageName: stage.name,
    stageType: stage.type,
    settings: stage.settings,
    dataSourceIds: stage.dataSourceIds,
    // Every stage of a rerun names the carried-over ones: a later stage may read them too.
    input: run.carriedOver.length > 0 ? { ...input, carriedOver: run.carriedOver } : input,
    triggeredByUserNumber: run.triggerUserNumber,
    runInputs: run.runInputs,
    workflowOwnerNumber: run.workflowOwnerNumber,
    workflowOwnerIsAdmin: run.workflowOwnerIsAdmin,
    deadlineAt: new Date(now.getTime() + stage.timeoutSeconds * 1000).toISOString(),
  });
}

export type Ending = {
  status: 'Success' | 'Failed' | 'Cancelled' | 'Timeout';
  errorCode: string | null;
  errorMessage: string | null;
  cancelledBy: number | null;
  // The run's totals when the ending itself adds to them (the last stage completing).
  totals?: { stagesCompleted: number; contentProcessed: number; bytesProcessed: number };
};

// The run ends; nothing of it is left to wake up (retries, timeouts are cancelled with it).
export function finished(execution: Execution, ending: Ending, now: Date): NewEvent {
  const completedAt = now.toISOString();
  return newEvent(executionFinished, {
    executionId: execution.id,
    workflowId: execution.workflowId,
    workflowNumber: execution.workflowNumber,
    runNumber: execution.runNumber,
    status: ending.status,
    errorCode: ending.errorCode,
    errorMessage: ending.errorMessage,
    startedAt: execution.startedAt,
    completedAt,
    durationMinutes: durationMinutes(execution.startedAt, completedAt),
    contentProcessed: ending.totals?.contentProcessed ?? execution.contentProcessed,
    bytesProcessed: ending.totals?.bytesProcessed ?? execution.bytesProcessed,
    stagesCompleted: ending.totals?.stagesCompleted ?? execution.stagesCompleted,
    cancelledBy: ending.cancelledBy,
  });
}
