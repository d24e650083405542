import { EventDefinition } from '../define-event';

// Events of the processing service (besides its stage outcomes, in stages/stage-outcome.events.ts).
export const PROCESSING_EVENTS: readonly EventDefinition[] = [];
