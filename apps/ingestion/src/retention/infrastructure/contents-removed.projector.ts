import { EntityManager } from '@mikro-orm/postgresql';
import { contentsRemoved, EventEnvelope, StoredPayload } from '@mindhill/contracts';
import { Projector } from '@mindhill/persistence';

type Removed = StoredPayload<typeof contentsRemoved>;

// Removed contents leave fetched_contents, with their fetch links (a replay removes them again).
export const contentsRemovedProjector: Projector = {
  name: 'contents-removed',
  handles: [contentsRemoved.type],
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    const p = event.payload as Removed;
    if (p.contentNumbers.length === 0) return;
    await em.execute(`DELETE FROM fetching_contents WHERE content_id = ANY(?::int[])`, [`{${p.contentNumbers.join(',')}}`], 'run');
    await em.execute(`DELETE FROM fetched_contents WHERE content_id = ANY(?::int[])`, [`{${p.contentNumbers.join(',')}}`], 'run');
  },
};
