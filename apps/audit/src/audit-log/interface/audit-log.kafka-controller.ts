import { Controller } from '@nestjs/common';
import { EventEnvelope } from '@mindhill/contracts';
import { OnEventBatch } from '@mindhill/messaging';
import { RecordAuditLogJob } from '../application/record-audit-log/record-audit-log.job';

@Controller()
export class AuditLogKafkaController {
  constructor(private readonly recordAuditLog: RecordAuditLogJob) {}

  // Every event of the platform arrives here in batches (one partition's worth at a time).
  @OnEventBatch()
  record(events: EventEnvelope<Record<string, unknown>>[]): Promise<{ duplicates: number }> {
    return this.recordAuditLog.execute(events);
  }
}
