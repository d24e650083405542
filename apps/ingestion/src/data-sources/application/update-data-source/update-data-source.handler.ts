import { Inject, Injectable } from '@nestjs/common';
import { streamIds } from '@mindhill/contracts';
import { EventContext, EventStore, isUniqueViolation } from '@mindhill/persistence';
import { DataSourceDecider, nameTaken } from '../../domain/data-source.decider';
import { DATA_SOURCE_DECIDER } from '../../infrastructure/data-source-rules';
import { DataSourceView, findDataSource, isNameTaken, toState, toView } from '../../infrastructure/data-source.repository';
import { UpdateDataSourceBody } from './update-data-source.schema';

// The event carries the whole new public state; a patch that changes nothing appends nothing.
@Injectable()
export class UpdateDataSourceHandler {
  constructor(
    private readonly events: EventStore,
    @Inject(DATA_SOURCE_DECIDER) private readonly decider: DataSourceDecider,
  ) {}

  async execute(id: string, body: UpdateDataSourceBody, context: EventContext): Promise<DataSourceView> {
    try {
      return await this.events.transact(async (tx) => {
        const row = await findDataSource(tx.em, id, true);
        const nameTaken = row !== null && body.name !== undefined && (await isNameTaken(tx.em, body.name, row.created_by, row.uuid));
        const events = this.decider.decide(toState(row), { kind: 'update', by: context.actor, id, patch: body, nameTaken });
        // The decider has refused a missing source; no event: the source as it is.
        if (events.length === 0) return toView(row!);
        await tx.append(streamIds.dataSource(row!.uuid), row!.version, events, context);
        return toView((await findDataSource(tx.em, row!.uuid))!);
      });
    } catch (error) {
      if (isUniqueViolation(error, 'idx_data_sources_owner_name_live')) throw nameTaken(body.name ?? '');
      throw error;
    }
  }
}
