import { Injectable } from '@nestjs/common';
import { EventContext, EventStore, completeJob } from '@mindhill/persistence';
import { executionDecider } from '../../domain/execution.decider';
import { appendExecution, loadExecution } from '../../infrastructure/execution.store';

// Job: the whole run's deadline (timeout_minutes) passed; a run still going ends. The decision
// and the job's completion commit together.
@Injectable()
export class TimeOutRunJob {
  constructor(private readonly events: EventStore) {}

  async run(job: { executionId: string }, jobId: string, context: EventContext): Promise<void> {
    await this.events.transact(async (tx) => {
      await completeJob(tx.em, jobId);
      const { version, state } = await loadExecution(tx, job.executionId, context.actor);
      const events = executionDecider.decide(state, { kind: 'time-out-run', now: new Date() });
      await appendExecution(tx, state.id, version, events, context);
    });
  }
}
