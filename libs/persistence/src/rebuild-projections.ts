import { MikroORM, Options } from '@mikro-orm/postgresql';
import { EventStore, Projector } from './event-store';

// A service's projections of its own events: the tables a rebuild empties and the projectors
// that fill them again from stored_event, in order.
export type ServiceProjections = {
  // Entities the projectors use (the ORM must know them to replay).
  entities: Options['entities'];
  tables: readonly string[];
  projectors: readonly Projector[];
  afterReplaySql?: readonly string[];
};

export async function rebuildProjections(orm: MikroORM, producer: string, projections: ServiceProjections): Promise<{ events: number }> {
  const store = new EventStore(orm, { producer, projectors: projections.projectors });
  return orm.em.fork().transactional(async (em) => {
    // Raw SQL: TRUNCATE and the services' sequence fixes are DDL-like statements with no entity form.
    if (projections.tables.length > 0) await em.execute(`TRUNCATE ${projections.tables.join(', ')} RESTART IDENTITY CASCADE`, [], 'run');
    const events = await store.replay(em);
    await em.flush();
    for (const sql of projections.afterReplaySql ?? []) await em.execute(sql, [], 'all');
    return { events };
  });
}
