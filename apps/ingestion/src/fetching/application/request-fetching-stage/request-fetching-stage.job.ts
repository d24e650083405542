import { Injectable } from '@nestjs/common';
import { executionStageRequested } from '@mindhill/contracts';
import { EventOf } from '@mindhill/messaging';
import { EventStore, intakeJobs, JobIntakeWorker } from '@mindhill/persistence';
import { FETCHING_JOB_KIND, FetchingJobPayload } from '../run-fetching-stage/run-fetching-stage.schema';

export const STAGE_REQUESTS_CONSUMER = 'ingestion.stage-requests';

// Stage requests of type fetching become durable jobs (never long work inside a Kafka handler),
// a batch in one transaction (intakeJobs: inbox, job key, hand-over to idle loops).
@Injectable()
export class RequestFetchingStageJob {
  constructor(private readonly events: EventStore) {}

  executeBatch(events: EventOf<typeof executionStageRequested>[], worker: JobIntakeWorker): Promise<{ duplicates: number }> {
    // Every other stage type is processing's: no effect here, so no transaction either.
    const requests = events.filter((e) => e.payload.stageType === 'fetching');
    return intakeJobs(
      this.events,
      STAGE_REQUESTS_CONSUMER,
      requests,
      (event) => {
        const request = event.payload;
        const payload: FetchingJobPayload = { request, correlationId: event.correlationId, causationId: event.eventId };
        return { key: `stage:${request.executionId}:${request.stageOrder}:${request.attempt}`, kind: FETCHING_JOB_KIND, payload };
      },
      worker,
    );
  }
}
