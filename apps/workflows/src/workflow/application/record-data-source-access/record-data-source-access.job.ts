import { Injectable } from '@nestjs/common';
import { dataSourceArchived, dataSourceCreated, dataSourceUpdated } from '@mindhill/contracts';
import { EventOf } from '@mindhill/messaging';
import { EventStore, recordOnce } from '@mindhill/persistence';
import {
  DATA_SOURCE_ACCESS_CONSUMER,
  recordDataSourceArchived,
  recordDataSourceGrant,
} from '../../infrastructure/data-source-access.read-model';

// Ingestion's data-source events into data_source_access (who may name which data source in a
// workflow), each claimed in the inbox with its effect.
@Injectable()
export class RecordDataSourceAccessJob {
  constructor(private readonly events: EventStore) {}

  granted(event: EventOf<typeof dataSourceCreated> | EventOf<typeof dataSourceUpdated>) {
    return recordOnce(this.events, DATA_SOURCE_ACCESS_CONSUMER, event.eventId, (em) => recordDataSourceGrant(em, event));
  }

  archived(event: EventOf<typeof dataSourceArchived>) {
    return recordOnce(this.events, DATA_SOURCE_ACCESS_CONSUMER, event.eventId, (em) => recordDataSourceArchived(em, event));
  }
}
