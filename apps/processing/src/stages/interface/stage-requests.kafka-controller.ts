import { Controller } from '@nestjs/common';
import { executionFinished, executionStageRequested } from '@mindhill/contracts';
import { EventOf, OnEvent } from '@mindhill/messaging';
import { CancelStageJobsJob } from '../application/cancel-stage-jobs/cancel-stage-jobs.job';
import { RequestStageJob } from '../application/request-stage/request-stage.job';
import { StageWorkerLifecycle } from '../infrastructure/stage-worker.lifecycle';

// Handlers of the `processing.stage-requests` consumer group only.
export const STAGE_REQUESTS_TRANSPORT = Symbol('processing.stage-requests');

@Controller()
export class StageRequestsKafkaController {
  constructor(
    private readonly requestStage: RequestStageJob,
    private readonly cancelJobs: CancelStageJobsJob,
    private readonly worker: StageWorkerLifecycle,
  ) {}

  @OnEvent(executionStageRequested, STAGE_REQUESTS_TRANSPORT)
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

  @OnEvent(executionFinished, STAGE_REQUESTS_TRANSPORT)
  async onExecutionFinished(event: EventOf<typeof executionFinished>): Promise<{ duplicates: number }> {
    const { duplicates } = await this.cancelJobs.execute(event);
    return { duplicates };
  }
}
