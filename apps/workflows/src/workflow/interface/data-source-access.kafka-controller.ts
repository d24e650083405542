import { Controller } from '@nestjs/common';
import { dataSourceArchived, dataSourceCreated, dataSourceUpdated } from '@mindhill/contracts';
import { EventOf, OnEvent } from '@mindhill/messaging';
import { DIRECTORY_TRANSPORT } from '../../workflows.transports';
import { RecordDataSourceAccessJob } from '../application/record-data-source-access/record-data-source-access.job';

// Ingestion's data-source events (owner and users it is lent to, or archived).
@Controller()
export class DataSourceAccessKafkaController {
  constructor(private readonly recordDataSourceAccess: RecordDataSourceAccessJob) {}

  @OnEvent([dataSourceCreated, dataSourceUpdated], DIRECTORY_TRANSPORT)
  granted(event: EventOf<typeof dataSourceCreated> | EventOf<typeof dataSourceUpdated>) {
    return this.recordDataSourceAccess.granted(event);
  }

  @OnEvent(dataSourceArchived, DIRECTORY_TRANSPORT)
  archived(event: EventOf<typeof dataSourceArchived>) {
    return this.recordDataSourceAccess.archived(event);
  }
}
