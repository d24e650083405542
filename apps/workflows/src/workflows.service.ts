import { eventRegistry, ingestionStage, processingStage } from '@mindhill/contracts';
import { KafkaEventTransport, kafkaFromEnv } from '@mindhill/messaging';
import { ServiceBootstrap } from '@mindhill/platform';
import { WorkflowsConfig } from './workflows.config';
import { WorkflowsModule } from './workflows.module';
import { DIRECTORY_TRANSPORT, STAGE_OUTCOMES_TRANSPORT } from './workflows.transports';

export function workflowsService(config: WorkflowsConfig): ServiceBootstrap {
  const { kafka, kafkaSettings } = kafkaFromEnv('workflows', config);
  // The workers' stage outcomes, a Kafka batch at a time (each event claimed in the inbox; a
  // failing batch is retried event by event).
  const stageOutcomes = new KafkaEventTransport(kafka, kafkaSettings, {
    group: `${config.KAFKA_TOPIC_PREFIX}workflows.stage-outcomes`,
    service: 'workflows',
    registry: eventRegistry,
    topics: [ingestionStage.completed.topic, processingStage.completed.topic],
  });
  stageOutcomes.setTransportId(STAGE_OUTCOMES_TRANSPORT);
  // Users' roles and data sources' owners, one event at a time. A group of its own since the
  // outcomes went to batches: it read these topics from their beginning once (the inbox skips
  // what the outcomes' group had already recorded).
  const directory = new KafkaEventTransport(kafka, kafkaSettings, {
    group: `${config.KAFKA_TOPIC_PREFIX}workflows.directory`,
    service: 'workflows',
    registry: eventRegistry,
  });
  directory.setTransportId(DIRECTORY_TRANSPORT);
  return {
    service: 'workflows',
    module: WorkflowsModule.forRoot(config, kafka, kafkaSettings),
    port: config.WORKFLOWS_PORT,
    host: config.WORKFLOWS_HOST,
    logLevel: config.LOG_LEVEL,
    metricsToken: config.METRICS_TOKEN,
    internalToken: config.INTERNAL_API_TOKEN,
    transports: [stageOutcomes, directory],
  };
}
