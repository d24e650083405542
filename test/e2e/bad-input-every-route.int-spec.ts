import { ROUTES, RouteRule } from '../../apps/gateway/src/routing/route-table';
import { rawRequest, RawAnswer } from '../support/raw-http';
import { signToken } from '../support/tokens';
import { startTestPlatform, TestPlatform } from '../support/test-platform';

const ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const pathOf = (rule: RouteRule, id = ID) =>
  rule.path
    .replace(':templateName', 'data-processing')
    .replace(':key', 'api_rate_limit_per_hour')
    .replace(/:[a-zA-Z]+/g, id);

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
// JSON texts as sent: \u escapes are how a client puts NUL and lone surrogates in JSON.
const BAD_BODIES: [string, string, string][] = [
  ['a NUL in a value', '{"name":"a\\u0000b"}', 'REQUEST.INVALID_STRING'],
  ['a NUL in a key', '{"na\\u0000me":"x"}', 'REQUEST.INVALID_STRING'],
  ['a lone high surrogate', '{"name":"\\ud800"}', 'REQUEST.INVALID_STRING'],
  ['a lone low surrogate in a key', '{"\\udc00":1}', 'REQUEST.INVALID_STRING'],
  ['a NUL deep inside', '{"a":{"b":[1,{"c":["ok","\\u0000"]}]}}', 'REQUEST.INVALID_STRING'],
  ['a NUL in a top-level string', '"\\u0000"', 'REQUEST.INVALID_STRING'],
  ['nesting 40 deep', nested(40), 'GATEWAY.JSON_TOO_DEEP'],
  ['an array of 10 001 items', `{"items":[${new Array(10_001).fill(0).join(',')}]}`, 'GATEWAY.JSON_ARRAY_TOO_LONG'],
  ['an object of 1 001 keys', `{${Array.from({ length: 1_001 }, (_, i) => `"k${i}":1`).join(',')}}`, 'GATEWAY.JSON_TOO_MANY_KEYS'],
];

// Every write route of the gateway with every kind of bad input, all services running behind it,
// as a caller allowed to use the route: no 500 anywhere, and the coded 400 for each bad input.
describe('bad strings, shapes and bytes on every write route', () => {
  let platform: TestPlatform;
  let admin: string;

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['auth', 'workflows', 'ingestion', 'processing', 'reporting', 'audit'],
      env: { GATEWAY_RATE_LIMIT_PER_HOUR: '10000000', GATEWAY_LOGIN_RATE_PER_MINUTE: '100000' },
    });
    admin = await signToken(platform.tokenKey, { role: 'admin' });
  });
  afterAll(() => platform?.close());

  const writes = ROUTES.filter((r) => r.method !== 'GET');
  const json = { 'content-type': 'application/json' };
  const send = (rule: RouteRule, target: string | Buffer, body?: string): Promise<RawAnswer> =>
    rawRequest(platform.gatewayUrl, rule.method, target, {
      headers: { ...json, ...(rule.access.kind === 'public' ? {} : { authorization: `Bearer ${admin}` }) },
      body: body ?? '{}',
    });
  const coded = (res: RawAnswer, code: string) =>
    res.status === 400 &&
    res.body?.error?.code === code &&
    typeof res.body?.error?.message === 'string' &&
    typeof res.body?.correlationId === 'string';

  it(`refuses each bad JSON body with its coded 400 (${writes.length} write routes)`, async () => {
    const wrong: string[] = [];
    for (const rule of writes) {
      for (const [what, body, code] of BAD_BODIES) {
        const res = await send(rule, pathOf(rule), body);
        // Signed webhooks keep their bytes (the signature covers them): no gateway parsing, no 500.
        const ok = rule.raw ? res.status < 500 : coded(res, code);
        if (!ok) wrong.push(`${rule.method} ${rule.path} with ${what}: ${res.status} ${res.text.slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses a NUL or lone surrogate in the query string and in a path parameter', async () => {
    const wrong: string[] = [];
    for (const rule of writes) {
      const targets = [`${pathOf(rule)}?q=%00`, `${pathOf(rule)}?q%00=1`, `${pathOf(rule)}?q=%ED%A0%80`];
      if (rule.path.includes(':')) targets.push(rule.path.replace(/:[a-zA-Z]+/g, 'a%00b'), rule.path.replace(/:[a-zA-Z]+/g, '%ED%A0%80'));
      for (const target of targets) {
        const res = await send(rule, target);
        // An escaped lone surrogate is not UTF-8: refused as a bad URL or a bad string, never a 500.
        const ok = target.includes('%ED%A0%80')
          ? coded(res, 'REQUEST.BAD_URL') || coded(res, 'REQUEST.INVALID_STRING')
          : coded(res, 'REQUEST.INVALID_STRING');
        if (!ok) wrong.push(`${rule.method} ${target}: ${res.status} ${res.text.slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers a raw non-ASCII byte in the query string or the path with the coded 400', async () => {
    const wrong: string[] = [];
    for (const rule of writes) {
      const path = pathOf(rule);
      const targets = [
        Buffer.concat([Buffer.from(`${path}?q=`), Buffer.from([0xe9])]),
        Buffer.concat([Buffer.from(`${path}?q=`), Buffer.from('é', 'utf8')]),
        Buffer.concat([Buffer.from(path), Buffer.from([0xff])]),
        ...(rule.path.includes(':') ? [Buffer.from(rule.path.replace(/:[a-zA-Z]+/g, 'caf\u00e9'), 'utf8')] : []),
      ];
      for (const target of targets) {
        const res = await send(rule, target);
        if (!coded(res, 'REQUEST.BAD_URL'))
          wrong.push(`${rule.method} ${target.toString('latin1')}: ${res.status} ${res.text.slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('never answers 500 to a well-formed body either', async () => {
    const wrong: string[] = [];
    for (const rule of writes) {
      for (const body of ['{}', '{"name":"ok ✓ 𝄞"}', '[]', 'null']) {
        const res = await send(rule, pathOf(rule), body);
        if (res.status >= 500) wrong.push(`${rule.method} ${rule.path} with ${body}: ${res.status} ${res.text.slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('refuses the same bad strings at a service directly (the platform guard, not only the gateway)', async () => {
    const res = await rawRequest(platform.urls.workflows!, 'POST', '/api/v1/workflows', {
      headers: { ...json, 'x-internal-token': platform.env.INTERNAL_API_TOKEN! },
      body: '{"name":"\\ud800x"}',
    });
    expect(coded(res, 'REQUEST.INVALID_STRING')).toBe(true);
  });
});
