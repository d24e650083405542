import { EntityManager } from '@mikro-orm/postgresql';
import { DataSourceType } from '@mindhill/contracts';
import { canSee, UsableResource, visibleTo, Who } from '@mindhill/domain';
import { dataSourceNotFound, DataSourceState } from '../domain/data-source.decider';

export type DataSourceRow = {
  id: number;
  uuid: string;
  name: string;
  description: string | null;
  source_type: DataSourceType;
  config: Record<string, unknown>;
  credentials_encrypted: string | null;
  credentials_set: string[];
  status: 'active' | 'archived';
  version: number;
  created_by: number | null;
  updated_by: number | null;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
  is_public: boolean;
  shared_with_users: number[];
  usable_by_users: number[];
};

// What the API shows of a data source: never the encrypted blob.
export type DataSourceView = {
  id: string;
  fluxNumber: number;
  name: string;
  description: string | null;
  type: DataSourceType;
  config: Record<string, unknown>;
  credentialsSet: string[];
  status: 'active' | 'archived';
  version: number;
  webhookPath: string | null;
  createdBy: number | null;
  isPublic: boolean;
  sharedWithUsers: number[];
  usableByUsers: number[];
  createdAt: string;
  updatedAt: string;
  archivedAt: string | null;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function dataSourceAccess(
  row: Pick<DataSourceRow, 'created_by' | 'is_public' | 'shared_with_users' | 'usable_by_users'>,
): UsableResource {
  return {
    ownerNumber: row.created_by,
    isPublic: row.is_public,
    sharedWithUsers: (row.shared_with_users ?? []).map(Number),
    usableByUsers: (row.usable_by_users ?? []).map(Number),
  };
}

// The data sources (alias `d`) the caller may see, as a WHERE predicate.
export const dataSourcesVisibleTo = (who: Who, alias = 'd') =>
  visibleTo(who, { owner: `${alias}.created_by`, isPublic: `${alias}.is_public`, sharedWith: `${alias}.shared_with_users` });

// The data source if the caller may see it; otherwise it does not exist for them.
export function visibleDataSource(row: DataSourceRow | null, id: string, who: Who): DataSourceRow {
  if (!row || !canSee(who, dataSourceAccess(row))) throw dataSourceNotFound(id);
  return row;
}

// The state the data-source rules decide on.
export function toState(row: DataSourceRow | null): DataSourceState {
  if (!row) return null;
  return {
    dataSourceId: row.uuid,
    fluxNumber: row.id,
    name: row.name,
    description: row.description,
    type: row.source_type,
    config: row.config,
    encryptedCredentials: row.credentials_encrypted,
    credentialsSet: row.credentials_set ?? [],
    status: row.status,
    access: dataSourceAccess(row),
  };
}

// Whether another live source of the owner has the name (case-insensitive).
export async function isNameTaken(em: EntityManager, name: string, owner: number | null, exceptUuid?: string): Promise<boolean> {
  const rows = await em.execute<unknown[]>(
    `SELECT 1 FROM data_sources WHERE COALESCE(created_by, 0) = ? AND lower(name) = lower(?) AND status = 'active'${exceptUuid ? ' AND uuid <> ?' : ''}`,
    exceptUuid ? [owner ?? 0, name, exceptUuid] : [owner ?? 0, name],
  );
  return rows.length > 0;
}

// Flux numbers are carried in the created event (a rebuild keeps them).
export async function nextFluxNumber(em: EntityManager): Promise<number> {
  const [{ id }] = await em.execute<{ id: string }[]>(`SELECT nextval('data_sources_id_seq') AS id`);
  return Number(id);
}

export async function findDataSource(em: EntityManager, uuid: string, forUpdate = false): Promise<DataSourceRow | null> {
  if (!UUID.test(uuid)) return null;
  const rows = await em.execute<DataSourceRow[]>(`SELECT * FROM data_sources WHERE uuid = ?${forUpdate ? ' FOR UPDATE' : ''}`, [uuid]);
  return rows[0] ?? null;
}

export async function findDataSources(em: EntityManager, uuids: readonly string[]): Promise<DataSourceRow[]> {
  const valid = uuids.filter((u) => UUID.test(u));
  if (valid.length === 0) return [];
  return em.execute<DataSourceRow[]>(`SELECT * FROM data_sources WHERE uuid IN (${valid.map(() => '?').join(', ')})`, valid);
}

export function toView(row: DataSourceRow): DataSourceView {
  return {
    id: row.uuid,
    fluxNumber: row.id,
    name: row.name,
    description: row.description,
    type: row.source_type,
    config: row.config,
    credentialsSet: row.credentials_set ?? [],
    status: row.status,
    version: row.version,
    webhookPath: row.source_type === 'webhook' ? `/api/v1/webhooks/${row.uuid}` : null,
    createdBy: row.created_by,
    isPublic: row.is_public,
    sharedWithUsers: (row.shared_with_users ?? []).map(Number),
    usableByUsers: (row.usable_by_users ?? []).map(Number),
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    archivedAt: row.archived_at ? new Date(row.archived_at).toISOString() : null,
  };
}
