import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { Actor, SYSTEM_ACTOR } from '@mindhill/contracts';

export type RequestContext = {
  correlationId: string;
  requestId?: string;
  causationId: string | null;
  actor: Actor;
};

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

// The context for work that did not come from a request (start-up, timers).
export function systemContext(): RequestContext {
  return { correlationId: randomUUID(), actor: SYSTEM_ACTOR, causationId: null };
}

// The context events of the request being served are appended with: its correlation id and
// actor (set by the gateway). Shaped as persistence's EventContext.
export function requestEventContext(): { correlationId: string; causationId: string | null; actor: Actor } {
  const ctx = currentContext() ?? systemContext();
  return { correlationId: ctx.correlationId, causationId: ctx.causationId ?? null, actor: ctx.actor };
}
