import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, executionFinished, executionStageRequested, PublicPayload, StageRequested } from '@mindhill/contracts';
import { cancelJobs, claimInbox, enqueueJob, EventStore } from '@mindhill/persistence';
import { FETCHING_JOB_KIND, FetchingJobPayload } from '../application/run-fetching-stage/run-fetching-stage.handler';
import { FetchingStageWorker } from '../application/run-fetching-stage/fetching-stage.worker';

export const STAGE_REQUESTS_CONSUMER = 'ingestion.stage-requests';

// Stage requests become durable jobs (never long work inside a Kafka handler); a finished
// execution cancels what is still pending for it.
@Controller()
export class StageRequestsKafkaController {
  constructor(
    private readonly events: EventStore,
    private readonly worker: FetchingStageWorker,
  ) {}

  @EventPattern(executionStageRequested.type)
  async onStageRequested(@Payload() event: EventEnvelope<StageRequested>): Promise<{ duplicates: number }> {
    const request = event.payload;
    const result = await this.events.transact(async (tx) => {
      if (!(await claimInbox(tx.em, STAGE_REQUESTS_CONSUMER, event.eventId))) return { duplicates: 1 };
      if (request.stageType !== 'fetching') return { duplicates: 0 };
      const payload: FetchingJobPayload = { request, correlationId: event.correlationId, causationId: event.eventId };
      await enqueueJob(tx.em, {
        key: `stage:${request.executionId}:${request.stageOrder}:${request.attempt}`,
        kind: FETCHING_JOB_KIND,
        payload: payload as unknown as Record<string, unknown>,
      });
      return { duplicates: 0 };
    });
    this.worker.kick();
    return result;
  }

  @EventPattern(executionFinished.type)
  async onExecutionFinished(@Payload() event: EventEnvelope<PublicPayload<typeof executionFinished>>): Promise<{ duplicates: number }> {
    return this.events.transact(async (tx) => {
      if (!(await claimInbox(tx.em, STAGE_REQUESTS_CONSUMER, event.eventId))) return { duplicates: 1 };
      if (['Cancelled', 'Timeout', 'Failed'].includes(event.payload.status)) await cancelJobs(tx.em, `stage:${event.payload.executionId}:`);
      return { duplicates: 0 };
    });
  }
}
