import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, ingestionStage, processingStage } from '@mindhill/contracts';
import { ExecutionCommands } from '../application/execution.commands';

// The workers' answers to stage requests (see libs/contracts/src/stages/stage-protocol.ts).
@Controller()
export class StageOutcomeKafkaController {
  constructor(private readonly commands: ExecutionCommands) {}

  @EventPattern(ingestionStage.progressed.type)
  ingestionProgressed(@Payload() event: EventEnvelope<Record<string, unknown>>) {
    return this.commands.onStageOutcome(event);
  }

  @EventPattern(ingestionStage.completed.type)
  ingestionCompleted(@Payload() event: EventEnvelope<Record<string, unknown>>) {
    return this.commands.onStageOutcome(event);
  }

  @EventPattern(ingestionStage.failed.type)
  ingestionFailed(@Payload() event: EventEnvelope<Record<string, unknown>>) {
    return this.commands.onStageOutcome(event);
  }

  @EventPattern(processingStage.progressed.type)
  processingProgressed(@Payload() event: EventEnvelope<Record<string, unknown>>) {
    return this.commands.onStageOutcome(event);
  }

  @EventPattern(processingStage.completed.type)
  processingCompleted(@Payload() event: EventEnvelope<Record<string, unknown>>) {
    return this.commands.onStageOutcome(event);
  }

  @EventPattern(processingStage.failed.type)
  processingFailed(@Payload() event: EventEnvelope<Record<string, unknown>>) {
    return this.commands.onStageOutcome(event);
  }
}
