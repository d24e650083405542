import { Injectable } from '@nestjs/common';
import { EventEnvelope } from '@mindhill/contracts';
import { claimInbox, EventStore } from '@mindhill/persistence';
import { DomainError } from '@mindhill/platform';
import { contentFetchedFeedSchema } from '../../domain/content-fetched.schema';

export const CONTENT_FEED_CONSUMER = 'processing.contents';

// Keeps the read model of fetched content: what the content is and where its bytes are, and
// which executions fetched it (the stage worker waits for the expected number).
@Injectable()
export class RecordFetchedContentHandler {
  constructor(private readonly events: EventStore) {}

  async execute(event: EventEnvelope<unknown>): Promise<{ duplicates: number }> {
    const parsed = contentFetchedFeedSchema.safeParse(event.payload);
    if (!parsed.success) throw new DomainError('PROCESSING.INVALID_CONTENT_EVENT', parsed.error.message, 'invalid');
    const c = parsed.data;
    return this.events.transact(async (tx) => {
      if (!(await claimInbox(tx.em, CONTENT_FEED_CONSUMER, event.eventId))) return { duplicates: 1 };
      await tx.em.execute(
        `INSERT INTO source_content (content_id, content_number, flux_id, flux_number, fetching_id, name, mime_type, extension, size_bytes,
           sha256, encoding, language, storage_key, fetched_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (content_id) DO UPDATE SET name = EXCLUDED.name, mime_type = EXCLUDED.mime_type, extension = EXCLUDED.extension,
           size_bytes = EXCLUDED.size_bytes, sha256 = EXCLUDED.sha256, encoding = EXCLUDED.encoding, language = EXCLUDED.language,
           storage_key = EXCLUDED.storage_key, fetched_at = GREATEST(source_content.fetched_at, EXCLUDED.fetched_at)`,
        [c.contentId, c.contentNumber ?? null, c.fluxId, c.fluxNumber ?? null, c.fetchingId ?? null, c.name, c.mimeType ?? null,
          c.extension ?? null, c.sizeBytes, c.sha256, c.encoding ?? null, c.language ?? null, c.storageKey, c.fetchedAt],
        'run',
      );
      if (c.executionId) {
        await tx.em.execute(
          `INSERT INTO execution_content (execution_id, content_id, fetching_id, stage_order, duplicate) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT DO NOTHING`,
          [c.executionId, c.contentId, c.fetchingId ?? null, c.stageOrder ?? null, c.duplicate ?? false],
          'run',
        );
      }
      return { duplicates: 0 };
    });
  }
}
