import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { Gauge } from 'prom-client';
import { deadLetterTopic, PLATFORM_SERVICES } from '@mindhill/contracts';
import { KAFKA, KAFKA_SETTINGS, KafkaClient, KafkaSettings, RawTopicConsumer, ServiceBackbone, unprefixedTopic } from '@mindhill/messaging';
import { placeholders } from '@mindhill/persistence';
import { metricsRegistry } from '@mindhill/platform';

// Collects every service's dead-letter topic into dead_letters, where admins list, inspect,
// replay or discard them; serves the number still pending as a metric.
@Injectable()
export class DeadLetterCollector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: RawTopicConsumer;

  constructor(
    private readonly orm: MikroORM,
    private readonly backbone: ServiceBackbone,
    @Inject(KAFKA) kafka: KafkaClient,
    @Inject(KAFKA_SETTINGS) private readonly settings: KafkaSettings,
  ) {
    this.consumer = new RawTopicConsumer(kafka, settings, {
      group: `${settings.topicPrefix}audit.dead-letters`,
      topics: PLATFORM_SERVICES.map(deadLetterTopic),
      handle: (messages) => this.store(messages),
    });
    const orm_ = orm;
    metricsRegistry.removeSingleMetric('dead_letter_pending_messages');
    new Gauge({
      name: 'dead_letter_pending_messages',
      help: 'Dead-lettered messages no one has replayed or discarded yet, by consuming service',
      labelNames: ['consumer_service'],
      registers: [metricsRegistry],
      async collect() {
        // A database outage must not break /metrics: the gauge keeps its last values.
        const rows = await orm_.em
          .fork()
          .execute<{ service: string; n: string }[]>(
            `SELECT service, count(*) AS n FROM dead_letters WHERE status = 'pending' GROUP BY service`,
          )
          .catch(() => null);
        if (!rows) return;
        for (const s of PLATFORM_SERVICES) this.set({ consumer_service: s }, Number(rows.find((r) => r.service === s)?.n ?? 0));
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.backbone.topicsReady();
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }

  private async store(
    messages: {
      topic: string;
      partition: number;
      offset: string;
      key: string | null;
      value: Buffer | null;
      headers: Record<string, string>;
    }[],
  ) {
    if (messages.length === 0) return;
    const rows = messages.map((m) => {
      const h = m.headers;
      const service = unprefixedTopic(this.settings, m.topic).split('.')[0]!;
      return [
        service,
        m.topic,
        m.partition,
        m.offset,
        h['dlq-consumer-group'] ?? null,
        h['dlq-original-topic'] ?? null,
        h['dlq-original-partition'] ? Number(h['dlq-original-partition']) : null,
        h['dlq-original-offset'] ?? null,
        m.key,
        m.value,
        JSON.stringify(h),
        h['dlq-error-code'] ?? 'UNKNOWN',
        h['dlq-error-message'] ?? null,
        Number(h['dlq-attempts'] ?? 0),
        h['dlq-failed-at'] ?? new Date().toISOString(),
      ];
    });
    await this.orm.em.fork().execute(
      `INSERT INTO dead_letters (service, dlq_topic, dlq_partition, dlq_offset, consumer_group, original_topic, original_partition, original_offset,
         message_key, message_value, headers, error_code, error_message, attempts, failed_at)
       VALUES ${placeholders(rows.length, 15)} ON CONFLICT ON CONSTRAINT dead_letters_place_unique DO NOTHING`,
      rows.flat(),
      'run',
    );
  }
}
