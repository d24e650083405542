import { Inject, Injectable } from '@nestjs/common';
import { streamIds } from '@mindhill/contracts';
import { EventContext, EventStore } from '@mindhill/persistence';
import { DataSourceDecider } from '../../domain/data-source.decider';
import { DATA_SOURCE_DECIDER } from '../../infrastructure/data-source-rules';
import { DataSourceView, findDataSource, toState, toView } from '../../infrastructure/data-source.repository';

// Archiving is idempotent: archiving an archived source answers with it unchanged.
@Injectable()
export class ArchiveDataSourceHandler {
  constructor(
    private readonly events: EventStore,
    @Inject(DATA_SOURCE_DECIDER) private readonly decider: DataSourceDecider,
  ) {}

  execute(id: string, context: EventContext): Promise<DataSourceView> {
    return this.events.transact(async (tx) => {
      const row = await findDataSource(tx.em, id, true);
      const events = this.decider.decide(toState(row), { kind: 'archive', by: context.actor, id, now: new Date() });
      // The decider has refused a missing source; no event: the source as it is.
      if (events.length === 0) return toView(row!);
      await tx.append(streamIds.dataSource(row!.uuid), row!.version, events, context);
      return toView((await findDataSource(tx.em, row!.uuid))!);
    });
  }
}
