import { eventRegistry } from '@mindhill/contracts';
import { KafkaEventTransport, kafkaFromEnv, OutboxRelayOptions } from '@mindhill/messaging';
import { ServiceBootstrap } from '@mindhill/platform';
import { AuthConfig } from './auth.config';
import { AuthModule } from './auth.module';

// `relay` lets a test inject a crash between the Kafka acknowledgement and the outbox commit.
export function authService(config: AuthConfig, relay?: OutboxRelayOptions): ServiceBootstrap {
  const { kafka, kafkaSettings } = kafkaFromEnv('auth', config);
  // The workflow events auth follows for failure notices (workflow owners, runs' ends), one at a
  // time, each claimed in the inbox.
  const notifications = new KafkaEventTransport(kafka, kafkaSettings, {
    group: `${config.KAFKA_TOPIC_PREFIX}auth.notifications`,
    service: 'auth',
    registry: eventRegistry,
    // It passes over every other execution event, and a notice needs no millisecond: fewer
    // fetches while busy (EventConsumerOptions.gatherMs).
    gatherMs: 50,
  });
  return {
    service: 'auth',
    module: AuthModule.forRoot(config, kafka, kafkaSettings, relay),
    port: config.AUTH_PORT,
    host: config.AUTH_HOST,
    logLevel: config.LOG_LEVEL,
    metricsToken: config.METRICS_TOKEN,
    internalToken: config.INTERNAL_API_TOKEN,
    // Gateways fetch the access-token keys here, without the internal token.
    publicPaths: ['/.well-known/jwks.json'],
    transports: [notifications],
  };
}
