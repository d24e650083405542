import { EventContext } from '@mindhill/persistence';
import { currentContext, systemContext } from '@mindhill/platform';

export function requestEventContext(): EventContext {
  const ctx = currentContext() ?? systemContext();
  return { correlationId: ctx.correlationId, causationId: null, actor: ctx.actor };
}
