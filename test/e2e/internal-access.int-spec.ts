import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp, encodeActor, HEADER, startServiceApp } from '@mindhill/platform';
import { ROUTES } from '../../apps/gateway/src/routing/route-table';
import { rawRequest } from '../support/raw-http';
import { buildGateway, ServiceName } from '../support/service-catalog';
import { http } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/test-platform';

const PASSWORD = 'correct horse battery staple';
const METRICS_TOKEN = 'metrics-scrape-credential-0123456789abcdef';
const SERVICES: ServiceName[] = ['auth', 'workflows', 'ingestion', 'processing', 'reporting', 'audit'];
// A real GET route of each service; auth's and audit's are admin-only, so a forged admin actor
// that was believed would be answered 200.
const REAL_ROUTE: Record<ServiceName, string> = {
  auth: '/api/v1/users',
  workflows: '/api/v1/workflows',
  ingestion: '/api/v1/data-sources',
  processing: '/api/v1/processing-history',
  reporting: '/api/v1/reports',
  audit: '/api/v1/audit-logs',
};

// Spellings find-my-way (or a proxy in front) may route to `path`, none of them exactly it.
function spellings(path: string): string[] {
  const rest = path.slice('/api'.length);
  const last = path.lastIndexOf('/') + 1;
  const encodedLast = `${path.slice(0, last)}%${path.charCodeAt(last).toString(16)}${path.slice(last + 1)}`;
  return [
    path,
    `/%61pi${rest}`,
    encodedLast,
    `/%2561pi${rest}`,
    `//api${rest}`,
    `/api/${rest}`,
    `/API${rest}`,
    `/Api${rest}`,
    `/x/..${path}`,
    `/api/.${rest}`,
    `/api/%2e${rest}`,
    `/health/live/../..${path}`,
    `/metrics/..${path}`,
    `/metrics%2f..${path}`,
    `${path}/`,
    `${path};`,
    `${path};x=1`,
    `${path}%00`,
    `${path}?`,
    `${path}#`,
    `${path}?limit=1`,
    `${path}%20`,
    `${path}.`,
    `/health/live%3F/../..${path}`,
  ];
}

describe('internal API: the gateway credential on every request, whatever the spelling', () => {
  let platform: TestPlatform;
  const forgedAdmin = encodeActor({
    userId: '0e4c7f3c-2f6a-4d8e-9a51-3f1d2b1c0a99',
    userNumber: 1,
    email: 'forged@example.com',
    role: 'admin',
    sessionId: null,
    ip: null,
    userAgent: null,
    requestMethod: null,
    requestUrl: null,
  });

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: SERVICES,
      env: { METRICS_TOKEN, GATEWAY_RATE_LIMIT_PER_HOUR: '10000000', GATEWAY_LOGIN_RATE_PER_MINUTE: '100000' },
    });
  });
  afterAll(() => platform?.close());

  it.each(SERVICES)('%s: the real route answers with the token (the spellings below are of a live route)', async (name) => {
    const query = name === 'processing' ? '?executionId=0e4c7f3c-2f6a-4d8e-9a51-3f1d2b1c0a99' : '';
    const res = await rawRequest(platform.urls[name]!, 'GET', `${REAL_ROUTE[name]}${query}`, {
      headers: { [HEADER.internalToken]: platform.env.INTERNAL_API_TOKEN!, [HEADER.actor]: forgedAdmin },
    });
    expect([res.status, res.text.slice(0, 200)]).toEqual([200, expect.any(String)]);
  });

  it.each(SERVICES)('%s: every spelling without the token is 401 AUTH.INTERNAL_ONLY, forged admin actor or not', async (name) => {
    const wrong: string[] = [];
    for (const target of spellings(REAL_ROUTE[name])) {
      const headerSets: Record<string, string>[] = [
        {},
        { [HEADER.actor]: forgedAdmin },
        { [HEADER.actor]: forgedAdmin, [HEADER.internalToken]: 'not-the-token-but-32-characters-long' },
      ];
      for (const headers of headerSets) {
        for (const method of ['GET', 'POST', 'DELETE']) {
          const res = await rawRequest(platform.urls[name]!, method, target, { headers });
          if (res.status !== 401 || res.body?.error?.code !== 'AUTH.INTERNAL_ONLY')
            wrong.push(`${method} ${target} ${Object.keys(headers).join('+')}: ${res.status} ${res.text.slice(0, 120)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it.each(SERVICES)('%s: probes answer without the token, and only their exact paths', async (name) => {
    const base = platform.urls[name]!;
    expect((await rawRequest(base, 'GET', '/health/live')).status).toBe(200);
    expect((await rawRequest(base, 'GET', '/health/ready')).status).toBe(200);
    expect((await rawRequest(base, 'GET', '/health/live?probe=1')).status).toBe(200);
    for (const target of ['/health/live/', '/Health/live', '//health/live', '/health/%6cive', '/health/./live']) {
      const res = await rawRequest(base, 'GET', target);
      expect([target, res.status, res.body?.error?.code]).toEqual([target, 401, 'AUTH.INTERNAL_ONLY']);
    }
    // A public path does not make other methods public.
    expect((await rawRequest(base, 'POST', '/health/live')).status).toBe(401);
  });

  it.each([...SERVICES, 'gateway' as const])('%s: /metrics needs METRICS_TOKEN as a bearer credential', async (name) => {
    const base = platform.urls[name]!;
    const none = await rawRequest(base, 'GET', '/metrics');
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('AUTH.METRICS_TOKEN_REQUIRED');
    expect(
      (await rawRequest(base, 'GET', '/metrics', { headers: { authorization: 'Bearer wrong-wrong-wrong-wrong-wrong-wrong-wrong' } }))
        .status,
    ).toBe(401);
    // The internal token is not the scrape credential.
    expect(
      (await rawRequest(base, 'GET', '/metrics', { headers: { [HEADER.internalToken]: platform.env.INTERNAL_API_TOKEN! } })).status,
    ).toBe(401);
    const ok = await rawRequest(base, 'GET', '/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('http_request_duration_seconds');
  });

  it("auth's JWKS is public at its exact path only (gateways read it there)", async () => {
    const jwks = await rawRequest(platform.urls.auth!, 'GET', '/.well-known/jwks.json');
    expect(jwks.status).toBe(200);
    expect(jwks.body.keys.length).toBeGreaterThan(0);
    expect((await rawRequest(platform.urls.auth!, 'GET', '/.well-known/jwks.json/../../api/v1/users')).status).toBe(401);
    expect((await rawRequest(platform.urls.workflows!, 'GET', '/.well-known/jwks.json')).status).toBe(401);
  });

  it('a gateway that reads JWKS from auth itself (as in production) accepts auth-issued tokens', async () => {
    const gateway = await startGateway({
      ...platform.env,
      GATEWAY_PORT: '0',
      GATEWAY_JWKS_URL: `${platform.urls.auth}/.well-known/jwks.json`,
    });
    try {
      const reg = await http('POST', `${gateway.url}/api/v1/auth/register`, {
        body: { email: 'jwks-reader@example.com', password: PASSWORD },
      });
      expect(reg.status).toBe(201);
      const login = await http('POST', `${gateway.url}/api/v1/auth/login`, {
        body: { email: 'jwks-reader@example.com', password: PASSWORD },
      });
      expect(login.status).toBe(200);
      const me = await rawRequest(gateway.url, 'GET', '/api/v1/auth/me', {
        headers: { authorization: `Bearer ${login.body.accessToken}` },
      });
      expect(me.status).toBe(200);
      expect(me.body.email).toBe('jwks-reader@example.com');
    } finally {
      await gateway.app.close();
    }
  });

  describe('the gateway forwards only the route it matched, rebuilt', () => {
    let recorder: Server;
    let seen: string[];
    let seenHeaders: Record<string, string | string[] | undefined>[];
    let gateway: { app: NestFastifyApplication; url: string };
    let userToken: string;

    beforeAll(async () => {
      seen = [];
      seenHeaders = [];
      recorder = createServer((req, res) => {
        seen.push(req.url ?? '');
        seenHeaders.push(req.headers);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
      await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
      const upstream = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`;
      userToken = await signedInUser('recorded-user@example.com');
      gateway = await startGateway({
        ...platform.env,
        GATEWAY_PORT: '0',
        GATEWAY_JWKS_URL: `${platform.urls.auth}/.well-known/jwks.json`,
        AUTH_URL: upstream,
        WORKFLOWS_URL: upstream,
        INGESTION_URL: upstream,
        PROCESSING_URL: upstream,
        REPORTING_URL: upstream,
        AUDIT_URL: upstream,
      });
    });
    afterAll(async () => {
      await gateway?.app.close();
      await new Promise<void>((resolve) => recorder?.close(() => resolve()));
    });

    const declared = (path: string) => ROUTES.some((r) => new RegExp(`^${r.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(path));

    it('never lets a spelling reach an undeclared upstream route, and forwards canonical paths with the query kept', async () => {
      const user = userToken;
      const attempts = [
        '/api/v1/workflows/..%2fusers',
        '/api/v1/workflows/..%2F..%2Fusers',
        '/api/v1/workflows/%2e%2e',
        '/api/v1/workflows/..',
        '/api/v1/workflows/.',
        '/api/v1/workflows/x%2f..%2f..%2fusers',
        '/api/v1/workflows/x%5c..%5cusers',
        '/api/v1/reports/..%2f..%2faudit-logs',
        '/api/v1/workflows/x/../../users',
        '//api/v1/users',
        '/api/v1/workflows//versions',
        '/api/v1/executions/..%2f..%2fexecutions%2fretention/cancel',
        '/%61pi/v1/workflows?limit=2&q=a%20b',
        '/api/v1/workflows/abc?x=%2f%20y&limit=5',
        '/api/v1/workflows?q=%zz',
        '/api/v1/workflows?q=%ED%A0%80',
      ];
      const answers: Record<string, number> = {};
      seen.length = 0;
      for (const target of attempts) {
        const res = await rawRequest(gateway.url, 'GET', target, { headers: { authorization: `Bearer ${user}` } });
        answers[target] = res.status;
        expect(res.status).toBeLessThan(500);
      }
      // The only calls that went through are canonical, declared routes.
      expect(seen.filter((url) => !declared(url.split('?')[0]!))).toEqual([]);
      expect(seen.some((url) => /\/users|audit-logs|retention/.test(url))).toBe(false);
      expect(seen.filter((url) => /\.\.|%2f|%5c|\/\//i.test(url.split('?')[0]!))).toEqual([]);
      // Refused at the gateway: a parameter that would change the route once decoded.
      for (const target of [
        '/api/v1/workflows/..%2fusers',
        '/api/v1/workflows/%2e%2e',
        '/api/v1/workflows/..',
        '/api/v1/workflows/x%5c..%5cusers',
      ]) {
        expect([target, answers[target]]).toEqual([target, 404]);
      }
      // What did go through kept its query string as sent.
      expect([answers['/api/v1/workflows/abc?x=%2f%20y&limit=5'], seen]).toEqual([
        200,
        expect.arrayContaining(['/api/v1/workflows/abc?x=%2f%20y&limit=5']),
      ]);
      // A query that does not decode is refused, not forwarded (and not a 500).
      expect([answers['/api/v1/workflows?q=%zz'], answers['/api/v1/workflows?q=%ED%A0%80']]).toEqual([400, 400]);
    });

    it('strips the client-supplied internal token and actor header', async () => {
      const user = userToken;
      seen.length = 0;
      const res = await rawRequest(gateway.url, 'GET', '/api/v1/workflows', {
        headers: {
          authorization: `Bearer ${user}`,
          [HEADER.actor]: forgedAdmin,
          [HEADER.internalToken]: 'client-chosen-token-of-32-characters!!',
        },
      });
      expect(res.status).toBe(200);
      expect(seen).toEqual(['/api/v1/workflows']);
      const forwarded = seenHeaders[seenHeaders.length - 1]!;
      expect(forwarded[HEADER.internalToken]).toBe(platform.env.INTERNAL_API_TOKEN);
      const actor = JSON.parse(Buffer.from(String(forwarded[HEADER.actor]), 'base64url').toString('utf8'));
      expect(actor).toMatchObject({ role: 'user', email: 'recorded-user@example.com' });
    });
  });

  async function signedInUser(email: string): Promise<string> {
    expect((await http('POST', `${platform.gatewayUrl}/api/v1/auth/register`, { body: { email, password: PASSWORD } })).status).toBe(201);
    const login = await http('POST', `${platform.gatewayUrl}/api/v1/auth/login`, { body: { email, password: PASSWORD } });
    expect(login.status).toBe(200);
    return login.body.accessToken;
  }
});

async function startGateway(env: Record<string, string>): Promise<{ app: NestFastifyApplication; url: string }> {
  const bootstrap = buildGateway(env);
  const app = await createServiceApp(bootstrap);
  await app.init();
  await startServiceApp(app, bootstrap);
  return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
}
