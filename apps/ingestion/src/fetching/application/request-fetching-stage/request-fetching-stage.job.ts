import { Injectable } from '@nestjs/common';
import { executionStageRequested } from '@mindhill/contracts';
import { EventOf } from '@mindhill/messaging';
import { claimInbox, enqueueClaimedJob, enqueueJob, EventStore, Job, JobSlot } from '@mindhill/persistence';
import { FETCHING_JOB_KIND, FetchingJobPayload } from '../run-fetching-stage/run-fetching-stage.schema';

export const STAGE_REQUESTS_CONSUMER = 'ingestion.stage-requests';

// A stage request of type fetching becomes a durable job (never long work inside a Kafka
// handler); a redelivered request is absorbed by the inbox and by the job key. With an idle
// worker loop reserved (slot), the job is enqueued already claimed and handed to it after the
// commit: the stage starts without a NOTIFY, claim and look-up round trip.
@Injectable()
export class RequestFetchingStageJob {
  constructor(private readonly events: EventStore) {}

  async execute(event: EventOf<typeof executionStageRequested>, slot: JobSlot | null = null): Promise<{ duplicates: number }> {
    const request = event.payload;
    // Every other stage type is processing's: no effect here, so no transaction either.
    if (request.stageType !== 'fetching') return { duplicates: 0 };
    let claimed: Job | null = null;
    const result = await this.events.transact(async (tx) => {
      claimed = null;
      if (!(await claimInbox(tx.em, STAGE_REQUESTS_CONSUMER, event.eventId))) return { duplicates: 1 };
      const payload: FetchingJobPayload = { request, correlationId: event.correlationId, causationId: event.eventId };
      const job = { key: `stage:${request.executionId}:${request.stageOrder}:${request.attempt}`, kind: FETCHING_JOB_KIND, payload };
      if (slot) claimed = await enqueueClaimedJob(tx.em, job, slot.leaseMs);
      else await enqueueJob(tx.em, job);
      return { duplicates: 0 };
    });
    if (claimed) slot?.run(claimed);
    return result;
  }
}
