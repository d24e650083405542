import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { jobRetentionModule, KafkaClient, KafkaSettings } from '@mindhill/messaging';
import { HealthController, MetricsController } from '@mindhill/platform';
import { AuditBackboneModule } from './audit-backbone.module';
import { AuditConfig } from './audit.config';
import { AuditLogModule } from './audit-log/audit-log.module';
import { DeadLettersModule } from './dead-letters/dead-letters.module';
import { RetentionModule } from './retention/retention.module';
import { BackupsModule } from './backups/backups.module';
import { ScrubModule } from './scrub/scrub.module';

// The audit service: one module per context (see README.md), on the shared backbone.
@Module({})
export class AuditModule {
  static forRoot(config: AuditConfig, kafka: KafkaClient, kafkaSettings: KafkaSettings): DynamicModule {
    return {
      module: AuditModule,
      imports: [
        TerminusModule,
        AuditBackboneModule.forRoot(config, kafka, kafkaSettings),
        jobRetentionModule('audit'),
        AuditLogModule,
        RetentionModule,
        BackupsModule,
        ScrubModule,
        DeadLettersModule,
      ],
      controllers: [HealthController, MetricsController],
    };
  }
}
