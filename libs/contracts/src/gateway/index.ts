import { EventDefinition } from '../define-event';
import { accessDenied, rateLimited } from './security.events';

export * from './security.events';

export const GATEWAY_EVENTS: readonly EventDefinition[] = [accessDenied, rateLimited];
