import { Controller } from '@nestjs/common';
import { EventEnvelope } from '@mindhill/contracts';
import { OnEventBatch } from '@mindhill/messaging';
import { STAGE_OUTCOMES_TRANSPORT } from '../../workflows.transports';
import { RecordStageOutcomeJob } from '../application/record-stage-outcome/record-stage-outcome.job';

// The workers' answers to stage requests (see libs/contracts/src/stages/stage-protocol.ts): the
// same three shapes from ingestion (fetching) and processing (every other stage type), read a
// Kafka batch at a time from both workers' stage topics (workflows.service.ts).
@Controller()
export class StageOutcomeKafkaController {
  constructor(private readonly recordStageOutcome: RecordStageOutcomeJob) {}

  @OnEventBatch(STAGE_OUTCOMES_TRANSPORT)
  outcomes(events: EventEnvelope<Record<string, unknown>>[]) {
    return this.recordStageOutcome.runBatch(events);
  }
}
