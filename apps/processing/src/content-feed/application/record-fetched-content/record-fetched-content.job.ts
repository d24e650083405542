import { Injectable } from '@nestjs/common';
import { EventEnvelope } from '@mindhill/contracts';
import { EventStore, executeBound } from '@mindhill/persistence';
import { DomainError } from '@mindhill/domain';
import { ContentArrivals } from '../../infrastructure/content-arrivals';
import { CONTENT_FETCHED_TYPE, ContentFetchedFeed, contentFetchedFeedSchema } from '../../domain/content-fetched.schema';

export const CONTENT_FEED_CONSUMER = 'processing.contents';

const CLAIM = `INSERT INTO processed_message (consumer, event_id) SELECT ?::varchar, unnest(?::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id`;
const SOURCE_COLUMNS = `content_id uuid, content_number int, flux_id uuid, flux_number int, fetching_id int, name text, mime_type varchar, extension varchar,
  size_bytes bigint, sha256 char(64), encoding varchar, language varchar, storage_key text, fetched_at timestamptz`;
const SOURCE_NAMES = SOURCE_COLUMNS.split(',')
  .map((c) => c.trim().split(' ')[0])
  .join(', ');
const UPSERT_SOURCE = `INSERT INTO source_content (${SOURCE_NAMES})
  SELECT ${SOURCE_NAMES} FROM jsonb_to_recordset(?::jsonb) AS r(${SOURCE_COLUMNS})
  ON CONFLICT (content_id) DO UPDATE SET name = EXCLUDED.name, mime_type = EXCLUDED.mime_type, extension = EXCLUDED.extension,
    size_bytes = EXCLUDED.size_bytes, sha256 = EXCLUDED.sha256, encoding = EXCLUDED.encoding, language = EXCLUDED.language,
    storage_key = EXCLUDED.storage_key, fetched_at = GREATEST(source_content.fetched_at, EXCLUDED.fetched_at)`;
const INSERT_EXECUTION = `INSERT INTO execution_content (execution_id, content_id, fetching_id, stage_order, duplicate)
  SELECT execution_id, content_id, fetching_id, stage_order, duplicate
    FROM jsonb_to_recordset(?::jsonb) AS r(execution_id uuid, content_id uuid, fetching_id int, stage_order int, duplicate boolean)
  ON CONFLICT DO NOTHING`;

// Keeps the read model of fetched content: what the content is and where its bytes are, and
// which executions fetched it (the stage worker waits for the expected number). A whole Kafka
// batch goes in one transaction of three statements (inbox claims, content, execution links):
// one transaction per event made the next stage wait for thousands of commits.
@Injectable()
export class RecordFetchedContentJob {
  constructor(
    private readonly events: EventStore,
    private readonly arrivals: ContentArrivals,
  ) {}

  async executeBatch(batch: readonly EventEnvelope<unknown>[]): Promise<{ duplicates: number }> {
    const events = batch.filter((e) => e.type === CONTENT_FETCHED_TYPE);
    const parsed = new Map<string, ContentFetchedFeed>();
    for (const e of events) {
      const result = contentFetchedFeedSchema.safeParse(e.payload);
      // The whole batch fails; the consumer then retries event by event and dead-letters this one.
      if (!result.success) throw new DomainError('PROCESSING.INVALID_CONTENT_EVENT', result.error.message, 'invalid');
      parsed.set(e.eventId, result.data);
    }
    if (parsed.size === 0) return { duplicates: 0 };
    const result = await this.events.transact(async (tx) => {
      const claimed = await executeBound<{ event_id: string }>(tx.em, CLAIM, [CONTENT_FEED_CONSUMER, [...parsed.keys()]]);
      const mine = new Set(claimed.map((r) => r.event_id));
      // In event order; one row per content (a statement may not upsert a row twice), merged as
      // one upsert per event would leave it: identity and fetch of the first, the rest from the
      // last, the latest fetch time.
      const contents = new Map<string, ContentFetchedFeed>();
      const links: Record<string, unknown>[] = [];
      for (const e of events) {
        const c = parsed.get(e.eventId)!;
        if (!mine.delete(e.eventId)) continue;
        const first = contents.get(c.contentId);
        contents.set(
          c.contentId,
          first
            ? {
                ...c,
                contentNumber: first.contentNumber,
                fluxId: first.fluxId,
                fluxNumber: first.fluxNumber,
                fetchingId: first.fetchingId,
                fetchedAt: Date.parse(first.fetchedAt) > Date.parse(c.fetchedAt) ? first.fetchedAt : c.fetchedAt,
              }
            : c,
        );
        if (c.executionId) {
          links.push({
            execution_id: c.executionId,
            content_id: c.contentId,
            fetching_id: c.fetchingId ?? null,
            stage_order: c.stageOrder ?? null,
            duplicate: c.duplicate ?? false,
          });
        }
      }
      if (contents.size > 0) {
        await executeBound(tx.em, UPSERT_SOURCE, [
          JSON.stringify(
            [...contents.values()].map((c) => ({
              content_id: c.contentId,
              content_number: c.contentNumber ?? null,
              flux_id: c.fluxId,
              flux_number: c.fluxNumber ?? null,
              fetching_id: c.fetchingId ?? null,
              name: c.name,
              mime_type: c.mimeType ?? null,
              extension: c.extension ?? null,
              size_bytes: c.sizeBytes,
              sha256: c.sha256,
              encoding: c.encoding ?? null,
              language: c.language ?? null,
              storage_key: c.storageKey,
              fetched_at: c.fetchedAt,
            })),
          ),
        ]);
      }
      if (links.length > 0) await executeBound(tx.em, INSERT_EXECUTION, [JSON.stringify(links)]);
      return { duplicates: parsed.size - claimed.length };
    });
    // Committed: stage jobs waiting for these executions' content may look again now.
    this.arrivals.notify(new Set([...parsed.values()].flatMap((c) => (c.executionId ? [c.executionId] : []))));
    return result;
  }
}
