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
    // Batches gathered for 25 ms while busy: a burst's audit rows cost a quarter of the CPU (bench/README.md,
    // Sixth session), and command -> audit stays far inside its 100 ms.
    gatherMs: 25,
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
