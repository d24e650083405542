import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { EventDefinition, EventEnvelope } from '@mindhill/contracts';
import { z } from 'zod';
import { executeChunks } from './bound-query';
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
export function storedSchemaOf(definition: EventDefinition): z.ZodType {
  let schema = storedSchemas.get(definition);
  if (!schema) {
    schema = definition.privateSchema ? definition.schema.extend(definition.privateSchema.shape) : definition.schema;
    storedSchemas.set(definition, schema);
  }
  return schema;
}

// The published payload: the stored one (already parsed, unknown keys stripped) without the
// private fields, which is what parsing it with the public schema again would return.
export function publicPayload(definition: EventDefinition, payload: Record<string, unknown>): Record<string, unknown> {
  if (!definition.privateSchema) return payload;
  const out = { ...payload };
  for (const key of Object.keys(definition.privateSchema.shape)) delete out[key];
  return out;
}

// Appends events to many streams in one go (the per-item events of a stage): the same rows,
// envelopes, outbox messages and projections as one `append` per stream, in set-based statements.
// Projectors with `projectMany` get all the events they handle at once, in order; the others
// one by one. A stream past its expected version is a ConcurrencyError, as with `append`.
export async function appendToStreams(
  em: EntityManager,
  options: { producer: string; projectors: readonly Projector[] },
  appends: readonly StreamAppend[],
  context: EventContext,
): Promise<EventEnvelope<Record<string, unknown>>[]> {
  const occurredAt = new Date().toISOString();
  const pending = appends.flatMap(({ streamId, expectedVersion, events }) =>
    events.map((event, i) => ({ streamId, version: expectedVersion + i + 1, event })),
  );
  if (pending.length === 0) return [];
  const built: EventEnvelope<Record<string, unknown>>[] = [];
  try {
    // Raw SQL (hot path, ADR 0014). Each chunk is validated and serialised while the previous one
    // is being written.
    await executeChunks(em, pending, ROWS_PER_STATEMENT, (chunk) => [
      {
        sql: INSERT_EVENTS_AND_OUTBOX,
        params: [
          JSON.stringify(
            chunk.map(({ streamId, version, event: { definition, payload } }, ord) => {
              const v: EventEnvelope<Record<string, unknown>> = {
                eventId: randomUUID(),
                type: definition.type,
                version: definition.version,
                occurredAt,
                producer: options.producer,
                aggregateType: definition.aggregateType,
                aggregateId: streamId,
                aggregateVersion: version,
                correlationId: context.correlationId,
                causationId: context.causationId,
                actor: context.actor,
                payload: storedSchemaOf(definition).parse(payload) as Record<string, unknown>,
              };
              built.push(v);
              return {
                ord,
                event_id: v.eventId,
                stream_id: v.aggregateId,
                stream_type: v.aggregateType,
                version: v.aggregateVersion,
                type: v.type,
                schema_version: v.version,
                payload: v.payload,
                metadata: { producer: v.producer, correlationId: v.correlationId, causationId: v.causationId, actor: v.actor },
                occurred_at: v.occurredAt,
                topic: definition.topic,
                // Private fields stay in this service: the published payload is the public schema only.
                message: { ...v, payload: publicPayload(definition, v.payload) },
                headers: {
                  'event-id': v.eventId,
                  'event-type': v.type,
                  'event-version': String(v.version),
                  'correlation-id': v.correlationId,
                },
              };
            }),
          ),
        ],
      },
    ]);
  } catch (error) {
    if (isUniqueViolation(error, 'stored_event_stream_version_unique')) throw conflictOf(error, appends[0]);
    throw error;
  }

  for (const projector of options.projectors) {
    const handled = built.filter((e) => projector.handles.includes(e.type));
    if (handled.length === 0) continue;
    if (projector.projectMany) await projector.projectMany(em, handled);
    else for (const e of handled) await projector.project(em, e);
  }
  return built;
}

// The ConcurrencyError of a unique violation on a stream's version. PostgreSQL names the key:
// `Key (stream_id, version)=(content-…, 2) already exists.`
export function conflictOf(error: unknown, fallback?: { streamId: string; expectedVersion: number }): ConcurrencyError {
  const key = /=\((.+), (\d+)\)/.exec((error as { detail?: string }).detail ?? '');
  if (key) return new ConcurrencyError(key[1]!, Number(key[2]) - 1);
  return new ConcurrencyError(fallback?.streamId ?? 'unknown', fallback?.expectedVersion ?? -1);
}
