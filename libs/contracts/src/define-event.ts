import { z } from 'zod';

export type AuditSeverity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export type AuditCategory = 'auth' | 'workflow' | 'data' | 'admin' | 'security' | 'report' | 'system';

// How the audit service describes an event. Declared with the contract so a new event type
// cannot ship without saying how it is audited.
export type AuditDescriptor<P> = {
  category: AuditCategory;
  action: string;
  resourceType: string;
  severity: AuditSeverity;
  riskLevel?: 'low' | 'medium' | 'high' | 'critical';
  resourceName?: (payload: P) => string | null;
  oldValues?: (payload: P) => Record<string, unknown> | null;
  newValues?: (payload: P) => Record<string, unknown> | null;
  responseStatus?: number;
  // Top-level payload fields that carry content or values derived from it (previews, texts,
  // summaries, keywords, computed outputs). Audit rows are kept for years and readable by
  // admins: they get ids, hashes, sizes, types and counts, never these fields.
  contentFields?: readonly (keyof P & string)[];
};

export type EventDefinition<S extends z.ZodObject = z.ZodObject, PS extends z.ZodObject | undefined = z.ZodObject | undefined> = {
  type: string;
  version: number;
  aggregateType: string;
  topic: string;
  // Public payload: what leaves the service on Kafka and what consumers validate.
  schema: S;
  // Fields kept only in the owning service's event store (e.g. a password hash, needed to
  // rebuild its projection). They are stripped before the event is published.
  privateSchema?: PS;
  audit: AuditDescriptor<z.infer<S>>;
};

export type PublicPayload<D extends EventDefinition> = z.infer<D['schema']>;
export type StoredPayload<D> =
  D extends EventDefinition<infer S, infer PS> ? z.infer<S> & (PS extends z.ZodObject ? z.infer<PS> : object) : never;

export function topicName(service: string, aggregate: string): string {
  return `${service}.${aggregate}.events.v1`;
}

export function defineEvent<S extends z.ZodObject, PS extends z.ZodObject | undefined = undefined>(
  definition: EventDefinition<S, PS>,
): EventDefinition<S, PS> {
  const [service, aggregate] = definition.type.split('.');
  if (!service || !aggregate || definition.type.split('.').length !== 3) {
    throw new Error(`Event type "${definition.type}" must be <service>.<aggregate>.<past-tense>`);
  }
  if (definition.topic !== topicName(service, aggregate)) {
    throw new Error(`Event type "${definition.type}" must live on topic ${topicName(service, aggregate)}`);
  }
  return definition;
}

// An event a decision produced, not yet stored: the definition it follows and its payload
// (stored fields included). The event store gives it an id, a position and a time on append.
export type NewEvent = { definition: EventDefinition; payload: Record<string, unknown> };

export function newEvent<D extends EventDefinition>(definition: D, payload: StoredPayload<D>): NewEvent {
  return { definition, payload: payload as Record<string, unknown> };
}
