import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope } from '@mindhill/contracts';
import { EVENT_BATCH_PATTERN } from '@mindhill/messaging';
import { AuditLogWriter } from '../infrastructure/audit-log.writer';

@Controller()
export class AuditLogKafkaController {
  constructor(private readonly writer: AuditLogWriter) {}

  // Every event of the platform arrives here in batches (one partition's worth at a time).
  @EventPattern(EVENT_BATCH_PATTERN)
  async record(@Payload() events: EventEnvelope[]): Promise<{ duplicates: number }> {
    const { duplicates } = await this.writer.write(events);
    return { duplicates };
  }
}
