import { Controller } from '@nestjs/common';
import { ingestionStage, processingStage } from '@mindhill/contracts';
import { EventOf, OnEvent } from '@mindhill/messaging';
import { RecordStageOutcomeJob } from '../application/record-stage-outcome/record-stage-outcome.job';

// The workers' answers to stage requests (see libs/contracts/src/stages/stage-protocol.ts): the
// same three shapes from ingestion (fetching) and processing (every other stage type).
@Controller()
export class StageOutcomeKafkaController {
  constructor(private readonly recordStageOutcome: RecordStageOutcomeJob) {}

  @OnEvent([ingestionStage.progressed, processingStage.progressed])
  progressed(event: EventOf<typeof ingestionStage.progressed>) {
    return this.recordStageOutcome.run(event, { kind: 'progressed', ...event.payload });
  }

  @OnEvent([ingestionStage.completed, processingStage.completed])
  completed(event: EventOf<typeof ingestionStage.completed>) {
    return this.recordStageOutcome.run(event, { kind: 'completed', ...event.payload });
  }

  @OnEvent([ingestionStage.failed, processingStage.failed])
  failed(event: EventOf<typeof ingestionStage.failed>) {
    return this.recordStageOutcome.run(event, { kind: 'failed', ...event.payload });
  }
}
