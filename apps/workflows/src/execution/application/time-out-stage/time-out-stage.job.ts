import { Injectable } from '@nestjs/common';
import { EventContext, EventStore, completeJob } from '@mindhill/persistence';
import { executionDecider } from '../../domain/execution.decider';
import { StageJob } from '../../infrastructure/execution-timers.store';
import { appendExecution, loadExecution } from '../../infrastructure/execution.store';

// Job: a stage attempt's deadline passed; if it is still the attempt in progress, the run ends.
// The decision and the job's completion commit together.
@Injectable()
export class TimeOutStageJob {
  constructor(private readonly events: EventStore) {}

  async run(job: StageJob, jobId: string, context: EventContext): Promise<void> {
    await this.events.transact(async (tx) => {
      await completeJob(tx.em, jobId);
      const { version, state } = await loadExecution(tx, job.executionId, context.actor);
      const events = executionDecider.decide(state, {
        kind: 'time-out-stage',
        stageOrder: job.stageOrder,
        attempt: job.attempt,
        now: new Date(),
      });
      await appendExecution(tx, state.id, version, events, context);
    });
  }
}
