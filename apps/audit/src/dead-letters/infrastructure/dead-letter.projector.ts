import { EntityManager } from '@mikro-orm/postgresql';
import { deadLetterDiscarded, deadLetterReplayed, EventEnvelope, StoredPayload } from '@mindhill/contracts';
import { Projector } from '@mindhill/persistence';
import { DeadLetter } from './dead-letter.entity';

// The operator's decision on a dead letter (the rows themselves come from the DLQ topics). One
// UPDATE through the entity's mapping: the row's message bytes need not be read to mark it.
export const deadLetterProjector: Projector = {
  name: 'dead-letters',
  handles: [deadLetterReplayed.type, deadLetterDiscarded.type],
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    const p = event.payload as StoredPayload<typeof deadLetterReplayed>;
    const status = event.type === deadLetterReplayed.type ? 'replayed' : 'discarded';
    await em.nativeUpdate(DeadLetter, { uuid: p.deadLetterId }, { status, resolvedAt: new Date(event.occurredAt), resolvedBy: p.by });
  },
};
