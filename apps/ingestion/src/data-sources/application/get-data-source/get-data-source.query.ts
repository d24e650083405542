import { Injectable } from '@nestjs/common';
import { EventStore } from '@mindhill/persistence';
import { Who } from '@mindhill/domain';
import { DataSourceView, findDataSource, toView, visibleDataSource } from '../../infrastructure/data-source.repository';

// One data source, if the caller may see it (404 otherwise).
@Injectable()
export class GetDataSourceQueryHandler {
  constructor(private readonly events: EventStore) {}

  async execute(id: string, who: Who): Promise<DataSourceView> {
    return toView(visibleDataSource(await findDataSource(this.events.readModel(), id), id, who));
  }
}
