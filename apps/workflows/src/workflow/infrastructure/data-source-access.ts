import { EntityManager } from '@mikro-orm/postgresql';
import {
  dataSourceArchived,
  dataSourceCreated,
  dataSourceUpdated,
  EventEnvelope,
  PublicPayload,
  WorkflowConfiguration,
} from '@mindhill/contracts';
import { pgIntArray } from '@mindhill/persistence';
import { canUse, DomainError, Who } from '@mindhill/platform';

// data_source_access: who owns each data source and who else may use it, kept from ingestion's
// data-source events (services never ask each other). A save is checked against it; ingestion
// checks again at every run with its own rows, so a share withdrawn later still stops runs.
export const DATA_SOURCE_ACCESS_CONSUMER = 'workflows.data-source-access';
export const DATA_SOURCE_ACCESS_EVENTS = [dataSourceCreated.type, dataSourceUpdated.type, dataSourceArchived.type];

type Created = PublicPayload<typeof dataSourceCreated>;
type Updated = PublicPayload<typeof dataSourceUpdated>;
type Archived = PublicPayload<typeof dataSourceArchived>;

export async function recordDataSourceAccess(em: EntityManager, event: EventEnvelope<Record<string, unknown>>): Promise<void> {
  const at = event.occurredAt;
  if (event.type === dataSourceCreated.type || event.type === dataSourceUpdated.type) {
    const p = event.payload as Created | Updated;
    const owner = 'createdBy' in p ? p.createdBy : null;
    // Events of one data source arrive in order (keyed by its id); an update keeps the owner.
    await em.execute(
      `INSERT INTO data_source_access (data_source_id, owner_number, usable_by_users, status, updated_at) VALUES (?, ?, ?::int[], 'active', ?)
       ON CONFLICT (data_source_id) DO UPDATE SET usable_by_users = EXCLUDED.usable_by_users, updated_at = EXCLUDED.updated_at,
         owner_number = COALESCE(data_source_access.owner_number, EXCLUDED.owner_number)`,
      [p.dataSourceId, owner, pgIntArray(p.usableByUsers ?? []), at],
      'run',
    );
    return;
  }
  if (event.type === dataSourceArchived.type) {
    const p = event.payload as Archived;
    await em.execute(
      `UPDATE data_source_access SET status = 'archived', updated_at = ? WHERE data_source_id = ?`,
      [at, p.dataSourceId],
      'run',
    );
  }
}

export function dataSourceIdsOf(configuration: WorkflowConfiguration | Record<string, unknown>): string[] {
  const stages = (configuration as { stages?: { type?: string; dataSources?: string[] }[] }).stages ?? [];
  return [...new Set(stages.filter((s) => s.type === 'fetching').flatMap((s) => s.dataSources ?? []))];
}

// A workflow may only name data sources its owner may use. A data source this service has not
// heard of yet (just created, its event still on the way) passes here and is checked at run.
export async function assertDataSourcesUsable(em: EntityManager, ids: readonly string[], owner: Who): Promise<void> {
  if (ids.length === 0) return;
  const rows = await em.execute<{ data_source_id: string; owner_number: number | null; usable_by_users: number[] }[]>(
    'SELECT data_source_id, owner_number, usable_by_users FROM data_source_access WHERE data_source_id = ANY(?::uuid[])',
    [`{${ids.join(',')}}`],
  );
  const refused = rows
    .filter(
      (r) =>
        !canUse(owner, { ownerNumber: r.owner_number, isPublic: false, sharedWithUsers: [], usableByUsers: r.usable_by_users.map(Number) }),
    )
    .map((r) => r.data_source_id);
  if (refused.length > 0) {
    throw new DomainError(
      'WORKFLOWS.DATA_SOURCE_NOT_USABLE',
      `The workflow's owner may not use data sources ${refused.join(', ')}`,
      'forbidden',
      { dataSourceIds: refused },
    );
  }
}
