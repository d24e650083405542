import { z } from 'zod';
import { canUse, DomainError, Who } from '@mindhill/domain';

// What this service knows of a data source (data_source_access, kept from ingestion's events):
// its owner and who else may use it. Services never ask each other; ingestion checks again at
// every run with its own rows, so a share withdrawn later still stops runs.
export type DataSourceGrant = { dataSourceId: string; ownerNumber: number | null; usableByUsers: readonly number[] };

const namedSources = z.object({
  stages: z.array(z.object({ type: z.unknown(), dataSources: z.array(z.uuid()).optional() })),
});

// The data sources a configuration's fetching stages name. A value not even shaped like a
// configuration names none (it is refused with its issues when parsed).
export function dataSourceIdsOf(configuration: unknown): string[] {
  const parsed = namedSources.safeParse(configuration);
  if (!parsed.success) return [];
  return [...new Set(parsed.data.stages.filter((s) => s.type === 'fetching').flatMap((s) => s.dataSources ?? []))];
}

// A workflow may only name data sources its owner may use. A data source this service has not
// heard of yet (just created, its event still on the way) has no grant: it passes here and is
// checked at run.
export function assertDataSourcesUsable(ids: readonly string[], grants: readonly DataSourceGrant[], owner: Who): void {
  const named = new Set(ids.map((id) => id.toLowerCase()));
  const refused = grants
    .filter((g) => named.has(g.dataSourceId.toLowerCase()))
    .filter((g) => !canUse(owner, { ownerNumber: g.ownerNumber, isPublic: false, sharedWithUsers: [], usableByUsers: g.usableByUsers }))
    .map((g) => g.dataSourceId);
  if (refused.length > 0) {
    throw new DomainError(
      'WORKFLOWS.DATA_SOURCE_NOT_USABLE',
      `The workflow's owner may not use data sources ${refused.join(', ')}`,
      'forbidden',
      { dataSourceIds: refused },
    );
  }
}
