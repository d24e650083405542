import { EntityManager } from '@mikro-orm/postgresql';
import { EventEnvelope, reportArchived, reportCreated, reportUpdated, StoredPayload } from '@mindhill/contracts';
import { Projector } from '@mindhill/persistence';
import { bindColumn, DEFINITION_COLUMNS } from './report.read-model';

type Created = StoredPayload<typeof reportCreated>;
type Updated = StoredPayload<typeof reportUpdated>;
type Archived = StoredPayload<typeof reportArchived>;
type Field = keyof typeof DEFINITION_COLUMNS;

// Keeps flux_reports in step with the report streams; every value comes from the event.
export const reportProjector: Projector = {
  name: 'flux_reports',
  handles: [reportCreated.type, reportUpdated.type, reportArchived.type],
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    switch (event.type) {
      case reportCreated.type: {
        const p = event.payload as Created;
        const fields = Object.keys(DEFINITION_COLUMNS) as Field[];
        const columns = [
          'id',
          'uuid',
          'created_by',
          'owner_is_admin',
          'created_at',
          'updated_at',
          ...fields.map((f) => DEFINITION_COLUMNS[f].column),
        ];
        // The creator's role when it was created: an admin's report reads every workflow's rows.
        // The creator's role at creation, kept for history only: a render uses the owner's current role (user_roles).
        const ownerIsAdmin = event.actor.role === 'admin' || event.actor.role === 'system';
        const values = [
          p.reportNumber,
          p.reportId,
          p.createdBy,
          ownerIsAdmin,
          p.createdAt,
          p.createdAt,
          ...fields.map((f) => bindColumn(f, p[f])),
        ];
        await em.execute(`INSERT INTO flux_reports (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, values, 'run');
        return;
      }
      case reportUpdated.type: {
        const p = event.payload as Updated;
        const fields = (Object.keys(p.changes) as Field[]).filter((f) => f in DEFINITION_COLUMNS);
        const sets = [...fields.map((f) => `${DEFINITION_COLUMNS[f].column} = ?`), 'updated_at = ?'];
        await em.execute(
          `UPDATE flux_reports SET ${sets.join(', ')} WHERE uuid = ?`,
          [...fields.map((f) => bindColumn(f, p.changes[f])), p.updatedAt, p.reportId],
          'run',
        );
        return;
      }
      case reportArchived.type: {
        const p = event.payload as Archived;
        await em.execute(
          `UPDATE flux_reports SET status = 'archived', archived_at = ?, updated_at = ? WHERE uuid = ?`,
          [p.archivedAt, p.archivedAt, p.reportId],
          'run',
        );
        return;
      }
    }
  },
};
