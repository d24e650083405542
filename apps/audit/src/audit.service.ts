import { eventRegistry } from '@mindhill/contracts';
import { KafkaEventTransport, kafkaFromEnv } from '@mindhill/messaging';
import { ServiceBootstrap } from '@mindhill/platform';
import { AuditConfig } from './audit.config';
import { AuditModule } from './audit.module';

export const AUDIT_CONSUMER_GROUP = 'audit.audit-log';

export function auditService(config: AuditConfig): ServiceBootstrap {
  const { kafka, kafkaSettings } = kafkaFromEnv('audit', config);
  // The audit log carries every event of the platform: one batch consumer over all topics.
  const transport = new KafkaEventTransport(kafka, kafkaSettings, {
    group: `${config.KAFKA_TOPIC_PREFIX}${AUDIT_CONSUMER_GROUP}`,
    service: 'audit',
    registry: eventRegistry,
  });
  return {
    service: 'audit',
    module: AuditModule.forRoot(config, kafka, kafkaSettings),
    port: config.AUDIT_PORT,
    host: config.AUDIT_HOST,
    logLevel: config.LOG_LEVEL,
    metricsToken: config.METRICS_TOKEN,
    internalToken: config.INTERNAL_API_TOKEN,
    transports: [transport],
  };
}
