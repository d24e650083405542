import { Injectable } from '@nestjs/common';
import { EventEnvelope } from '@mindhill/contracts';
import { AuditLogWriter } from '../../infrastructure/audit-log.writer';

// Every event of the platform becomes one audit row, as its contract describes it
// (domain/audit-row.mapper.ts), a whole consumer batch in one statement. The event id is the
// row's key, so a redelivered event leaves exactly one row.
@Injectable()
export class RecordAuditLogJob {
  constructor(private readonly writer: AuditLogWriter) {}

  async execute(events: readonly EventEnvelope[]): Promise<{ duplicates: number }> {
    const { duplicates } = await this.writer.write(events);
    return { duplicates };
  }
}
