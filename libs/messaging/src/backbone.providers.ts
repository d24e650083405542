import { Provider } from '@nestjs/common';
import { MikroORM, Options } from '@mikro-orm/postgresql';
import { Kafka } from 'kafkajs';
import { EventStore, Projector } from '@mindhill/persistence';
import { READINESS_CHECKS } from '@mindhill/platform';
import { KafkaSettings } from './kafka-settings';
import { OutboxRelayOptions } from './outbox-relay';
import { ServiceBackbone } from './service-backbone';

export const KAFKA = Symbol('KAFKA');
export const KAFKA_SETTINGS = Symbol('KAFKA_SETTINGS');

export type BackboneProviderInput = {
  service: string;
  kafka: Kafka;
  kafkaSettings: KafkaSettings;
  ormConfig?: Options;
  projectors?: readonly Projector[];
  relay?: OutboxRelayOptions;
};

// The providers every app module starts from: ORM (when the app has a database), the backbone,
// its event store and the readiness checks served on /health/ready.
export function backboneProviders(input: BackboneProviderInput): Provider[] {
  const providers: Provider[] = [
    { provide: KAFKA, useValue: input.kafka },
    { provide: KAFKA_SETTINGS, useValue: input.kafkaSettings },
    {
      provide: ServiceBackbone,
      inject: input.ormConfig ? [MikroORM] : [],
      useFactory: (orm?: MikroORM) =>
        new ServiceBackbone({
          service: input.service,
          kafka: input.kafka,
          kafkaSettings: input.kafkaSettings,
          orm,
          projectors: input.projectors,
          relay: input.relay,
        }),
    },
    { provide: READINESS_CHECKS, inject: [ServiceBackbone], useFactory: (b: ServiceBackbone) => b.readinessChecks() },
  ];
  if (input.ormConfig) {
    const config = input.ormConfig;
    providers.push(
      { provide: MikroORM, useFactory: () => MikroORM.init(config) },
      { provide: EventStore, inject: [ServiceBackbone], useFactory: (b: ServiceBackbone) => b.requireEventStore() },
    );
  }
  return providers;
}
