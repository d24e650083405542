import { Injectable } from '@nestjs/common';
import { executionFinished } from '@mindhill/contracts';
import { EventOf } from '@mindhill/messaging';
import { cancelJobsLater, claimInboxMany, EventStore } from '@mindhill/persistence';
import { STAGE_REQUESTS_CONSUMER } from '../request-stage/request-stage.job';

// Executions that ended badly need none of their pending stage jobs any more: a batch's in one
// transaction.
@Injectable()
export class CancelStageJobsJob {
  constructor(private readonly events: EventStore) {}

  async executeBatch(events: EventOf<typeof executionFinished>[]): Promise<{ duplicates: number }> {
    // A run that succeeded has nothing pending: no effect, so no transaction (most runs).
    const ended = events.filter((e) => e.payload.status !== 'Success');
    if (ended.length === 0) return { duplicates: 0 };
    return this.events.transact(async (tx) => {
      const fresh = await claimInboxMany(
        tx.em,
        `${STAGE_REQUESTS_CONSUMER}.finished`,
        ended.map((e) => e.eventId),
      );
      const cancel = ended.filter((e) => fresh.delete(e.eventId.toLowerCase()));
      cancelJobsLater(
        tx,
        cancel.map((e) => `stage:${e.payload.executionId}:`),
      );
      return { duplicates: ended.length - cancel.length };
    });
  }
}
