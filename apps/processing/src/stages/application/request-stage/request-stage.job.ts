import { Injectable } from '@nestjs/common';
import { executionStageRequested, PROCESSING_STAGE_TYPES } from '@mindhill/contracts';
import { EventOf } from '@mindhill/messaging';
import { EventStore, intakeJobs, JobIntakeWorker } from '@mindhill/persistence';
import { STAGE_JOB_KIND, StageJobPayload, stageJobKey } from '../run-stage/run-stage.schema';

export const STAGE_REQUESTS_CONSUMER = 'processing.stage-requests';

// Stage requests of a processing type become durable jobs (the work outlives the handler), a
// batch in one transaction (intakeJobs: inbox, job key, hand-over to idle loops).
@Injectable()
export class RequestStageJob {
  constructor(private readonly events: EventStore) {}

  executeBatch(events: EventOf<typeof executionStageRequested>[], worker: JobIntakeWorker): Promise<{ duplicates: number }> {
    // Fetching stages are ingestion's.
    const requests = events.filter((e) => PROCESSING_STAGE_TYPES.includes(e.payload.stageType));
    return intakeJobs(
      this.events,
      STAGE_REQUESTS_CONSUMER,
      requests,
      (event) => {
        const request = event.payload;
        const payload: StageJobPayload = { request, correlationId: event.correlationId, causationId: event.eventId, actor: event.actor };
        return { key: stageJobKey(request), kind: STAGE_JOB_KIND, payload };
      },
      worker,
    );
  }
}
