import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { authTestEnv } from '../../apps/auth/test/auth-test-env';
import { timeStepAt, totpAt } from '../../apps/auth/src/users/domain/totp';
import { buildConsole } from '../support/console-build';
import { http } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/test-platform';
import { launchChromium, seriousViolations, unexpected, watchedPage, WatchedPage, openFittingPhone } from './browser';

const ADMIN = { email: 'chief@mindhill.test', password: 'the head operator passphrase 9' };
const ADA = { email: 'ada@example.com', password: 'console journeys passphrase 1' };
const FILES = path.resolve(__dirname, '../../examples/demo-data/files');
const DIST = path.resolve(__dirname, '../../apps/console/dist');
// `npm run console:screenshots` sets it: the journeys then save the README's screenshots and
// measurements into apps/console/docs/.
const DOCS = process.env.CONSOLE_SCREENSHOTS === '1' ? path.resolve(__dirname, '../../apps/console/docs') : null;

async function shoot(p: Page, name: string) {
  if (!DOCS) return;
  await mkdir(DOCS, { recursive: true });
  await p.screenshot({ path: path.join(DOCS, `${name}.png`), fullPage: true });
}

// The bar of issue 14, in a real Chromium against the whole platform through the gateway: sign in
// with a second factor, create a workflow from a template, run it and watch it finish, search its
// contents, run a report and download it; the admin's audit log and users. Every page is checked
// with axe and must leave nothing in the browser's console (the CSP holds).
describe('the web console in Chromium', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let ada: WatchedPage;
  let backupCodes: string[];
  let totpSecret: string;
  let page: Page;
  const url = (p: string) => `${platform.gatewayUrl}${p}`;

  beforeAll(async () => {
    buildConsole();
    platform = await startTestPlatform({
      services: ['auth', 'workflows', 'ingestion', 'processing', 'reporting', 'audit'],
      env: authTestEnv({ ...{ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }, INGESTION_FILE_ROOTS: path.dirname(FILES) }),
    });
    // Ada has two-factor sign-in on and a data source of her own (the console's data pages come later).
    await http('POST', url('/api/v1/auth/register'), { body: ADA });
    const token = (await http('POST', url('/api/v1/auth/login'), { body: ADA })).body.accessToken;
    const setup = await http('POST', url('/api/v1/auth/2fa/setup'), { token });
    const enabled = await http('POST', url('/api/v1/auth/2fa/enable'), {
      token,
      body: { code: totpAt(setup.body.secret, timeStepAt(new Date())) },
    });
    backupCodes = enabled.body.backupCodes;
    totpSecret = setup.body.secret;
    const source = await http('POST', url('/api/v1/data-sources'), {
      token,
      body: { name: 'field files', type: 'file', folder: FILES, glob: '*' },
    });
    expect(source.status).toBe(201);
    browser = await launchChromium();
    ada = await watchedPage(browser);
    page = ada.page;
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function accessible(p: Page = page) {
    expect(await seriousViolations(p)).toEqual([]);
  }

  it('signs in with a password and a backup code, after a wrong password', async () => {
    await page.goto(url('/'));
    await page.waitForURL(/\/sign-in\?next=%2F$/);
    await accessible();
    await page.getByLabel('E-mail').fill(ADA.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').filter({ hasText: 'AUTH.INVALID_CREDENTIALS' }).waitFor();

    await page.getByLabel('Password').fill(ADA.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Two-factor sign-in is on for this account.').waitFor();
    await accessible();
    await page.getByRole('button', { name: 'Use a backup code' }).click();
    await page.getByLabel('Backup code').fill(backupCodes[0]!);
    await page.getByRole('button', { name: 'Verify' }).click();
    await page.waitForURL(/\/workflows$/);
    await page.getByRole('heading', { name: 'Workflows' }).waitFor();
    await page.getByText('No workflows yet.').waitFor();
    await accessible();
  });

  it('signs in with the code of an authenticator app, keyboard only', async () => {
    const other = await watchedPage(browser);
    const p = other.page;
    await p.goto(url('/sign-in'));
    await p.getByLabel('E-mail').focus();
    await p.keyboard.type(ADA.email);
    await p.keyboard.press('Tab');
    await p.keyboard.type(ADA.password);
    await p.keyboard.press('Enter');
    await p.getByLabel('Code from your authenticator app').waitFor();
    // The step after the one 2FA was enabled with (a used step is refused; one step of drift is allowed).
    await p.keyboard.type(totpAt(totpSecret, timeStepAt(new Date()) + 1));
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { name: 'Workflows' }).waitFor();
    expect(unexpected(other.problems)).toEqual([]);
    await p.context().close();
  });

  it('creates a workflow from a template, runs it and watches it finish live', async () => {
    await page.getByRole('link', { name: 'New workflow from a template' }).click();
    await page.getByRole('heading', { name: 'New workflow from a template' }).waitFor();
    await page.getByLabel('Template').selectOption('data-processing');
    await page.getByLabel('Name').fill('harvest news');
    await page.getByLabel('field files').check();
    await accessible();
    await page.getByRole('button', { name: 'Create workflow' }).click();
    await page.getByRole('heading', { name: 'harvest news' }).waitFor();
    await accessible();

    await page.getByRole('button', { name: 'Run now' }).click();
    await page.waitForURL(/\/executions\/[0-9a-f-]{36}$/);
    const status = page.getByTestId('run-status');
    // The view updates itself: no reload between the first answer and "Success".
    await status.filter({ hasText: 'Status: ' }).waitFor();
    await status.filter({ hasText: 'Status: Success' }).waitFor({ timeout: 60_000 });
    expect(await status.innerText()).toMatch(/5 of 5 stages/);
    const rows = page.getByRole('row');
    expect(await rows.count()).toBe(6); // header + 5 stages
    expect(await page.getByRole('cell', { name: 'Success' }).count()).toBe(5);
    await accessible();
    await shoot(page, 'run-live');
  });

  it('searches the contents the run fetched, with the matches highlighted', async () => {
    await page.getByRole('link', { name: 'Search' }).click();
    await page.getByLabel('Words to find').fill('harvest');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('status').filter({ hasText: 'result' }).waitFor();
    expect(await page.locator('mark').first().innerText()).toMatch(/harvest/i);
    expect(await page.getByRole('heading', { level: 2 }).allInnerTexts()).toContain('field-notes.txt');
    await accessible();
    await shoot(page, 'search');
  });

  it('defines a report, runs it and downloads the file', async () => {
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByText('No reports yet.').waitFor();
    await page.getByText('Define a report').click();
    await page.getByLabel('Report name').fill('harvest contents');
    await page.getByLabel('Lists').selectOption('contents');
    await page.getByRole('button', { name: 'Save report' }).click();
    const report = page.getByRole('article', { name: 'harvest contents' });
    await report.waitFor();
    await report.getByLabel('Format').selectOption('csv');
    await accessible();
    await report.getByRole('button', { name: 'Run report' }).click();
    const button = report.getByRole('button', { name: 'Download harvest contents.csv' });
    await button.waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe('harvest contents.csv');
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv).toContain('field-notes.txt');
    await accessible();
    await shoot(page, 'reports');
    expect(unexpected(ada.problems, [401])).toEqual([]);
  });

  it('shows the audit log to an admin, filtered and paged, and the users, signing in by keyboard', async () => {
    const admin = await watchedPage(browser);
    const p = admin.page;
    await p.goto(url('/sign-in'));
    await p.getByLabel('E-mail').focus();
    await p.keyboard.type(ADMIN.email);
    await p.keyboard.press('Tab');
    await p.keyboard.type(ADMIN.password);
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { name: 'Workflows' }).waitFor();

    await p.getByRole('link', { name: 'Audit log' }).click();
    await p.getByRole('heading', { name: 'Audit log' }).waitFor();
    await p.getByText('Page 1').waitFor();
    expect(await p.getByRole('row').count()).toBe(21); // header + a page of 20
    await accessible(p);
    await shoot(p, 'audit-log');
    await p.getByRole('button', { name: 'Older' }).click();
    await p.getByText('Page 2').waitFor();
    await p.getByRole('button', { name: 'Newer' }).click();
    await p.getByText('Page 1').waitFor();

    await p.getByLabel('User e-mail').fill(ADA.email);
    await p.getByLabel('Event type').fill('auth.user.login-failed');
    await p.getByRole('button', { name: 'Filter' }).click();
    await p.getByRole('cell', { name: 'auth.user.login-failed' }).first().waitFor();
    const events = await p.locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events)).toEqual(new Set(['auth.user.login-failed']));

    await p.getByRole('link', { name: 'Users' }).click();
    await p.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await p.getByRole('cell', { name: ADA.email, exact: true }).waitFor();
    await p.getByRole('cell', { name: ADMIN.email, exact: true }).waitFor();
    await accessible(p);
    await shoot(p, 'users');
    await p.getByRole('link', { name: 'Workflows' }).click();
    await p.getByRole('link', { name: 'harvest news' }).waitFor();
    await shoot(p, 'workflows');
    expect(unexpected(admin.problems)).toEqual([]);
    await p.context().close();
  });

  it('fits a phone-width screen', async () => {
    const phone = await watchedPage(browser, { width: 390, height: 844 });
    await phone.page.goto(url('/sign-in'));
    await phone.page.getByLabel('E-mail').fill(ADMIN.email);
    await phone.page.getByLabel('Password').fill(ADMIN.password);
    await phone.page.getByRole('button', { name: 'Sign in' }).click();
    await phone.page.getByRole('heading', { name: 'Workflows' }).waitFor();
    for (const route of ['/workflows', '/admin/audit', '/reports']) {
      await openFittingPhone(phone.page, url(route));
      await accessible(phone.page);
      if (route === '/workflows') await shoot(phone.page, 'phone-workflows');
    }
    expect(unexpected(phone.problems)).toEqual([]);
    await phone.page.context().close();
  });

  it('lands the mails’ links on their pages, which show a used or wrong token’s error', async () => {
    const visitor = await watchedPage(browser);
    await visitor.page.goto(url('/reset-password?token=not-a-token-at-all-really'));
    await visitor.page.getByLabel('New password').fill('a brand new passphrase 5');
    await visitor.page.getByRole('button', { name: 'Change password' }).click();
    await visitor.page
      .getByRole('alert')
      .filter({ hasText: /^AUTH\./ })
      .waitFor();
    await accessible(visitor.page);
    await visitor.page.goto(url('/verify-email?token=not-a-token-at-all-really'));
    await visitor.page.getByRole('button', { name: 'Verify my address' }).click();
    await visitor.page
      .getByRole('alert')
      .filter({ hasText: /^AUTH\./ })
      .waitFor();
    await accessible(visitor.page);
    expect(unexpected(visitor.problems, [400, 401, 403, 404, 410])).toEqual([]);
    await visitor.page.context().close();
  });

  // The bar: the first screen under 1 s on this machine (measured, written in the README, not
  // asserted: timing belongs to measurements, not tests) and under 300 KB of gzipped JavaScript.
  it('ships the first screen with under 300 KB of gzipped JavaScript', async () => {
    const scripts = new Set<string>();
    const loads: number[] = [];
    // Five cold loads (a fresh browser context each: empty cache); the time is the page's own
    // clock from navigation start to the sign-in form in the DOM.
    for (let i = 0; i < 5; i++) {
      const cold = await watchedPage(browser);
      cold.page.on('request', (r) => void (r.resourceType() === 'script' && scripts.add(new URL(r.url()).pathname)));
      await cold.page.goto(url('/sign-in'));
      const ready = await cold.page.waitForFunction("document.querySelector('input[name=email]') && performance.now()", undefined, {
        polling: 'raf',
      });
      loads.push(Math.round(Number(await ready.jsonValue())));
      if (i === 0) await shoot(cold.page, 'sign-in');
      expect(unexpected(cold.problems)).toEqual([]);
      await cold.page.context().close();
    }
    let gzipped = 0;
    for (const script of scripts) {
      const gz = path.join(DIST, `${script}.gz`);
      expect(existsSync(gz)).toBe(true);
      gzipped += (await readFile(gz)).length;
    }
    expect(scripts.size).toBeGreaterThan(0);
    expect(gzipped).toBeLessThan(300 * 1024);
    const sorted = [...loads].sort((a, b) => a - b);
    if (DOCS)
      await writeFile(
        path.join(DOCS, 'first-screen.json'),
        `${JSON.stringify({ measuredAt: new Date().toISOString(), firstScreenMs: { median: sorted[2], loads }, scripts: [...scripts], gzippedJsBytes: gzipped }, null, 2)}\n`,
      );
  });
});
