import { PROJECTION_TABLES, ServiceProjections } from '@mindhill/persistence';
import { contentTextProjector } from './stages/infrastructure/content-text.projector';
import { processingHistoryProjector } from './stages/infrastructure/processing-history.projector';

// What `npm run rebuild -- processing` truncates and replays from stored_event. The read model
// of ingestion's content (source_content, execution_content) comes from another service's events
// and is not part of it.
export const processingProjections: ServiceProjections = {
  entities: [],
  tables: PROJECTION_TABLES.processing,
  projectors: [processingHistoryProjector, contentTextProjector],
  // Processing ids are carried in the events; keep the sequence ahead of them after a replay.
  afterReplaySql: [`SELECT setval('processing_id_seq', GREATEST((SELECT max(processing_id) FROM processing_history), 1))`],
};
