import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { eventually } from '@mindhill/testing';
import { http } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/test-platform';
import { signToken } from '../support/tokens';

// A gateway whose JWKS source does not answer at first: not ready, and honest about why, until
// the keys arrive; afterwards an outage of the source does not sign anyone out.
describe('gateway without access-token keys', () => {
  let platform: TestPlatform;
  let jwks: Server;
  let body: string | null = null;

  beforeAll(async () => {
    jwks = createServer((_req, res) =>
      body ? res.writeHead(200, { 'content-type': 'application/json' }).end(body) : res.writeHead(503).end(),
    );
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    platform = await startTestPlatform({
      services: [],
      env: {
        GATEWAY_JWKS_URL: `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/jwks.json`,
        // Nothing listens there (port 9, discard): the proxy's answer shows the caller was let through.
        AUDIT_URL: 'http://127.0.0.1:9',
      },
    });
  });
  afterAll(async () => {
    await platform?.close();
    jwks?.close();
  });

  it('is not ready and answers 503 GATEWAY.KEYS_UNAVAILABLE, then verifies once the keys load, and keeps them when the source fails', async () => {
    const ready = await http('GET', `${platform.gatewayUrl}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.body.details['signing-keys'].status).toBe('down');
    const token = await signToken(platform.tokenKey, { role: 'admin' });
    const refused = await http('GET', `${platform.gatewayUrl}/api/v1/audit-logs`, { token });
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('GATEWAY.KEYS_UNAVAILABLE');

    const k = platform.tokenKey;
    body = JSON.stringify({
      keys: [
        { ...k.publicJwk, kid: k.kid, alg: 'EdDSA', use: 'sig' },
        { kty: 'RSA', kid: 'rsa-ignored', n: 'x', e: 'AQAB' },
      ],
    });
    // The store retries every second while it has no keys.
    await eventually(
      async () => expect((await http('GET', `${platform.gatewayUrl}/health/ready`)).body.details['signing-keys'].status).toBe('up'),
      { timeoutMs: 5_000 },
    );
    // No audit service here: a verified admin reaches the proxy, which reports the missing upstream.
    expect((await http('GET', `${platform.gatewayUrl}/api/v1/audit-logs`, { token })).status).toBe(502);

    body = null;
    const unknownKid = await signToken({ ...k, kid: 'not-published' }, { role: 'admin' });
    expect((await http('GET', `${platform.gatewayUrl}/api/v1/audit-logs`, { token: unknownKid })).body.error.code).toBe(
      'AUTH.TOKEN_INVALID',
    );
    expect((await http('GET', `${platform.gatewayUrl}/api/v1/audit-logs`, { token })).status).toBe(502);
  });
});
