import { Inject, Injectable } from '@nestjs/common';
import { EventEnvelope, ingestionStage, processingStage } from '@mindhill/contracts';
import { backoffDelayMs } from '@mindhill/domain';
import { claimInboxMany, EventContext, EventStore, EventTransaction } from '@mindhill/persistence';
import { RETRY_POLICY, RetryPolicy } from '../../../workflows.settings';
import { executionDecider, StageOutcome } from '../../domain/execution.decider';
import { rounds } from '../../domain/outcome-rounds';
import { appendExecutions, ExecutionDecision, findExecutionStates } from '../../infrastructure/execution.store';

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
// batch at a time: claimed in the inbox with their effects, in the batch's order, so a second
// answer about one run sees what the first decided (rounds). An answer that is not about the attempt in
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
      // Once per event id, also when a redelivery repeats it within the batch.
      const fresh = answers.filter((e) => claimed.delete(e.eventId.toLowerCase()));
      for (const round of rounds(fresh)) await this.decideRound(tx, round);
      return answers.length - fresh.length;
    });
  }

  // Answers about distinct executions: their states in one read, their decisions' appends and
  // timers in one message (sent with the next round's read, or before the commit).
  private async decideRound(tx: EventTransaction, round: EventEnvelope<Record<string, unknown>>[]): Promise<void> {
    // The consumer validated each payload against its contract: one of the three stage shapes.
    const outcomes = round.map((event) => ({ event, outcome: { kind: KINDS[event.type], ...event.payload } as StageOutcome }));
    const states = await findExecutionStates(
      tx,
      outcomes.map((o) => o.outcome.executionId),
    );
    const now = new Date();
    const decisions: ExecutionDecision[] = outcomes.map(({ event, outcome }) => {
      const { version, state } = states.get(outcome.executionId.toLowerCase())!;
      const retryDelayMs = backoffDelayMs(outcome.attempt, this.retryPolicy);
      const context: EventContext = { correlationId: event.correlationId, causationId: event.eventId, actor: event.actor };
      const events = executionDecider.decide(state, { kind: 'record-outcome', outcome, retryDelayMs, now });
      return { executionId: outcome.executionId, version, events, context };
    });
    await appendExecutions(tx, decisions);
  }
}
