import { createServer, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { authTestEnv } from '../../apps/auth/test/auth-test-env';
import { buildConsole } from '../support/console-build';
import { http } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/test-platform';
import { launchChromium, seriousViolations, unexpected, watchedPage, WatchedPage, openFittingPhone } from './browser';

const USER = { email: 'runner@example.com', password: 'console runs passphrase 7' };
const FILES = path.resolve(__dirname, '../../examples/demo-data/files');
const SECRET = 'do-not-show-this-key-4711';
const RUN_URL = /\/executions\/([0-9a-f-]{36})$/;

// The console's runs and data pages in Chromium against the whole platform: a run followed live
// from its event stream (and not by polling), cancelled; a run watched to success; a failed run
// with its error code, rerun from the failed stage once its data source is fixed; runs across
// workflows filtered; data sources created with a secret (shown only as "set") and refused at a
// private address; a content previewed as text; the processing history; a phone-width screen.
describe('the console’s runs and data pages', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let watched: WatchedPage;
  let page: Page;
  // An `api` source's server that does not answer until released: its fetching stage runs until
  // the run is cancelled (then it answers, so the stage's job ends and the platform can stop).
  let hanging: Server;
  const held: ServerResponse[] = [];
  let released = false;
  const answer = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
  const release = () => {
    released = true;
    held.splice(0).forEach(answer);
  };
  const workflows: Record<'harvest' | 'broken' | 'slow', string> = { harvest: '', broken: '', slow: '' };
  let brokenSource = '';
  let harvestRun = '';
  const url = (p: string) => `${platform.gatewayUrl}${p}`;

  beforeAll(async () => {
    buildConsole();
    hanging = createServer((_req, res) => (released ? answer(res) : void held.push(res)));
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    const port = (hanging.address() as AddressInfo).port;
    platform = await startTestPlatform({
      services: ['auth', 'workflows', 'ingestion', 'processing'],
      env: authTestEnv({
        INGESTION_FILE_ROOTS: path.dirname(FILES),
        OUTBOUND_ALLOW_HOSTS: '127.0.0.1',
        INGESTION_FETCH_TIMEOUT_MS: '120000',
      }),
    });
    await http('POST', url('/api/v1/auth/register'), { body: USER });
    const token = (await http('POST', url('/api/v1/auth/login'), { body: USER })).body.accessToken;
    const source = async (body: Record<string, unknown>) => {
      const res = await http('POST', url('/api/v1/data-sources'), { token, body });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const workflow = async (name: string, dataSources: string[]) => {
      const res = await http('POST', url('/api/v1/workflow-templates/data-processing/workflows'), {
        token,
        body: { name, dataSources, status: 'active' },
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const files = await source({ name: 'demo files', type: 'file', folder: FILES, glob: '*' });
    // A glob that matches nothing: the fetching stage fails with INGESTION.NOTHING_FETCHED (not retried).
    brokenSource = await source({ name: 'misnamed files', type: 'file', folder: FILES, glob: 'no-such-*.none' });
    const slow = await source({ name: 'slow feed', type: 'api', url: `http://127.0.0.1:${port}/feed` });
    workflows.harvest = await workflow('harvest', [files]);
    workflows.broken = await workflow('broken harvest', [brokenSource]);
    workflows.slow = await workflow('slow harvest', [slow]);

    browser = await launchChromium();
    watched = await watchedPage(browser);
    page = watched.page;
    await page.goto(url('/sign-in'));
    await page.getByLabel('E-mail').fill(USER.email);
    await page.getByLabel('Password').fill(USER.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Workflows' }).waitFor();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    release();
    await platform?.close();
    hanging?.closeAllConnections();
    await new Promise((resolve) => hanging?.close(resolve));
  }, 120_000);

  // Nothing in the browser's console since the last check but the error answers expected.
  function noProblems(expectedStatuses: number[] = []) {
    expect(unexpected(watched.problems, expectedStatuses)).toEqual([]);
    watched.problems.length = 0;
  }

  async function accessible(p: Page = page) {
    expect(await seriousViolations(p)).toEqual([]);
  }

  // Requests for one run's answer and for its event stream, counted from now on.
  function countRequests(p: Page) {
    const seen: string[] = [];
    p.on('request', (r) => void (r.method() === 'GET' && seen.push(new URL(r.url()).pathname)));
    return {
      reads: (id: string) => seen.filter((s) => s === `/api/v1/executions/${id}`).length,
      streams: (id: string) => seen.filter((s) => s === `/api/v1/executions/${id}/events`).length,
    };
  }

  async function runNow(workflowId: string): Promise<string> {
    await page.goto(url(`/workflows/${workflowId}`));
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.waitForURL(RUN_URL);
    return RUN_URL.exec(page.url())![1]!;
  }

  it('follows a run live from its event stream, without polling, and cancels it', async () => {
    const requests = countRequests(page);
    const id = await runNow(workflows.slow);
    const status = page.getByTestId('run-status');
    await page.getByText('Live: following the run’s events.').waitFor();
    // The fetching stage has asked the source: it shows running, from the stream.
    await page
      .getByRole('row', { name: /fetching/ })
      .getByText('InProgress')
      .waitFor({ timeout: 30_000 });
    await accessible();

    await page.getByRole('button', { name: 'Cancel run' }).click();
    await status.filter({ hasText: 'Status: Cancelled' }).waitFor({ timeout: 30_000 });
    await page
      .getByRole('row', { name: /fetching/ })
      .getByText('Cancelled', { exact: true })
      .waitFor();
    await page.getByText('The run has ended.').waitFor();
    // One read at opening; everything after came from the stream.
    expect(requests.reads(id)).toBe(1);
    expect(requests.streams(id)).toBeGreaterThanOrEqual(1);
    release();
    await accessible();
    noProblems();
  });

  it('watches a run to success, its stages filled by the stream', async () => {
    const requests = countRequests(page);
    harvestRun = await runNow(workflows.harvest);
    const status = page.getByTestId('run-status');
    await status.filter({ hasText: 'Status: Success' }).waitFor({ timeout: 90_000 });
    expect(await status.innerText()).toMatch(/5 of 5 stages/);
    expect(await page.getByRole('cell', { name: 'Success' }).count()).toBe(5);
    // The fetching stage's items, as its completed event gave them.
    expect(await page.getByRole('row', { name: /fetching/ }).innerText()).toMatch(/4 \/ 4/);
    expect(requests.reads(harvestRun)).toBe(1);
    expect(requests.streams(harvestRun)).toBeGreaterThanOrEqual(1);
    await accessible();
    noProblems();
  });

  it('shows a failed run with its error code, and reruns it from the failed stage once the source is fixed', async () => {
    const failed = await runNow(workflows.broken);
    await page.getByTestId('run-status').filter({ hasText: 'Status: Failed' }).waitFor({ timeout: 60_000 });
    await page
      .getByRole('alert')
      .filter({ hasText: /^INGESTION\.NOTHING_FETCHED: / })
      .waitFor();
    expect(await page.getByRole('row', { name: /fetching/ }).innerText()).toContain('INGESTION.NOTHING_FETCHED');
    // The stage to rerun from defaults to the failed one.
    expect(await page.getByLabel('From stage').inputValue()).toBe('1');
    await accessible();

    // Fix the source's glob on its page (only what changed is sent).
    await page.getByRole('link', { name: 'Data', exact: true }).click();
    await page.getByRole('link', { name: 'misnamed files' }).click();
    await page.getByRole('heading', { name: 'misnamed files' }).waitFor();
    await page.getByLabel('Files matching').fill('*');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText(/^Saved \(version \d+\)\.$/).waitFor();
    await accessible();

    await page.goto(url(`/executions/${failed}`));
    await page.getByRole('button', { name: 'Rerun from this stage' }).click();
    await page.waitForURL((u) => RUN_URL.test(u.pathname) && !u.pathname.endsWith(failed));
    await page.getByTestId('rerun-of').filter({ hasText: 'A rerun of the original run, from stage 1.' }).waitFor();
    await page.getByTestId('run-status').filter({ hasText: 'Status: Success' }).waitFor({ timeout: 90_000 });
    const rerun = RUN_URL.exec(page.url())![1]!;
    await page.getByRole('link', { name: 'the original run' }).click();
    await page.waitForURL((u) => u.pathname.endsWith(failed));
    const link = page.getByRole('link', { name: /^Run #\d+$/ });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/executions/${rerun}`);
    noProblems();
  });

  it('lists the runs of every workflow, filtered by status', async () => {
    await page.getByRole('link', { name: 'Runs', exact: true }).click();
    await page.getByRole('heading', { name: 'Runs' }).waitFor();
    await page.getByText('Page 1').waitFor();
    expect(await page.locator('tbody tr').count()).toBe(4);
    await accessible();
    await page.getByLabel('Status', { exact: true }).selectOption('Failed');
    await page.getByRole('button', { name: 'Filter' }).click();
    // The page's CSP refuses eval, so waits are on locators, not on string functions.
    await page.locator('tbody tr', { hasText: 'slow harvest' }).waitFor({ state: 'detached' });
    expect(await page.locator('tbody tr').count()).toBe(1);
    await page.locator('tbody tr td:nth-child(2)', { hasText: 'broken harvest' }).waitFor();
    expect(await page.locator('tbody tr td:nth-child(3)').innerText()).toContain('INGESTION.NOTHING_FETCHED');
    await page.getByLabel('Status', { exact: true }).selectOption('Cancelled');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.locator('tbody tr td:nth-child(2)', { hasText: 'slow harvest' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBe(1);
    noProblems();
  });

  it('resumes a dropped stream after the last event it got, and polls when the stream is refused', async () => {
    // The first connection delivers the run's first event, then drops: the page reconnects
    // with Last-Event-ID and the gateway goes on from there.
    const asked: (string | undefined)[] = [];
    await page.route('**/api/v1/executions/*/events', async (route) => {
      asked.push(route.request().headers()['last-event-id']);
      if (asked.length > 1) return route.continue();
      return route.fulfill({
        status: 200,
        contentType: 'text/event-stream',
        body: 'id: 1\nevent: created\ndata: {"type":"created","payload":{}}\n\n',
      });
    });
    let requests = countRequests(page);
    const resumed = await runNow(workflows.harvest);
    await page.getByTestId('run-status').filter({ hasText: 'Status: Success' }).waitFor({ timeout: 90_000 });
    expect(asked).toEqual([undefined, '1']);
    expect(requests.reads(resumed)).toBe(1);
    await page.unrouteAll();

    // Refused (too many streams): the page asks for the run instead, until it ends.
    await page.route('**/api/v1/executions/*/events', (route) =>
      route.fulfill({
        status: 429,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'GATEWAY.TOO_MANY_STREAMS', message: 'At most 5 event streams' } }),
      }),
    );
    requests = countRequests(page);
    const polled = await runNow(workflows.harvest);
    await page.getByText('The event stream is not available').waitFor();
    await page.getByTestId('run-status').filter({ hasText: 'Status: Success' }).waitFor({ timeout: 90_000 });
    expect(requests.reads(polled)).toBeGreaterThan(1);
    await page.unrouteAll();
    noProblems([429]);
  });

  it('creates a data source with a secret header, shown only as set', async () => {
    await page.goto(url('/data-sources'));
    await page.getByText('Add a data source').click();
    await page.getByLabel('Source type').selectOption('api');
    await page.getByLabel('Name', { exact: true }).fill('weather api');
    await page.getByLabel('URL').fill('https://api.example.com/v1/weather');
    await page.getByLabel('Header name').fill('X-Api-Key');
    await page.getByLabel('Header value').fill(SECRET);
    await accessible();
    await page.getByRole('button', { name: 'Create data source' }).click();
    await page.getByRole('heading', { name: 'weather api' }).waitFor();
    expect(await page.getByTestId('secrets-set').innerText()).toBe('Secrets: header:x-api-key: set');
    expect(await page.content()).not.toContain(SECRET);
    expect(await page.getByLabel('Header value').inputValue()).toBe('');
    await accessible();
    await page.getByRole('link', { name: 'All data sources' }).click();
    await page
      .getByRole('row', { name: /weather api/ })
      .getByText('header:x-api-key: set')
      .waitFor();
    expect(await page.content()).not.toContain(SECRET);

    // Archived: no longer editable, and gone from the active sources.
    await page.getByRole('link', { name: 'weather api' }).click();
    await page.getByRole('button', { name: 'Archive' }).click();
    await page.getByText(/^Archived .*: it can no longer be changed/).waitFor();
    expect(await page.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    await page.getByRole('link', { name: 'All data sources' }).click();
    await page.getByRole('link', { name: 'demo files' }).waitFor();
    expect(await page.getByRole('link', { name: 'weather api' }).count()).toBe(0);
    noProblems();
  });

  it('refuses a source at a private address, at the URL field', async () => {
    await page.goto(url('/data-sources'));
    await page.getByText('Add a data source').click();
    await page.getByLabel('Source type').selectOption('api');
    await page.getByLabel('Name', { exact: true }).fill('internal feed');
    await page.getByLabel('URL').fill('http://10.1.2.3/feed');
    await page.getByRole('button', { name: 'Create data source' }).click();
    const field = page.getByLabel('URL');
    await page.locator('input[name=url][aria-invalid=true]').waitFor();
    // The error is the field's description for a screen reader (aria-describedby), not just nearby text.
    const describedBy = ((await field.getAttribute('aria-describedby')) ?? '').split(' ').filter(Boolean);
    const described = (await Promise.all(describedBy.map((id) => page.locator(`[id="${id}"]`).innerText()))).join(' ');
    expect(described).toMatch(/OUTBOUND\.DESTINATION_NOT_ALLOWED: /);
    await accessible();
    noProblems([400]);
  });

  it('previews a fetched content as text, and shows a run’s processing history', async () => {
    await page.goto(url(`/contents?executionId=${harvestRun}`));
    await page.getByRole('link', { name: 'energy-report.html' }).click();
    await page.getByRole('heading', { name: 'energy-report.html' }).waitFor();
    const preview = page.getByTestId('content-preview');
    // The HTML is shown as its text: the tags are visible, nothing of it is parsed or run.
    expect(await preview.innerText()).toContain('<h1>Regional energy report');
    expect(await preview.evaluate((el) => el.childElementCount)).toBe(0);
    await page.getByRole('link', { name: 'Search the contents' }).waitFor();
    await accessible();

    await page.goto(url(`/executions/${harvestRun}`));
    await page.getByRole('link', { name: 'processing history' }).click();
    await page.getByRole('heading', { name: 'Processing history' }).waitFor();
    await page.getByRole('region', { name: 'Processing history' }).waitFor();
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.getByLabel('Run', { exact: true }).inputValue()).toBe(harvestRun);
    await accessible();
    noProblems();
  });

  it('fits a phone-width screen', async () => {
    const phone = await watchedPage(browser, { width: 390, height: 844 });
    await phone.page.goto(url('/sign-in'));
    await phone.page.getByLabel('E-mail').fill(USER.email);
    await phone.page.getByLabel('Password').fill(USER.password);
    await phone.page.getByRole('button', { name: 'Sign in' }).click();
    await phone.page.getByRole('heading', { name: 'Workflows' }).waitFor();
    for (const route of [
      '/executions',
      `/executions/${harvestRun}`,
      '/data-sources',
      '/contents',
      `/processing-history?executionId=${harvestRun}`,
    ]) {
      await openFittingPhone(phone.page, url(route));
      await accessible(phone.page);
    }
    expect(unexpected(phone.problems)).toEqual([]);
    await phone.page.context().close();
  });
});
