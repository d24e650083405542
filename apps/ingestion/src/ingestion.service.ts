import { AddressInfo } from 'node:net';
import { eventRegistry, executionStageRequested } from '@mindhill/contracts';
import { KafkaEventTransport, kafkaFromEnv } from '@mindhill/messaging';
import { OutboundPolicy, ServiceBootstrap } from '@mindhill/platform';
import { STAGE_REQUESTS_CONSUMER } from './fetching/application/request-fetching-stage/request-fetching-stage.job';
import { STAGE_REQUEST_TYPES } from './fetching/interface/stage-requests.kafka-controller';
import { IngestionConfig } from './ingestion.config';
import { OUTBOUND_POLICY } from './ingestion-backbone.module';
import { IngestionModule } from './ingestion.module';
import { installRawBodyCapture } from './shared/raw-body';

export function ingestionService(config: IngestionConfig): ServiceBootstrap {
  const { kafka, kafkaSettings } = kafkaFromEnv('ingestion', config);
  // Stage requests of type fetching, and finished executions (to cancel their pending jobs).
  const stageRequests = new KafkaEventTransport(kafka, kafkaSettings, {
    group: `${config.KAFKA_TOPIC_PREFIX}${STAGE_REQUESTS_CONSUMER}`,
    service: 'ingestion',
    registry: eventRegistry,
    // Batch mode (see StageRequestsKafkaController): the execution topic, two of its types.
    topics: [executionStageRequested.topic],
    eventTypes: STAGE_REQUEST_TYPES,
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
    configure: (app) => {
      // Webhook signatures are over the exact bytes received.
      installRawBodyCapture(app.getHttpAdapter().getInstance());
      // The port really bound (a free one when configured as 0) is never an `api` source's target.
      const policy = app.get<symbol, OutboundPolicy>(OUTBOUND_POLICY);
      app.getHttpServer().once('listening', function (this: import('node:net').Server) {
        const address = this.address() as AddressInfo | null;
        if (address?.port) policy.denyPorts.add(address.port);
      });
    },
  };
}
