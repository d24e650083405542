import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { http } from '../../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../../test/support/test-platform';
import { DOCS_CSP, DOCS_PATH, DOCUMENT_PATH } from './openapi.routes';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const committed = JSON.parse(readFileSync(path.join(__dirname, 'openapi.json'), 'utf8')) as { paths: Record<string, object> };
const operations = Object.values(committed.paths).reduce((n, ops) => n + Object.keys(ops).length, 0);

// The document and its reference page through a real gateway, without a token (both are public).
describe('the API reference at the gateway', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform({ services: [] });
  });
  afterAll(() => platform?.close());

  it(`answers ${DOCUMENT_PATH} without a token, with the generated document`, async () => {
    const res = await http('GET', `${platform.gatewayUrl}${DOCUMENT_PATH}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body).toEqual(committed);
  });

  it(`serves the page at ${DOCS_PATH} from swagger-ui-dist, under a CSP without inline code`, async () => {
    const page = await fetch(`${platform.gatewayUrl}${DOCS_PATH}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(DOCS_CSP);
    expect(DOCS_CSP).not.toContain('unsafe');
    expect(await page.text()).toContain(`${DOCS_PATH}/swagger-ui-bundle.js`);
    const bundle = await fetch(`${platform.gatewayUrl}${DOCS_PATH}/swagger-ui-bundle.js`);
    expect([bundle.status, bundle.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    // Only the files the page loads: nothing else of node_modules is reachable.
    expect((await fetch(`${platform.gatewayUrl}${DOCS_PATH}/package.json`)).status).toBe(404);
    expect((await fetch(`${platform.gatewayUrl}${DOCS_PATH}/..%2F..%2Fpackage.json`)).status).toBe(404);
  });

  it('renders every operation in Chromium with no CSP violation or script error', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
      page.on('pageerror', (e) => void problems.push(e.message));
      await page.goto(`${platform.gatewayUrl}${DOCS_PATH}`);
      await page
        .locator('.opblock')
        .nth(operations - 1)
        .waitFor({ timeout: 20_000 });
      expect(await page.locator('.opblock').count()).toBe(operations);
      expect(await page.locator('.info .title').innerText()).toContain('Mind Hillmetric API');
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
