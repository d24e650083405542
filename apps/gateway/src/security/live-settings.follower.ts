import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { KAFKA, KAFKA_SETTINGS, KafkaClient, KafkaSettings, LiveSettings, ServiceBackbone } from '@mindhill/messaging';

export const LIVE_SETTINGS = Symbol('LIVE_SETTINGS');

// Starts following setting changes once the topics exist (the gateway may be the first app up).
@Injectable()
export class LiveSettingsFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(LIVE_SETTINGS) private readonly live: LiveSettings,
    private readonly backbone: ServiceBackbone,
    @Inject(KAFKA) private readonly kafka: KafkaClient,
    @Inject(KAFKA_SETTINGS) private readonly settings: KafkaSettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.backbone.topicsReady();
    await this.live.follow(this.kafka, this.settings, 'gateway');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.live.stop();
  }
}
