import { ROUTES, RouteRule } from '../../apps/gateway/src/routing/route-table';
import { http } from '../support/http';
import { newTestKey, publicKeyAsSecretToken, signToken, TestKey, unsignedToken } from '../support/tokens';
import { startTestPlatform, TestPlatform } from '../support/test-platform';

// Every declared route, with every role and every kind of bad token, against the real gateway.
// No service runs behind it: a call the gateway lets through gets 502 from the missing upstream,
// which is how "allowed" shows here; refusals are the gateway's own 401/403.
type Caller = { name: string; token: () => Promise<string | undefined>; role?: 'admin' | 'user' | 'viewer'; problem?: string };

describe('access rules of every route', () => {
  let platform: TestPlatform;
  let key: TestKey;

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: [],
      env: { GATEWAY_RATE_LIMIT_PER_HOUR: '10000000', GATEWAY_LOGIN_RATE_PER_MINUTE: '100000', GATEWAY_UPSTREAM_TIMEOUT_MS: '2000' },
    });
    key = platform.tokenKey;
  });
  afterAll(() => platform?.close());

  const past = Math.floor(Date.now() / 1000) - 3_600;
  const callers: Caller[] = [
    { name: 'no token', token: async () => undefined, problem: 'AUTH.TOKEN_MISSING' },
    { name: 'a malformed token', token: async () => 'not-a-jwt', problem: 'AUTH.TOKEN_INVALID' },
    { name: 'a token of another key', token: async () => signToken(await newTestKey(), { role: 'admin' }), problem: 'AUTH.TOKEN_INVALID' },
    {
      name: 'another key claiming a trusted kid',
      token: async () => signToken(await newTestKey(key.kid), { role: 'admin' }),
      problem: 'AUTH.TOKEN_INVALID',
    },
    { name: 'HS256 keyed with the public key', token: () => publicKeyAsSecretToken(key, { role: 'admin' }), problem: 'AUTH.TOKEN_INVALID' },
    { name: 'an alg:none token', token: async () => unsignedToken({ role: 'admin' }, key.kid), problem: 'AUTH.TOKEN_INVALID' },
    {
      name: 'an expired token',
      token: () => signToken(key, { role: 'admin' }, { issuedAt: past, expiresIn: past + 60 }),
      problem: 'AUTH.TOKEN_EXPIRED',
    },
    { name: 'a viewer', token: () => signToken(key, { role: 'viewer' }), role: 'viewer' },
    { name: 'a user', token: () => signToken(key, { role: 'user' }), role: 'user' },
    { name: 'an admin', token: () => signToken(key, { role: 'admin' }), role: 'admin' },
  ];

  const pathOf = (rule: RouteRule) =>
    rule.path
      .replace(':templateName', 'data-processing')
      .replace(':key', 'api_rate_limit_per_hour')
      .replace(/:[a-zA-Z]+/g, '7c9e6679-7425-40de-944b-e07fc1f90ae7');

  function expected(rule: RouteRule, caller: Caller): { status: number; code?: string } | 'allowed' {
    if (rule.access.kind === 'public') return 'allowed';
    if (!caller.role) return { status: 401, code: caller.problem };
    return rule.access.roles.includes(caller.role) ? 'allowed' : { status: 403, code: 'AUTH.FORBIDDEN' };
  }

  it(`applies each route's rule to every caller (${ROUTES.length} routes × 8 callers)`, async () => {
    const mismatches: string[] = [];
    for (const rule of ROUTES) {
      for (const caller of callers) {
        const res = await http(rule.method, `${platform.gatewayUrl}${pathOf(rule)}`, {
          token: await caller.token(),
          ...(['POST', 'PATCH', 'PUT'].includes(rule.method) ? { body: {} } : {}),
        });
        const want = expected(rule, caller);
        const ok =
          want === 'allowed'
            ? res.status === 502 && res.body?.error?.code === 'GATEWAY.UPSTREAM_UNAVAILABLE'
            : res.status === want.status && res.body?.error?.code === want.code;
        if (!ok)
          mismatches.push(
            `${rule.method} ${rule.path} with ${caller.name}: got ${res.status} ${res.body?.error?.code ?? ''}, expected ${want === 'allowed' ? 'to pass' : `${want.status} ${want.code}`}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('answers an undeclared route with 404 whoever calls', async () => {
    for (const caller of callers) {
      const res = await http('GET', `${platform.gatewayUrl}/api/v1/admin/secrets`, { token: await caller.token() });
      expect(res.status).toBe(404);
    }
  });
});
