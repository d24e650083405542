import { Writable } from 'node:stream';
import { initLogger } from '@mindhill/platform';
import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { authTestEnv } from './auth-test-env';

const ADMIN = { email: 'root@mindhill.test', password: 'the chief passphrase 0' };
const PASSWORD = 'member passphrase 12';

describe('profile and user administration', () => {
  let platform: TestPlatform;
  let admin: string;
  const logs: string[] = [];
  const url = (path: string) => `${platform.gatewayUrl}/api/v1${path}`;
  const login = (email: string, password = PASSWORD) => http('POST', url('/auth/login'), { body: { email, password } });
  const create = (body: unknown, token = admin) => http('POST', url('/users'), { token, body });

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['auth'],
      env: authTestEnv({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }),
    });
    admin = (await login(ADMIN.email, ADMIN.password)).body.accessToken;
    initLogger('profile-test', 'info', new Writable({ write: (chunk, _enc, done) => (logs.push(String(chunk)), done()) }));
  });
  afterAll(() => platform?.close());

  it('reads and updates my profile, validating time zone, language and preferences', async () => {
    await http('POST', url('/auth/register'), { body: { email: 'profile@example.com', password: PASSWORD } });
    const token = (await login('profile@example.com')).body.accessToken;
    // No SMTP_URL here: the verification mail goes to the local mail folder, and the log says so
    // without the address or the link.
    await eventually(() =>
      expect(logs.filter((l) => l.includes('Mail written to the local mail folder'))).toEqual([
        expect.stringContaining('"kind":"email-verification"'),
      ]),
    );
    expect(logs.join('')).not.toContain('profile@example.com');
    expect(logs.join('')).not.toMatch(/token=|verify-email\?/);
    const me = await http('GET', url('/auth/me'), { token });
    expect(me.body).toMatchObject({
      email: 'profile@example.com',
      timezone: 'UTC',
      language: 'en',
      role: 'user',
      twoFactorEnabled: false,
      isEmailVerified: false,
    });
    expect(JSON.stringify(me.body)).not.toMatch(/password_?hash|passwordHash|secret/i);
    expect((await http('GET', url('/auth/me'))).status).toBe(401);

    const patch = (body: unknown) => http('PATCH', url('/auth/me'), { token, body });
    expect((await patch({ timezone: 'Mars/Olympus_Mons' })).status).toBe(400);
    expect((await patch({ language: 'english please' })).status).toBe(400);
    expect((await patch({ role: 'admin' })).body.error.code).toBe('REQUEST.UNKNOWN_FIELDS');
    expect((await patch({})).status).toBe(400);
    const updated = await patch({
      displayName: 'Ada L.',
      firstName: 'Ada',
      lastName: 'Lovelace',
      timezone: 'Europe/London',
      language: 'en-GB',
      notificationPreferences: { email: { reports: true } },
      uiPreferences: { theme: 'dark' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      displayName: 'Ada L.',
      timezone: 'Europe/London',
      language: 'en-GB',
      uiPreferences: { theme: 'dark' },
    });
    expect((await http('GET', url('/auth/me'), { token })).body).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      notificationPreferences: { email: { reports: true } },
    });
  });

  it('lets admins create users with a role, and refuses everyone else', async () => {
    const created = await create({ email: 'Viewer@Example.com', password: PASSWORD, role: 'viewer', displayName: 'Vera' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'viewer@example.com', role: 'viewer', mustChangePassword: false });
    const viewer = (await login('viewer@example.com')).body;
    expect(viewer.user.role).toBe('viewer');
    expect((await create({ email: 'x@example.com', password: PASSWORD, role: 'admin' }, viewer.accessToken)).status).toBe(403);
    expect((await create({ email: 'viewer@example.com', password: PASSWORD, role: 'user' })).body.error.code).toBe('AUTH.EMAIL_TAKEN');
    expect((await create({ email: 'weak@example.com', password: 'short', role: 'user' })).body.error.code).toBe('AUTH.WEAK_PASSWORD');
    expect((await create({ email: 'odd@example.com', password: PASSWORD, role: 'superuser' })).status).toBe(400);
  });

  it('changes roles, but never demotes the last active admin', async () => {
    const me = (await http('GET', url('/auth/me'), { token: admin })).body;
    const demoteSelf = await http('PATCH', url(`/users/${me.id}/role`), { token: admin, body: { role: 'user' } });
    expect([demoteSelf.status, demoteSelf.body.error.code]).toEqual([409, 'AUTH.LAST_ADMIN']);
    expect((await http('DELETE', url(`/users/${me.id}`), { token: admin })).body.error.code).toBe('AUTH.LAST_ADMIN');
    expect((await http('POST', url(`/users/${me.id}/deactivate`), { token: admin })).body.error.code).toBe('AUTH.LAST_ADMIN');

    const second = (await create({ email: 'second-admin@example.com', password: PASSWORD, role: 'user' })).body;
    const promoted = await http('PATCH', url(`/users/${second.id}/role`), { token: admin, body: { role: 'admin' } });
    expect(promoted.body).toMatchObject({ role: 'admin' });
    const demoted = await http('PATCH', url(`/users/${second.id}/role`), { token: admin, body: { role: 'viewer' } });
    expect(demoted.status).toBe(200);
    expect(demoted.body.role).toBe('viewer');
    expect((await http('PATCH', url(`/users/${randomId()}/role`), { token: admin, body: { role: 'user' } })).status).toBe(404);
  });

  it('deactivates a user: sessions end at once and login is refused', async () => {
    const user = (await create({ email: 'leaving@example.com', password: PASSWORD, role: 'user' })).body;
    const session = (await login('leaving@example.com')).body;
    const res = await http('POST', url(`/users/${user.id}/deactivate`), { token: admin });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ isActive: false, sessionsRevoked: 1 });
    expect((await login('leaving@example.com')).status).toBe(401);
    expect((await http('POST', url('/auth/refresh'), { body: { refreshToken: session.refreshToken } })).status).toBe(401);
    await eventually(async () => expect((await http('GET', url('/auth/me'), { token: session.accessToken })).status).toBe(401), {
      timeoutMs: 5_000,
    });
  });

  it('soft-deletes a user, keeping the row and history, and frees the e-mail', async () => {
    const user = (await create({ email: 'gone@example.com', password: PASSWORD, role: 'user' })).body;
    await login('gone@example.com');
    const res = await http('DELETE', url(`/users/${user.id}`), { token: admin });
    expect(res.body).toEqual({ id: user.id, deleted: true, sessionsRevoked: 1 });
    expect((await login('gone@example.com')).status).toBe(401);
    const list = (await http('GET', url('/users?limit=200'), { token: admin })).body.items.map((u: any) => u.email);
    expect(list).not.toContain('gone@example.com');
    expect((await http('DELETE', url(`/users/${user.id}`), { token: admin })).status).toBe(404);
    expect((await create({ email: 'gone@example.com', password: PASSWORD, role: 'user' })).status).toBe(201);
  });
});

function randomId(): string {
  return '00000000-0000-4000-8000-000000000000';
}
