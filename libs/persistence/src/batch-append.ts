import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { EventDefinition, EventEnvelope } from '@mindhill/contracts';
import { z } from 'zod';
import { chunked, executeBound } from './bound-query';
import { ConcurrencyError, isUniqueViolation } from './concurrency.error';
import type { EventContext, NewEvent, Projector } from './event-store';

export type StreamAppend = { streamId: string; expectedVersion: number; events: readonly NewEvent[] };

// Rows per statement: each row carries the payload twice (event and outbox message).
const ROWS_PER_STATEMENT = 500;

// The events, then their outbox rows, unpacked from one JSON parameter: one round trip per 500
// events instead of one (plus a version query) per event.
const INSERT_EVENTS_AND_OUTBOX = `WITH input AS (
    SELECT * FROM jsonb_to_recordset(?::jsonb) AS r(ord int, event_id uuid, stream_id varchar, stream_type varchar, version int, type varchar,
      schema_version int, payload jsonb, metadata jsonb, occurred_at timestamptz, topic varchar, message jsonb, headers jsonb)
  ), appended AS (
    INSERT INTO stored_event (event_id, stream_id, stream_type, version, type, schema_version, payload, metadata, occurred_at)
    SELECT event_id, stream_id, stream_type, version, type, schema_version, payload, metadata, occurred_at FROM input ORDER BY ord
  )
  INSERT INTO outbox (event_id, topic, message_key, message, headers) SELECT event_id, topic, stream_id, message, headers FROM input ORDER BY ord`;

// The stored schema (public + private fields) of a definition, built once: zod compiles a parser
// for every new schema object, and extending per event made that the largest cost of an append.
const storedSchemas = new WeakMap<EventDefinition, z.ZodType>();
function storedSchemaOf(definition: EventDefinition): z.ZodType {
  let schema = storedSchemas.get(definition);
  if (!schema) {
    schema = definition.privateSchema ? definition.schema.extend(definition.privateSchema.shape) : definition.schema;
    storedSchemas.set(definition, schema);
  }
  return schema;
}

// Appends events to many streams in one go (the per-item events of a stage): the same rows,
// envelopes, outbox messages and projections as one `append` per stream, in set-based statements.
// Projectors with `projectMany` get all the events they handle at once, in order; the others
// one by one. A stream past its expected version is a ConcurrencyError, as with `append`.
export async function appendToStreams(
  em: EntityManager, options: { producer: string; projectors: readonly Projector[] }, appends: readonly StreamAppend[], context: EventContext,
): Promise<EventEnvelope<Record<string, unknown>>[]> {
  const occurredAt = new Date().toISOString();
  const built: { definition: EventDefinition; envelope: EventEnvelope<Record<string, unknown>> }[] = [];
  for (const { streamId, expectedVersion, events } of appends) {
    events.forEach((e, i) => {
      const payload = storedSchemaOf(e.definition).parse(e.payload) as Record<string, unknown>;
      built.push({
        definition: e.definition,
        envelope: {
          eventId: randomUUID(), type: e.definition.type, version: e.definition.version, occurredAt, producer: options.producer,
          aggregateType: e.definition.aggregateType, aggregateId: streamId, aggregateVersion: expectedVersion + i + 1,
          correlationId: context.correlationId, causationId: context.causationId, actor: context.actor, payload,
        },
      });
    });
  }
  if (built.length === 0) return [];

  for (const chunk of chunked(built, ROWS_PER_STATEMENT)) {
    const rows = chunk.map(({ definition, envelope: v }, ord) => ({
      ord, event_id: v.eventId, stream_id: v.aggregateId, stream_type: v.aggregateType, version: v.aggregateVersion, type: v.type,
      schema_version: v.version, payload: v.payload,
      metadata: { producer: v.producer, correlationId: v.correlationId, causationId: v.causationId, actor: v.actor },
      occurred_at: v.occurredAt, topic: definition.topic,
      // Private fields stay in this service: the published payload is the public schema only.
      message: { ...v, payload: definition.schema.parse(v.payload) },
      headers: { 'event-id': v.eventId, 'event-type': v.type, 'event-version': String(v.version), 'correlation-id': v.correlationId },
    }));
    try {
      await executeBound(em, INSERT_EVENTS_AND_OUTBOX, [JSON.stringify(rows)]);
    } catch (error) {
      if (isUniqueViolation(error, 'stored_event_stream_version_unique')) throw new ConcurrencyError(chunk[0]!.envelope.aggregateId, chunk[0]!.envelope.aggregateVersion - 1);
      throw error;
    }
  }

  const envelopes = built.map((b) => b.envelope);
  for (const projector of options.projectors) {
    const handled = envelopes.filter((e) => projector.handles.includes(e.type));
    if (handled.length === 0) continue;
    if (projector.projectMany) await projector.projectMany(em, handled);
    else for (const e of handled) await projector.project(em, e);
  }
  return envelopes;
}
