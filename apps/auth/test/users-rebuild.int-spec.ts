import { Client } from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { createOrmConfig, rebuildProjections } from '@mindhill/persistence';
import { http } from '../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { authProjections } from '../src/auth.projections';
import { DEFAULT_SETTINGS } from '../src/settings/domain/default-settings';
import { timeStepAt, totpAt } from '../src/users/domain/totp';
import { authTestEnv } from './auth-test-env';

const ADMIN = { email: 'rebuilder@mindhill.test', password: 'the rebuilding passphrase 7' };
const PASSWORD = 'rebuild passphrase 55';

describe('auth projections rebuild', () => {
  let platform: TestPlatform;
  const url = (path: string) => `${platform.gatewayUrl}/api/v1${path}`;
  const login = (email: string, password = PASSWORD) => http('POST', url('/auth/login'), { body: { email, password } });

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['auth'],
      env: authTestEnv({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }),
    });
  });
  afterAll(() => platform?.close());

  it('rebuilds users, sessions, tokens and settings from stored events into the same rows', async () => {
    for (const n of [1, 2, 3]) await http('POST', url('/auth/register'), { body: { email: `r${n}@example.com`, password: PASSWORD } });
    const r1 = (await login('r1@example.com')).body;
    await http('POST', url('/auth/refresh'), { body: { refreshToken: r1.refreshToken } });
    await login('r2@example.com', 'not the password!');
    const admin = (await login(ADMIN.email, ADMIN.password)).body.accessToken;
    await http('PATCH', url('/settings/max_concurrent_workflows'), { token: admin, body: { value: 9, reason: 'rebuild' } });
    await http('PATCH', url('/settings/app_name'), { token: admin, body: { value: 'Test Hill', environment: 'test' } });
    await http('PATCH', url('/auth/me'), { token: r1.accessToken, body: { timezone: 'Europe/Paris', uiPreferences: { dense: true } } });
    const setup = (await http('POST', url('/auth/2fa/setup'), { token: r1.accessToken })).body;
    await http('POST', url('/auth/2fa/enable'), { token: r1.accessToken, body: { code: totpAt(setup.secret, timeStepAt(new Date())) } });
    await http('POST', url('/auth/password-reset/request'), { body: { email: 'r3@example.com' } });
    const r2 = (await http('GET', url('/users?limit=200'), { token: admin })).body.items.find((u: any) => u.email === 'r2@example.com');
    await http('PATCH', url(`/users/${r2.id}/role`), { token: admin, body: { role: 'viewer' } });
    const r3 = (await http('GET', url('/users?limit=200'), { token: admin })).body.items.find((u: any) => u.email === 'r3@example.com');
    await http('DELETE', url(`/users/${r3.id}`), { token: admin });

    const db = new Client({ connectionString: platform.databases.auth!.url });
    await db.connect();
    try {
      const snapshot = async () => ({
        users: (await db.query('SELECT * FROM users ORDER BY id')).rows,
        sessions: (await db.query('SELECT * FROM application_sessions ORDER BY id')).rows,
        rotated: (await db.query('SELECT * FROM rotated_refresh_tokens ORDER BY token_hash')).rows,
        tokens: (await db.query('SELECT * FROM user_tokens ORDER BY token_hash')).rows,
        settings: (await db.query('SELECT * FROM system_settings ORDER BY id')).rows,
      });
      const before = await snapshot();
      expect(before.users).toHaveLength(4);
      expect(before.sessions).toHaveLength(2);
      expect(before.rotated).toHaveLength(1);
      expect(before.tokens.map((t) => t.purpose).sort()).toEqual([
        'email-verification',
        'email-verification',
        'email-verification',
        'password-reset',
      ]);
      // The defaults and one environment override.
      expect(before.settings).toHaveLength(DEFAULT_SETTINGS.length + 1);
      expect(before.users.find((u) => u.email === 'r1@example.com')).toMatchObject({ two_factor_enabled: true, timezone: 'Europe/Paris' });
      expect(before.users.find((u) => u.email === 'r3@example.com').deleted_at).toBeInstanceOf(Date);
      const stored = Number((await db.query('SELECT count(*) AS n FROM stored_event')).rows[0].n);

      const orm = await MikroORM.init(
        createOrmConfig({ clientUrl: platform.databases.auth!.url, entities: authProjections.entities, migrations: [] }),
      );
      const { events } = await rebuildProjections(orm, 'auth', authProjections);
      await orm.close();

      expect(events).toBe(stored);
      expect(await snapshot()).toEqual(before);
      // The sequence continues after the replayed ids.
      const next = await http('POST', url('/auth/register'), { body: { email: 'r4@example.com', password: PASSWORD } });
      expect(next.status).toBe(201);
      expect((await db.query(`SELECT id FROM users WHERE email = 'r4@example.com'`)).rows[0].id).toBe(5);
    } finally {
      await db.end();
    }
  });
});
