import { Controller } from '@nestjs/common';
import { EventEnvelope, executionFinished, executionStageRequested } from '@mindhill/contracts';
import { EventOf, OnEventBatch } from '@mindhill/messaging';
import { CancelStageJobsJob } from '../application/cancel-stage-jobs/cancel-stage-jobs.job';
import { RequestFetchingStageJob } from '../application/request-fetching-stage/request-fetching-stage.job';
import { FetchingWorkerLifecycle } from '../infrastructure/fetching-worker.lifecycle';

// The types this group acts on (the rest of the execution topic is passed over undecoded).
export const STAGE_REQUEST_TYPES: ReadonlySet<string> = new Set([executionStageRequested.type, executionFinished.type]);

// Stage requests become durable jobs; a finished execution cancels what is still pending for it.
// A whole Kafka batch at a time: under load, one transaction for many requests.
@Controller()
export class StageRequestsKafkaController {
  constructor(
    private readonly requestStage: RequestFetchingStageJob,
    private readonly cancelJobs: CancelStageJobsJob,
    private readonly worker: FetchingWorkerLifecycle,
  ) {}

  // Requests first, then ends: a run's end in the same batch cancels its job, as when one by one.
  @OnEventBatch()
  async on(events: EventEnvelope<Record<string, unknown>>[]): Promise<{ duplicates: number }> {
    // The consumer validated each payload against its type's contract.
    const requests = events.filter((e) => e.type === executionStageRequested.type) as EventOf<typeof executionStageRequested>[];
    const ends = events.filter((e) => e.type === executionFinished.type) as EventOf<typeof executionFinished>[];
    const requested = await this.requestStage.executeBatch(requests, this.worker);
    const cancelled = await this.cancelJobs.executeBatch(ends);
    return { duplicates: requested.duplicates + cancelled.duplicates };
  }
}
