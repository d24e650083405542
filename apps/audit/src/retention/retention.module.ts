import { Module } from '@nestjs/common';
import { AUDIT_CONFIG } from '../audit-backbone.module';
import { AuditConfig } from '../audit.config';
import {
  ApplyAuditRetentionJob,
  RETENTION_SCHEDULE,
  RetentionSchedule,
} from './application/apply-audit-retention/apply-audit-retention.job';
import { AuditRetentionHttpController } from './interface/audit-retention.http-controller';

// Retention of audit_logs: a daily job, and an admin's request (with a dry run).
@Module({
  controllers: [AuditRetentionHttpController],
  providers: [
    {
      provide: RETENTION_SCHEDULE,
      inject: [AUDIT_CONFIG],
      useFactory: (config: AuditConfig): RetentionSchedule => ({
        enabled: config.AUDIT_RETENTION_ENABLED,
        hourUtc: config.AUDIT_RETENTION_HOUR_UTC,
      }),
    },
    ApplyAuditRetentionJob,
  ],
})
export class RetentionModule {}
