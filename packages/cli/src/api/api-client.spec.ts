import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigStore } from '../config/config-store';
import { Session } from './api-client';

// A stub gateway whose access tokens expire: only `valid` is accepted; each refresh mints the next.
async function stubGateway() {
  const seen = { refreshes: [] as string[], valid: 'access-1' };
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/api/v1/auth/refresh') {
        seen.refreshes.push(text);
        seen.valid = `access-${seen.refreshes.length + 1}`;
        return res.end(JSON.stringify({ accessToken: seen.valid, refreshToken: `refresh-${seen.refreshes.length + 1}` }));
      }
      if (req.headers.authorization === `Bearer ${seen.valid}`) return res.end(JSON.stringify({ ok: true }));
      res.statusCode = 401;
      res.end(JSON.stringify({ error: { code: 'AUTH.TOKEN_EXPIRED', message: 'expired' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { seen, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

describe('the session (access token, refresh, retry)', () => {
  const store = () => new ConfigStore(path.join(mkdtempSync(path.join(tmpdir(), 'mindhill-session-')), 'mindhill'));

  it('refreshes once for requests that expire together (a refresh token works only once)', async () => {
    const gateway = await stubGateway();
    try {
      gateway.seen.valid = 'access-2';
      const saved = store();
      const config = { url: gateway.url, accessToken: 'access-1', refreshToken: 'refresh-1' };
      saved.write(config);
      const session = new Session(gateway.url, config, saved);
      const answers = await Promise.all([1, 2, 3].map(() => session.fetch(new Request(`${gateway.url}/api/v1/auth/me`))));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(gateway.seen.refreshes).toEqual(['{"refreshToken":"refresh-1"}']);
      expect(saved.read()).toMatchObject({ accessToken: 'access-2', refreshToken: 'refresh-2' });
    } finally {
      gateway.close();
    }
  });

  it('takes the tokens another mindhill process has refreshed instead of refreshing again', async () => {
    const gateway = await stubGateway();
    try {
      const saved = store();
      const config = { url: gateway.url, accessToken: 'access-0', refreshToken: 'refresh-0' };
      saved.write({ ...config, accessToken: 'access-1', refreshToken: 'refresh-1' });
      const session = new Session(gateway.url, config, saved);
      expect((await session.fetch(new Request(`${gateway.url}/api/v1/auth/me`))).status).toBe(200);
      expect(gateway.seen.refreshes).toEqual([]);
    } finally {
      gateway.close();
    }
  });
});
