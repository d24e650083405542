import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, executionFinished, executionStageRequested, StageRequested } from '@mindhill/contracts';
import { CancelExecutionHandler } from '../application/cancel-execution/cancel-execution.handler';
import { RequestStageHandler } from '../application/request-stage/request-stage.handler';
import { StageWorkerLifecycle } from '../infrastructure/stage-worker.lifecycle';

// Handlers of the `processing.stage-requests` consumer group only.
export const STAGE_REQUESTS_TRANSPORT = Symbol('processing.stage-requests');

@Controller()
export class StageRequestsKafkaController {
  constructor(
    private readonly requestStage: RequestStageHandler,
    private readonly cancelExecution: CancelExecutionHandler,
    private readonly worker: StageWorkerLifecycle,
  ) {}

  @EventPattern(executionStageRequested.type, STAGE_REQUESTS_TRANSPORT)
  onStageRequested(@Payload() event: EventEnvelope<StageRequested>): Promise<{ duplicates: number }> {
    return this.requestStage.execute(event, () => this.worker.kick());
  }

  @EventPattern(executionFinished.type, STAGE_REQUESTS_TRANSPORT)
  async onExecutionFinished(
    @Payload() event: EventEnvelope<{ executionId: string; status: 'Success' | 'Failed' | 'Cancelled' | 'Timeout' }>,
  ): Promise<{ duplicates: number }> {
    const { duplicates } = await this.cancelExecution.execute(event);
    return { duplicates };
  }
}
