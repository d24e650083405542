import { EventContext } from '@mindhill/persistence';
import { currentContext, systemContext } from '@mindhill/platform';

// The actor and correlation of the HTTP request being served (set by the gateway).
export function requestEventContext(): EventContext {
  const ctx = currentContext() ?? systemContext();
  return { correlationId: ctx.correlationId, causationId: null, actor: ctx.actor };
}
