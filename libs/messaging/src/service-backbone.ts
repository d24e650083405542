import { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import { Kafka } from 'kafkajs';
import { deadLetterTopic, eventRegistry, EventRegistry, PLATFORM_SERVICES, TOPIC_CONFIG } from '@mindhill/contracts';
import { EventStore, OutboxStore, Projector } from '@mindhill/persistence';
import { getLogger, platformMetrics, ReadinessCheck, sampleOnScrape, withTimeout } from '@mindhill/platform';
import { consumerReadiness } from './event-consumer';
import { kafkaReadinessCheck } from './kafka-readiness';
import { KafkaSettings, prefixedTopic } from './kafka-settings';
import { OutboxRelay, OutboxRelayOptions } from './outbox-relay';
import { ensureTopics } from './topic-admin';

export type ServiceBackboneOptions = {
  service: string;
  kafka: Kafka;
  kafkaSettings: KafkaSettings;
  // Absent for the gateway, which has no database.
  orm?: MikroORM;
  projectors?: readonly Projector[];
  registry?: EventRegistry;
  relay?: OutboxRelayOptions;
  // Readiness fails when this many rows wait in the outbox (the relay is stuck).
  outboxBacklogLimit?: number;
};

// Everything a service needs to take part in the event flow: its event store, the relay that
// publishes its outbox, the topics, and the readiness checks on all of it.
export class ServiceBackbone implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly registry: EventRegistry;
  readonly eventStore?: EventStore;
  readonly outbox?: OutboxStore;
  readonly relay?: OutboxRelay;
  private readonly kafkaCheck;
  private stopBacklogSampling?: () => void;

  constructor(private readonly options: ServiceBackboneOptions) {
    this.registry = options.registry ?? eventRegistry;
    this.kafkaCheck = kafkaReadinessCheck(options.kafka);
    if (options.orm) {
      this.outbox = new OutboxStore(options.orm);
      this.relay = new OutboxRelay(options.kafka, options.kafkaSettings, this.outbox, options.relay);
      this.eventStore = new EventStore(options.orm, {
        producer: options.service,
        projectors: options.projectors ?? [],
        onCommitted: () => this.relay?.kick(),
      });
    }
  }

  private topicsCreated?: Promise<void>;

  // Creates the platform's topics once; anything that subscribes at start-up awaits this first
  // (Nest does not order providers' bootstrap hooks).
  topicsReady(): Promise<void> {
    this.topicsCreated ??= (async () => {
      const topics = [...this.registry.topics(), ...PLATFORM_SERVICES.map(deadLetterTopic)];
      await ensureTopics(
        this.options.kafka,
        topics.map((t) => ({
          topic: prefixedTopic(this.options.kafkaSettings, t),
          partitions: this.options.kafkaSettings.partitions,
          config: TOPIC_CONFIG[t],
        })),
      );
    })();
    return this.topicsCreated;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.topicsReady();
    this.relay?.start();
    if (this.outbox) this.stopBacklogSampling = sampleOnScrape('outbox', () => this.sampleBacklog());
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopBacklogSampling?.();
    await this.relay?.stop();
    // The relay holds its own connection; close it before the pool so shutdown leaves nothing open.
    await this.outbox?.close();
    await this.kafkaCheck.close();
    await this.options.orm?.close();
  }

  readinessChecks(): ReadinessCheck[] {
    const checks: ReadinessCheck[] = [this.kafkaCheck, consumerReadiness(this.options.service)];
    const orm = this.options.orm;
    if (orm) {
      checks.unshift({
        name: 'database',
        check: async () => {
          await orm.em.fork().execute('SELECT 1');
          return { ok: true };
        },
      });
      checks.push({
        name: 'outbox',
        check: async () => {
          const backlog = await this.sampleBacklog();
          const limit = this.options.outboxBacklogLimit ?? 10_000;
          return {
            ok: backlog.count < limit,
            details: { backlog: backlog.count, limit, oldestAgeSeconds: Math.round(backlog.oldestAgeSeconds) },
          };
        },
      });
    }
    return checks;
  }

  private async sampleBacklog() {
    const backlog = await withTimeout(this.outbox!.backlog(), 2_000, 'outbox backlog');
    platformMetrics.outboxBacklog.set(backlog.count);
    platformMetrics.outboxOldestAge.set(backlog.oldestAgeSeconds);
    return backlog;
  }

  requireEventStore(): EventStore {
    if (!this.eventStore) throw new Error(`${this.options.service} has no database: it cannot append events`);
    return this.eventStore;
  }
}

export function logStartupProblem(service: string, error: unknown): void {
  getLogger('bootstrap').error({ err: error, service }, 'Start-up step failed');
}
