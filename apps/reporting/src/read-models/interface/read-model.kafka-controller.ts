import { Controller } from '@nestjs/common';
import { EventEnvelope } from '@mindhill/contracts';
import { OnEventBatch } from '@mindhill/messaging';
import { RecordReadModelEventsJob } from '../application/record-read-model-events/record-read-model-events.job';

// Whole batches of the execution and content topics (a pipeline run publishes thousands of
// content events at once).
@Controller()
export class ReadModelKafkaController {
  constructor(private readonly recordReadModelEvents: RecordReadModelEventsJob) {}

  @OnEventBatch()
  on(events: EventEnvelope<Record<string, unknown>>[]): Promise<{ duplicates: number }> {
    return this.recordReadModelEvents.executeBatch(events);
  }
}
