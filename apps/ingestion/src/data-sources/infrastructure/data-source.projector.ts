import { EntityManager } from '@mikro-orm/postgresql';
import { dataSourceArchived, dataSourceCreated, dataSourceUpdated, EventEnvelope, StoredPayload } from '@mindhill/contracts';
import { pgIntArray, pgTextArray, Projector } from '@mindhill/persistence';

// Keeps `data_sources` (the flux table) in step with the data-source streams; values come
// from the events only, so a replay rebuilds identical rows.
export const dataSourceProjector: Projector = {
  name: 'data_sources',
  handles: [dataSourceCreated.type, dataSourceUpdated.type, dataSourceArchived.type],
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    const at = event.occurredAt;
    switch (event.type) {
      case dataSourceCreated.type: {
        const p = event.payload as StoredPayload<typeof dataSourceCreated>;
        await em.execute(
          `INSERT INTO data_sources (id, uuid, name, description, source_type, config, credentials_encrypted, credentials_set, status, version, created_by, created_at, updated_at,
             is_public, shared_with_users, usable_by_users)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?::int[], ?::int[])`,
          [
            p.fluxNumber,
            p.dataSourceId,
            p.name,
            p.description,
            p.type,
            JSON.stringify(p.config),
            p.encryptedCredentials,
            pgTextArray(p.credentialsSet),
            event.aggregateVersion,
            p.createdBy,
            at,
            at,
            p.isPublic ?? false,
            pgIntArray(p.sharedWithUsers ?? []),
            pgIntArray(p.usableByUsers ?? []),
          ],
          'run',
        );
        return;
      }
      case dataSourceUpdated.type: {
        const p = event.payload as StoredPayload<typeof dataSourceUpdated>;
        await em.execute(
          `UPDATE data_sources SET name = ?, description = ?, config = ?, credentials_encrypted = ?, credentials_set = ?, version = ?, updated_by = ?, updated_at = ?,
             is_public = ?, shared_with_users = ?::int[], usable_by_users = ?::int[]
            WHERE uuid = ?`,
          [
            p.name,
            p.description,
            JSON.stringify(p.config),
            p.encryptedCredentials,
            pgTextArray(p.credentialsSet),
            event.aggregateVersion,
            p.updatedBy,
            at,
            p.isPublic ?? false,
            pgIntArray(p.sharedWithUsers ?? []),
            pgIntArray(p.usableByUsers ?? []),
            p.dataSourceId,
          ],
          'run',
        );
        return;
      }
      case dataSourceArchived.type: {
        const p = event.payload as StoredPayload<typeof dataSourceArchived>;
        await em.execute(
          `UPDATE data_sources SET status = 'archived', archived_at = ?, version = ?, updated_by = ?, updated_at = ? WHERE uuid = ?`,
          [p.archivedAt, event.aggregateVersion, p.archivedBy, at, p.dataSourceId],
          'run',
        );
        return;
      }
    }
  },
};
