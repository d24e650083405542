import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EventContext, EventStore, EventTransaction } from '@mindhill/persistence';
import { RUN_LIMIT, RunLimit } from '../../../workflows.settings';
import { executionDecider } from '../../domain/execution.decider';
import { assertMayStart } from '../../domain/execution-start';
import { runHolder } from '../../domain/run-slots';
import {
  appendExecution,
  countRunSlots,
  executionView,
  lockWorkflowToRun,
  nextExecutionNumbers,
} from '../../infrastructure/execution.store';
import { StartExecutionBody } from './start-execution.schema';

// Starts a run of a workflow: it is created, started and its first stage requested, with its
// deadlines planned, in one transaction. Answers with the run as it is then.
@Injectable()
export class StartExecutionHandler {
  constructor(
    private readonly events: EventStore,
    @Inject(RUN_LIMIT) private readonly runLimit: RunLimit,
  ) {}

  execute(workflowId: string, body: StartExecutionBody, context: EventContext) {
    return this.events.transact((tx) => this.startIn(tx, workflowId, body.triggeredBy, context));
  }

  // Inside the caller's transaction (a schedule's tick commits the run with its next tick).
  async startIn(tx: EventTransaction, workflowId: string, triggeredBy: 'manual' | 'api' | 'schedule', context: EventContext) {
    const by = context.actor;
    const workflow = await lockWorkflowToRun(tx.em, workflowId, by);
    const limits = { limit: this.runLimit.maxConcurrent, perUserLimit: this.runLimit.maxConcurrentPerUser };
    const facts = { by, workflow, runSlots: await countRunSlots(tx.em, runHolder(by, workflow), limits) };
    // Refusals come before numbering: a refused start takes no execution number.
    assertMayStart(facts);
    const numbers = await nextExecutionNumbers(tx.em, workflow.number);
    const executionId = randomUUID();
    const events = executionDecider.decide(null, { kind: 'start', ...facts, ...numbers, executionId, triggeredBy, now: new Date() });
    await appendExecution(tx, executionId, 0, events, context);
    return executionView(tx.em, executionId);
  }
}
