import { Injectable } from '@nestjs/common';
import { EventContext, EventStore, completeJob } from '@mindhill/persistence';
import { executionDecider } from '../../domain/execution.decider';
import { StageJob } from '../../infrastructure/execution-timers.store';
import { appendExecution, loadExecution } from '../../infrastructure/execution.store';

// Job: the backoff of a failed stage is over; its next attempt is requested unless something
// else happened meanwhile. The decision and the job's completion commit together.
@Injectable()
export class RetryStageJob {
  constructor(private readonly events: EventStore) {}

  async run(job: StageJob, jobId: string, context: EventContext): Promise<void> {
    await this.events.transact(async (tx) => {
      await completeJob(tx.em, jobId);
      const { version, state } = await loadExecution(tx, job.executionId, context.actor);
      const events = executionDecider.decide(state, {
        kind: 'retry-stage',
        stageOrder: job.stageOrder,
        attempt: job.attempt,
        now: new Date(),
      });
      await appendExecution(tx, state.id, version, events, context);
    });
  }
}
