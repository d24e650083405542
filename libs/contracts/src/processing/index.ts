import { EventDefinition } from '../define-event';
import { contentProcessed } from './content.events';
import { historyRecorded } from './history.events';
import { processingRetentionApplied } from './retention.events';

export * from './content.events';
export * from './history.events';
export * from './retention.events';

// Events of the processing service (besides its stage outcomes, in stages/stage-outcome.events.ts).
export const PROCESSING_EVENTS: readonly EventDefinition[] = [contentProcessed, historyRecorded, processingRetentionApplied];
