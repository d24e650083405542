import { Injectable } from '@nestjs/common';
import { executionFinished } from '@mindhill/contracts';
import { EventOf } from '@mindhill/messaging';
import { cancelJobsOnce, EventStore } from '@mindhill/persistence';
import { STAGE_REQUESTS_CONSUMER } from '../request-fetching-stage/request-fetching-stage.job';

// Executions that ended badly need none of their pending fetching jobs any more: a batch's in
// one transaction.
@Injectable()
export class CancelStageJobsJob {
  constructor(private readonly events: EventStore) {}

  executeBatch(events: EventOf<typeof executionFinished>[]): Promise<{ duplicates: number }> {
    // A run that succeeded has nothing pending: no effect, so no transaction (most runs).
    const ended = events.filter((e) => e.payload.status !== 'Success');
    return cancelJobsOnce(this.events, STAGE_REQUESTS_CONSUMER, ended, (e) => `stage:${e.payload.executionId}:`);
  }
}
