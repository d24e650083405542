import { z } from 'zod';
import { EntityManager } from '@mikro-orm/postgresql';
import {
  EventDefinition,
  executionFinished,
  executionStageFailed,
  executionStageRequested,
  executionStarted,
  NewEvent,
  StoredPayload,
} from '@mindhill/contracts';
import { cancelJobs, enqueueJobs, NewJob } from '@mindhill/persistence';

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

export async function planExecutionTimers(em: EntityManager, events: readonly NewEvent[]): Promise<void> {
  // The timers go in one statement (a start plans two); those planned so far are written before
  // a run's end cancels what is left of it.
  let planned: NewJob[] = [];
  const write = async () => {
    await enqueueJobs(em, planned);
    planned = [];
  };
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
      await write();
      // Nothing of this run is left to wake up (retries, timeouts); its slot is free. The waiting
      // runs get it through a job, planned only when some wait (under the run-slot lock, taken by
      // appendExecution: a run a concurrent start made wait is seen here, or that start sees this slot free).
      await cancelJobs(em, jobKey(event.payload.executionId, ''));
      if (!(await anyRunWaiting(em))) continue;
      planned.push({
        key: `admit:${event.payload.executionId}`,
        kind: EXECUTION_JOB_KINDS.admit,
        payload: { executionId: event.payload.executionId },
        runAfter: new Date(),
      });
    }
  }
  await write();
}

async function anyRunWaiting(em: EntityManager): Promise<boolean> {
  const [row] = await em.execute<{ waiting: boolean }[]>(
    `SELECT EXISTS (SELECT 1 FROM workflow_executions WHERE status = 'Created') AS waiting`,
  );
  return Boolean(row?.waiting);
}

// newEvent(definition, payload) types the payload by its definition; this reads it back so.
function isEvent<D extends EventDefinition>(event: NewEvent, definition: D): event is NewEvent & { payload: StoredPayload<D> } {
  return event.definition === definition;
}
