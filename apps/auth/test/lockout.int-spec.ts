import { Client } from 'pg';
import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';

const ADMIN = { email: 'keeper@mindhill.test', password: 'the warden passphrase 3' };
const USER = { email: 'locked@example.com', password: 'my correct passphrase 8' };

describe('account lockout', () => {
  let platform: TestPlatform;
  const login = (body: { email: string; password: string }) => http('POST', `${platform.gatewayUrl}/api/v1/auth/login`, { body });

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['auth', 'audit'],
      env: { AUTH_LOCKOUT_THRESHOLD: '3', AUTH_LOCKOUT_MINUTES: '10', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
    });
    expect((await http('POST', `${platform.gatewayUrl}/api/v1/auth/register`, { body: USER })).status).toBe(201);
  });
  afterAll(() => platform?.close());

  it('locks after the threshold, refuses even the right password alike, audits it high, and an admin unlocks', async () => {
    const wrong = { email: USER.email, password: 'not my passphrase' };
    for (let i = 0; i < 3; i++) expect((await login(wrong)).status).toBe(401);
    const refused = await login(USER);
    expect(refused.status).toBe(401);
    // Same answer as a wrong password: the response does not say the account exists or is locked.
    expect(refused.body.error).toEqual((await login({ email: 'nobody@example.com', password: 'x' })).body.error);

    const audit = new Client({ connectionString: platform.databases.audit!.url });
    await audit.connect();
    try {
      await eventually(async () => {
        const { rows } = await audit.query(
          `SELECT severity, event_category, resource_name FROM audit_logs WHERE event_type = 'auth.user.locked'`,
        );
        expect(rows).toEqual([{ severity: 'high', event_category: 'security', resource_name: USER.email }]);
      });
    } finally {
      await audit.end();
    }

    const admin = (await login(ADMIN)).body.accessToken;
    const users = await http('GET', `${platform.gatewayUrl}/api/v1/users?locked=true`, { token: admin });
    expect(users.body.items.map((u: any) => u.email)).toEqual([USER.email]);
    const userToken =
      (await http('POST', `${platform.gatewayUrl}/api/v1/auth/register`, { body: { email: 'peer@example.com', password: USER.password } }),
      (await login({ email: 'peer@example.com', password: USER.password })).body.accessToken);
    expect((await http('POST', `${platform.gatewayUrl}/api/v1/users/${users.body.items[0].id}/unlock`, { token: userToken })).status).toBe(
      403,
    );
    const unlocked = await http('POST', `${platform.gatewayUrl}/api/v1/users/${users.body.items[0].id}/unlock`, { token: admin });
    expect(unlocked.status).toBe(200);
    expect((await login(USER)).status).toBe(200);
  });
});
