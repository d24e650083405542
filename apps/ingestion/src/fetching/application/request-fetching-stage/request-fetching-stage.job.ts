import { Injectable } from '@nestjs/common';
import { executionStageRequested } from '@mindhill/contracts';
import { EventOf } from '@mindhill/messaging';
import { claimInbox, enqueueJob, EventStore } from '@mindhill/persistence';
import { FETCHING_JOB_KIND, FetchingJobPayload } from '../run-fetching-stage/run-fetching-stage.schema';

export const STAGE_REQUESTS_CONSUMER = 'ingestion.stage-requests';

// A stage request of type fetching becomes a durable job (never long work inside a Kafka
// handler); a redelivered request is absorbed by the inbox and by the job key.
@Injectable()
export class RequestFetchingStageJob {
  constructor(private readonly events: EventStore) {}

  async execute(event: EventOf<typeof executionStageRequested>): Promise<{ duplicates: number }> {
    const request = event.payload;
    // Every other stage type is processing's: no effect here, so no transaction either.
    if (request.stageType !== 'fetching') return { duplicates: 0 };
    return this.events.transact(async (tx) => {
      if (!(await claimInbox(tx.em, STAGE_REQUESTS_CONSUMER, event.eventId))) return { duplicates: 1 };
      const payload: FetchingJobPayload = { request, correlationId: event.correlationId, causationId: event.eventId };
      await enqueueJob(tx.em, {
        key: `stage:${request.executionId}:${request.stageOrder}:${request.attempt}`,
        kind: FETCHING_JOB_KIND,
        payload,
      });
      return { duplicates: 0 };
    });
  }
}
