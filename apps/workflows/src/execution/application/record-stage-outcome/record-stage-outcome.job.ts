import { Inject, Injectable } from '@nestjs/common';
import { EventEnvelope } from '@mindhill/contracts';
import { backoffDelayMs } from '@mindhill/domain';
import { claimInbox, EventContext, EventStore } from '@mindhill/persistence';
import { RETRY_POLICY, RetryPolicy } from '../../../workflows.settings';
import { executionDecider, StageOutcome } from '../../domain/execution.decider';
import { appendExecution, findExecutionState } from '../../infrastructure/execution.store';

export const STAGE_OUTCOME_CONSUMER = 'workflows.stage-outcomes';

// A worker's answer to a stage request (libs/contracts/src/stages/stage-protocol.ts), claimed in
// the inbox with its effect. An answer that is not about the attempt in progress (a late answer
// after a retry, a cancel or a timeout) is recorded in the inbox and otherwise ignored.
@Injectable()
export class RecordStageOutcomeJob {
  constructor(
    private readonly events: EventStore,
    @Inject(RETRY_POLICY) private readonly retryPolicy: RetryPolicy,
  ) {}

  run(event: Omit<EventEnvelope, 'payload'>, outcome: StageOutcome): Promise<{ duplicates: number }> {
    const context: EventContext = { correlationId: event.correlationId, causationId: event.eventId, actor: event.actor };
    return this.events.transact(async (tx) => {
      if (!(await claimInbox(tx.em, STAGE_OUTCOME_CONSUMER, event.eventId))) return { duplicates: 1 };
      const { version, state } = await findExecutionState(tx, outcome.executionId);
      const retryDelayMs = backoffDelayMs(outcome.attempt, this.retryPolicy);
      const events = executionDecider.decide(state, { kind: 'record-outcome', outcome, retryDelayMs, now: new Date() });
      await appendExecution(tx, outcome.executionId, version, events, context);
      return { duplicates: 0 };
    });
  }
}
