import { EventDefinition } from '../define-event';

// Events of the reporting service (besides its stage outcomes, in stages/stage-outcome.events.ts).
export const REPORTING_EVENTS: readonly EventDefinition[] = [];
