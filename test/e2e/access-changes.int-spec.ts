import { AddressInfo } from 'node:net';
import { createServiceApp, startServiceApp } from '@mindhill/platform';
import { eventually } from '@mindhill/testing';
import { http } from '../support/http';
import { buildGateway } from '../support/service-catalog';
import { signToken } from '../support/tokens';
import { startTestPlatform, TestPlatform } from '../support/test-platform';

const PASSWORD = 'correct horse battery staple';
type SignedIn = { id: string; accessToken: string; refreshToken: string };

// Role changes, deactivation, deletion and unlocking reach the gateway as auth's user events:
// tokens issued before the change are refused within a second, and a refresh gets the account's
// current state (or nothing).
describe('account changes take effect at the gateway within a second', () => {
  let platform: TestPlatform;
  let admin: string;
  const url = (path: string) => `${platform.gatewayUrl}${path}`;

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['auth'],
      env: { GATEWAY_RATE_LIMIT_PER_HOUR: '10000000', GATEWAY_LOGIN_RATE_PER_MINUTE: '100000' },
    });
    // Admin A: auth checks the role the gateway vouches for.
    admin = await signToken(platform.tokenKey, { role: 'admin' });
  });
  afterAll(() => platform?.close());

  async function signUp(email: string): Promise<SignedIn> {
    expect((await http('POST', url('/api/v1/auth/register'), { body: { email, password: PASSWORD } })).status).toBe(201);
    return signIn(email);
  }

  async function signIn(email: string): Promise<SignedIn> {
    const login = await http('POST', url('/api/v1/auth/login'), { body: { email, password: PASSWORD } });
    expect(login.status).toBe(200);
    return { id: login.body.user.id, accessToken: login.body.accessToken, refreshToken: login.body.refreshToken };
  }

  // How long after the admin's call returned the old token was first refused; fails after 5 s.
  async function msUntilRefused(token: string, path: string, what: string): Promise<{ ms: number; code: string }> {
    const start = Date.now();
    const res = await eventually(
      async () => {
        const r = await http('GET', url(path), { token });
        expect(r.status).toBe(401);
        return r;
      },
      { timeoutMs: 5_000, intervalMs: 10 },
    );
    const ms = Date.now() - start;
    process.stdout.write(`${what}: old token refused ${ms} ms after the change (${res.body.error.code})\n`);
    return { ms, code: res.body.error.code };
  }

  it('demotion: an admin token of the demoted user stops working; the refreshed token has the new role', async () => {
    const b = await signUp('demoted@example.com');
    expect((await http('PATCH', url(`/api/v1/users/${b.id}/role`), { token: admin, body: { role: 'admin' } })).status).toBe(200);
    const asAdmin = await signIn('demoted@example.com');
    expect((await http('GET', url('/api/v1/users'), { token: asAdmin.accessToken })).status).toBe(200);

    expect((await http('PATCH', url(`/api/v1/users/${b.id}/role`), { token: admin, body: { role: 'user' } })).status).toBe(200);
    const { ms, code } = await msUntilRefused(asAdmin.accessToken, '/api/v1/users', 'demotion');
    expect(code).toBe('AUTH.TOKEN_STALE');
    expect(ms).toBeLessThan(1_000);

    const refreshed = await http('POST', url('/api/v1/auth/refresh'), { body: { refreshToken: asAdmin.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect((await http('GET', url('/api/v1/users'), { token: refreshed.body.accessToken })).status).toBe(403);
    const me = await http('GET', url('/api/v1/auth/me'), { token: refreshed.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.role).toBe('user');
  });

  it('promotion does not lock out tokens issued after it: a fresh login works at once', async () => {
    const p = await signUp('promoted@example.com');
    expect((await http('PATCH', url(`/api/v1/users/${p.id}/role`), { token: admin, body: { role: 'viewer' } })).status).toBe(200);
    const after = await signIn('promoted@example.com');
    expect((await http('GET', url('/api/v1/auth/me'), { token: after.accessToken })).status).toBe(200);
  });

  it('deactivation: every token of the user stops working, whatever its session; refresh is refused', async () => {
    const c = await signUp('deactivated@example.com');
    // A token of the same user from a session auth never revoked: only the watermark refuses it.
    const otherSession = await signToken(platform.tokenKey, { role: 'user', userId: c.id, email: 'deactivated@example.com' });
    expect((await http('GET', url('/api/v1/auth/me'), { token: otherSession })).status).toBe(200);

    expect((await http('POST', url(`/api/v1/users/${c.id}/deactivate`), { token: admin, body: {} })).status).toBe(200);
    const { ms } = await msUntilRefused(c.accessToken, '/api/v1/auth/me', 'deactivation');
    expect(ms).toBeLessThan(1_000);
    const other = await http('GET', url('/api/v1/auth/me'), { token: otherSession });
    expect([other.status, other.body.error.code]).toEqual([401, 'AUTH.TOKEN_STALE']);
    expect((await http('POST', url('/api/v1/auth/refresh'), { body: { refreshToken: c.refreshToken } })).status).toBe(401);
  });

  it('deletion: the tokens stop working and refresh is refused', async () => {
    const d = await signUp('deleted@example.com');
    const otherSession = await signToken(platform.tokenKey, { role: 'user', userId: d.id, email: 'deleted@example.com' });
    expect((await http('DELETE', url(`/api/v1/users/${d.id}`), { token: admin })).status).toBe(200);
    const { ms } = await msUntilRefused(d.accessToken, '/api/v1/auth/me', 'deletion');
    expect(ms).toBeLessThan(1_000);
    expect((await http('GET', url('/api/v1/auth/me'), { token: otherSession })).body.error.code).toBe('AUTH.TOKEN_STALE');
    expect((await http('POST', url('/api/v1/auth/refresh'), { body: { refreshToken: d.refreshToken } })).status).toBe(401);
  });

  it('unlock: access is re-checked (old token refused), and a refresh gets a working token', async () => {
    const e = await signUp('unlocked@example.com');
    expect((await http('POST', url(`/api/v1/users/${e.id}/unlock`), { token: admin, body: {} })).status).toBe(200);
    const { ms, code } = await msUntilRefused(e.accessToken, '/api/v1/auth/me', 'unlock');
    expect(code).toBe('AUTH.TOKEN_STALE');
    expect(ms).toBeLessThan(1_000);
    const refreshed = await http('POST', url('/api/v1/auth/refresh'), { body: { refreshToken: e.refreshToken } });
    expect(refreshed.status).toBe(200);
    expect((await http('GET', url('/api/v1/auth/me'), { token: refreshed.body.accessToken })).status).toBe(200);
  });

  it('a gateway started after the changes knows them too (read from the start of the topic)', async () => {
    const f = await signUp('before-restart@example.com');
    expect((await http('PATCH', url(`/api/v1/users/${f.id}/role`), { token: admin, body: { role: 'viewer' } })).status).toBe(200);
    const bootstrap = buildGateway({ ...platform.env, GATEWAY_PORT: '0', GATEWAY_JWKS_URL: `${platform.urls.auth}/.well-known/jwks.json` });
    const app = await createServiceApp(bootstrap);
    await app.init();
    await startServiceApp(app, bootstrap);
    try {
      const fresh = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
      await eventually(async () => {
        const res = await http('GET', `${fresh}/api/v1/auth/me`, { token: f.accessToken });
        expect([res.status, res.body?.error?.code]).toEqual([401, 'AUTH.TOKEN_STALE']);
      });
      const current = await signIn('before-restart@example.com');
      expect((await http('GET', `${fresh}/api/v1/auth/me`, { token: current.accessToken })).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
