import { EntityManager } from '@mikro-orm/postgresql';
import { contentFetched, EventEnvelope, fetchingRecorded, StoredPayload } from '@mindhill/contracts';
import { pgTextArray, Projector } from '@mindhill/persistence';

type Recorded = StoredPayload<typeof fetchingRecorded>;
type Fetched = StoredPayload<typeof contentFetched>;

const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

// fetching_history, fetched_contents and the fetch↔content links, from the fetching and
// content events only (timestamps included), so a replay rebuilds identical rows.
export const fetchingProjector: Projector = {
  name: 'fetching',
  handles: [fetchingRecorded.type, contentFetched.type],
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    if (event.type === fetchingRecorded.type) {
      const p = event.payload as Recorded;
      const seconds = Math.round((Date.parse(p.completedAt) - Date.parse(p.startedAt)) / 1000);
      await em.execute(
        `INSERT INTO fetching_history (id, uuid, fetching_id, flux_id, flux_ids, execution_id, stage_order, attempt, status, timestamp, started_at, completed_at,
           fetching_time_seconds, data_source_url, data_source_type, data_source_config, number_of_content, total_size_bytes, content_types, duplicates,
           throughput_mbps, requests_per_second, average_response_time_ms, error_message, error_count, retry_attempts, failed_items, fetching_config,
           headers_sent, headers_received, created_at, updated_at)
         VALUES (${new Array(32).fill('?').join(', ')})`,
        [p.fetchingId, p.fetchingUuid, p.fetchingId, p.fluxNumber, pgTextArray(p.fluxIds), p.executionId, p.stageOrder, p.attempt, p.status,
          p.startedAt, p.startedAt, p.completedAt, seconds, p.dataSourceUrl, p.dataSourceType, JSON.stringify(p.dataSourceConfig), p.numberOfContent,
          p.totalSizeBytes, JSON.stringify(p.contentTypes), p.duplicates, round2(p.throughputMbps), round2(p.requestsPerSecond), p.averageResponseTimeMs,
          p.errorMessage, p.errorCount, p.retryAttempts, JSON.stringify(p.failedItems), JSON.stringify(p.fetchingConfig), JSON.stringify(p.headersSent),
          JSON.stringify(p.headersReceived), event.occurredAt, event.occurredAt],
        'run',
      );
      if (p.consumedDeliveryIds.length > 0) {
        await em.execute(
          `UPDATE webhook_deliveries SET consumed_by_fetching_id = ? WHERE uuid IN (${p.consumedDeliveryIds.map(() => '?').join(', ')}) AND consumed_by_fetching_id IS NULL`,
          [p.fetchingId, ...p.consumedDeliveryIds],
          'run',
        );
      }
      return;
    }
    const p = event.payload as Fetched;
    if (!p.duplicate) {
      await em.execute(
        `INSERT INTO fetched_contents (id, uuid, content_id, fetching_id, flux_id, flux_uuid, content_name, content_type, file_extension, file_size_bytes,
           mime_type, encoding, language, storage_path, storage_type, storage_metadata, content_hash, content_preview, word_count, fetched_at, created_at, updated_at)
         VALUES (${new Array(22).fill('?').join(', ')})`,
        [p.contentNumber, p.contentId, p.contentNumber, p.fetchingId, p.fluxNumber, p.fluxId, p.name.slice(0, 500), p.mimeType, p.extension, p.sizeBytes,
          p.mimeType, p.encoding, p.language, p.storageKey, 'local', JSON.stringify({ storageKey: p.storageKey }), p.sha256, p.preview, p.wordCount,
          p.fetchedAt, event.occurredAt, event.occurredAt],
        'run',
      );
    }
    await em.execute(
      'INSERT INTO fetching_contents (fetching_id, content_id, duplicate) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      [p.fetchingId, p.contentNumber, p.duplicate],
      'run',
    );
  },
};
