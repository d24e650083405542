import { PROJECTION_TABLES, ServiceProjections } from '@mindhill/persistence';
import { dataSourceProjector } from './data-sources/infrastructure/data-source.projector';
import { fetchedContentsProjector, fetchingHistoryProjector } from './fetching/infrastructure/fetching.projector';
import { contentsRemovedProjector } from './retention/infrastructure/contents-removed.projector';
import { webhookDeliveryProjector } from './webhooks/infrastructure/webhook-delivery.projector';

export const ingestionProjectors = [
  dataSourceProjector,
  webhookDeliveryProjector,
  fetchingHistoryProjector,
  fetchedContentsProjector,
  contentsRemovedProjector,
] as const;

// What a rebuild truncates and replays from stored_event.
export const ingestionProjections: ServiceProjections = {
  entities: [],
  tables: PROJECTION_TABLES.ingestion,
  projectors: ingestionProjectors,
  // Numbers are carried in the events; keep the sequences ahead of them after a replay.
  afterReplaySql: [
    `SELECT setval('data_sources_id_seq', GREATEST((SELECT max(id) FROM data_sources), 1))`,
    `SELECT setval('fetching_id_seq', GREATEST((SELECT max(fetching_id) FROM fetching_history), (SELECT last_value FROM fetching_id_seq), 1))`,
    `SELECT setval('content_id_seq', GREATEST((SELECT max(content_id) FROM fetched_contents), (SELECT last_value FROM content_id_seq), 1))`,
    `SELECT setval('webhook_delivery_seq', GREATEST((SELECT max(id) FROM webhook_deliveries), (SELECT last_value FROM webhook_delivery_seq), 1))`,
  ],
};
