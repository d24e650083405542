import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { deadLetterTopic, PLATFORM_SERVICES } from '@mindhill/contracts';
import { KAFKA, KAFKA_SETTINGS, KafkaClient, KafkaSettings, RawTopicConsumer, ServiceBackbone, unprefixedTopic } from '@mindhill/messaging';
import { CollectDeadLettersJob } from '../application/collect-dead-letters/collect-dead-letters.job';

// Reads every service's dead-letter topic as raw bytes (a dead letter need not even be JSON);
// the service is the topic's first segment.
@Injectable()
export class DeadLettersKafkaController implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: RawTopicConsumer;

  constructor(
    private readonly backbone: ServiceBackbone,
    collect: CollectDeadLettersJob,
    @Inject(KAFKA) kafka: KafkaClient,
    @Inject(KAFKA_SETTINGS) settings: KafkaSettings,
  ) {
    this.consumer = new RawTopicConsumer(kafka, settings, {
      group: `${settings.topicPrefix}audit.dead-letters`,
      topics: PLATFORM_SERVICES.map(deadLetterTopic),
      handle: (messages) =>
        collect.execute(messages.map((message) => ({ service: unprefixedTopic(settings, message.topic).split('.')[0] ?? '', message }))),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.backbone.topicsReady();
    await this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
