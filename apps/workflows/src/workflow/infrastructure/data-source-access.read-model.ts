import { EntityManager } from '@mikro-orm/postgresql';
import { dataSourceArchived, dataSourceCreated, dataSourceUpdated } from '@mindhill/contracts';
import { EventOf } from '@mindhill/messaging';
import { pgIntArray } from '@mindhill/persistence';
import { DataSourceGrant } from '../domain/data-source-grants';

// data_source_access: who owns each data source and who else may use it, kept from ingestion's
// data-source events (services never ask each other). A save is checked against it; ingestion
// checks again at every run with its own rows, so a share withdrawn later still stops runs.
export const DATA_SOURCE_ACCESS_CONSUMER = 'workflows.data-source-access';

// Events of one data source arrive in order (keyed by its id); an update keeps the owner.
export async function recordDataSourceGrant(
  em: EntityManager,
  event: EventOf<typeof dataSourceCreated> | EventOf<typeof dataSourceUpdated>,
): Promise<void> {
  const p = event.payload;
  const owner = 'createdBy' in p ? p.createdBy : null;
  await em.execute(
    `INSERT INTO data_source_access (data_source_id, owner_number, usable_by_users, status, updated_at) VALUES (?, ?, ?::int[], 'active', ?)
     ON CONFLICT (data_source_id) DO UPDATE SET usable_by_users = EXCLUDED.usable_by_users, updated_at = EXCLUDED.updated_at,
       owner_number = COALESCE(data_source_access.owner_number, EXCLUDED.owner_number)`,
    [p.dataSourceId, owner, pgIntArray(p.usableByUsers ?? []), event.occurredAt],
    'run',
  );
}

export async function recordDataSourceArchived(em: EntityManager, event: EventOf<typeof dataSourceArchived>): Promise<void> {
  await em.execute(
    `UPDATE data_source_access SET status = 'archived', updated_at = ? WHERE data_source_id = ?`,
    [event.occurredAt, event.payload.dataSourceId],
    'run',
  );
}

// The grants of the given data sources that this service has heard of.
export async function dataSourceGrants(em: EntityManager, ids: readonly string[]): Promise<DataSourceGrant[]> {
  if (ids.length === 0) return [];
  const rows = await em.execute<{ data_source_id: string; owner_number: number | null; usable_by_users: number[] }[]>(
    'SELECT data_source_id, owner_number, usable_by_users FROM data_source_access WHERE data_source_id = ANY(?::uuid[])',
    [`{${ids.join(',')}}`],
  );
  return rows.map((r) => ({ dataSourceId: r.data_source_id, ownerNumber: r.owner_number, usableByUsers: r.usable_by_users.map(Number) }));
}
