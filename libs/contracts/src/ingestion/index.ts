import { EventDefinition } from '../define-event';
import { contentFetched } from './content.events';
import { dataSourceArchived, dataSourceCreated, dataSourceUpdated } from './data-source.events';
import { fetchingRecorded } from './fetching.events';
import { contentsRemoved, ingestionRetentionApplied } from './retention.events';
import { webhookReceived } from './webhook.events';

export * from './data-source.events';
export * from './webhook.events';
export * from './content.events';
export * from './fetching.events';
export * from './retention.events';

// Events of the ingestion service (besides its stage outcomes, in stages/stage-outcome.events.ts).
export const INGESTION_EVENTS: readonly EventDefinition[] = [
  dataSourceCreated,
  dataSourceUpdated,
  dataSourceArchived,
  webhookReceived,
  fetchingRecorded,
  contentFetched,
  contentsRemoved,
  ingestionRetentionApplied,
];
