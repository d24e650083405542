import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildConsole } from '../../../../test/support/console-build';
import { http } from '../../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../../test/support/test-platform';
import { ASSET_CACHE, CONSOLE_CSP } from './console.routes';

const DIST = path.resolve(__dirname, '../../../console/dist');

// The gateway serves the built console at / (same origin as the API), without a token.
describe('the web console at the gateway', () => {
  let platform: TestPlatform;
  let script: string;

  beforeAll(async () => {
    buildConsole();
    script = /src="(\/assets\/index-[^"]+\.js)"/.exec(readFileSync(path.join(DIST, 'index.html'), 'utf8'))![1]!;
    platform = await startTestPlatform({ services: [] });
  }, 120_000);
  afterAll(() => platform?.close());

  it('answers / with index.html under its CSP, never cached, without inline code', async () => {
    const res = await fetch(`${platform.gatewayUrl}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(CONSOLE_CSP).not.toContain('unsafe');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    expect(html).toContain(script);
    // Every script is a file: the CSP's script-src 'self' needs no exception.
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it.each([
    '/workflows/0b6a1f1e-5a4f-4a55-9b1b-7f1c2a3d4e5f',
    '/executions/x',
    '/admin/audit',
    '/reset-password?token=abc',
    '/verify-email',
  ])('falls back to index.html for the client route %s', async (route) => {
    const res = await fetch(`${platform.gatewayUrl}${route}`);
    expect([res.status, res.headers.get('content-security-policy')]).toEqual([200, CONSOLE_CSP]);
    expect(await res.text()).toContain(script);
  });

  it('serves hashed assets for a year, compressed when the browser accepts it', async () => {
    const plain = await fetch(`${platform.gatewayUrl}${script}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    expect(plain.headers.get('cache-control')).toBe(ASSET_CACHE);
    const body = await plain.text();
    expect(body).toBe(readFileSync(path.join(DIST, script), 'utf8'));
    // fetch decodes it again: the same bytes arrive, sent gzipped.
    const gzipped = await fetch(`${platform.gatewayUrl}${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(await gzipped.text()).toBe(body);
  });

  it('keeps JSON 404s for the API and unknown files, and serves nothing outside the build', async () => {
    const api = await http('GET', `${platform.gatewayUrl}/api/unknown`);
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/json/);
    expect(api.body.error.code).toBe('REQUEST.NOT_FOUND');
    expect((await http('GET', `${platform.gatewayUrl}/api/v1/workflows-nope/x`)).status).toBe(404);
    expect((await fetch(`${platform.gatewayUrl}/assets/nope.js`)).status).toBe(404);
    expect((await fetch(`${platform.gatewayUrl}/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${platform.gatewayUrl}/assets/../index.html`)).status).not.toBe(200);
    expect((await fetch(`${platform.gatewayUrl}/nowhere`)).status).toBe(404);
  });
});
