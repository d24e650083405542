import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { streamIds } from '@mindhill/contracts';
import { EventContext, EventStore, isUniqueViolation } from '@mindhill/persistence';
import { DataSourceDecider, nameTaken } from '../../domain/data-source.decider';
import { DATA_SOURCE_DECIDER } from '../../infrastructure/data-source-rules';
import { DataSourceView, findDataSource, isNameTaken, nextFluxNumber, toView } from '../../infrastructure/data-source.repository';
import { CreateDataSourceBody } from './create-data-source.schema';

@Injectable()
export class CreateDataSourceHandler {
  constructor(
    private readonly events: EventStore,
    @Inject(DATA_SOURCE_DECIDER) private readonly decider: DataSourceDecider,
  ) {}

  async execute(body: CreateDataSourceBody, context: EventContext): Promise<DataSourceView> {
    const { name, description, isPublic, sharedWithUsers, usableByUsers, ...source } = body;
    try {
      return await this.events.transact(async (tx) => {
        const command = {
          kind: 'create' as const,
          by: context.actor,
          name,
          description,
          isPublic,
          sharedWithUsers,
          usableByUsers,
          source,
          nameTaken: await isNameTaken(tx.em, name, context.actor.userNumber),
        };
        // A flux number is drawn only for a source the rules admit (no gap for a refused one).
        this.decider.admitCreate(command);
        const dataSourceId = randomUUID();
        const fluxNumber = await nextFluxNumber(tx.em);
        const events = this.decider.decide(null, { ...command, dataSourceId, fluxNumber });
        await tx.append(streamIds.dataSource(dataSourceId), 0, events, context);
        return toView((await findDataSource(tx.em, dataSourceId))!);
      });
    } catch (error) {
      // Two creates of one name at once: the unique index lets one commit.
      if (isUniqueViolation(error, 'idx_data_sources_owner_name_live')) throw nameTaken(name);
      throw error;
    }
  }
}
