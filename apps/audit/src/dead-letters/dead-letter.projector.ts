import { EntityManager } from '@mikro-orm/postgresql';
import { deadLetterDiscarded, deadLetterReplayed, EventEnvelope, StoredPayload } from '@mindhill/contracts';
import { Projector } from '@mindhill/persistence';

// The operator's decision on a dead letter (the rows themselves come from the DLQ topics).
export const deadLetterProjector: Projector = {
  name: 'dead-letters',
  handles: [deadLetterReplayed.type, deadLetterDiscarded.type],
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    const p = event.payload as StoredPayload<typeof deadLetterReplayed>;
    const status = event.type === deadLetterReplayed.type ? 'replayed' : 'discarded';
    await em.execute(
      'UPDATE dead_letters SET status = ?, resolved_at = ?, resolved_by = ? WHERE uuid = ?',
      [status, event.occurredAt, p.by, p.deadLetterId],
      'run',
    );
  },
};
