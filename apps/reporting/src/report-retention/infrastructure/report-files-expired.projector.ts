import { EntityManager } from '@mikro-orm/postgresql';
import { EventEnvelope, reportFilesExpired, StoredPayload } from '@mindhill/contracts';
import { pgTextArray, Projector } from '@mindhill/persistence';

type Expired = StoredPayload<typeof reportFilesExpired>;

// A run whose file retention deleted keeps its row, marked with when (a replay marks it again).
export const reportFilesExpiredProjector: Projector = {
  name: 'report-files-expired',
  handles: [reportFilesExpired.type],
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    const p = event.payload as Expired;
    if (p.reportExecutionIds.length === 0) return;
    await em.execute(
      `UPDATE report_executions SET output_file_expired_at = ?, updated_at = ? WHERE uuid = ANY(?::uuid[])`,
      [p.expiredAt, p.expiredAt, pgTextArray(p.reportExecutionIds)],
      'run',
    );
  },
};
