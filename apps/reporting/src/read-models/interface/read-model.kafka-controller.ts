import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@mindhill/contracts';
import { EVENT_BATCH_PATTERN } from '@mindhill/messaging';
import { RecordReadModelEventsHandler } from '../application/record-read-model-events/record-read-model-events.handler';

// Whole batches of the execution and content topics (a pipeline run publishes thousands of
// content events at once).
@Controller()
export class ReadModelKafkaController {
  constructor(private readonly record: RecordReadModelEventsHandler) {}

  @EventPattern(EVENT_BATCH_PATTERN)
  on(@Payload() events: EventEnvelope[]): Promise<{ duplicates: number }> {
    return this.record.executeBatch(events);
  }
}
