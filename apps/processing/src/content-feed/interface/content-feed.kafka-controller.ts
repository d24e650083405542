import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@mindhill/contracts';
import { EVENT_BATCH_PATTERN } from '@mindhill/messaging';
import { RecordFetchedContentHandler } from '../application/record-fetched-content/record-fetched-content.handler';

// Handlers of the `processing.contents` consumer group only.
export const CONTENT_FEED_TRANSPORT = Symbol('processing.contents');

// Whole batches of the content topic (a fetch of thousands of items arrives at once).
@Controller()
export class ContentFeedKafkaController {
  constructor(private readonly record: RecordFetchedContentHandler) {}

  @EventPattern(EVENT_BATCH_PATTERN, CONTENT_FEED_TRANSPORT)
  on(@Payload() events: EventEnvelope<unknown>[]): Promise<{ duplicates: number }> {
    return this.record.executeBatch(events);
  }
}
