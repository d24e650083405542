import { contentFetched, eventRegistry, executionStageRequested } from '@mindhill/contracts';
import { KafkaEventTransport, kafkaFromEnv } from '@mindhill/messaging';
import { ServiceBootstrap } from '@mindhill/platform';
import { CONTENT_FEED_TRANSPORT } from './content-feed/interface/content-feed.kafka-controller';
import { ProcessingConfig } from './processing.config';
import { ProcessingModule } from './processing.module';
import { STAGE_REQUEST_TYPES, STAGE_REQUESTS_TRANSPORT } from './stages/interface/stage-requests.kafka-controller';

export function processingService(config: ProcessingConfig): ServiceBootstrap {
  const { kafka, kafkaSettings } = kafkaFromEnv('processing', config);
  // Two consumer groups: the read model of fetched content, and the stage requests (plus the
  // execution ends that cancel pending stage jobs). Each transport only gets its own handlers.
  const contents = new KafkaEventTransport(kafka, kafkaSettings, {
    group: `${config.KAFKA_TOPIC_PREFIX}processing.contents`,
    service: 'processing',
    registry: eventRegistry,
    // Batch mode (see ContentFeedKafkaController) subscribes to exactly these topics.
    topics: [contentFetched.topic],
  });
  contents.setTransportId(CONTENT_FEED_TRANSPORT);
  const stageRequests = new KafkaEventTransport(kafka, kafkaSettings, {
    group: `${config.KAFKA_TOPIC_PREFIX}processing.stage-requests`,
    service: 'processing',
    registry: eventRegistry,
    // Batch mode (see StageRequestsKafkaController): the execution topic, two of its types.
    topics: [executionStageRequested.topic],
    eventTypes: STAGE_REQUEST_TYPES,
  });
  stageRequests.setTransportId(STAGE_REQUESTS_TRANSPORT);
  return {
    service: 'processing',
    module: ProcessingModule.forRoot(config, kafka, kafkaSettings),
    port: config.PROCESSING_PORT,
    host: config.PROCESSING_HOST,
    logLevel: config.LOG_LEVEL,
    metricsToken: config.METRICS_TOKEN,
    internalToken: config.INTERNAL_API_TOKEN,
    transports: [contents, stageRequests],
  };
}
