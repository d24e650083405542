import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Kafka } from 'kafkajs';
import { eventRegistry, settingChanged, StoredPayload } from '@mindhill/contracts';
import { getLogger } from '@mindhill/platform';
import { EventConsumer } from './event-consumer';
import { KafkaSettings } from './kafka-settings';

type Changed = StoredPayload<typeof settingChanged>;

// The system settings a service uses, kept current from auth.setting.changed events, so a change
// made through the settings API applies without a restart. Until a setting is changed, the
// service's own configured value stands. Environment-specific values win over 'all'.
export class LiveSettings {
  private readonly logger = getLogger('live-settings');
  private readonly values = new Map<string, Map<string, string | null>>();
  private consumer?: EventConsumer;

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
    this.consumer = new EventConsumer(kafka, settings, {
      group: `${settings.topicPrefix}${service}.settings.${hostname()}.${process.pid}.${randomBytes(3).toString('hex')}`,
      service,
      topics: [settingChanged.topic],
      registry: eventRegistry,
      batchMode: false,
      handle: async ([event]) => {
        if (event?.type === settingChanged.type) this.apply(event.payload as Changed);
      },
    });
    await this.consumer.start();
  }

  async stop(): Promise<void> {
    await this.consumer?.stop();
  }
}

// The settings environment of this process: NODE_ENV, with 'test' read as development.
export function settingsEnvironment(nodeEnv: string | undefined): string {
  return nodeEnv === 'production' ? 'production' : nodeEnv === 'staging' ? 'staging' : 'development';
}
