import { EventDefinition } from '../define-event';

// Events of the ingestion service (besides its stage outcomes, in stages/stage-outcome.events.ts).
export const INGESTION_EVENTS: readonly EventDefinition[] = [];
