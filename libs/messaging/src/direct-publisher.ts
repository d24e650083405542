import { randomUUID } from 'node:crypto';
import { Kafka, Producer } from 'kafkajs';
import { EventContext } from '@mindhill/persistence';
import { EventDefinition, EventEnvelope, StoredPayload } from '@mindhill/contracts';
import { getLogger, platformMetrics } from '@mindhill/platform';
import { KafkaSettings, prefixedTopic } from './kafka-settings';

// For a producer without a database (the gateway): events go straight to Kafka, buffered in
// memory while the broker is away (bounded; the oldest are dropped first and counted). Without
// an outbox a crash can lose what is still buffered: use it only for observations (security
// events), never for state changes.
export class DirectPublisher {
  private readonly logger = getLogger('direct-publisher');
  private producer?: Producer;
  private readonly queue: { topic: string; key: string; value: string }[] = [];
  private flushing?: Promise<void>;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly kafka: Kafka,
    private readonly settings: KafkaSettings,
    private readonly producerName: string,
    private readonly maxBuffered = 10_000,
  ) {}

  publish<D extends EventDefinition>(definition: D, aggregateId: string, payload: StoredPayload<D>, context: EventContext): void {
    const envelope: EventEnvelope = {
      eventId: randomUUID(),
      type: definition.type,
      version: definition.version,
      occurredAt: new Date().toISOString(),
      producer: this.producerName,
      aggregateType: definition.aggregateType,
      aggregateId,
      aggregateVersion: 1,
      correlationId: context.correlationId,
      causationId: context.causationId,
      actor: context.actor,
      payload: definition.schema.parse(payload),
    };
    if (this.queue.length >= this.maxBuffered) {
      this.queue.shift();
      platformMetrics.outboxPublishErrors.inc();
    }
    this.queue.push({ topic: prefixedTopic(this.settings, definition.topic), key: aggregateId, value: JSON.stringify(envelope) });
    this.flushing ??= this.flush().finally(() => (this.flushing = undefined));
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    await this.flushing;
    await this.producer?.disconnect().catch(() => undefined);
  }

  private async flush(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.slice(0, 500);
      try {
        this.producer ??= this.kafka.producer({ allowAutoTopicCreation: false });
        await this.producer.connect();
        await this.producer.sendBatch({ acks: -1, topicMessages: groupByTopic(batch) });
        this.queue.splice(0, batch.length);
        platformMetrics.outboxPublished.inc(batch.length);
      } catch (error) {
        this.logger.warn({ err: error, buffered: this.queue.length }, 'Could not publish; will retry');
        await new Promise<void>((r) => (this.timer = setTimeout(r, 1_000)));
      }
    }
  }
}

function groupByTopic(messages: { topic: string; key: string; value: string }[]) {
  const map = new Map<string, { key: string; value: string }[]>();
  for (const m of messages) map.set(m.topic, [...(map.get(m.topic) ?? []), { key: m.key, value: m.value }]);
  return [...map.entries()].map(([topic, list]) => ({ topic, messages: list }));
}
