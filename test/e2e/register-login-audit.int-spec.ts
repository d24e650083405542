import { eventually } from '@mindhill/testing';
import { http } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/test-platform';

const ADMIN = { email: 'root@mindhill.test', password: 'a long operator passphrase 42' };

describe('register and login through the gateway, audited', () => {
  let platform: TestPlatform;
  let adminToken: string;

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['auth', 'audit'], env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password } });
    const login = await http('POST', `${platform.gatewayUrl}/api/v1/auth/login`, { body: ADMIN });
    expect(login.status).toBe(200);
    adminToken = login.body.accessToken;
  });

  afterAll(() => platform?.close());

  const auditFor = async (email: string) => {
    const page = await http('GET', `${platform.gatewayUrl}/api/v1/audit-logs?userEmail=${encodeURIComponent(email)}&limit=50`, {
      token: adminToken,
    });
    expect(page.status).toBe(200);
    return page.body.items as Record<string, any>[];
  };

  it('registers, logs in, and writes one audit row per event', async () => {
    const email = 'ada@example.com';
    const registered = await http('POST', `${platform.gatewayUrl}/api/v1/auth/register`, {
      body: { email, password: 'correct horse battery staple', displayName: 'Ada' },
      // A client cannot choose the address recorded for it.
      headers: { 'user-agent': 'e2e-test/1.0', 'x-forwarded-for': '203.0.113.9' },
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ email, displayName: 'Ada', role: 'user' });
    expect(registered.body).not.toHaveProperty('passwordHash');

    const login = await http('POST', `${platform.gatewayUrl}/api/v1/auth/login`, {
      body: { email, password: 'correct horse battery staple' },
    });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', user: { email, role: 'user' } });
    expect(login.body.accessToken.split('.')).toHaveLength(3);

    const rows = await eventually(async () => {
      const items = await auditFor(email);
      expect(items.map((r) => r.eventType).sort()).toEqual(['auth.session.created', 'auth.user.logged-in', 'auth.user.registered']);
      return items;
    });
    const registeredRow = rows.find((r) => r.eventType === 'auth.user.registered')!;
    expect(registeredRow).toMatchObject({
      eventCategory: 'auth',
      eventAction: 'register',
      resourceType: 'user',
      resourceName: email,
      userEmail: email,
      userId: registered.body.id,
      severity: 'low',
      requestMethod: 'POST',
      requestUrl: '/api/v1/auth/register',
      userAgent: 'e2e-test/1.0',
      ipAddress: '127.0.0.1',
      sourceService: 'auth',
    });
    expect(JSON.stringify(rows)).not.toContain('correct horse');
    expect(JSON.stringify(rows)).not.toContain('argon2');
    const loginRow = rows.find((r) => r.eventType === 'auth.user.logged-in')!;
    expect(loginRow.sessionId).toEqual(expect.any(String));
    expect(loginRow.userNumber).toEqual(expect.any(Number));
  });
});
