import { eventually } from '@mindhill/testing';
import { http } from '../support/http';
import { newTestKey, signToken, unsignedToken } from '../support/tokens';
import { startTestPlatform, TestPlatform } from '../support/test-platform';

const ADMIN = { email: 'chief@mindhill.test', password: 'the head operator passphrase 9' };

describe('GET /api/v1/audit-logs', () => {
  let platform: TestPlatform;
  let admin: string;
  const list = (query = '', token = admin) => http('GET', `${platform.gatewayUrl}/api/v1/audit-logs${query}`, { token });
  // The rows of this test's own actions (auth also audits other things, e.g. its settings).
  const accountRows = (items: { eventType: string }[]) => items.filter((i) => /^auth\.(user|session)\./.test(i.eventType));

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['auth', 'audit'], env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    admin = (await http('POST', `${platform.gatewayUrl}/api/v1/auth/login`, { body: ADMIN })).body.accessToken;
    for (const name of ['u1', 'u2', 'u3']) {
      const email = `${name}@example.com`;
      await http('POST', `${platform.gatewayUrl}/api/v1/auth/register`, { body: { email, password: 'a fine passphrase 77' } });
      await http('POST', `${platform.gatewayUrl}/api/v1/auth/login`, { body: { email, password: 'a fine passphrase 77' } });
    }
    await http('POST', `${platform.gatewayUrl}/api/v1/auth/login`, { body: { email: 'u1@example.com', password: 'wrong wrong wrong' } });
    // admin registered + admin login and session + 3 × (registered, logged-in, session) + 1 failure
    await eventually(async () => expect(accountRows((await list('?limit=500')).body.items)).toHaveLength(13));
  });
  afterAll(() => platform?.close());

  describe('who may read it', () => {
    it('asks for a token when there is none', async () => {
      const res = await http('GET', `${platform.gatewayUrl}/api/v1/audit-logs`);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('AUTH.TOKEN_MISSING');
    });

    it.each([
      ['a malformed header', () => 'not a jwt at all'],
      ['a token signed with another key', async () => signToken(await newTestKey(), { role: 'admin' })],
      ['an alg:none token', async () => unsignedToken({ role: 'admin' })],
      ['a token from another issuer', () => signToken(platform.tokenKey, { role: 'admin' }, { issuer: 'someone-else' })],
    ])('refuses %s with 401 AUTH.TOKEN_INVALID', async (_what, make) => {
      const res = await list('', await make());
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('AUTH.TOKEN_INVALID');
    });

    it('refuses an expired token with 401 AUTH.TOKEN_EXPIRED', async () => {
      const past = Math.floor(Date.now() / 1000) - 3600;
      const token = await signToken(platform.tokenKey, { role: 'admin' }, { issuedAt: past, expiresIn: past + 60 });
      const res = await list('', token);
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('AUTH.TOKEN_EXPIRED');
    });

    it.each(['user', 'viewer'] as const)('refuses a %s with 403', async (role) => {
      const res = await list('', await signToken(platform.tokenKey, { role }));
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('AUTH.FORBIDDEN');
    });

    it('refuses a direct call to the audit service that did not come through the gateway', async () => {
      const res = await http('GET', `${platform.urls.audit}/api/v1/audit-logs`, {
        headers: { 'x-mindhill-actor': Buffer.from(JSON.stringify({ role: 'admin' })).toString('base64url') },
      });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('AUTH.INTERNAL_ONLY');
    });
  });

  it('filters by category, type, user and time range', async () => {
    const security = await list('?category=security');
    // The failed login and the gateway's refusals of the requests above (auth's first signing-key
    // activation, also a security event, lands whenever its audit row is written).
    const securityTypes = new Set(security.body.items.map((r: any) => r.eventType));
    securityTypes.delete('auth.signing-key.activated');
    expect(securityTypes).toEqual(new Set(['auth.user.login-failed', 'gateway.security.access-denied']));
    expect(security.body.items.every((r: any) => r.eventCategory === 'security')).toBe(true);

    const registrations = await list('?type=auth.user.registered');
    expect(registrations.body.items).toHaveLength(4);
    expect(registrations.body.items.every((r: any) => r.eventType === 'auth.user.registered')).toBe(true);

    const u2 = registrations.body.items.find((r: any) => r.userEmail === 'u2@example.com');
    const byUser = await list(`?userId=${u2.userId}`);
    expect(byUser.body.items.map((r: any) => r.eventType).sort()).toEqual([
      'auth.session.created',
      'auth.user.logged-in',
      'auth.user.registered',
    ]);
    const byNumber = await list(`?userId=${u2.userNumber}`);
    expect(byNumber.body.items).toHaveLength(3);

    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await list(`?from=${encodeURIComponent(future)}`)).body.items).toEqual([]);
    const all = (await list('?limit=500')).body.items;
    const oldest = all[all.length - 1].timestamp;
    const upToOldest = await list(`?to=${encodeURIComponent(oldest)}`);
    expect(upToOldest.body).toMatchObject({ items: expect.any(Array) });
    expect(upToOldest.body.items.length).toBeGreaterThanOrEqual(1);
  });

  it('pages newest first with a cursor, without gaps or repeats', async () => {
    // The refusals of the tests above reach the audit log asynchronously: wait for it to settle.
    const uuids = async () => (await list('?limit=500')).body.items.map((r: any) => r.id);
    const all = await eventually(async () => {
      const before = await uuids();
      await new Promise((r) => setTimeout(r, 500));
      expect(await uuids()).toEqual(before);
      return before;
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((r: any) => r.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all);
  });

  it.each([
    ['an unknown parameter', '?color=red', 'REQUEST.UNKNOWN_FIELDS'],
    ['a bad limit', '?limit=0', 'REQUEST.VALIDATION_FAILED'],
    ['a bad date', '?from=yesterday', 'REQUEST.VALIDATION_FAILED'],
    ['a forged cursor', '?cursor=bm90LWEtY3Vyc29y', 'AUDIT.INVALID_CURSOR'],
  ])('refuses %s with 400', async (_what, query, code) => {
    const res = await list(query);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
  });
});
