import {
  executionStageCompleted,
  executionStageFailed,
  executionStageProgressed,
  newEvent,
  NewEvent,
  stageCompletedSchema,
  stageFailedSchema,
  stageProgressedSchema,
} from '@mindhill/contracts';
import { assertCanChangeResource, Decider, DomainError, Who } from '@mindhill/domain';
import { z } from 'zod';
import { finished, runFactsOf, stageRequest } from './execution-events';
import { executionProgress, isTerminal, shouldRetry } from './execution-policy';
import { rerun, RerunExecution } from './execution-rerun';
import { admit, start, StartExecution } from './execution-start';
import { Execution, ExecutionStage } from './execution.state';

// A worker's answer to a stage request (the same three shapes from ingestion and processing).
export type StageOutcome =
  | ({ kind: 'progressed' } & z.infer<typeof stageProgressedSchema>)
  | ({ kind: 'completed' } & z.infer<typeof stageCompletedSchema>)
  | ({ kind: 'failed' } & z.infer<typeof stageFailedSchema>);

type StageAttempt = { stageOrder: number; attempt: number };

export type ExecutionCommand =
  | StartExecution
  // A new run of a finished run's version and inputs, from one of its stages (state: null, as a start).
  | RerunExecution
  // A slot is free for this waiting run (chosen by runsToAdmit).
  | { kind: 'admit'; now: Date }
  | { kind: 'cancel'; by: Who; now: Date }
  // retryDelayMs: the backoff this failure would wait (jitter drawn by the caller).
  | { kind: 'record-outcome'; outcome: StageOutcome; retryDelayMs: number; now: Date }
  | ({ kind: 'retry-stage'; now: Date } & StageAttempt)
  | ({ kind: 'time-out-stage'; now: Date } & StageAttempt)
  | { kind: 'time-out-run'; now: Date };

// The orchestrator's rules: whether a run may start (at once, or after waiting for a slot), what each worker answer does (the next
// stage, a retry after a backoff, the end of the run), timeouts and cancelling. State: the
// execution, or null when there is none (a new run; an answer about an unknown run).
export const executionDecider: Decider<Execution | null, ExecutionCommand> = {
  decide(state, command) {
    switch (command.kind) {
      case 'start':
        // A new run, under a fresh id: there is no state yet.
        return start(command);
      case 'rerun':
        return rerun(command);
      case 'admit':
        return admit(existing(state), command.now);
      case 'cancel':
        return cancel(existing(state), command.by, command.now);
      case 'record-outcome':
        return recordOutcome(state, command);
      case 'retry-stage':
        return retryStage(existing(state), command, command.now);
      case 'time-out-stage':
        return timeOutStage(existing(state), command, command.now);
      case 'time-out-run':
        return timeOutRun(existing(state), command.now);
    }
  },
};

function cancel(execution: Execution, by: Who, now: Date): NewEvent[] {
  assertCanChangeResource(by, execution.access, 'workflow');
  if (isTerminal(execution.status)) {
    throw new DomainError('WORKFLOWS.EXECUTION_FINISHED', `Execution ${execution.id} already ended (${execution.status})`, 'conflict');
  }
  return [
    finished(execution, { status: 'Cancelled', errorCode: null, errorMessage: 'Cancelled by request', cancelledBy: by.userNumber }, now),
  ];
}

// The stage attempt in progress, if this is it. Anything else (a late answer after a retry, a
// cancel or a timeout; a job planned for an attempt since replaced) changes nothing.
function attemptInProgress(execution: Execution | null, ref: StageAttempt): ExecutionStage | null {
  if (!execution || execution.status !== 'InProgress') return null;
  if (execution.currentStageOrder !== ref.stageOrder || execution.currentAttempt !== ref.attempt) return null;
  const stage = execution.stages.find((s) => s.order === ref.stageOrder);
  return stage?.status === 'InProgress' ? stage : null;
}

function recordOutcome(state: Execution | null, command: Extract<ExecutionCommand, { kind: 'record-outcome' }>): NewEvent[] {
  const { outcome, now } = command;
  const stage = attemptInProgress(state, outcome);
  if (!state || !stage) return [];
  const ref = { executionId: state.id, workflowId: state.workflowId, stageOrder: outcome.stageOrder, attempt: outcome.attempt };
  switch (outcome.kind) {
    case 'progressed':
      return [
        newEvent(executionStageProgressed, {
          ...ref,
          itemsTotal: outcome.itemsTotal,
          itemsProcessed: outcome.itemsProcessed,
          bytesProcessed: outcome.bytesProcessed,
          progressPercentage: executionProgress(
            state.stagesCompleted,
            state.totalStages,
            outcome.itemsTotal > 0 ? outcome.itemsProcessed / outcome.itemsTotal : 0,
          ),
        }),
      ];
    case 'completed':
      return stageCompleted(state, stage, outcome, now);
    case 'failed':
      return stageFailed(state, stage, outcome, command.retryDelayMs, now);
  }
}

// The next stage is requested, or the run ends successfully after its last stage.
function stageCompleted(
  execution: Execution,
  stage: ExecutionStage,
  outcome: Extract<StageOutcome, { kind: 'completed' }>,
  now: Date,
): NewEvent[] {
  const stagesCompleted = execution.stagesCompleted + 1;
  const completed = newEvent(executionStageCompleted, {
    executionId: execution.id,
    workflowId: execution.workflowId,
    stageOrder: outcome.stageOrder,
    attempt: outcome.attempt,
    stageType: stage.type,
    itemsTotal: outcome.itemsTotal,
    itemsProcessed: outcome.itemsProcessed,
    itemsSuccessful: outcome.itemsSuccessful,
    itemsFailed: outcome.itemsFailed,
    bytesProcessed: outcome.bytesProcessed,
    contentCount: outcome.contentCount,
    durationMs: outcome.durationMs,
    output: outcome.output,
    historyId: outcome.historyId,
    completedAt: now.toISOString(),
    stagesCompleted,
    progressPercentage: executionProgress(stagesCompleted, execution.totalStages),
  });
  const next = execution.stages.find((s) => s.order === stage.order + 1);
  if (next) {
    const input = { expectedContentCount: outcome.contentCount, previousStageType: stage.type };
    return [completed, stageRequest(runFactsOf(execution), next, 1, input, now)];
  }
  const totals = {
    stagesCompleted,
    contentProcessed: Math.max(execution.contentProcessed, outcome.contentCount),
    bytesProcessed: execution.bytesProcessed + outcome.bytesProcessed,
  };
  return [completed, finished(execution, { status: 'Success', errorCode: null, errorMessage: null, cancelledBy: null, totals }, now)];
}

// A retriable failure is tried again after its backoff, up to max_retries times; any other
// failure ends the run.
function stageFailed(
  execution: Execution,
  stage: ExecutionStage,
  outcome: Extract<StageOutcome, { kind: 'failed' }>,
  retryDelayMs: number,
  now: Date,
): NewEvent[] {
  const retry = shouldRetry({ retriable: outcome.retriable, failedAttempt: outcome.attempt, maxRetries: execution.maxRetries });
  const failed = newEvent(executionStageFailed, {
    executionId: execution.id,
    workflowId: execution.workflowId,
    stageOrder: outcome.stageOrder,
    attempt: outcome.attempt,
    stageType: stage.type,
    errorCode: outcome.errorCode,
    errorMessage: outcome.errorMessage,
    retriable: outcome.retriable,
    retryAt: retry ? new Date(now.getTime() + retryDelayMs).toISOString() : null,
    failedAt: now.toISOString(),
    details: outcome.details,
  });
  if (retry) return [failed];
  const attempts = outcome.attempt > 1 ? ` after ${outcome.attempt} attempts` : '';
  const errorMessage = `Stage "${stage.name}" failed${attempts}: ${outcome.errorMessage}`;
  return [failed, finished(execution, { status: 'Failed', errorCode: outcome.errorCode, errorMessage, cancelledBy: null }, now)];
}

// The backoff of a failed stage is over: its next attempt is requested, unless something else
// happened meanwhile (cancelled, timed out, already retried).
function retryStage(execution: Execution, retry: StageAttempt, now: Date): NewEvent[] {
  const stage = execution.stages.find((s) => s.order === retry.stageOrder);
  if (execution.status !== 'InProgress' || stage?.status !== 'Failed' || execution.currentAttempt !== retry.attempt - 1) return [];
  const previous = execution.stages.find((s) => s.order === retry.stageOrder - 1);
  const input = { expectedContentCount: execution.contentProcessed, previousStageType: previous?.type ?? null };
  return [stageRequest(runFactsOf(execution), stage, retry.attempt, input, now)];
}

// A stage attempt's deadline passed: if it is still the attempt in progress, the run ends.
function timeOutStage(execution: Execution, attempt: StageAttempt, now: Date): NewEvent[] {
  const stage = attemptInProgress(execution, attempt);
  if (!stage) return [];
  const errorMessage = `Stage "${stage.name}" did not finish within ${stage.timeoutSeconds} s`;
  return [finished(execution, { status: 'Timeout', errorCode: 'WORKFLOWS.STAGE_TIMEOUT', errorMessage, cancelledBy: null }, now)];
}

// The whole run's deadline (timeout_minutes) passed.
function timeOutRun(execution: Execution, now: Date): NewEvent[] {
  if (isTerminal(execution.status)) return [];
  const errorMessage = `The run did not finish within ${execution.timeoutMinutes} min`;
  return [finished(execution, { status: 'Timeout', errorCode: 'WORKFLOWS.RUN_TIMEOUT', errorMessage, cancelledBy: null }, now)];
}

function existing(state: Execution | null): Execution {
  if (!state) throw new DomainError('WORKFLOWS.EXECUTION_NOT_FOUND', 'No such execution', 'not-found');
  return state;
}
