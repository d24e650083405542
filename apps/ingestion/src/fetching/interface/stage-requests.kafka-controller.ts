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
    const slot = this.worker.reserveSlot();
    try {
      return await this.requestStage.execute(event, slot);
    } finally {
      slot?.release();
      // Without a free loop the job waits in the queue; a kick makes the next free loop look.
      if (!slot) this.worker.kick();
    }
  }

  @OnEvent(executionFinished)
  onExecutionFinished(event: EventOf<typeof executionFinished>): Promise<{ duplicates: number }> {
    return this.cancelJobs.execute(event);
  }
}
