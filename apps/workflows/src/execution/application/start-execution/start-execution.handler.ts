import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RunTrigger } from '@mindhill/contracts';
import { EventContext, EventStore, EventTransaction } from '@mindhill/persistence';
import { RUN_LIMIT, RunLimit } from '../../../workflows.settings';
import { executionDecider } from '../../domain/execution.decider';
import { assertMayStart } from '../../domain/execution-start';
import { DEFAULT_PRIORITY } from '../../domain/run-slots';
import {
  appendExecutions,
  executionView,
  lockRunSlots,
  lockWorkflowToRun,
  nextExecutionNumbers,
} from '../../infrastructure/execution.store';
import { AdmitWaitingRunsJob } from '../admit-waiting-runs/admit-waiting-runs.job';
import { StartExecutionBody } from './start-execution.schema';

// How a run is asked for: by a user (the body of POST .../executions), by a schedule's tick or by
// a webhook delivery (trigger given; a delivery also gives the run its `delivery` input).
export type StartRequest =
  | { triggeredBy: 'manual' | 'api'; priority?: number; inputs?: Record<string, unknown> }
  | {
      triggeredBy: 'schedule' | 'webhook';
      trigger: RunTrigger;
      inputs?: Record<string, unknown>;
      providedInputs?: Record<string, unknown>;
    };

// Starts a run of a workflow: it is created and, when a slot is free for it, started with its
// first stage requested and its deadlines planned, in one transaction; otherwise it waits for a
// slot (status Created) in priority order. Answers with the run as it is then.
@Injectable()
export class StartExecutionHandler {
  constructor(
    private readonly events: EventStore,
    private readonly admission: AdmitWaitingRunsJob,
    @Inject(RUN_LIMIT) private readonly runLimit: RunLimit,
  ) {}

  execute(workflowId: string, body: StartExecutionBody, context: EventContext) {
    return this.events.transact((tx) => this.startIn(tx, workflowId, body, context));
  }

  // Inside the caller's transaction (a schedule's tick commits the run with its next tick). A
  // scheduled run has the default priority: the seed gives workflows none of their own.
  async startIn(tx: EventTransaction, workflowId: string, request: StartRequest, context: EventContext) {
    const by = context.actor;
    // The run-slot lock before the workflow's row, as the admission takes them (admitting a run
    // updates its workflow's row): the other order could deadlock with it.
    const limits = { limit: this.runLimit.maxConcurrent, perUserLimit: this.runLimit.maxConcurrentPerUser };
    const runSlots = await lockRunSlots(tx, limits);
    const workflow = await lockWorkflowToRun(tx, workflowId, by);
    // Refusals (bad inputs too) come before numbering: a refused start takes no execution number.
    const inputs = request.inputs ?? {};
    const providedInputs = 'providedInputs' in request ? request.providedInputs : undefined;
    assertMayStart({ by, workflow, inputs, providedInputs });
    const numbers = await nextExecutionNumbers(tx.em, workflow.number);
    const executionId = randomUUID();
    const events = executionDecider.decide(null, {
      kind: 'start',
      by,
      workflow,
      runSlots,
      ...numbers,
      executionId,
      triggeredBy: request.triggeredBy,
      trigger: 'trigger' in request ? request.trigger : { kind: 'manual', userNumber: by.userNumber },
      inputs,
      providedInputs,
      priority: 'priority' in request ? (request.priority ?? DEFAULT_PRIORITY) : DEFAULT_PRIORITY,
      now: new Date(),
    });
    // Sent with the next read (the slots' look of an admission, or the view).
    await appendExecutions(tx, [{ executionId, version: 0, events, context }]);
    // Runs still waiting behind a limit raised since (rare) start too. Under the run-slot lock no
    // run can have started waiting since the slots were read: none then, none to admit.
    if (runSlots.waiting.length > 0) await this.admission.admitIn(tx, context);
    return executionView(tx, executionId);
  }
}
