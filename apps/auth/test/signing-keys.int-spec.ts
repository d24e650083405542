import { decodeProtectedHeader } from 'jose';
import { Client } from 'pg';
import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { authTestEnv } from './auth-test-env';

const ADMIN = { email: 'keys-admin@mindhill.test', password: 'the key keeper 42' };
const USER = { email: 'plain-keys@example.com', password: 'an ordinary passphrase 5' };

// The gateway here trusts auth's JWKS only (no test key): every token below is signed by auth.
describe('access-token signing keys', () => {
  let platform: TestPlatform;
  let db: Client;
  const url = (path: string) => `${platform.gatewayUrl}/api/v1${path}`;
  const login = async (who = ADMIN) => (await http('POST', url('/auth/login'), { body: who })).body.accessToken as string;
  const me = (token: string) => http('GET', url('/auth/me'), { token });
  const keyRows = async () =>
    (await db.query(`SELECT kid, state, sealed_private_key IS NOT NULL AS has_private FROM signing_keys ORDER BY created_at`)).rows;

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['auth', 'audit'],
      trustTestKey: false,
      env: authTestEnv({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }),
    });
    db = new Client({ connectionString: platform.databases.auth!.url });
    await db.connect();
    await http('POST', url('/auth/register'), { body: USER });
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  it('publishes the active and the next key as an Ed25519 JWKS, private halves nowhere', async () => {
    const res = await http('GET', url('/auth/jwks'));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(res.body.keys).toHaveLength(2);
    for (const key of res.body.keys) {
      expect(key).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: expect.any(String), alg: 'EdDSA', use: 'sig' });
    }
    expect((await keyRows()).map((r) => r.state).sort()).toEqual(['active', 'next']);
    // The sealed private key is not the PEM: nothing in the table or the events reads as a key.
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM signing_keys WHERE sealed_private_key LIKE '%PRIVATE KEY%'`);
    expect(rows[0].n).toBe(0);
    const stored = await db.query(`SELECT count(*)::int AS n FROM stored_event WHERE payload::text LIKE '%PRIVATE KEY%'`);
    expect(stored.rows[0].n).toBe(0);
  });

  it('signs access tokens with EdDSA and the active kid, which the gateway accepts', async () => {
    const token = await login();
    const header = decodeProtectedHeader(token);
    const active = (await keyRows()).find((r) => r.state === 'active');
    expect(header).toEqual({ alg: 'EdDSA', typ: 'JWT', kid: active.kid });
    expect((await me(token)).status).toBe(200);
  });

  it('rotates on demand: new tokens carry the new kid, tokens of the previous key keep working until they expire', async () => {
    const before = await login();
    const oldKid = decodeProtectedHeader(before).kid;
    const next = (await keyRows()).find((r) => r.state === 'next').kid;

    expect((await http('POST', url('/auth/signing-keys/rotate'), { token: await login(USER) })).status).toBe(403);
    const rotated = await http('POST', url('/auth/signing-keys/rotate'), { token: before });
    expect(rotated.status).toBe(200);
    const states = Object.fromEntries(rotated.body.items.map((k: any) => [k.kid, [k.state, k.published]]));
    expect(states[oldKid as string]).toEqual(['previous', true]);
    expect(states[next]).toEqual(['active', true]);
    // The previous key can never sign again: its private half is gone from the table.
    expect((await keyRows()).find((r) => r.kid === oldKid)).toMatchObject({ state: 'previous', has_private: false });

    const after = await login();
    expect(decodeProtectedHeader(after).kid).toBe(next);
    expect((await me(after)).status).toBe(200);
    expect((await me(before)).status).toBe(200);
    const jwks = (await http('GET', url('/auth/jwks'))).body.keys.map((k: any) => k.kid);
    expect(jwks).toEqual(expect.arrayContaining([oldKid, next]));
    expect(jwks).toHaveLength(3);

    // Twice in a row: the key that was only created by the first rotation signs now, and the
    // gateway has it (auth's key events make it read the JWKS again).
    await http('POST', url('/auth/signing-keys/rotate'), { token: after });
    const third = await login();
    expect(decodeProtectedHeader(third).kid).not.toBe(next);
    await eventually(async () => expect((await me(third)).status).toBe(200), { timeoutMs: 5_000 });
  });

  it('audits every key created and every rotation, with who rotated', async () => {
    await eventually(async () => {
      const { rows } = await db.query(
        `SELECT type, payload->>'reason' AS reason FROM stored_event WHERE type LIKE 'auth.signing-key.%' ORDER BY position`,
      );
      expect(rows.filter((r) => r.type === 'auth.signing-key.activated').map((r) => r.reason)).toEqual(['first-start', 'manual', 'manual']);
      expect(rows.filter((r) => r.type === 'auth.signing-key.created')).toHaveLength(4);
    });
    const audit = new Client({ connectionString: platform.databases.audit!.url });
    await audit.connect();
    try {
      await eventually(async () => {
        const { rows } = await audit.query(
          `SELECT event_category, user_email, resource_name FROM audit_logs WHERE resource_type = 'signing-key' AND event_action = 'signing-key-rotate' ORDER BY timestamp`,
        );
        expect(rows.map((r) => [r.event_category, r.user_email])).toEqual([
          ['security', null],
          ['security', ADMIN.email],
          ['security', ADMIN.email],
        ]);
        const created = await audit.query(`SELECT count(*)::int AS n FROM audit_logs WHERE event_action = 'signing-key-create'`);
        expect(created.rows[0].n).toBe(4);
      });
    } finally {
      await audit.end();
    }
  });
});
