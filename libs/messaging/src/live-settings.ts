import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, Provider } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { eventRegistry, settingChanged, settingCreated, StoredPayload } from '@mindhill/contracts';
import { getLogger } from '@mindhill/platform';
import { EventConsumer } from './event-consumer';
import { KAFKA, KAFKA_SETTINGS } from './backbone.providers';
import { KafkaClient, KafkaSettings } from './kafka-settings';
import { ServiceBackbone } from './service-backbone';

type Changed = StoredPayload<typeof settingChanged>;

// The system settings a service uses, kept current from auth's setting events (the topic is
// compacted: the latest event of every setting stays), so a change made through the settings API
// applies without a restart. A setting still at its seeded default leaves the service's own
// configured value standing; once changed, the setting wins. Environment-specific values win
// over 'all'.
export class LiveSettings {
  private readonly logger = getLogger('live-settings');
  private readonly values = new Map<string, Map<string, string | null>>();
  private consumer?: EventConsumer;
  private kafka?: Kafka;
  private group?: string;

  constructor(private readonly environment: string) {}

  apply(change: Pick<Changed, 'key' | 'environment' | 'newValue'>): void {
    const byEnvironment = this.values.get(change.key) ?? new Map<string, string | null>();
    byEnvironment.set(change.environment, change.newValue);
    this.values.set(change.key, byEnvironment);
    this.logger.info({ key: change.key, environment: change.environment }, 'Setting changed');
  }

  raw(key: string): string | null | undefined {
    const byEnvironment = this.values.get(key);
    if (!byEnvironment) return undefined;
    return byEnvironment.has(this.environment) ? byEnvironment.get(this.environment) : byEnvironment.get('all');
  }

  integer(key: string, fallback: number): number {
    const value = Number(this.raw(key));
    return Number.isInteger(value) && value > 0 ? value : fallback;
  }

  // Every instance reads all setting changes: a group of its own, from the beginning.
  async follow(kafka: Kafka, settings: KafkaSettings, service: string): Promise<void> {
    this.kafka = kafka;
    this.group = `${settings.topicPrefix}${service}.settings.${hostname()}.${process.pid}.${randomBytes(3).toString('hex')}`;
    this.consumer = new EventConsumer(kafka, settings, {
      group: this.group,
      service,
      topics: [settingChanged.topic],
      registry: eventRegistry,
      batchMode: false,
      handle: async ([event]) => {
        if (event?.type === settingChanged.type) this.apply(event.payload as Changed);
        // An environment override starts as a copy of its base; a seeded default says nothing.
        if (event?.type === settingCreated.type) {
          const created = event.payload as StoredPayload<typeof settingCreated>;
          if (created.source === 'environment-override')
            this.apply({ key: created.key, environment: created.environment, newValue: created.value });
        }
      },
    });
    await this.consumer.start();
  }

  // The group is this process's alone: remove it, or every restart leaves one behind on the
  // broker (after a kill -9 the broker drops it once its offsets expire).
  async stop(): Promise<void> {
    if (!this.consumer) return;
    await this.consumer.stop();
    this.consumer = undefined;
    const admin = this.kafka!.admin();
    try {
      await admin.connect();
      await admin.deleteGroups([this.group!]);
    } catch (error) {
      this.logger.warn({ err: error, group: this.group }, 'Could not delete the settings consumer group');
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
}

// The settings environment of this process: NODE_ENV, with 'test' read as development.
export function settingsEnvironment(nodeEnv: string | undefined): string {
  return nodeEnv === 'production' ? 'production' : nodeEnv === 'staging' ? 'staging' : 'development';
}

export const LIVE_SETTINGS = Symbol('LIVE_SETTINGS');

// Nest providers that start following setting changes once the platform's topics exist (the
// service may be the first app up) and stop at shutdown.
export function liveSettingsProviders(service: string, live: LiveSettings): Provider[] {
  @Injectable()
  class LiveSettingsFollower implements OnApplicationBootstrap, OnApplicationShutdown {
    constructor(
      private readonly backbone: ServiceBackbone,
      @Inject(KAFKA) private readonly kafka: KafkaClient,
      @Inject(KAFKA_SETTINGS) private readonly settings: KafkaSettings,
    ) {}

    async onApplicationBootstrap(): Promise<void> {
      await this.backbone.topicsReady();
      await live.follow(this.kafka, this.settings, service);
    }

    async onApplicationShutdown(): Promise<void> {
      await live.stop();
    }
  }
  return [{ provide: LIVE_SETTINGS, useValue: live }, LiveSettingsFollower];
}
