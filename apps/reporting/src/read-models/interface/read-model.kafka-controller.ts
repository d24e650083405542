import { Controller } from '@nestjs/common';
import { EventEnvelope } from '@mindhill/contracts';
import { OnEventBatch } from '@mindhill/messaging';
import { RecordReadModelEventsJob } from '../application/record-read-model-events/record-read-model-events.job';

// Handlers of the `reporting.read-models` consumer group only (the service has two).
export const READ_MODELS_TRANSPORT = Symbol('reporting.read-models');

// Whole batches of the execution and content topics (a pipeline run publishes thousands of
// content events at once).
@Controller()
export class ReadModelKafkaController {
  constructor(private readonly recordReadModelEvents: RecordReadModelEventsJob) {}

  @OnEventBatch(READ_MODELS_TRANSPORT)
  on(events: EventEnvelope<Record<string, unknown>>[]): Promise<{ duplicates: number }> {
    return this.recordReadModelEvents.executeBatch(events);
  }
}
