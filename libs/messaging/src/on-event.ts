import { EventPattern, Payload } from '@nestjs/microservices';
import { EventDefinition, EventEnvelope, PublicPayload } from '@mindhill/contracts';
import { EVENT_BATCH_PATTERN } from './kafka-event.transport';

// An event as a handler receives it: the consumer has already validated the payload against
// the definition's schema (EventConsumer), so the type below is what is really there.
export type EventOf<D extends EventDefinition> = EventEnvelope<PublicPayload<D>>;
type EventsOf<Ds extends readonly EventDefinition[]> = { [K in keyof Ds]: Ds[K] extends EventDefinition ? EventOf<Ds[K]> : never }[number];

type Handler<E> = (event: E) => unknown;
type HandlerDecorator<E> = <T extends Handler<E>>(target: object, key: string | symbol, descriptor: TypedPropertyDescriptor<T>) => void;

// Subscribes a method to one or more event types. The method must accept exactly the payload
// type of those events, so a handler cannot read a field its contract does not declare and no
// cast is needed. `transport` picks one of a service's consumers when it has several.
export function OnEvent<const Ds extends readonly EventDefinition[]>(definitions: Ds, transport?: symbol): HandlerDecorator<EventsOf<Ds>>;
export function OnEvent<D extends EventDefinition>(definition: D, transport?: symbol): HandlerDecorator<EventOf<D>>;
export function OnEvent(definitions: EventDefinition | readonly EventDefinition[], transport?: symbol): HandlerDecorator<never> {
  const types = ([] as EventDefinition[]).concat(definitions).map((d) => d.type);
  return (target, key, descriptor) => {
    EventPattern(types, transport)(target, key, descriptor);
    Payload()(target, key, 0);
  };
}

// Subscribes a method to whole batches of every event its consumer reads (the audit log and the
// read models, which write many events in one statement).
export function OnEventBatch(transport?: symbol): HandlerDecorator<EventEnvelope<Record<string, unknown>>[]> {
  return (target, key, descriptor) => {
    EventPattern(EVENT_BATCH_PATTERN, transport)(target, key, descriptor);
    Payload()(target, key, 0);
  };
}
