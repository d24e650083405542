import { Inject, Injectable } from '@nestjs/common';
import { EventEnvelope, ingestionStage, processingStage } from '@mindhill/contracts';
import { backoffDelayMs } from '@mindhill/domain';
import { claimInboxMany, EventContext, EventStore } from '@mindhill/persistence';
import { RETRY_POLICY, RetryPolicy } from '../../../workflows.settings';
import { executionDecider, StageOutcome } from '../../domain/execution.decider';
import { appendExecution, findExecutionState } from '../../infrastructure/execution.store';

export const STAGE_OUTCOME_CONSUMER = 'workflows.stage-outcomes';
// Outcomes decided in one transaction at most: a burst's batch amortises the transaction and the
// inbox claim, without holding the run-slot lock (taken by a run's end) for long.
const OUTCOMES_PER_TRANSACTION = 50;

const KINDS: Record<string, StageOutcome['kind']> = {
  [ingestionStage.progressed.type]: 'progressed',
  [processingStage.progressed.type]: 'progressed',
  [ingestionStage.completed.type]: 'completed',
  [processingStage.completed.type]: 'completed',
  [ingestionStage.failed.type]: 'failed',
  [processingStage.failed.type]: 'failed',
};

// The workers' answers to stage requests (libs/contracts/src/stages/stage-protocol.ts), a Kafka
// batch at a time: each claimed in the inbox with its effect, in the batch's order, so a second
// answer about one run sees what the first decided. An answer that is not about the attempt in
// progress (a late answer after a retry, a cancel or a timeout) is recorded in the inbox and
// otherwise ignored.
@Injectable()
export class RecordStageOutcomeJob {
  constructor(
    private readonly events: EventStore,
    @Inject(RETRY_POLICY) private readonly retryPolicy: RetryPolicy,
  ) {}

  async runBatch(events: EventEnvelope<Record<string, unknown>>[]): Promise<{ duplicates: number }> {
    const answers = events.filter((e) => KINDS[e.type] !== undefined);
    let duplicates = 0;
    for (let i = 0; i < answers.length; i += OUTCOMES_PER_TRANSACTION) {
      duplicates += await this.decide(answers.slice(i, i + OUTCOMES_PER_TRANSACTION));
    }
    return { duplicates };
  }

  private decide(answers: EventEnvelope<Record<string, unknown>>[]): Promise<number> {
    return this.events.transact(async (tx) => {
      const claimed = await claimInboxMany(
        tx.em,
        STAGE_OUTCOME_CONSUMER,
        answers.map((e) => e.eventId),
      );
      let applied = 0;
      for (const event of answers) {
        // Once per event id, also when a redelivery repeats it within the batch.
        if (!claimed.delete(event.eventId.toLowerCase())) continue;
        applied++;
        // The consumer validated the payload against its contract: one of the three stage shapes.
        const outcome = { kind: KINDS[event.type], ...event.payload } as StageOutcome;
        const context: EventContext = { correlationId: event.correlationId, causationId: event.eventId, actor: event.actor };
        const { version, state } = await findExecutionState(tx, outcome.executionId);
        const retryDelayMs = backoffDelayMs(outcome.attempt, this.retryPolicy);
        const decided = executionDecider.decide(state, { kind: 'record-outcome', outcome, retryDelayMs, now: new Date() });
        await appendExecution(tx, outcome.executionId, version, decided, context);
      }
      return answers.length - applied;
    });
  }
}
