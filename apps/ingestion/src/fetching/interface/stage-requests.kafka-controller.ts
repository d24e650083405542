import { Controller } from '@nestjs/common';
import { executionFinished, executionStageRequested } from '@mindhill/contracts';
import { EventOf, OnEvent } from '@mindhill/messaging';
import { CancelStageJobsJob } from '../application/cancel-stage-jobs/cancel-stage-jobs.job';
import { RequestFetchingStageJob } from '../application/request-fetching-stage/request-fetching-stage.job';
import { FetchingWorkerLifecycle } from '../infrastructure/fetching-worker.lifecycle';

// Stage requests become durable jobs; a finished execution cancels what is still pending for it.
@Controller()
export class StageRequestsKafkaController {
  constructor(
    private readonly requestStage: RequestFetchingStageJob,
    private readonly cancelJobs: CancelStageJobsJob,
    private readonly worker: FetchingWorkerLifecycle,
  ) {}

  @OnEvent(executionStageRequested)
  async onStageRequested(event: EventOf<typeof executionStageRequested>): Promise<{ duplicates: number }> {
    const result = await this.requestStage.execute(event);
    this.worker.kick();
    return result;
  }

  @OnEvent(executionFinished)
  onExecutionFinished(event: EventOf<typeof executionFinished>): Promise<{ duplicates: number }> {
    return this.cancelJobs.execute(event);
  }
}
