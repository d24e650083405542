import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { dataSourceArchived, dataSourceCreated, dataSourceUpdated, EventEnvelope } from '@mindhill/contracts';
import { EventStore, recordOnce } from '@mindhill/persistence';
import { DATA_SOURCE_ACCESS_CONSUMER, recordDataSourceAccess } from '../infrastructure/data-source-access';

// Ingestion's data-source events into data_source_access, each claimed in the inbox.
@Controller()
export class DataSourceAccessKafkaController {
  constructor(private readonly events: EventStore) {}

  private record(event: EventEnvelope<Record<string, unknown>>) {
    return recordOnce(this.events, DATA_SOURCE_ACCESS_CONSUMER, event.eventId, (em) => recordDataSourceAccess(em, event));
  }

  @EventPattern(dataSourceCreated.type)
  created(@Payload() event: EventEnvelope<Record<string, unknown>>) {
    return this.record(event);
  }

  @EventPattern(dataSourceUpdated.type)
  updated(@Payload() event: EventEnvelope<Record<string, unknown>>) {
    return this.record(event);
  }

  @EventPattern(dataSourceArchived.type)
  archived(@Payload() event: EventEnvelope<Record<string, unknown>>) {
    return this.record(event);
  }
}
