import { EntityManager } from '@mikro-orm/postgresql';
import { EventEnvelope, signingKeyActivated, signingKeyCreated, StoredPayload } from '@mindhill/contracts';
import { Projector } from '@mindhill/persistence';

// signing_keys from the signing-key streams. A key that stops signing loses its private half
// here at once; timestamps come from the events, so a replay is identical.
export const signingKeyProjector: Projector = {
  name: 'signing-keys',
  handles: [signingKeyCreated.type, signingKeyActivated.type],
  async project(em: EntityManager, event: EventEnvelope<Record<string, unknown>>) {
    if (event.type === signingKeyCreated.type) {
      const p = event.payload as StoredPayload<typeof signingKeyCreated>;
      // A next key still waiting (one that could not be opened) is replaced by the new one.
      await retire(em, 'next', event.occurredAt);
      await em.execute(
        `INSERT INTO signing_keys (kid, alg, public_jwk, sealed_private_key, state, created_at) VALUES (?, ?, ?, ?, 'next', ?)`,
        [p.kid, p.alg, JSON.stringify(p.publicJwk), p.sealedPrivateKey, event.occurredAt],
        'run',
      );
    } else {
      const p = event.payload as StoredPayload<typeof signingKeyActivated>;
      await retire(em, 'active', event.occurredAt);
      await em.execute(`UPDATE signing_keys SET state = 'active', activated_at = ? WHERE kid = ?`, [event.occurredAt, p.kid], 'run');
    }
  },
};

async function retire(em: EntityManager, state: 'next' | 'active', at: string): Promise<void> {
  await em.execute(
    `UPDATE signing_keys SET state = 'previous', deactivated_at = ?, sealed_private_key = NULL WHERE state = ?`,
    [at, state],
    'run',
  );
}
