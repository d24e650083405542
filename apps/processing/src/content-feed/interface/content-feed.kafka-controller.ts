import { Controller } from '@nestjs/common';
import { EventEnvelope } from '@mindhill/contracts';
import { OnEventBatch } from '@mindhill/messaging';
import { ForgetRemovedContentsJob } from '../application/forget-removed-contents/forget-removed-contents.job';
import { RecordFetchedContentJob } from '../application/record-fetched-content/record-fetched-content.job';

// Handlers of the `processing.contents` consumer group only.
export const CONTENT_FEED_TRANSPORT = Symbol('processing.contents');

// Whole batches of the content topic (a fetch of thousands of items arrives at once).
@Controller()
export class ContentFeedKafkaController {
  constructor(
    private readonly record: RecordFetchedContentJob,
    private readonly forget: ForgetRemovedContentsJob,
  ) {}

  // Fetched contents first, then removals (a batch holds a content's removal only long after
  // its fetch: retention removes old contents).
  @OnEventBatch(CONTENT_FEED_TRANSPORT)
  async on(events: EventEnvelope<Record<string, unknown>>[]): Promise<{ duplicates: number }> {
    const recorded = await this.record.executeBatch(events);
    await this.forget.executeBatch(events);
    return recorded;
  }
}
