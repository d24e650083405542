import { Injectable } from '@nestjs/common';
import { executionFinished } from '@mindhill/contracts';
import { EventOf } from '@mindhill/messaging';
import { cancelJobs, claimInbox, EventStore } from '@mindhill/persistence';
import { STAGE_REQUESTS_CONSUMER } from '../request-fetching-stage/request-fetching-stage.job';

// An execution that ended badly needs none of its pending fetching jobs any more.
@Injectable()
export class CancelStageJobsJob {
  constructor(private readonly events: EventStore) {}

  execute(event: EventOf<typeof executionFinished>): Promise<{ duplicates: number }> {
    return this.events.transact(async (tx) => {
      if (!(await claimInbox(tx.em, STAGE_REQUESTS_CONSUMER, event.eventId))) return { duplicates: 1 };
      if (['Cancelled', 'Timeout', 'Failed'].includes(event.payload.status)) await cancelJobs(tx.em, `stage:${event.payload.executionId}:`);
      return { duplicates: 0 };
    });
  }
}
