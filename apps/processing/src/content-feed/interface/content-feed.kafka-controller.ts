import { Controller } from '@nestjs/common';
import { EventEnvelope } from '@mindhill/contracts';
import { OnEventBatch } from '@mindhill/messaging';
import { RecordFetchedContentJob } from '../application/record-fetched-content/record-fetched-content.job';

// Handlers of the `processing.contents` consumer group only.
export const CONTENT_FEED_TRANSPORT = Symbol('processing.contents');

// Whole batches of the content topic (a fetch of thousands of items arrives at once).
@Controller()
export class ContentFeedKafkaController {
  constructor(private readonly record: RecordFetchedContentJob) {}

  @OnEventBatch(CONTENT_FEED_TRANSPORT)
  on(events: EventEnvelope<Record<string, unknown>>[]): Promise<{ duplicates: number }> {
    return this.record.executeBatch(events);
  }
}
