import { Module } from '@nestjs/common';
import { EventRegistry, eventRegistry } from '@mindhill/contracts';
import { ListAuditLogsQuery } from './application/list-audit-logs/list-audit-logs.query';
import { RecordAuditLogJob } from './application/record-audit-log/record-audit-log.job';
import { AuditLogWriter } from './infrastructure/audit-log.writer';
import { AuditLogHttpController } from './interface/audit-log.http-controller';
import { AuditLogKafkaController } from './interface/audit-log.kafka-controller';

// The audit log: every event of the platform as one row (mapped as its contract describes it),
// and the admins' listing.
@Module({
  controllers: [AuditLogHttpController, AuditLogKafkaController],
  providers: [{ provide: EventRegistry, useValue: eventRegistry }, AuditLogWriter, RecordAuditLogJob, ListAuditLogsQuery],
})
export class AuditLogModule {}
