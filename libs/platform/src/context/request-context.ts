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
