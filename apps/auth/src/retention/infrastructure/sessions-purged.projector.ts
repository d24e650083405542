import { EntityManager } from '@mikro-orm/postgresql';
import { EventEnvelope, sessionsPurged, StoredPayload } from '@mindhill/contracts';
import { pgTextArray, Projector } from '@mindhill/persistence';

type Purged = StoredPayload<typeof sessionsPurged>;

// Purged sessions leave application_sessions (their rotated refresh tokens with them), purged
// reset/verification tokens leave user_tokens; a replay removes them again.
export const sessionsPurgedProjector: Projector = {
  name: 'sessions-purged',
  handles: [sessionsPurged.type],
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    const p = event.payload as Purged;
    if (p.sessionIds.length > 0) {
      await em.execute(`DELETE FROM application_sessions WHERE session_id = ANY(?::varchar[])`, [pgTextArray(p.sessionIds)], 'run');
    }
    if (p.userTokenHashes.length > 0) {
      await em.execute(`DELETE FROM user_tokens WHERE token_hash = ANY(?::varchar[])`, [pgTextArray(p.userTokenHashes)], 'run');
    }
  },
};
