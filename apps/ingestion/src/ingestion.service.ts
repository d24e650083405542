import { FastifyInstance } from 'fastify';
import { eventRegistry } from '@mindhill/contracts';
import { KafkaEventTransport, kafkaFromEnv } from '@mindhill/messaging';
import { ServiceBootstrap } from '@mindhill/platform';
import { STAGE_REQUESTS_CONSUMER } from './fetching/interface/stage-requests.kafka-controller';
import { IngestionConfig } from './ingestion.config';
import { IngestionModule } from './ingestion.module';
import { installRawBodyCapture } from './shared/raw-body';

export function ingestionService(config: IngestionConfig): ServiceBootstrap {
  const { kafka, kafkaSettings } = kafkaFromEnv('ingestion', config);
  // Stage requests of type fetching, and finished executions (to cancel their pending jobs).
  const stageRequests = new KafkaEventTransport(kafka, kafkaSettings, {
    group: `${config.KAFKA_TOPIC_PREFIX}${STAGE_REQUESTS_CONSUMER}`,
    service: 'ingestion',
    registry: eventRegistry,
  });
  return {
    service: 'ingestion',
    module: IngestionModule.forRoot(config, kafka, kafkaSettings),
    port: config.INGESTION_PORT,
    host: config.INGESTION_HOST,
    logLevel: config.LOG_LEVEL,
    metricsToken: config.METRICS_TOKEN,
    internalToken: config.INTERNAL_API_TOKEN,
    transports: [stageRequests],
    // Webhook signatures are over the exact bytes received.
    configure: (app) => installRawBodyCapture(app.getHttpAdapter().getInstance() as unknown as FastifyInstance),
  };
}
