import { Inject, Injectable } from '@nestjs/common';
import { completeJob, EventContext, EventStore, EventTransaction } from '@mindhill/persistence';
import { RUN_LIMIT, RunLimit } from '../../../workflows.settings';
import { executionDecider } from '../../domain/execution.decider';
import { runsToAdmit } from '../../domain/run-slots';
import { appendExecution, findExecutionState, lockRunSlots } from '../../infrastructure/execution.store';

// Job: a run ended, so a slot may be free: the runs waiting for one start, highest priority
// first and first come within a priority (runsToAdmit), as far as the limits of the moment allow.
// Also run by every start, in its transaction, so runs waiting behind a limit that was raised
// get their slot at the next start.
@Injectable()
export class AdmitWaitingRunsJob {
  constructor(
    private readonly events: EventStore,
    @Inject(RUN_LIMIT) private readonly runLimit: RunLimit,
  ) {}

  async run(jobId: string, context: EventContext): Promise<void> {
    await this.events.transact(async (tx) => {
      await completeJob(tx.em, jobId);
      await this.admitIn(tx, context);
    });
  }

  // Inside the caller's transaction, under the run-slot lock.
  async admitIn(tx: EventTransaction, context: EventContext): Promise<number> {
    const limits = { limit: this.runLimit.maxConcurrent, perUserLimit: this.runLimit.maxConcurrentPerUser };
    const admitted = runsToAdmit(await lockRunSlots(tx, limits));
    for (const run of admitted) {
      const { version, state } = await findExecutionState(tx, run.executionId);
      const events = executionDecider.decide(state, { kind: 'admit', now: new Date() });
      await appendExecution(tx, run.executionId, version, events, context);
    }
    return admitted.length;
  }
}
