import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@mindhill/contracts';
import { RecordFetchedContentHandler } from '../application/record-fetched-content/record-fetched-content.handler';
import { CONTENT_FETCHED_TYPE } from '../domain/content-fetched.schema';

// Handlers of the `processing.contents` consumer group only.
export const CONTENT_FEED_TRANSPORT = Symbol('processing.contents');

@Controller()
export class ContentFeedKafkaController {
  constructor(private readonly record: RecordFetchedContentHandler) {}

  @EventPattern(CONTENT_FETCHED_TYPE, CONTENT_FEED_TRANSPORT)
  on(@Payload() event: EventEnvelope<unknown>): Promise<{ duplicates: number }> {
    return this.record.execute(event);
  }
}
