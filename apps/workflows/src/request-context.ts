import { EventContext } from '@mindhill/persistence';
import { currentContext, systemContext } from '@mindhill/platform';

// The event context of the request being served: its correlation id and the actor.
export function requestEventContext(): EventContext {
  const ctx = currentContext() ?? systemContext();
  return { correlationId: ctx.correlationId, causationId: ctx.causationId ?? null, actor: ctx.actor };
}
