import { EntityManager } from '@mikro-orm/postgresql';
import { SigningKeyState } from '../domain/key-rotation.policy';

export type SigningKeyRow = {
  kid: string;
  alg: 'EdDSA';
  public_jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string };
  sealed_private_key: string | null;
  state: SigningKeyState;
  created_at: Date;
  activated_at: Date | null;
  deactivated_at: Date | null;
};

// Every key still of interest: next, active, and previous ones that stopped signing recently
// enough to be published (callers filter by the exact retention).
export async function findSigningKeys(em: EntityManager, previousSince: Date): Promise<SigningKeyRow[]> {
  const rows = await em.execute<Record<string, unknown>[]>(
    `SELECT * FROM signing_keys WHERE state <> 'previous' OR deactivated_at > ? ORDER BY created_at DESC, kid`,
    [previousSince],
  );
  // The driver hands timestamps over as text.
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return rows.map(
    (r) =>
      ({
        ...r,
        created_at: date(r.created_at)!,
        activated_at: date(r.activated_at),
        deactivated_at: date(r.deactivated_at),
      }) as SigningKeyRow,
  );
}

// Previous keys stay published for the access-token lifetime plus a margin for clocks and for
// auth replicas that have not reloaded yet.
const PUBLISH_MARGIN_SECONDS = 300;
export function publishedSince(accessTokenSeconds: number, now = Date.now()): Date {
  return new Date(now - (accessTokenSeconds + PUBLISH_MARGIN_SECONDS) * 1000);
}
