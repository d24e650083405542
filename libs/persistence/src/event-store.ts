import { randomUUID } from 'node:crypto';
import { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { Actor, EventEnvelope, NewEvent } from '@mindhill/contracts';
import { executeBound, executeText } from './bound-query';
import { COMMIT_AHEAD } from './deferred-begin';
import { appendToStreams, conflictOf, publicPayload, StreamAppend, storedSchemaOf } from './batch-append';
import { ConcurrencyError, isUniqueViolation } from './concurrency.error';

export type EventContext = { correlationId: string; causationId: string | null; actor: Actor };

export { newEvent, type NewEvent } from '@mindhill/contracts';

// A projector keeps one read model in step with the events. It runs inside the append's
// transaction, and again, in order, when the read model is rebuilt from stored events.
export type Projector = {
  name: string;
  handles: readonly string[];
  project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>): Promise<void>;
  // Optional set-based form, used by appendMany: the same rows as `project` for each event in order.
  projectMany?(em: EntityManager, events: EventEnvelope<Record<string, unknown>>[]): Promise<void>;
  // The projector only writes, through em.execute, and reads no answer: its statements travel with
  // the append's in one message (one round trip for the events, the outbox and the read model,
  // instead of one per statement). Its `em` then offers execute alone.
  writesOnly?: boolean;
};

export type EventStoreOptions = {
  producer: string;
  projectors: readonly Projector[];
  // Called after a commit that wrote outbox rows, so the relay publishes without waiting a poll.
  onCommitted?: () => void;
  maxConcurrencyRetries?: number;
};

export class EventTransaction {
  readonly appended: EventEnvelope[] = [];

  constructor(
    readonly em: EntityManager,
    private readonly options: EventStoreOptions,
  ) {}

  // Statements formatted and not sent yet (appendLater, later).
  private readonly behind: string[] = [];

  async streamVersion(streamId: string): Promise<number> {
    // Raw SQL (hot path, ADR 0014): read before every append; stored_event has no entity.
    const rows = await this.em.execute<{ v: number | null }[]>('SELECT max(version) AS v FROM stored_event WHERE stream_id = ?', [
      streamId,
    ]);
    return Number(rows[0]?.v ?? 0);
  }

  // A decision taken under the aggregate's row lock goes after whatever its stream holds; no
  // events, no read and no write.
  async appendAtCurrent(streamId: string, events: readonly NewEvent[], context: EventContext): Promise<EventEnvelope[]> {
    if (events.length === 0) return [];
    return this.append(streamId, await this.streamVersion(streamId), events, context);
  }

  async append(streamId: string, expectedVersion: number, events: readonly NewEvent[], context: EventContext): Promise<EventEnvelope[]> {
    if (events.length === 0) return [];
    const { envelopes, statements } = this.prepare(streamId, expectedVersion, events, context);
    // The append and the write-only projectors' statements wait with whatever is held back; a
    // projector that reads gets them sent first.
    this.behind.push(...statements);
    const collecting = this.collector(this.behind);
    for (const envelope of envelopes) {
      for (const projector of this.options.projectors) {
        if (!projector.handles.includes(envelope.type)) continue;
        if (projector.writesOnly) {
          await projector.project(collecting, envelope);
        } else {
          await this.flush();
          await projector.project(this.em, envelope);
        }
      }
    }
    await this.flush();
    this.appended.push(...envelopes);
    return envelopes;
  }

  // The same rows as `append`, sent later: with the next statement that goes through `execute`,
  // or with `flush` (which `EventStore.transact` calls before its commit). For appends whose
  // projectors only write (Projector.writesOnly): several decisions of one batch then cost one
  // round trip together. With a projector that reads, it is `append`, sent at once. A stream
  // past its expected version fails the message that carries it, as a ConcurrencyError.
  async appendLater(
    streamId: string,
    expectedVersion: number,
    events: readonly NewEvent[],
    context: EventContext,
  ): Promise<EventEnvelope[]> {
    if (events.length === 0) return [];
    const handledBy = this.options.projectors.filter((p) => events.some((e) => p.handles.includes(e.definition.type)));
    if (handledBy.some((p) => !p.writesOnly)) return this.append(streamId, expectedVersion, events, context);
    const { envelopes, statements } = this.prepare(streamId, expectedVersion, events, context);
    this.behind.push(...statements);
    const collecting = this.collector(this.behind);
    for (const envelope of envelopes) {
      for (const projector of handledBy) if (projector.handles.includes(envelope.type)) await projector.project(collecting, envelope);
    }
    this.appended.push(...envelopes);
    return envelopes;
  }

  // A statement whose answer no one reads (a timer planned, a job cancelled), sent with the next
  // one that goes through `execute` or with `flush`, in the order given.
  later(sql: string, params: readonly unknown[] = []): void {
    this.behind.push(this.em.getPlatform().formatQuery(sql, [...params]));
  }

  // A statement whose answer is read, sent in one message after what waits to be sent: its rows.
  async execute<T = Record<string, unknown>>(sql: string, params: readonly unknown[] = []): Promise<T[]> {
    const text = this.em.getPlatform().formatQuery(sql, [...params]);
    if (this.behind.length === 0) return this.em.execute<T[]>(text, [], 'all');
    return this.send<T>([...this.behind.splice(0), text].join(';\n'));
  }

  // Sends what waits (appendLater, later). With `commit` (EventStore.transact, when nothing else
  // can follow), the transaction's COMMIT goes in the same message.
  async flush(options: { commit?: boolean } = {}): Promise<void> {
    if (this.behind.length > 0) await this.send(this.behind.splice(0).join(';\n') + (options.commit ? COMMIT_AHEAD : ''));
  }

  private async send<T>(text: string): Promise<T[]> {
    try {
      return await executeText<T>(this.em, text);
    } catch (error) {
      if (isUniqueViolation(error, 'stored_event_stream_version_unique')) throw conflictOf(error);
      throw error;
    }
  }

  private collector(into: string[]): EntityManager {
    const platform = this.em.getPlatform();
    const queue = async (sql: string, params: unknown[] = []) => void into.push(platform.formatQuery(sql, params));
    return new Proxy(this.em, {
      get(target, property) {
        if (property === 'execute') return queue;
        throw new Error(`A write-only projector may only call em.execute, not em.${String(property)}`);
      },
    });
  }

  // The envelopes of an append and its one statement for the events and their outbox rows.
  private prepare(streamId: string, expectedVersion: number, events: readonly NewEvent[], context: EventContext) {
    const occurredAt = new Date().toISOString();
    const envelopes = events.map((e, i) => {
      const envelope: EventEnvelope<Record<string, unknown>> = {
        eventId: randomUUID(),
        type: e.definition.type,
        version: e.definition.version,
        occurredAt,
        producer: this.options.producer,
        aggregateType: e.definition.aggregateType,
        aggregateId: streamId,
        aggregateVersion: expectedVersion + i + 1,
        correlationId: context.correlationId,
        causationId: context.causationId,
        actor: context.actor,
        payload: storedSchemaOf(e.definition).parse(e.payload) as Record<string, unknown>,
      };
      return envelope;
    });
    // The event rows and their outbox rows go in one statement (one round trip instead of two:
    // bench/README.md, "Fixes"); the projectors run after it, in the same transaction.
    const eventParams = envelopes.flatMap((v) => [
      v.eventId,
      v.aggregateId,
      v.aggregateType,
      v.aggregateVersion,
      v.type,
      v.version,
      JSON.stringify(v.payload),
      JSON.stringify(metadataOf(v)),
      v.occurredAt,
    ]);
    const outboxParams = envelopes.flatMap((envelope, i) => {
      const definition = events[i]!.definition;
      // Private fields stay in this service: the published payload is the public schema only.
      const published = { ...envelope, payload: publicPayload(definition, envelope.payload) };
      return [envelope.eventId, definition.topic, envelope.aggregateId, JSON.stringify(published), JSON.stringify(headersOf(envelope))];
    });
    // Raw SQL (hot path, ADR 0014): events and outbox rows in one multi-row statement, sent with
    // the write-only projectors' statements (see Projector.writesOnly).
    const statement = this.em.getPlatform().formatQuery(
      `WITH appended AS (
          INSERT INTO stored_event (event_id, stream_id, stream_type, version, type, schema_version, payload, metadata, occurred_at) VALUES ${placeholders(envelopes.length, 9)}
        ) INSERT INTO outbox (event_id, topic, message_key, message, headers) VALUES ${placeholders(envelopes.length, 5)}`,
      [...eventParams, ...outboxParams],
    );
    return { envelopes, statements: [statement] };
  }

  // Many streams at once (a stage's per-item events), in a few set-based statements: see
  // batch-append.ts. Same rows and outbox messages as one `append` per stream.
  async appendMany(appends: readonly StreamAppend[], context: EventContext): Promise<EventEnvelope[]> {
    const result = await appendToStreams(this.em, this.options, appends, context);
    this.appended.push(...result);
    return result;
  }

  // Current versions of many streams in one query (0 for a stream without events).
  async streamVersions(streamIds: readonly string[]): Promise<Map<string, number>> {
    const versions = new Map(streamIds.map((id) => [id, 0]));
    if (streamIds.length === 0) return versions;
    if (this.behind.length > 0) {
      // With what is held back, in one message (a stage's outcome, then its items' versions).
      const rows = await this.execute<{ stream_id: string; v: number }>(
        'SELECT stream_id, max(version) AS v FROM stored_event WHERE stream_id IN (?) GROUP BY stream_id',
        [[...new Set(streamIds)]],
      );
      for (const r of rows) versions.set(r.stream_id, Number(r.v));
      return versions;
    }
    // Raw SQL (hot path, ADR 0014): one grouped read for a stage's many streams.
    const rows = await executeBound<{ stream_id: string; v: number }>(
      this.em,
      'SELECT stream_id, max(version) AS v FROM stored_event WHERE stream_id = ANY(?::varchar[]) GROUP BY stream_id',
      [[...new Set(streamIds)]],
    );
    for (const r of rows) versions.set(r.stream_id, Number(r.v));
    return versions;
  }
}

export class EventStore {
  constructor(
    private readonly orm: MikroORM,
    private readonly options: EventStoreOptions,
  ) {}

  // Runs a command: read, decide, append, project and write the outbox in one transaction.
  // A version conflict re-runs the whole command from a fresh read.
  async transact<T>(work: (tx: EventTransaction) => Promise<T>): Promise<T> {
    const retries = this.options.maxConcurrencyRetries ?? 5;
    for (let attempt = 0; ; attempt++) {
      let tx: EventTransaction | undefined;
      try {
        const result = await this.orm.em.fork().transactional(async (em) => {
          tx = new EventTransaction(em, this.options);
          const result = await work(tx);
          // MikroORM flushes its unit of work before the commit: entities loaded or persisted by
          // the command keep the COMMIT for knex.
          const uow = em.getUnitOfWork();
          const nothingManaged =
            uow.getIdentityMap().keys().length === 0 && uow.getPersistStack().size === 0 && uow.getRemoveStack().size === 0;
          await tx.flush({ commit: nothingManaged });
          return result;
        });
        if (tx && tx.appended.length > 0) this.options.onCommitted?.();
        return result;
      } catch (error) {
        if (error instanceof ConcurrencyError && attempt < retries) continue;
        throw error;
      }
    }
  }

  // Replays every stored event, in order, through the projectors (for a rebuild).
  async replay(em: EntityManager, projectors: readonly Projector[] = this.options.projectors): Promise<number> {
    let position = 0;
    let count = 0;
    for (;;) {
      // Raw SQL: stored_event is read in pages of 500 rows, never managed by the unit of work.
      const rows = await em.execute<StoredEventRow[]>('SELECT * FROM stored_event WHERE position > ? ORDER BY position LIMIT 500', [
        position,
      ]);
      if (rows.length === 0) return count;
      for (const row of rows) {
        const envelope = envelopeOf(row);
        for (const p of projectors) if (p.handles.includes(envelope.type)) await p.project(em, envelope);
        position = Number(row.position);
        count++;
      }
      await em.flush();
    }
  }

  // A fresh entity manager for reads outside a command (queries on the projections).
  readModel(): EntityManager {
    return this.orm.em.fork();
  }

  async readStream(streamId: string): Promise<EventEnvelope<Record<string, unknown>>[]> {
    // Raw SQL: stored_event rows become envelopes, never entities (ADR 0014).
    const rows = await this.orm.em
      .fork()
      .execute<StoredEventRow[]>('SELECT * FROM stored_event WHERE stream_id = ? ORDER BY version', [streamId]);
    return rows.map(envelopeOf);
  }
}

// A stored_event row as read with `SELECT *` (or the same columns).
export type StoredEventRow = {
  position: string;
  event_id: string;
  stream_id: string;
  stream_type: string;
  version: number;
  type: string;
  schema_version: number;
  payload: Record<string, unknown>;
  metadata: EventMetadata;
  occurred_at: Date;
};
type EventMetadata = Pick<EventEnvelope, 'producer' | 'correlationId' | 'causationId' | 'actor'>;

function metadataOf(e: EventEnvelope): EventMetadata {
  return { producer: e.producer, correlationId: e.correlationId, causationId: e.causationId, actor: e.actor };
}

export function envelopeOf(row: StoredEventRow): EventEnvelope<Record<string, unknown>> {
  return {
    eventId: row.event_id,
    type: row.type,
    version: row.schema_version,
    occurredAt: new Date(row.occurred_at).toISOString(),
    aggregateType: row.stream_type,
    aggregateId: row.stream_id,
    aggregateVersion: row.version,
    payload: row.payload,
    ...row.metadata,
  };
}

// The Kafka headers of a published event.
export function headersOf(e: EventEnvelope): Record<string, string> {
  return { 'event-id': e.eventId, 'event-type': e.type, 'event-version': String(e.version), 'correlation-id': e.correlationId };
}

export function placeholders(rows: number, columns: number): string {
  const row = `(${new Array(columns).fill('?').join(', ')})`;
  return new Array(rows).fill(row).join(', ');
}
