import { z } from 'zod';
import {
  EventDefinition,
  executionFinished,
  executionStageFailed,
  executionStageRequested,
  executionStarted,
  NewEvent,
  StoredPayload,
} from '@mindhill/contracts';
import { cancelJobsLater, enqueueJobsLater, EventTransaction, NewJob } from '@mindhill/persistence';

// The orchestrator's timers, as jobs in the job queue: a run's deadline, each stage attempt's
// deadline, and the retry of a failed stage after its backoff. Each follows from an event the
// orchestrator appended, in the same transaction; a run that ends cancels whatever of it is left.
export const EXECUTION_JOB_KINDS = {
  retry: 'retry-stage',
  stageTimeout: 'stage-timeout',
  runTimeout: 'run-timeout',
  // A run ended: its slot goes to the runs waiting for one.
  admit: 'admit-waiting-runs',
} as const;

// The payloads, parsed when the job runs.
export const stageJobSchema = z.object({ executionId: z.string(), stageOrder: z.number().int(), attempt: z.number().int() });
export type StageJob = z.infer<typeof stageJobSchema>;
export const runJobSchema = z.object({ executionId: z.string() });

const jobKey = (executionId: string, what: string) => `exec:${executionId}:${what}`;

// The timers the events call for, sent with the transaction's next statement (EventTransaction.later):
// a decision's append, its timers and its cancellations travel in one message.
export function planExecutionTimers(tx: EventTransaction, events: readonly NewEvent[]): void {
  // The timers go in one statement (a start plans two); those planned so far are written before
  // a run's end cancels what is left of it.
  let planned: NewJob[] = [];
  const write = () => {
    enqueueJobsLater(tx, planned);
    planned = [];
  };
  const ended: string[] = [];
  for (const event of events) {
    if (isEvent(event, executionStarted)) {
      const { executionId, deadlineAt } = event.payload;
      planned.push({
        key: jobKey(executionId, 'run-timeout'),
        kind: EXECUTION_JOB_KINDS.runTimeout,
        payload: { executionId },
        runAfter: new Date(deadlineAt),
      });
    } else if (isEvent(event, executionStageRequested)) {
      const job: StageJob = {
        executionId: event.payload.executionId,
        stageOrder: event.payload.stageOrder,
        attempt: event.payload.attempt,
      };
      planned.push({
        key: jobKey(job.executionId, `timeout:${job.stageOrder}:${job.attempt}`),
        kind: EXECUTION_JOB_KINDS.stageTimeout,
        payload: job,
        runAfter: new Date(event.payload.deadlineAt),
      });
    } else if (isEvent(event, executionStageFailed) && event.payload.retryAt) {
      const job: StageJob = {
        executionId: event.payload.executionId,
        stageOrder: event.payload.stageOrder,
        attempt: event.payload.attempt + 1,
      };
      planned.push({
        key: jobKey(job.executionId, `retry:${job.stageOrder}:${job.attempt}`),
        kind: EXECUTION_JOB_KINDS.retry,
        payload: job,
        runAfter: new Date(event.payload.retryAt),
      });
    } else if (isEvent(event, executionFinished)) {
      write();
      // Nothing of this run is left to wake up (retries, timeouts); its slot is free.
      cancelJobsLater(tx, [jobKey(event.payload.executionId, '')]);
      ended.push(event.payload.executionId);
    }
  }
  write();
  // The waiting runs get the freed slots through a job, planned only when some wait (under the
  // run-slot lock, taken by appendExecutions: a run a concurrent start made wait is seen here, or
  // that start sees this slot free). The look is the statement's own condition: no read of its own.
  enqueueJobsLater(
    tx,
    ended.map((executionId) => ({
      key: `admit:${executionId}`,
      kind: EXECUTION_JOB_KINDS.admit,
      payload: { executionId },
      runAfter: new Date(),
    })),
    `EXISTS (SELECT 1 FROM workflow_executions WHERE status = 'Created')`,
  );
}

// newEvent(definition, payload) types the payload by its definition; this reads it back so.
function isEvent<D extends EventDefinition>(event: NewEvent, definition: D): event is NewEvent & { payload: StoredPayload<D> } {
  return event.definition === definition;
}
