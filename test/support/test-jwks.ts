import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { TestKey } from './tokens';

// The JWKS a test platform's gateway reads: the platform's test key, plus the keys of the real
// auth service when the platform runs one, so tests can mint tokens for any role and still log
// in for real.
export async function startTestJwks(key: TestKey, authUrl: () => string | undefined): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    void (async () => {
      const keys: unknown[] = [{ ...key.publicJwk, kid: key.kid, alg: 'EdDSA', use: 'sig' }];
      const auth = authUrl();
      if (auth) {
        const response = await fetch(`${auth}/.well-known/jwks.json`).catch(() => null);
        if (response?.ok) keys.push(...((await response.json()) as { keys: unknown[] }).keys);
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
    })().catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/jwks.json`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
