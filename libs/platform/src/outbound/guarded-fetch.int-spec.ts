import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { buildOutboundPolicy, PolicyInput } from './address-policy';
import { guardedFetch, GuardedRequest, OutboundError } from './guarded-fetch';

// Local fixture servers on 127.0.0.1 that only an explicit allow rule lets the guard reach.
type Fixture = {
  port: number;
  origin: string;
  requests: { method: string; path: string; headers: IncomingHttpHeaders }[];
  close(): Promise<void>;
};

async function fixture(routes: Record<string, (res: import('node:http').ServerResponse) => void>): Promise<Fixture> {
  const requests: Fixture['requests'] = [];
  const server: Server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    req.resume();
    const route = routes[(req.url ?? '').split('?')[0]!];
    if (route) route(res);
    else res.writeHead(404).end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// A port nothing listens on (bound, then released).
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

const redirectTo =
  (location: string, status = 302) =>
  (res: import('node:http').ServerResponse) =>
    res.writeHead(status, { location }).end();
const text = (body: string) => (res: import('node:http').ServerResponse) => res.writeHead(200, { 'content-type': 'text/plain' }).end(body);

async function failure(promise: Promise<unknown>): Promise<OutboundError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof OutboundError) return error;
    throw error;
  }
  throw new Error('expected the call to be refused');
}

describe('guardedFetch against local fixture servers', () => {
  let a: Fixture;
  let b: Fixture;
  let closed: number;
  const call = (url: string, policy: PolicyInput, init: Partial<GuardedRequest> = {}) =>
    guardedFetch(url, { timeoutMs: 3_000, maxBytes: 10_000, ...init }, buildOutboundPolicy(policy));
  const onlyA = () => ({ allowHosts: [`127.0.0.1:${a.port}`] });

  beforeAll(async () => {
    b = await fixture({ '/hello': text('hello from b'), '/echo': text('b') });
    a = await fixture({
      '/hello': text('hello from a'),
      '/to-b': redirectTo(`http://127.0.0.1:${b.port}/echo`),
      '/to-a': redirectTo('/hello', 307),
      '/to-metadata': redirectTo('http://169.254.169.254/latest/meta-data/'),
      '/to-127-0-0-2': redirectTo(`http://127.0.0.2:${b.port}/echo`),
      '/to-decimal': redirectTo(`http://2130706433:${b.port}/echo`),
      '/to-file': redirectTo('file:///etc/passwd'),
      '/loop': redirectTo('/loop'),
      '/post-303': redirectTo('/hello', 303),
      '/big-declared': (res) => res.writeHead(200, { 'content-length': '20000' }).end('x'.repeat(20_000)),
      '/big-chunked': (res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 20; i++) res.write('y'.repeat(1000));
        res.end();
      },
      // Never answers: only the guard's time cap ends the call.
      '/hang': () => undefined,
    });
    closed = await closedPort();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('reaches an allowed fixture and returns its answer', async () => {
    const res = await call(`${a.origin}/hello`, onlyA());
    expect(res).toMatchObject({ status: 200, url: `${a.origin}/hello`, redirects: 0 });
    expect(res.body.toString()).toBe('hello from a');
    expect(res.headers['content-type']).toBe('text/plain');
  });

  it('refuses the same fixture without an allow rule, before any connection', async () => {
    const before = a.requests.length;
    const error = await failure(call(`${a.origin}/hello`, {}));
    expect(error).toMatchObject({ code: 'OUTBOUND.DESTINATION_NOT_ALLOWED', retriable: false });
    expect(a.requests.length).toBe(before);
    // Another port of an allowed host is another destination.
    expect((await failure(call(`${b.origin}/hello`, onlyA()))).code).toBe('OUTBOUND.DESTINATION_NOT_ALLOWED');
  });

  it('refuses a DNS name that resolves to loopback (localhost), although its address is allowed by name', async () => {
    const error = await failure(call(`http://localhost:${a.port}/hello`, onlyA()));
    expect(error.code).toBe('OUTBOUND.DESTINATION_NOT_ALLOWED');
  });

  it('resolves a name once and connects to the address it judged (no second lookup to rebind)', async () => {
    // `rebind.test` does not resolve on this machine: the request can only succeed if the socket
    // goes to the address the guard's own resolution returned.
    const answers = [['127.0.0.1'], ['8.8.8.8']];
    const asked: string[] = [];
    const resolve = async (name: string) => {
      asked.push(name);
      return answers.shift() ?? ['127.0.0.1'];
    };
    const res = await call(`http://rebind.test:${a.port}/hello`, { allowHosts: [`rebind.test:${a.port}`] }, { resolve });
    expect(res.body.toString()).toBe('hello from a');
    expect(asked).toEqual(['rebind.test']);
    expect(a.requests.at(-1)!.headers.host).toBe(`rebind.test:${a.port}`);
    // Every address of a name must pass: one private answer among public ones refuses the name.
    const mixed = async () => ['93.184.215.14', '169.254.169.254'];
    expect((await failure(call('http://mixed.test/', {}, { resolve: mixed }))).code).toBe('OUTBOUND.DESTINATION_NOT_ALLOWED');
    // A name the operator did not allow that resolves to loopback is refused.
    expect((await failure(call(`http://other.test:${a.port}/hello`, onlyA(), { resolve: async () => ['127.0.0.1'] }))).code).toBe(
      'OUTBOUND.DESTINATION_NOT_ALLOWED',
    );
  });

  it('checks every redirect hop: to another port, 127.0.0.2, a decimal spelling, metadata and file: are refused', async () => {
    const bBefore = b.requests.length;
    for (const path of ['/to-b', '/to-127-0-0-2', '/to-decimal', '/to-metadata']) {
      expect([path, (await failure(call(`${a.origin}${path}`, onlyA()))).code]).toEqual([path, 'OUTBOUND.DESTINATION_NOT_ALLOWED']);
    }
    expect((await failure(call(`${a.origin}/to-file`, onlyA()))).code).toBe('OUTBOUND.INVALID_URL');
    expect(b.requests.length).toBe(bBefore);
  });

  it('follows allowed redirects, caps the hops, and never carries secret headers to another origin', async () => {
    const same = await call(`${a.origin}/to-a`, onlyA(), { headers: { Authorization: 'Bearer same-origin' } });
    expect(same).toMatchObject({ status: 200, redirects: 1, url: `${a.origin}/hello` });
    expect(a.requests.at(-1)).toMatchObject({ path: '/hello', headers: expect.objectContaining({ authorization: 'Bearer same-origin' }) });

    const both = { allowHosts: [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`] };
    const crossed = await call(`${a.origin}/to-b`, both, {
      headers: { Authorization: 'Bearer not-for-b', 'X-Api-Key': 'key-not-for-b', Cookie: 'c=1', Accept: 'text/plain' },
      secretHeaders: ['x-api-key'],
    });
    expect(crossed).toMatchObject({ status: 200, redirects: 1, url: `${b.origin}/echo` });
    const atB = b.requests.at(-1)!.headers;
    expect(atB.accept).toBe('text/plain');
    expect(atB).not.toHaveProperty('authorization');
    expect(atB).not.toHaveProperty('x-api-key');
    expect(atB).not.toHaveProperty('cookie');

    const posted = await call(`${a.origin}/post-303`, onlyA(), {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(posted.status).toBe(200);
    expect(a.requests.at(-1)).toMatchObject({ method: 'GET', path: '/hello' });

    expect((await failure(call(`${a.origin}/loop`, onlyA(), { maxRedirects: 3 }))).code).toBe('OUTBOUND.TOO_MANY_REDIRECTS');
  });

  it('never reaches the platform own ports, even with 127.0.0.0/8 allowed', async () => {
    const brokerPort = Number((process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',')[0]!.split(':')[1]);
    const policy = { allowCidrs: ['127.0.0.0/8', '::1/128'], ownPorts: [a.port], ownDestinations: [`127.0.0.1:${brokerPort}`] };
    // PostgreSQL (5432) and the broker really listen here; the fixture stands for the service's own port.
    for (const port of [5432, brokerPort, a.port, 9092, 6379, 3003, 8080]) {
      expect([port, (await failure(call(`http://127.0.0.1:${port}/`, policy))).code]).toEqual([port, 'OUTBOUND.DESTINATION_NOT_ALLOWED']);
    }
    expect((await failure(call(`http://[::1]:5432/`, policy))).code).toBe('OUTBOUND.DESTINATION_NOT_ALLOWED');
    // The rest of the range is allowed: b answers.
    expect((await call(`${b.origin}/hello`, policy)).status).toBe(200);
  });

  it('gives the same error for an open and a closed internal port', async () => {
    const open = await failure(call(`http://127.0.0.1:5432/`, {}));
    const shut = await failure(call(`http://127.0.0.1:${closed}/`, {}));
    expect({ code: shut.code, message: shut.message, retriable: shut.retriable }).toEqual({
      code: open.code,
      message: open.message,
      retriable: open.retriable,
    });
    const openOwn = await failure(call(`http://127.0.0.1:5432/`, { allowCidrs: ['127.0.0.0/8'] }));
    const shutOwn = await failure(call(`http://127.0.0.1:6379/`, { allowCidrs: ['127.0.0.0/8'] }));
    expect([openOwn.code, openOwn.message]).toEqual([shutOwn.code, shutOwn.message]);
    expect(openOwn.message).toBe(open.message);
    // Allowed and closed is a network problem, worth a retry.
    expect(await failure(call(`http://127.0.0.1:${closed}/`, { allowHosts: [`127.0.0.1:${closed}`] }))).toMatchObject({
      code: 'OUTBOUND.UNREACHABLE',
      retriable: true,
    });
  });

  it('caps the answer size, declared or streamed', async () => {
    expect(await failure(call(`${a.origin}/big-declared`, onlyA(), { maxBytes: 1_000 }))).toMatchObject({
      code: 'OUTBOUND.RESPONSE_TOO_LARGE',
      size: 20_000,
    });
    const streamed = await failure(call(`${a.origin}/big-chunked`, onlyA(), { maxBytes: 1_000 }));
    expect(streamed.code).toBe('OUTBOUND.RESPONSE_TOO_LARGE');
    expect((await call(`${a.origin}/big-chunked`, onlyA(), { maxBytes: 20_000 })).body.length).toBe(20_000);
  });

  it('caps the time of the whole exchange', async () => {
    const started = Date.now();
    expect(await failure(call(`${a.origin}/hang`, onlyA(), { timeoutMs: 300 }))).toMatchObject({
      code: 'OUTBOUND.TIMEOUT',
      retriable: true,
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
