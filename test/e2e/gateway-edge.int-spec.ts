import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { Client } from 'pg';
import { eventually } from '@mindhill/testing';
import { http } from '../support/http';
import { signToken } from '../support/tokens';
import { startTestPlatform, TestPlatform } from '../support/test-platform';

describe('gateway edge: headers, CORS, rate limits, security events', () => {
  let platform: TestPlatform;
  let audit: Client;

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['auth', 'audit'],
      env: {
        GATEWAY_CORS_ORIGINS: 'https://app.mindhill.test',
        GATEWAY_LOGIN_RATE_PER_MINUTE: '3',
        GATEWAY_RATE_LIMIT_PER_HOUR: '4',
        REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
        GATEWAY_RATE_LIMIT_NAMESPACE: `test-${randomBytes(4).toString('hex')}:`,
      },
    });
    audit = new Client({ connectionString: platform.databases.audit!.url });
    await audit.connect();
  });
  afterAll(async () => {
    await audit?.end();
    await platform?.close();
  });

  it('sends security headers', async () => {
    const res = await http('POST', `${platform.gatewayUrl}/api/v1/auth/login`, {
      body: { email: 'h@example.com', password: 'whatever-password' },
    });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(res.headers.get('strict-transport-security')).toContain('max-age=31536000');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('answers CORS for configured origins only', async () => {
    const allowed = await fetch(`${platform.gatewayUrl}/api/v1/workflows`, {
      method: 'OPTIONS',
      headers: { origin: 'https://app.mindhill.test', 'access-control-request-method': 'GET' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.mindhill.test');
    const other = await fetch(`${platform.gatewayUrl}/api/v1/workflows`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('limits login attempts per address with 429 and Retry-After, as a security event', async () => {
    const attempt = () =>
      http('POST', `${platform.gatewayUrl}/api/v1/auth/login`, { body: { email: 'brute@example.com', password: 'guess-guess-guess' } });
    // One attempt was spent by the headers test.
    expect((await attempt()).status).toBe(401);
    expect((await attempt()).status).toBe(401);
    const limited = await attempt();
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('REQUEST.RATE_LIMITED');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    // The real budget and window, and the same wait as Retry-After.
    expect(limited.body.error.message).toBe(`Rate limit: 3 requests per minute per client address; retry in ${retryAfter} s`);
    await eventually(async () => {
      const { rows } = await audit.query(
        `SELECT event_category, severity, response_status, resource_name FROM audit_logs WHERE event_type = 'gateway.security.rate-limited'`,
      );
      expect(rows[0]).toMatchObject({
        event_category: 'security',
        severity: 'high',
        response_status: 429,
        resource_name: 'POST /api/v1/auth/login',
      });
    });
  });

  it('limits each signed-in user per hour, counted in Redis', async () => {
    const token = await signToken(platform.tokenKey, { role: 'admin' });
    const other = await signToken(platform.tokenKey, { role: 'admin' });
    // One budget for the whole API, whichever routes the calls go to.
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++) statuses.push((await http('GET', `${platform.gatewayUrl}/api/v1/audit-logs?limit=1`, { token })).status);
    for (let i = 0; i < 2; i++) statuses.push((await http('GET', `${platform.gatewayUrl}/api/v1/users`, { token })).status);
    statuses.push((await http('GET', `${platform.gatewayUrl}/api/v1/audit-logs?limit=1`, { token })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
    const limited = await http('GET', `${platform.gatewayUrl}/api/v1/users`, { token });
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toBe(
      `Rate limit: 4 requests per hour per user; retry in ${Number(limited.headers.get('retry-after'))} s`,
    );
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(3_500);
    // Another user has a budget of their own.
    expect((await http('GET', `${platform.gatewayUrl}/api/v1/audit-logs?limit=1`, { token: other })).status).toBe(200);
    const redis = new Redis(platform.env.REDIS_URL!);
    try {
      expect((await redis.keys(`${platform.env.GATEWAY_RATE_LIMIT_NAMESPACE}*`)).length).toBeGreaterThanOrEqual(3);
    } finally {
      redis.disconnect();
    }
  });

  it('records 401 and 403 answers as security events', async () => {
    await http('GET', `${platform.gatewayUrl}/api/v1/workflows`);
    const viewer = await signToken(platform.tokenKey, { role: 'viewer' });
    await http('GET', `${platform.gatewayUrl}/api/v1/audit-logs`, { token: viewer });
    await eventually(async () => {
      const { rows } = await audit.query(
        `SELECT event_details->'payload'->>'code' AS code, (event_details->'payload'->>'status')::int AS status, ip_address
           FROM audit_logs WHERE event_type = 'gateway.security.access-denied' ORDER BY id`,
      );
      expect(rows.map((r) => [r.status, r.code])).toEqual(
        expect.arrayContaining([
          [401, 'AUTH.TOKEN_MISSING'],
          [403, 'AUTH.FORBIDDEN'],
        ]),
      );
      expect(rows.every((r) => r.ip_address === '127.0.0.1')).toBe(true);
    });
  });

  it('applies a changed api_rate_limit_per_hour setting without a restart', async () => {
    const admin = await signToken(platform.tokenKey, { role: 'admin', userNumber: 1 });
    const changed = await http('PATCH', `${platform.gatewayUrl}/api/v1/settings/api_rate_limit_per_hour`, {
      token: admin,
      body: { value: 2, reason: 'test' },
    });
    expect(changed.status).toBe(200);
    // Picked up from the settings event: the third call of a fresh user is over the new limit.
    await eventually(
      async () => {
        const statuses: number[] = [];
        const fresh = await signToken(platform.tokenKey, { role: 'admin' });
        for (let i = 0; i < 3; i++) statuses.push((await http('GET', `${platform.gatewayUrl}/api/v1/users`, { token: fresh })).status);
        expect(statuses).toEqual([200, 200, 429]);
      },
      { timeoutMs: 10_000, intervalMs: 200 },
    );
  });
});
