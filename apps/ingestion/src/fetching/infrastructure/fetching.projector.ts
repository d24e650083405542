import { EntityManager } from '@mikro-orm/postgresql';
import { contentFetched, EventEnvelope, fetchingRecorded, StoredPayload } from '@mindhill/contracts';
import { executeChunks, pgTextArray, Projector } from '@mindhill/persistence';

type Recorded = StoredPayload<typeof fetchingRecorded>;
type Fetched = StoredPayload<typeof contentFetched>;

const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

// fetching_history, fetched_contents and the fetch↔content links, from the fetching and
// content events only (timestamps included), so a replay rebuilds identical rows. Two projectors:
// the history row only writes, so its statements travel with the append's (writesOnly); the
// content rows are written set-based for many events at once. Listed in this order (fetch
// records first: the content rows reference them).
export const fetchingHistoryProjector: Projector = {
  name: 'fetching',
  handles: [fetchingRecorded.type],
  writesOnly: true,
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    const p = event.payload as Recorded;
    const seconds = Math.round((Date.parse(p.completedAt) - Date.parse(p.startedAt)) / 1000);
    await em.execute(
      `INSERT INTO fetching_history (id, uuid, fetching_id, flux_id, flux_ids, execution_id, stage_order, attempt, status, timestamp, started_at, completed_at,
         fetching_time_seconds, data_source_url, data_source_type, data_source_config, number_of_content, total_size_bytes, content_types, duplicates,
         throughput_mbps, requests_per_second, average_response_time_ms, error_message, error_count, retry_attempts, failed_items, fetching_config,
         headers_sent, headers_received, created_at, updated_at, workflow_id)
       VALUES (${new Array(33).fill('?').join(', ')})`,
      [
        p.fetchingId,
        p.fetchingUuid,
        p.fetchingId,
        p.fluxNumber,
        pgTextArray(p.fluxIds),
        p.executionId,
        p.stageOrder,
        p.attempt,
        p.status,
        p.startedAt,
        p.startedAt,
        p.completedAt,
        seconds,
        p.dataSourceUrl,
        p.dataSourceType,
        JSON.stringify(p.dataSourceConfig),
        p.numberOfContent,
        p.totalSizeBytes,
        JSON.stringify(p.contentTypes),
        p.duplicates,
        round2(p.throughputMbps),
        round2(p.requestsPerSecond),
        p.averageResponseTimeMs,
        p.errorMessage,
        p.errorCount,
        p.retryAttempts,
        JSON.stringify(p.failedItems),
        JSON.stringify(p.fetchingConfig),
        JSON.stringify(p.headersSent),
        JSON.stringify(p.headersReceived),
        event.occurredAt,
        event.occurredAt,
        p.workflowId ?? null,
      ],
      'run',
    );
    if (p.consumedDeliveryIds.length > 0) {
      await em.execute(
        `UPDATE webhook_deliveries SET consumed_by_fetching_id = ? WHERE uuid IN (${p.consumedDeliveryIds.map(() => '?').join(', ')}) AND consumed_by_fetching_id IS NULL`,
        [p.fetchingId, ...p.consumedDeliveryIds],
        'run',
      );
    }
  },
};

export const fetchedContentsProjector: Projector = {
  name: 'fetched-contents',
  handles: [contentFetched.type],
  project: (em: EntityManager, event: EventEnvelope<Record<string, unknown>>) => projectContents(em, [event]),
  projectMany: (em: EntityManager, events: EventEnvelope<Record<string, unknown>>[]) => projectContents(em, events),
};

const CONTENT_COLUMNS = `id int, uuid uuid, content_id int, fetching_id int, flux_id int, flux_uuid uuid, content_name varchar, content_type varchar,
  file_extension varchar, file_size_bytes bigint, mime_type varchar, encoding varchar, language varchar, storage_path text, storage_type varchar,
  storage_metadata jsonb, content_hash varchar, content_preview text, word_count int, fetched_at timestamptz, created_at timestamptz, updated_at timestamptz`;
const CONTENT_NAMES = CONTENT_COLUMNS.split(',')
  .map((c) => c.trim().split(' ')[0])
  .join(', ');
const INSERT_CONTENTS = `INSERT INTO fetched_contents (${CONTENT_NAMES}) SELECT ${CONTENT_NAMES} FROM jsonb_to_recordset(?::jsonb) AS r(${CONTENT_COLUMNS})`;
const INSERT_LINKS = `INSERT INTO fetching_contents (fetching_id, content_id, duplicate)
  SELECT fetching_id, content_id, duplicate FROM jsonb_to_recordset(?::jsonb) AS r(fetching_id int, content_id int, duplicate boolean)
  ON CONFLICT DO NOTHING`;

// fetched_contents (new content only) and fetching_contents (every item) for content events, in
// order, a chunk of rows per statement. The first link of a (fetch, content) pair wins, as with
// one insert per event.
async function projectContents(em: EntityManager, events: EventEnvelope<Record<string, unknown>>[]): Promise<void> {
  await executeChunks(em, events, 1000, (chunk) => {
    const fetched = chunk.map((e) => ({ event: e, p: e.payload as Fetched }));
    const fresh = fetched
      .filter(({ p }) => !p.duplicate)
      .map(({ event, p }) => ({
        id: p.contentNumber,
        uuid: p.contentId,
        content_id: p.contentNumber,
        fetching_id: p.fetchingId,
        flux_id: p.fluxNumber,
        flux_uuid: p.fluxId,
        content_name: p.name.slice(0, 500),
        content_type: p.mimeType,
        file_extension: p.extension,
        file_size_bytes: p.sizeBytes,
        mime_type: p.mimeType,
        encoding: p.encoding,
        language: p.language,
        storage_path: p.storageKey,
        storage_type: 'local',
        storage_metadata: { storageKey: p.storageKey },
        content_hash: p.sha256,
        content_preview: p.preview,
        word_count: p.wordCount,
        fetched_at: p.fetchedAt,
        created_at: event.occurredAt,
        updated_at: event.occurredAt,
      }));
    const links = fetched.map(({ p }) => ({ fetching_id: p.fetchingId, content_id: p.contentNumber, duplicate: p.duplicate }));
    return [
      ...(fresh.length > 0 ? [{ sql: INSERT_CONTENTS, params: [JSON.stringify(fresh)] }] : []),
      { sql: INSERT_LINKS, params: [JSON.stringify(links)] },
    ];
  });
}
