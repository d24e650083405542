import { createServer as createHttpServer } from 'node:http';
import { AddressInfo, createServer } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { main } from './main';
import { ConfigStore } from './config/config-store';

// The command line parsed in-process, with no platform: usage errors, help, and what needs no network.
function io(configHome = mkdtempSync(path.join(tmpdir(), 'mindhill-main-'))) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (c: Buffer) => (out += c.toString()));
  stderr.on('data', (c: Buffer) => (err += c.toString()));
  const value = { stdout, stderr, stdin: Readable.from([]), env: { XDG_CONFIG_HOME: configHome } };
  return { io: value, configHome, out: () => out, err: () => err };
}
// A port nothing listens on: one the system just gave and took back.
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
const run = (t: ReturnType<typeof io>, ...args: string[]) => main(['node', 'mindhill', ...args], t.io);

describe('the mindhill command line', () => {
  it('prints help on stdout and exits 0', async () => {
    const t = io();
    expect(await run(t, '--help')).toBe(0);
    expect(t.out()).toContain('Usage: mindhill');
    expect(t.out()).toContain('dead-letters');
    const v = io();
    expect(await run(v, '--version')).toBe(0);
    expect(v.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('exits 64 with the reason on stderr for an unknown command, option or bad value', async () => {
    for (const args of [
      ['frobnicate'],
      ['workflows', 'list', '--bogus'],
      ['run', 'wf', '--input', 'novalue'],
      ['executions', 'list', '--status', 'Done'],
    ]) {
      const t = io();
      expect([args, await run(t, ...args)]).toEqual([args, 64]);
      expect(t.err()).toMatch(/error:/);
      expect(t.out()).toBe('');
    }
  });

  it('refuses a command that needs a login with CLI.NOT_LOGGED_IN and exit 3; --json adds the error as JSON on stdout', async () => {
    const t = io();
    expect(await run(t, '--json', 'workflows', 'list')).toBe(3);
    expect(t.err()).toContain('Error CLI.NOT_LOGGED_IN');
    expect(JSON.parse(t.out())).toMatchObject({ error: { code: 'CLI.NOT_LOGGED_IN' } });
  });

  it('says clearly when the gateway cannot be reached (exit 4)', async () => {
    const t = io();
    const url = `http://127.0.0.1:${await closedPort()}`;
    new ConfigStore(path.join(t.configHome, 'mindhill')).write({ url, accessToken: 'a', refreshToken: 'r'.repeat(30) });
    expect(await run(t, 'whoami')).toBe(4);
    expect(t.err()).toContain(`Error CLI.UNREACHABLE: Cannot reach the platform at ${url} (ECONNREFUSED)`);
  });

  it('sends run inputs as {"inputs": {…}}, typed as the workflow declares them, with the access token', async () => {
    const received: { url?: string; authorization?: string; key?: string; body?: unknown }[] = [];
    const workflow = '0b0e6f1c-2a8e-4000-8000-000000000002';
    const gateway = createHttpServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        received.push({
          url: `${req.method} ${req.url}`,
          authorization: req.headers.authorization,
          key: req.headers['idempotency-key'] as string | undefined,
          body: text ? JSON.parse(text) : null,
        });
        res.setHeader('content-type', 'application/json');
        if (req.method === 'GET')
          return res.end(JSON.stringify({ id: workflow, inputs: [{ name: 'limit', type: 'number' }, { name: 'region' }] }));
        res.statusCode = 202;
        res.end(JSON.stringify({ id: 'e1', status: 'Created', runNumber: 7 }));
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    try {
      const t = io();
      const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
      new ConfigStore(path.join(t.configHome, 'mindhill')).write({ url, accessToken: 'the-token' });
      const code = await run(
        t,
        '--json',
        'run',
        workflow,
        '-i',
        'region=north',
        '--input',
        'limit=5',
        '--input',
        'tags:=["a"]',
        '--priority',
        '10',
        '--idempotency-key',
        'k-1',
      );
      expect([code, JSON.parse(t.out())]).toEqual([0, { id: 'e1', status: 'Created', runNumber: 7 }]);
      expect(received).toEqual([
        { url: `GET /api/v1/workflows/${workflow}`, authorization: 'Bearer the-token', key: undefined, body: null },
        {
          url: `POST /api/v1/workflows/${workflow}/executions`,
          authorization: 'Bearer the-token',
          key: 'k-1',
          body: { inputs: { region: 'north', limit: 5, tags: ['a'] }, priority: 10 },
        },
      ]);
    } finally {
      gateway.close();
    }
  });

  it('trades the refresh token for new tokens when the access token has expired, saves them and retries once', async () => {
    const calls: string[] = [];
    let refreshWorks = true;
    const gateway = createHttpServer((req, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        calls.push(`${req.method} ${req.url} ${req.headers.authorization ?? text}`);
        const send = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        if (req.url === '/api/v1/auth/refresh') {
          if (!refreshWorks) return send(401, { error: { code: 'AUTH.REFRESH_TOKEN_REUSED', message: 'reused' } });
          return send(200, { accessToken: 'fresh-access', refreshToken: 'fresh-refresh' });
        }
        if (req.headers.authorization === 'Bearer fresh-access') return send(200, { email: 'ada@example.com', role: 'user' });
        send(401, { error: { code: 'AUTH.TOKEN_EXPIRED', message: 'The access token has expired' }, correlationId: 'c-1' });
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
      const t = io();
      const store = new ConfigStore(path.join(t.configHome, 'mindhill'));
      store.write({ url, accessToken: 'old-access', refreshToken: 'old-refresh' });
      expect(await run(t, '--json', 'whoami')).toBe(0);
      expect(JSON.parse(t.out())).toEqual({ email: 'ada@example.com', role: 'user' });
      expect(calls).toEqual([
        'GET /api/v1/auth/me Bearer old-access',
        'POST /api/v1/auth/refresh {"refreshToken":"old-refresh"}',
        'GET /api/v1/auth/me Bearer fresh-access',
      ]);
      expect(store.read()).toMatchObject({ accessToken: 'fresh-access', refreshToken: 'fresh-refresh' });

      // A refresh refused: the first answer stands, with its code.
      refreshWorks = false;
      const again = io();
      new ConfigStore(path.join(again.configHome, 'mindhill')).write({ url, accessToken: 'old-access', refreshToken: 'old-refresh' });
      expect(await run(again, 'whoami')).toBe(3);
      expect(again.err()).toBe('Error AUTH.TOKEN_EXPIRED: The access token has expired (correlation id c-1)\n');
    } finally {
      gateway.close();
    }
  });

  it('logs out locally even without a platform, forgetting the tokens', async () => {
    const t = io();
    const store = new ConfigStore(path.join(t.configHome, 'mindhill'));
    store.write({ url: 'http://127.0.0.1:9', accessToken: 'a' });
    expect(await run(t, '--json', 'logout')).toBe(0);
    expect(JSON.parse(t.out())).toEqual({ loggedOut: true, sessionRevoked: false });
    expect(store.read().accessToken).toBeUndefined();
  });
});
