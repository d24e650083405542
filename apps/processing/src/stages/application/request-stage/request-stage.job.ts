import { Injectable } from '@nestjs/common';
import { executionStageRequested, PROCESSING_STAGE_TYPES } from '@mindhill/contracts';
import { EventOf } from '@mindhill/messaging';
import { claimInbox, enqueueClaimedJob, enqueueJob, EventStore, Job, JobSlot } from '@mindhill/persistence';
import { STAGE_JOB_KIND, StageJobPayload, stageJobKey } from '../run-stage/run-stage.schema';

export const STAGE_REQUESTS_CONSUMER = 'processing.stage-requests';

// A stage request of a processing type becomes a durable job (the work outlives the handler);
// a redelivered request is absorbed by the inbox and by the job key. With an idle worker loop
// reserved (slot), the job is enqueued already claimed and handed to it after the commit.
@Injectable()
export class RequestStageJob {
  constructor(private readonly events: EventStore) {}

  async execute(event: EventOf<typeof executionStageRequested>, slot: JobSlot | null = null): Promise<{ duplicates: number }> {
    const request = event.payload;
    // Fetching stages are ingestion's.
    if (!PROCESSING_STAGE_TYPES.includes(request.stageType)) return { duplicates: 0 };
    let claimed: Job | null = null;
    const result = await this.events.transact(async (tx) => {
      claimed = null;
      if (!(await claimInbox(tx.em, STAGE_REQUESTS_CONSUMER, event.eventId))) return { duplicates: 1 };
      const payload: StageJobPayload = { request, correlationId: event.correlationId, causationId: event.eventId, actor: event.actor };
      const job = { key: stageJobKey(request), kind: STAGE_JOB_KIND, payload };
      if (slot) claimed = await enqueueClaimedJob(tx.em, job, slot.leaseMs);
      else await enqueueJob(tx.em, job);
      return { duplicates: 0 };
    });
    if (claimed) slot?.run(claimed);
    return result;
  }
}
