import { Client } from 'pg';
import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { DEFAULT_SETTINGS } from '../src/settings/domain/default-settings';
import { authTestEnv } from './auth-test-env';

const ADMIN = { email: 'settings-admin@mindhill.test', password: 'the settings keeper 42' };
const USER = { email: 'plain@example.com', password: 'an ordinary passphrase 5' };

describe('system settings', () => {
  let platform: TestPlatform;
  let admin: string;
  let user: string;
  const url = (path: string) => `${platform.gatewayUrl}/api/v1${path}`;
  const patch = (key: string, body: unknown, token = admin) => http('PATCH', url(`/settings/${key}`), { token, body });

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['auth', 'audit'],
      env: authTestEnv({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }),
    });
    admin = (await http('POST', url('/auth/login'), { body: ADMIN })).body.accessToken;
    await http('POST', url('/auth/register'), { body: USER });
    user = (await http('POST', url('/auth/login'), { body: USER })).body.accessToken;
  });
  afterAll(() => platform?.close());

  it('seeds the defaults once as events and lists them for admins only', async () => {
    const all = await http('GET', url('/settings'), { token: admin });
    expect(all.status).toBe(200);
    expect(all.body.items).toHaveLength(DEFAULT_SETTINGS.length);
    expect(all.body.items.find((s: any) => s.key === 'max_concurrent_workflows')).toMatchObject({
      value: 5,
      type: 'integer',
      environment: 'all',
      category: 'performance',
    });
    expect(all.body.items.find((s: any) => s.key === 'enable_email_notifications')).toMatchObject({ value: true, type: 'boolean' });
    const security = await http('GET', url('/settings?category=security'), { token: admin });
    expect(security.body.items.map((s: any) => s.key).sort()).toEqual([
      'api_rate_limit_per_hour',
      'session_retention_days',
      'session_timeout_hours',
    ]);
    expect((await http('GET', url('/settings'), { token: user })).status).toBe(403);
    expect((await http('GET', url('/settings?color=red'), { token: admin })).body.error.code).toBe('REQUEST.UNKNOWN_FIELDS');

    const db = new Client({ connectionString: platform.databases.auth!.url });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM stored_event WHERE type = 'auth.setting.created'`);
      expect(rows[0].n).toBe(DEFAULT_SETTINGS.length);
    } finally {
      await db.end();
    }
  });

  it('shows public settings to any signed-in user', async () => {
    const pub = await http('GET', url('/settings/public'), { token: user });
    expect(pub.status).toBe(200);
    expect(pub.body.items.map((s: any) => s.key).sort()).toEqual(['app_name', 'app_version', 'date_format', 'timezone']);
    expect(pub.body.items.find((s: any) => s.key === 'app_name').value).toBe('Mind Hillmetric');
  });

  it('changes a setting with typed validation, records who and why, and audits old and new values', async () => {
    expect((await patch('max_concurrent_workflows', { value: 'many' })).body.error.code).toBe('AUTH.INVALID_SETTING_VALUE');
    expect((await patch('max_concurrent_workflows', { value: 0 })).body.error.code).toBe('AUTH.INVALID_SETTING_VALUE');
    expect((await patch('max_concurrent_workflows', { value: 5000 })).status).toBe(400);
    expect((await patch('enable_email_notifications', { value: 'maybe' })).status).toBe(400);
    expect((await patch('app_version', { value: '2.0.0' })).body.error.code).toBe('AUTH.SETTING_READONLY');
    expect((await patch('app_version', { value: '2.0.0' })).status).toBe(409);
    expect((await patch('no_such_setting', { value: 1 })).status).toBe(404);
    expect((await patch('max_concurrent_workflows', { value: 8, extra: true })).body.error.code).toBe('REQUEST.UNKNOWN_FIELDS');
    expect((await patch('max_concurrent_workflows', { value: 8 }, user)).status).toBe(403);

    const changed = await patch('max_concurrent_workflows', { value: 8, reason: 'more workers' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      key: 'max_concurrent_workflows',
      value: 8,
      environment: 'all',
      lastModifiedReason: 'more workers',
    });
    expect(changed.body.lastModifiedBy).toEqual(expect.any(String));
    expect((await patch('enable_email_notifications', { value: false })).body.value).toBe(false);

    const audit = new Client({ connectionString: platform.databases.audit!.url });
    await audit.connect();
    try {
      await eventually(async () => {
        const { rows } = await audit.query(
          `SELECT old_values, new_values, resource_name FROM audit_logs WHERE event_type = 'auth.setting.changed' ORDER BY timestamp`,
        );
        expect(rows[0]).toEqual({
          old_values: { value: '5' },
          new_values: { value: '8', reason: 'more workers' },
          resource_name: 'max_concurrent_workflows@all',
        });
      });
    } finally {
      await audit.end();
    }
  });

  it('keeps per-environment values beside the fallback and serves the current environment publicly', async () => {
    const test = await patch('app_name', { value: 'Mind Hillmetric (test)', environment: 'test' });
    expect(test.status).toBe(200);
    expect(test.body.environment).toBe('test');
    const prod = await patch('app_name', { value: 'Mind Hillmetric Live', environment: 'production' });
    expect(prod.status).toBe(200);
    const rows = (await http('GET', url('/settings?category=general'), { token: admin })).body.items.filter(
      (s: any) => s.key === 'app_name',
    );
    expect(rows.map((s: any) => [s.environment, s.value]).sort()).toEqual([
      ['all', 'Mind Hillmetric'],
      ['production', 'Mind Hillmetric Live'],
      ['test', 'Mind Hillmetric (test)'],
    ]);
    // The test platform runs with NODE_ENV=test.
    const pub = await http('GET', url('/settings/public'), { token: user });
    expect(pub.body.environment).toBe('test');
    expect(pub.body.items.find((s: any) => s.key === 'app_name').value).toBe('Mind Hillmetric (test)');
    const onlyProd = await http('GET', url('/settings?environment=production'), { token: admin });
    expect(onlyProd.body.items.map((s: any) => s.key)).toEqual(['app_name']);
  });
});
