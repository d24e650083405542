import { assertCanChange } from '@mindhill/platform';
import { Injectable } from '@nestjs/common';
import { dataSourceArchived } from '@mindhill/contracts';
import { EventContext, EventStore, newEvent } from '@mindhill/persistence';
import { dataSourceNotFound, DataSourceView, findDataSource, toView } from '../../infrastructure/data-source.repository';

// Archiving is idempotent: archiving an archived source answers with it unchanged.
@Injectable()
export class ArchiveDataSourceHandler {
  constructor(private readonly events: EventStore) {}

  execute(id: string, context: EventContext): Promise<DataSourceView> {
    return this.events.transact(async (tx) => {
      const row = await findDataSource(tx.em, id, true);
      if (!row) throw dataSourceNotFound(id);
      assertCanChange(row.created_by, context.actor, 'data source');
      if (row.status === 'archived') return toView(row);
      await tx.append(
        `data-source-${row.uuid}`,
        row.version,
        [
          newEvent(dataSourceArchived, {
            dataSourceId: row.uuid,
            fluxNumber: row.id,
            name: row.name,
            archivedBy: context.actor.userNumber,
            archivedAt: new Date().toISOString(),
          }),
        ],
        context,
      );
      return toView((await findDataSource(tx.em, row.uuid))!);
    });
  }
}
