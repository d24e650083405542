import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Pool } from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { deadLetterTopic, EventEnvelope, eventRegistry } from '@mindhill/contracts';
import { createKafka, EVENT_BATCH_PATTERN, ensureTopics, KafkaEventTransport, KafkaSettings, prefixedTopic } from '@mindhill/messaging';
import { placeholders, pgTextArray } from '@mindhill/persistence';
import { auditOrmConfig } from '../apps/audit/src/audit-backbone.module';
import { AuditLogWriter } from '../apps/audit/src/audit-log/infrastructure/audit-log.writer';
import { auditMigrations } from '../apps/audit/src/migrations';
import { createDatabase, dropDatabases, withClient } from './lib/databases';
import { log, ResultRow, round, sleep, summarize } from './lib/stats';

// Benchmark 1: drain a topic preloaded with N ~1 KB events into audit_logs, once with the audit
// service's own path (KafkaEventTransport -> EventConsumer batch mode -> registry validation ->
// AuditLogWriter) and once with a bare kafkajs eachBatch + multi-row INSERT, alternated.
const TOPIC = 'workflows.workflow.events.v1';
const CONSUMER = { sessionTimeout: 10_000, heartbeatInterval: 1_000, maxBytesPerPartition: 1_048_576, allowAutoTopicCreation: false };

export type AuditIngestionOptions = { events: number; rounds: number; brokers: string[]; runId: string };

export async function auditIngestionBench(options: AuditIngestionOptions): Promise<{ rows: ResultRow[]; details: unknown }> {
  const prefix = `bench${options.runId}.audit.`;
  const settings: KafkaSettings = { brokers: options.brokers, clientId: `mindhill-bench-${options.runId}`, topicPrefix: prefix };
  const kafka = createKafka(settings);
  const dbName = `mindhill_bench_${options.runId}_audit`;
  const dbUrl = await createDatabase(dbName, auditMigrations);
  const topics = [...eventRegistry.topics(), deadLetterTopic('audit')].map((t) => prefixedTopic(settings, t));
  await ensureTopics(
    kafka,
    topics.map((topic) => ({ topic })),
  );
  const orm = await MikroORM.init(auditOrmConfig({ AUDIT_DATABASE_URL: dbUrl, DATABASE_SSL_CA: undefined }));
  const pool = new Pool({ connectionString: dbUrl, max: 5 });
  try {
    const sample = JSON.stringify(makeEvent());
    const preloadStarted = Date.now();
    await preload(kafka, prefixedTopic(settings, TOPIC), options.events);
    const preloadMs = Date.now() - preloadStarted;
    log(`audit: preloaded ${options.events} events of ${sample.length} bytes in ${(preloadMs / 1000).toFixed(1)} s`);

    const base: number[] = [];
    const audit: number[] = [];
    const wall: { base: number[]; audit: number[] } = { base: [], audit: [] };
    for (let round = 1; round <= options.rounds; round++) {
      for (const kind of ['base', 'audit'] as const) {
        await withClient(dbUrl, (c) => c.query('TRUNCATE audit_logs'));
        const group = `${prefix}bench.${kind}.${round}.${randomBytes(3).toString('hex')}`;
        const run =
          kind === 'base'
            ? await drainBaseline(options.brokers, pool, prefixedTopic(settings, TOPIC), group, options.events)
            : await drainAudit(kafka, settings, orm, group, options.events);
        const rows = await withClient(dbUrl, async (c) => Number((await c.query('SELECT count(*) AS n FROM audit_logs')).rows[0].n));
        if (rows !== options.events) throw new Error(`${kind} run wrote ${rows} rows, expected ${options.events}`);
        const rate = options.events / (run.steadyMs / 1000);
        (kind === 'base' ? base : audit).push(rate);
        wall[kind].push(run.wallMs);
        log(
          `audit: round ${round} ${kind.padEnd(5)} ${Math.round(rate)} events/s (${(run.steadyMs / 1000).toFixed(1)} s from first batch, ${(run.wallMs / 1000).toFixed(1)} s with group join)`,
        );
      }
    }
    const ratios = audit.map((a, i) => a / base[i]!);
    const ratio = summarize(ratios);
    return {
      rows: [
        {
          benchmark: '1. audit ingestion',
          metric: `events/s, ${options.events} x ${sample.length} B`,
          value: summarize(audit.map((v) => round(v, 0))),
          baseline: summarize(base.map((v) => round(v, 0))),
          ratio,
          unit: 'events/s',
          target: 'ratio >= 0.8',
          met: ratio.median >= 0.8,
        },
      ],
      details: {
        events: options.events,
        eventBytes: sample.length,
        preloadMs,
        auditRates: audit,
        baselineRates: base,
        ratios,
        wallMs: wall,
      },
    };
  } finally {
    await pool.end();
    await orm.close();
    await deleteTopics(kafka, topics);
    await dropDatabases([dbName]);
  }
}

// A valid workflows.workflow.created event of about 1 KB.
export function makeEvent(): EventEnvelope {
  const workflowId = randomUUID();
  const userId = randomUUID();
  return {
    eventId: randomUUID(),
    type: 'workflows.workflow.created',
    version: 1,
    occurredAt: new Date().toISOString(),
    producer: 'workflows',
    aggregateType: 'workflow',
    aggregateId: workflowId,
    aggregateVersion: 1,
    correlationId: randomUUID(),
    causationId: null,
    actor: {
      userId,
      userNumber: 42,
      email: 'bench.user@example.com',
      role: 'user',
      sessionId: randomUUID(),
      ip: '127.0.0.1',
      userAgent: 'bench/1.0',
      requestMethod: 'POST',
      requestUrl: '/api/v1/workflows',
    },
    payload: {
      name: `Bench workflow ${workflowId.slice(0, 8)}`,
      description: 'Nightly exports',
      configuration: {
        stages: [
          { name: 'fetching', type: 'fetching', dataSources: [randomUUID()], settings: {} },
          { name: 'normalization', type: 'normalization', settings: { unicodeForm: 'NFKC' } },
        ],
      },
      scheduleCron: null,
      timeoutMinutes: 60,
      maxRetries: 3,
      category: 'bench',
      tags: ['bench', 'nightly'],
      workflowId,
      workflowNumber: 1,
      status: 'inactive',
      configurationHash: randomBytes(16).toString('hex'),
      isTemplate: false,
      templateName: null,
      parentWorkflowId: null,
      createdBy: 42,
    },
  };
}

async function preload(kafka: Kafka, topic: string, count: number): Promise<void> {
  // Idempotent, one send at a time (kafkajs's idempotent producer does not take concurrent
  // sends): a send retried after a fresh topic's metadata race must not put events on it twice.
  const producer = kafka.producer({ allowAutoTopicCreation: false, idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    const batch = 2_000;
    for (let sent = 0; sent < count;) {
      const n = Math.min(batch, count - sent);
      sent += n;
      const messages = Array.from({ length: n }, () => {
        const e = makeEvent();
        return { key: e.aggregateId, value: JSON.stringify(e), headers: { 'event-id': e.eventId, 'event-type': e.type } };
      });
      await producer.send({ topic, acks: -1, messages });
    }
  } finally {
    await producer.disconnect();
  }
}

type DrainResult = { steadyMs: number; wallMs: number };

// Waits until `done()` reports every event, measuring from the first batch (the group join and
// its initial rebalance delay are the same for both and not what is compared).
async function waitDrained(
  progress: { count: number; firstAt: number | null },
  total: number,
  started: number,
  failed: () => Error | null = () => null,
): Promise<DrainResult> {
  const timeoutMs = 30_000 + total;
  while (progress.count < total) {
    const error = failed();
    if (error) throw error;
    if (performance.now() - started > timeoutMs) throw new Error(`drain timed out at ${progress.count}/${total}`);
    await sleep(20);
  }
  const end = performance.now();
  return { steadyMs: end - (progress.firstAt ?? end), wallMs: end - started };
}

async function drainAudit(kafka: Kafka, settings: KafkaSettings, orm: MikroORM, group: string, total: number): Promise<DrainResult> {
  const writer = new AuditLogWriter(orm, eventRegistry);
  const progress = { count: 0, firstAt: null as number | null };
  const transport = new KafkaEventTransport(kafka, settings, { group, service: 'audit', registry: eventRegistry, topics: [TOPIC] });
  // The audit Kafka controller's handler, registered as Nest does for @EventPattern(EVENT_BATCH_PATTERN).
  transport.addHandler(
    EVENT_BATCH_PATTERN,
    async (events: EventEnvelope[]) => {
      progress.firstAt ??= performance.now();
      const { duplicates } = await writer.write(events);
      progress.count += events.length;
      return { duplicates };
    },
    true,
  );
  const started = performance.now();
  await transport.listen(() => undefined);
  try {
    return await waitDrained(progress, total, started);
  } finally {
    await transport.close();
  }
}

const BASE_COLUMNS = [
  'uuid',
  'event_type',
  'event_category',
  'event_action',
  'user_id',
  'user_uuid',
  'user_email',
  'session_id',
  'user_agent',
  'ip_address',
  'resource_type',
  'resource_id',
  'resource_name',
  'event_details',
  'old_values',
  'new_values',
  'request_method',
  'request_url',
  'response_status',
  'severity',
  'risk_level',
  'compliance_tags',
  'correlation_id',
  'source_service',
  'timestamp',
];
const BASE_ROWS_PER_STATEMENT = Math.floor(60_000 / BASE_COLUMNS.length);

// The bare baseline: plain kafkajs, JSON.parse, a direct field copy into the same 25 columns
// (no schema validation, no redaction), one multi-row INSERT ... ON CONFLICT (uuid) DO NOTHING
// per batch in a transaction, then commit the offsets.
async function drainBaseline(brokers: string[], pool: Pool, topic: string, group: string, total: number): Promise<DrainResult> {
  const bare = new Kafka({ clientId: 'mindhill-bench-bare', brokers, logLevel: logLevel.ERROR });
  let crash: Error | null = null;
  const consumer = bare.consumer({ groupId: group, ...CONSUMER });
  const progress = { count: 0, firstAt: null as number | null };
  consumer.on(consumer.events.CRASH, ({ payload }) => (crash = payload.error));
  const started = performance.now();
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: true,
    eachBatchAutoResolve: false,
    partitionsConsumedConcurrently: 3,
    eachBatch: async ({ batch, resolveOffset, commitOffsetsIfNecessary, heartbeat }) => {
      progress.firstAt ??= performance.now();
      const values: unknown[][] = [];
      for (const m of batch.messages) {
        const e = JSON.parse(m.value!.toString('utf8')) as EventEnvelope<Record<string, unknown>>;
        const p = e.payload;
        values.push([
          e.eventId,
          e.type,
          'workflow',
          'create',
          e.actor.userNumber,
          e.actor.userId,
          e.actor.email,
          e.actor.sessionId,
          e.actor.userAgent,
          e.actor.ip,
          e.aggregateType,
          e.aggregateId,
          p.name ?? null,
          JSON.stringify({ payload: p, eventVersion: e.version, aggregateVersion: e.aggregateVersion, causationId: e.causationId }),
          null,
          JSON.stringify({
            name: p.name,
            status: p.status,
            configuration: p.configuration,
            category: p.category,
            tags: p.tags,
            isTemplate: p.isTemplate,
          }),
          e.actor.requestMethod,
          e.actor.requestUrl,
          201,
          'low',
          'low',
          pgTextArray([]),
          e.correlationId,
          e.producer,
          e.occurredAt,
        ]);
      }
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        for (let i = 0; i < values.length; i += BASE_ROWS_PER_STATEMENT) {
          const chunk = values.slice(i, i + BASE_ROWS_PER_STATEMENT);
          let n = 0;
          const sql = placeholders(chunk.length, BASE_COLUMNS.length).replace(/\?/g, () => `$${++n}`);
          await client.query(
            `INSERT INTO audit_logs (${BASE_COLUMNS.join(', ')}) VALUES ${sql} ON CONFLICT (uuid) DO NOTHING`,
            chunk.flat(),
          );
        }
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
      const last = batch.messages[batch.messages.length - 1];
      if (last) resolveOffset(last.offset);
      progress.count += batch.messages.length;
      await commitOffsetsIfNecessary();
      await heartbeat();
    },
  });
  try {
    return await waitDrained(progress, total, started, () => crash);
  } finally {
    await consumer.disconnect();
  }
}

export async function deleteTopics(kafka: Kafka, topics: string[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteTopics({ topics, timeout: 10_000 }).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
