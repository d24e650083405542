import { eventRegistry } from '@mindhill/contracts';
import { KafkaEventTransport, kafkaFromEnv } from '@mindhill/messaging';
import { ServiceBootstrap } from '@mindhill/platform';
import { WorkflowsConfig } from './workflows.config';
import { WorkflowsModule } from './workflows.module';

export function workflowsService(config: WorkflowsConfig): ServiceBootstrap {
  const { kafka, kafkaSettings } = kafkaFromEnv('workflows', config);
  // The workers' stage outcomes, one event at a time, each claimed in the inbox.
  const stageOutcomes = new KafkaEventTransport(kafka, kafkaSettings, {
    group: `${config.KAFKA_TOPIC_PREFIX}workflows.stage-outcomes`,
    service: 'workflows',
    registry: eventRegistry,
  });
  return {
    service: 'workflows',
    module: WorkflowsModule.forRoot(config, kafka, kafkaSettings),
    port: config.WORKFLOWS_PORT,
    host: config.WORKFLOWS_HOST,
    logLevel: config.LOG_LEVEL,
    metricsToken: config.METRICS_TOKEN,
    internalToken: config.INTERNAL_API_TOKEN,
    transports: [stageOutcomes],
  };
}
