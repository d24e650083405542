import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { withTimeout } from '../health/readiness';

// One registry per process; every app serves it on GET /metrics.
export const metricsRegistry = new Registry();
let defaultsStarted = false;

export function initMetrics(service: string): void {
  if (defaultsStarted) return;
  defaultsStarted = true;
  metricsRegistry.setDefaultLabels({ service });
  // The event-loop lag histogram wakes the process at its resolution (prom-client's default: every
  // 10 ms, most of an idle service's CPU; at 100 ms still ~0.05 % of a core per process, a sixth of
  // an idle service's budget). At 500 ms a loop blocked for long still shows, a brief block less often.
  collectDefaultMetrics({ register: metricsRegistry, eventLoopMonitoringPrecision: 500 });
  dropMisnamedGauges();
}

// prom-client's defaults add three gauges named `*_total`, a suffix reserved for counters, which
// `promtool check metrics` rejects. They only sum the per-type gauges that stay
// (nodejs_active_handles{type}, nodejs_active_requests{type}, nodejs_active_resources{type}).
function dropMisnamedGauges(): void {
  for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
    metricsRegistry.removeSingleMetric(name);
  }
}

// Gauges that cost a round trip to sample (the outbox backlog asks the database, consumer lag asks
// Kafka) are sampled when Prometheus scrapes, not on a timer: a process at rest then asks nothing
// of either (on a timer, lag sampling alone was most of an idle service's Kafka requests).
export type ScrapeSampled = 'outbox' | 'consumerLag';
const SAMPLE_TIMEOUT_MS = 2_000;
const samplers: Record<ScrapeSampled, Set<() => Promise<unknown>>> = { outbox: new Set(), consumerLag: new Set() };
const sampling: Partial<Record<ScrapeSampled, Promise<void>>> = {};

// Registers a sampler run at each scrape of its gauges; returns the unregister.
export function sampleOnScrape(kind: ScrapeSampled, sample: () => Promise<unknown>): () => void {
  samplers[kind].add(sample);
  return () => void samplers[kind].delete(sample);
}

// One sampling per scrape for the gauges it sets together; a slow or failed sampler leaves its
// gauges at their last value rather than holding up the scrape.
function sampleNow(kind: ScrapeSampled): Promise<void> {
  return (sampling[kind] ??= Promise.all(
    [...samplers[kind]].map((sample) => withTimeout(sample(), SAMPLE_TIMEOUT_MS, `${kind} sample`).catch(() => undefined)),
  )
    .then(() => undefined)
    .finally(() => delete sampling[kind]));
}

export const platformMetrics = {
  outboxBacklog: new Gauge({
    name: 'outbox_backlog_messages',
    help: 'Outbox rows waiting to be published',
    registers: [metricsRegistry],
    collect: () => sampleNow('outbox'),
  }),
  outboxOldestAge: new Gauge({
    name: 'outbox_oldest_message_age_seconds',
    help: 'Age of the oldest unpublished outbox row',
    registers: [metricsRegistry],
    collect: () => sampleNow('outbox'),
  }),
  outboxPublished: new Counter({
    name: 'outbox_published_messages_total',
    help: 'Outbox rows published to Kafka',
    registers: [metricsRegistry],
  }),
  outboxPublishErrors: new Counter({
    name: 'outbox_publish_errors_total',
    help: 'Failed outbox publish attempts',
    registers: [metricsRegistry],
  }),
  outboxPublishDuration: new Histogram({
    name: 'outbox_publish_duration_seconds',
    help: 'Time to publish one outbox batch and commit',
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [metricsRegistry],
  }),
  consumerMessages: new Counter({
    name: 'consumer_messages_total',
    help: 'Messages handled by consumers, by outcome',
    labelNames: ['group', 'topic', 'outcome'],
    registers: [metricsRegistry],
  }),
  consumerDuplicates: new Counter({
    name: 'consumer_duplicates_total',
    help: 'Redelivered events absorbed by the inbox',
    labelNames: ['group'],
    registers: [metricsRegistry],
  }),
  consumerRetries: new Counter({
    name: 'consumer_retries_total',
    help: 'Handler retries',
    labelNames: ['group'],
    registers: [metricsRegistry],
  }),
  consumerDeadLettered: new Counter({
    name: 'consumer_dead_lettered_total',
    help: 'Messages sent to the dead-letter topic',
    labelNames: ['group', 'reason'],
    registers: [metricsRegistry],
  }),
  consumerLag: new Gauge({
    name: 'consumer_lag_messages',
    help: 'Messages not yet consumed (high watermark - committed offset), by group, topic and partition',
    labelNames: ['group', 'topic', 'partition'],
    registers: [metricsRegistry],
    collect: () => sampleNow('consumerLag'),
  }),
  consumerHandlerDuration: new Histogram({
    name: 'consumer_handler_duration_seconds',
    help: 'Handler time per message (event type) or per batch (event_type="batch")',
    labelNames: ['group', 'event_type'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [metricsRegistry],
  }),
  httpRequestDuration: new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [metricsRegistry],
  }),
};
