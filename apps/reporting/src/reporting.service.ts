import { AUTH_USER_TOPIC, contentFetched, contentProcessed, eventRegistry, EXECUTION_TOPIC, WORKFLOW_TOPIC } from '@mindhill/contracts';
import { KafkaEventTransport, kafkaFromEnv } from '@mindhill/messaging';
import { ServiceBootstrap } from '@mindhill/platform';
import { READ_MODEL_FEED_TYPES } from './read-models/application/record-read-model-events/record-read-model-events.job';
import { READ_MODELS_TRANSPORT } from './read-models/interface/read-model.kafka-controller';
import { DELIVERIES_TRANSPORT } from './report-deliveries/interface/report-delivery.kafka-controller';
import { ReportingConfig } from './reporting.config';
import { ReportingModule } from './reporting.module';

export const READ_MODELS_GROUP = 'reporting.read-models';
export const DELIVERIES_GROUP = 'reporting.deliveries';

export function reportingService(config: ReportingConfig): ServiceBootstrap {
  const { kafka, kafkaSettings } = kafkaFromEnv('reporting', config);
  // Executions, calculation outputs and contents for the report read models, whole batches at a
  // time (see ReadModelKafkaController); batch mode subscribes to exactly these topics.
  const readModels = new KafkaEventTransport(kafka, kafkaSettings, {
    group: `${config.KAFKA_TOPIC_PREFIX}${READ_MODELS_GROUP}`,
    service: 'reporting',
    registry: eventRegistry,
    // The workflow topic feeds workflow_access: a report reads only what its owner may see; the
    // auth user topic feeds user_roles, the owner's current role (read from its beginning: new
    // topics of a group start there).
    topics: [EXECUTION_TOPIC, contentFetched.topic, contentProcessed.topic, WORKFLOW_TOPIC, AUTH_USER_TOPIC],
    eventTypes: READ_MODEL_FEED_TYPES,
    // Read models need no event at once: batches gathered for 50 ms while busy (bench/README.md).
    gatherMs: 50,
  });
  readModels.setTransportId(READ_MODELS_TRANSPORT);
  // Completed runs, one event at a time: each plans its deliveries (report-deliveries).
  const deliveries = new KafkaEventTransport(kafka, kafkaSettings, {
    group: `${config.KAFKA_TOPIC_PREFIX}${DELIVERIES_GROUP}`,
    service: 'reporting',
    registry: eventRegistry,
    // It passes over every other execution event: fewer fetches while busy.
    gatherMs: 50,
  });
  deliveries.setTransportId(DELIVERIES_TRANSPORT);
  return {
    service: 'reporting',
    module: ReportingModule.forRoot(config, kafka, kafkaSettings),
    port: config.REPORTING_PORT,
    host: config.REPORTING_HOST,
    logLevel: config.LOG_LEVEL,
    metricsToken: config.METRICS_TOKEN,
    internalToken: config.INTERNAL_API_TOKEN,
    transports: [readModels, deliveries],
  };
}
