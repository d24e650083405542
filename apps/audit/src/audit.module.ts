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
import { CollectDeadLettersJob } from './dead-letters/application/collect-dead-letters/collect-dead-letters.job';
import { DiscardDeadLetterHandler } from './dead-letters/application/discard-dead-letter/discard-dead-letter.handler';
import { GetDeadLetterQuery } from './dead-letters/application/get-dead-letter/get-dead-letter.query';
import { ListDeadLettersQuery } from './dead-letters/application/list-dead-letters/list-dead-letters.query';
import { ReplayDeadLetterHandler } from './dead-letters/application/replay-dead-letter/replay-dead-letter.handler';
import { DeadLetter } from './dead-letters/infrastructure/dead-letter.entity';
import { DeadLetterMetrics } from './dead-letters/infrastructure/dead-letter.metrics';
import { deadLetterProjector } from './dead-letters/infrastructure/dead-letter.projector';
import { DeadLettersHttpController } from './dead-letters/interface/dead-letters.http-controller';
import { DeadLettersKafkaController } from './dead-letters/interface/dead-letters.kafka-controller';

export const auditOrmConfig = (config: Pick<AuditConfig, 'AUDIT_DATABASE_URL' | 'DATABASE_SSL_CA'>) =>
  createOrmConfig({
    clientUrl: config.AUDIT_DATABASE_URL,
    sslCa: config.DATABASE_SSL_CA,
    entities: [DeadLetter],
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
        DeadLettersHttpController,
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
        DeadLettersKafkaController,
        CollectDeadLettersJob,
        DeadLetterMetrics,
        ListDeadLettersQuery,
        GetDeadLetterQuery,
        ReplayDeadLetterHandler,
        DiscardDeadLetterHandler,
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
