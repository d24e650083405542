import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1';

describe('sessions and refresh tokens', () => {
  let platform: TestPlatform;
  const url = (path: string) => `${platform.gatewayUrl}/api/v1${path}`;
  const login = async (email: string, userAgent = CHROME) =>
    (await http('POST', url('/auth/login'), { body: { email, password: 'session passphrase 11' }, headers: { 'user-agent': userAgent } }))
      .body;
  const sessionsOf = (token: string) => http('GET', url('/auth/sessions'), { token });

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['auth', 'audit'] });
    for (const email of ['s1@example.com', 's2@example.com']) {
      await http('POST', url('/auth/register'), { body: { email, password: 'session passphrase 11' } });
    }
  });
  afterAll(() => platform?.close());

  it('rotates the refresh token on use; a reused one revokes the session', async () => {
    const first = await login('s1@example.com');
    expect(first.refreshToken).toEqual(expect.any(String));
    const second = await http('POST', url('/auth/refresh'), { body: { refreshToken: first.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    expect(second.body.sessionId).toBe(first.sessionId);

    const reuse = await http('POST', url('/auth/refresh'), { body: { refreshToken: first.refreshToken } });
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('AUTH.REFRESH_TOKEN_REUSED');
    // The whole session is gone: the newest token no longer works either.
    const after = await http('POST', url('/auth/refresh'), { body: { refreshToken: second.body.refreshToken } });
    expect(after.body.error.code).toBe('AUTH.SESSION_REVOKED');
    await eventually(async () => expect((await sessionsOf(second.body.accessToken)).status).toBe(401), { timeoutMs: 3_000 });
    expect((await http('POST', url('/auth/refresh'), { body: { refreshToken: 'x'.repeat(43) } })).body.error.code).toBe(
      'AUTH.INVALID_REFRESH_TOKEN',
    );
  });

  it('lists my sessions with their device and refuses a signed-out token at the gateway at once', async () => {
    const desktop = await login('s2@example.com', CHROME);
    const phone = await login('s2@example.com', IPHONE);
    const list = await sessionsOf(desktop.accessToken);
    expect(list.body.items.map((s: any) => [s.deviceType, s.browser?.split(' ')[0], s.current]).sort()).toEqual([
      ['desktop', 'Chrome', true],
      ['mobile', 'Mobile', false],
    ]);

    const loggedOut = await http('POST', url('/auth/logout'), { token: phone.accessToken });
    expect(loggedOut.status).toBe(200);
    const start = Date.now();
    await eventually(
      async () => {
        const res = await sessionsOf(phone.accessToken);
        expect(res.status).toBe(401);
        expect(res.body.error.code).toBe('AUTH.SESSION_REVOKED');
      },
      { timeoutMs: 3_000, intervalMs: 20 },
    );
    process.stdout.write(`revocation reached the gateway in ${Date.now() - start} ms\n`);
    expect((await sessionsOf(desktop.accessToken)).status).toBe(200);
  });

  it('revokes all my sessions, and nobody else can revoke mine', async () => {
    const mine = await login('s2@example.com');
    const other = await login('s1@example.com');
    const foreign = await http('DELETE', url(`/auth/sessions/${mine.sessionId}`), { token: other.accessToken });
    expect(foreign.status).toBe(404);
    const all = await http('POST', url('/auth/sessions/revoke-all'), { token: mine.accessToken });
    expect(all.body.revoked).toBeGreaterThanOrEqual(1);
    await eventually(async () => expect((await sessionsOf(mine.accessToken)).status).toBe(401), { timeoutMs: 3_000 });
    expect((await sessionsOf(other.accessToken)).status).toBe(200);
  });
});
