import { Controller } from '@nestjs/common';
import { EventEnvelope, executionFinished, executionStageRequested } from '@mindhill/contracts';
import { EventOf, OnEventBatch } from '@mindhill/messaging';
import { CancelStageJobsJob } from '../application/cancel-stage-jobs/cancel-stage-jobs.job';
import { RequestStageJob } from '../application/request-stage/request-stage.job';
import { StageWorkerLifecycle } from '../infrastructure/stage-worker.lifecycle';

// Handlers of the `processing.stage-requests` consumer group only.
export const STAGE_REQUESTS_TRANSPORT = Symbol('processing.stage-requests');
// The types this group acts on (the rest of the execution topic is passed over undecoded).
export const STAGE_REQUEST_TYPES: ReadonlySet<string> = new Set([executionStageRequested.type, executionFinished.type]);

// A whole Kafka batch at a time: under load, one transaction for many requests.
@Controller()
export class StageRequestsKafkaController {
  constructor(
    private readonly requestStage: RequestStageJob,
    private readonly cancelJobs: CancelStageJobsJob,
    private readonly worker: StageWorkerLifecycle,
  ) {}

  // Requests first, then ends: a run's end in the same batch cancels its job, as when one by one.
  @OnEventBatch(STAGE_REQUESTS_TRANSPORT)
  async on(events: EventEnvelope<Record<string, unknown>>[]): Promise<{ duplicates: number }> {
    // The consumer validated each payload against its type's contract.
    const requests = events.filter((e) => e.type === executionStageRequested.type) as EventOf<typeof executionStageRequested>[];
    const ends = events.filter((e) => e.type === executionFinished.type) as EventOf<typeof executionFinished>[];
    const requested = await this.requestStage.executeBatch(requests, this.worker);
    const cancelled = await this.cancelJobs.executeBatch(ends);
    return { duplicates: requested.duplicates + cancelled.duplicates };
  }
}
