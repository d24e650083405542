import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { http } from '../../../test/support/http';
import { signToken } from '../../../test/support/tokens';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { authTestEnv } from './auth-test-env';

// Sessions that ended (expired, idled out, revoked) and reset/verification tokens that expired
// or were used more than session_retention_days (30 by default) ago go; anything usable or
// more recent stays.
describe('session retention: ended sessions and spent tokens, dry run first, a receipt every run', () => {
  let platform: TestPlatform;
  let db: Client;
  let admin: string;
  const run = (body: unknown, token = admin) => http('POST', `${platform.gatewayUrl}/api/v1/auth/sessions/retention`, { body, token });
  const hash = () => randomBytes(32).toString('hex');
  const ids = { expired: randomUUID(), revoked: randomUUID(), idled: randomUUID(), recentlyRevoked: randomUUID(), active: randomUUID() };
  const tokens = { expired: hash(), used: hash(), recentlyExpired: hash(), usable: hash() };

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['auth'], env: authTestEnv() });
    admin = await signToken(platform.tokenKey, { role: 'admin', userNumber: 1 });
    await http('POST', `${platform.gatewayUrl}/api/v1/auth/register`, {
      body: { email: 'kept@example.com', password: 'retention passphrase 11' },
    });
    db = new Client({ connectionString: platform.databases.auth!.url });
    await db.connect();
    const { rows } = await db.query(`SELECT id FROM users WHERE email = 'kept@example.com'`);
    const user = rows[0].id;
    // Days ago: created, expires, idles out, revoked.
    const session = (id: string, expires: number, idle: number, revoked: number | null) =>
      db.query(
        `INSERT INTO application_sessions (session_id, user_id, refresh_token_hash, last_activity_at, created_at, expires_at, idle_expires_at, invalidated_at, is_active)
         VALUES ($1, $2, $3, now() - interval '60 days', now() - interval '60 days', now() - $4 * interval '1 day', now() - $5 * interval '1 day',
                 now() - $6 * interval '1 day', $7)`,
        [id, user, hash(), expires, idle, revoked, revoked === null],
      );
    await session(ids.expired, 40, 45, null);
    await session(ids.idled, -20, 35, null);
    await session(ids.revoked, -20, -1, 31);
    await session(ids.recentlyRevoked, -20, -1, 2);
    await session(ids.active, -20, -1, null);
    await db.query(`INSERT INTO rotated_refresh_tokens (token_hash, session_id, rotated_at) VALUES ($1, $2, now() - interval '50 days')`, [
      hash(),
      ids.expired,
    ]);
    const token = (h: string, expires: number, consumed: number | null) =>
      db.query(
        `INSERT INTO user_tokens (token_hash, user_id, purpose, created_at, expires_at, consumed_at)
         VALUES ($1, $2, 'password-reset', now() - interval '60 days', now() - $3 * interval '1 day', now() - $4 * interval '1 day')`,
        [h, user, expires, consumed],
      );
    await token(tokens.expired, 40, null);
    await token(tokens.used, -5, 31);
    await token(tokens.recentlyExpired, 3, null);
    await token(tokens.usable, -1, null);
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  const sessions = async () => (await db.query(`SELECT session_id FROM application_sessions ORDER BY id`)).rows.map((r) => r.session_id);
  const userTokens = async () => (await db.query(`SELECT token_hash FROM user_tokens`)).rows.map((r) => r.token_hash);
  const receipts = async () =>
    (await db.query(`SELECT payload FROM stored_event WHERE type = 'auth.retention.applied' ORDER BY position`)).rows.map((r) => r.payload);

  it('answers what a run would remove and removes nothing on a dry run (the default)', async () => {
    const tokensBefore = (await userTokens()).length;
    const res = await run({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dataClass: 'sessions',
      dryRun: true,
      retentionDays: 30,
      matched: { sessions: 3, rotatedRefreshTokens: 1, userTokens: 2 },
      removed: { sessions: 0, rotatedRefreshTokens: 0, userTokens: 0 },
    });
    expect(await sessions()).toHaveLength(5);
    expect(await userTokens()).toHaveLength(tokensBefore);
    expect(await receipts()).toHaveLength(1);
  });

  it('removes the ended sessions and spent tokens, and only those', async () => {
    const res = await run({ dryRun: false });
    expect(res.body).toMatchObject({ dryRun: false, removed: { sessions: 3, rotatedRefreshTokens: 1, userTokens: 2 } });
    expect(await sessions()).toEqual([ids.recentlyRevoked, ids.active]);
    expect((await db.query(`SELECT count(*)::int AS n FROM rotated_refresh_tokens`)).rows[0].n).toBe(0);
    const left = await userTokens();
    expect(left).toEqual(expect.arrayContaining([tokens.recentlyExpired, tokens.usable]));
    expect(left).not.toEqual(expect.arrayContaining([tokens.expired]));
    expect(left).not.toEqual(expect.arrayContaining([tokens.used]));
    const purged = await db.query(`SELECT payload FROM stored_event WHERE type = 'auth.session.purged'`);
    expect(purged.rows).toHaveLength(1);
    expect([...purged.rows[0].payload.sessionIds].sort()).toEqual([ids.expired, ids.idled, ids.revoked].sort());
    expect((await receipts()).map((r) => [r.dryRun, r.removed.sessions])).toEqual([
      [true, 0],
      [false, 3],
    ]);
  });

  it('records a run that matched nothing, and refuses non-admins and bad input', async () => {
    const res = await run({ dryRun: false });
    expect(res.body).toMatchObject({ matched: { sessions: 0, userTokens: 0 }, removed: { sessions: 0, userTokens: 0 } });
    expect(await receipts()).toHaveLength(3);
    expect((await run({}, await signToken(platform.tokenKey, { role: 'user', userNumber: 2 }))).status).toBe(403);
    expect((await run({ dryRun: 1 })).status).toBe(400);
  });

  it('plans the daily run through the job queue', async () => {
    const { rows } = await db.query(`SELECT run_after, status FROM job WHERE kind = 'session-retention'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('pending');
    const at = new Date(rows[0].run_after);
    expect([at.getUTCHours(), at.getUTCMinutes()]).toEqual([3, 0]);
    expect(at.getTime()).toBeGreaterThan(Date.now());
  });
});
