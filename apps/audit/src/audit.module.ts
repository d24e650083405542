import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { EventRegistry, eventRegistry } from '@mindhill/contracts';
import { backboneProviders, KafkaClient, KafkaSettings } from '@mindhill/messaging';
import { createOrmConfig } from '@mindhill/persistence';
import { HealthController, MetricsController } from '@mindhill/platform';
import { AuditConfig } from './audit.config';
import { ListAuditLogsQuery } from './audit-log/application/list-audit-logs/list-audit-logs.query';
import { RecordAuditLogJob } from './audit-log/application/record-audit-log/record-audit-log.job';
import { AuditLogWriter } from './audit-log/infrastructure/audit-log.writer';
import { AuditLogHttpController } from './audit-log/interface/audit-log.http-controller';
import { AuditLogKafkaController } from './audit-log/interface/audit-log.kafka-controller';
import { auditMigrations } from './migrations';
import { ApplyAuditRetentionJob, RETENTION_SCHEDULE } from './retention/application/apply-audit-retention/apply-audit-retention.job';
import { AuditRetentionHttpController } from './retention/interface/audit-retention.http-controller';
import { ScrubAuditContentJob } from './scrub/application/scrub-audit-content/scrub-audit-content.job';
import { AuditScrubHttpController } from './scrub/interface/audit-scrub.http-controller';
import { DeadLetterCollector } from './dead-letters/dead-letter.collector';
import { DeadLetterHttpController } from './dead-letters/dead-letter.http-controller';
import { deadLetterProjector } from './dead-letters/dead-letter.projector';

export const auditOrmConfig = (config: Pick<AuditConfig, 'AUDIT_DATABASE_URL' | 'DATABASE_SSL_CA'>) =>
  createOrmConfig({
    clientUrl: config.AUDIT_DATABASE_URL,
    sslCa: config.DATABASE_SSL_CA,
    entities: [],
    migrations: auditMigrations,
    poolMax: 5,
  });

@Module({})
export class AuditModule {
  static forRoot(config: AuditConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings): DynamicModule {
    return {
      module: AuditModule,
      imports: [TerminusModule],
      controllers: [
        HealthController,
        MetricsController,
        AuditLogHttpController,
        AuditLogKafkaController,
        DeadLetterHttpController,
        AuditRetentionHttpController,
        AuditScrubHttpController,
      ],
      providers: [
        ...backboneProviders({
          service: 'audit',
          kafka,
          kafkaSettings,
          ormConfig: auditOrmConfig(config),
          projectors: [deadLetterProjector],
        }),
        DeadLetterCollector,
        ApplyAuditRetentionJob,
        ScrubAuditContentJob,
        { provide: RETENTION_SCHEDULE, useValue: { enabled: config.AUDIT_RETENTION_ENABLED, hourUtc: config.AUDIT_RETENTION_HOUR_UTC } },
        { provide: EventRegistry, useValue: eventRegistry },
        AuditLogWriter,
        RecordAuditLogJob,
        ListAuditLogsQuery,
      ],
    };
  }
}
