import { Browser, Page } from 'playwright-core';
import { authTestEnv } from '../../apps/auth/test/auth-test-env';
import { buildConsole } from '../support/console-build';
import { http } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/test-platform';
import { launchChromium, seriousViolations, unexpected, watchedPage, WatchedPage, openFittingPhone } from './browser';

const ADMIN = { email: 'chief@mindhill.test', password: 'the head operator passphrase 9' };
const ADA = { email: 'ada@example.com', password: 'workflow pages passphrase 1' };
const BOB = { email: 'bob@example.com', password: 'workflow pages passphrase 2' };

// The workflow pages of issue 14 in Chromium against the platform through the gateway: a workflow
// written stage by stage (a bad value refused at its field, nothing saved), edited (a stale edit
// refused), its versions compared, scheduled, shared with a second user who then sees it, copied,
// (de)activated and archived, and run with typed inputs (a bad input refused at its field).
describe('the workflow pages of the web console', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let ada: WatchedPage;
  let page: Page;
  let adaToken: string;
  let bobNumber: number;
  let workflowId: string;
  const url = (p: string) => `${platform.gatewayUrl}${p}`;
  const accessible = async (p: Page = page) => expect(await seriousViolations(p)).toEqual([]);
  const group = (name: string) => page.getByRole('group', { name, exact: true });
  const adaWorkflows = async () => (await http('GET', url('/api/v1/workflows?isTemplate=false'), { token: adaToken })).body.items;

  async function signIn(p: Page, who: { email: string; password: string }) {
    await p.goto(url('/sign-in'));
    await p.getByLabel('E-mail').fill(who.email);
    await p.getByLabel('Password').fill(who.password);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { name: 'Workflows', exact: true }).waitFor();
  }

  beforeAll(async () => {
    buildConsole();
    platform = await startTestPlatform({
      services: ['auth', 'workflows', 'ingestion'],
      env: authTestEnv({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }),
    });
    for (const who of [ADA, BOB]) expect((await http('POST', url('/api/v1/auth/register'), { body: who })).status).toBe(201);
    adaToken = (await http('POST', url('/api/v1/auth/login'), { body: ADA })).body.accessToken;
    const bobToken = (await http('POST', url('/api/v1/auth/login'), { body: BOB })).body.accessToken;
    bobNumber = (await http('GET', url('/api/v1/auth/me'), { token: bobToken })).body.number;
    const source = await http('POST', url('/api/v1/data-sources'), {
      token: adaToken,
      body: { name: 'price hook', type: 'webhook', secret: 'a webhook secret of some length' },
    });
    expect(source.status).toBe(201);
    browser = await launchChromium();
    ada = await watchedPage(browser);
    page = ada.page;
    await signIn(page, ADA);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  it('writes a workflow with two stages; a bad value is refused at its field and nothing is saved', async () => {
    await page.getByRole('link', { name: 'New blank workflow' }).click();
    await page.getByRole('heading', { name: 'New workflow', exact: true }).waitFor();
    await page.getByLabel('Name', { exact: true }).fill('prices');
    await page.getByLabel('Description').fill('Daily prices');
    await page.getByLabel('Category').fill('finance');
    await page.getByLabel('Tags').fill('daily, prices');
    await group('Data sources of stage 1').getByLabel('price hook').check();
    await page.getByLabel('Type of the new stage').selectOption('analysis');
    await page.getByRole('button', { name: 'Add stage' }).click();
    await group('Stage 2').getByLabel('Top keywords').fill('500');
    // Two declared inputs: a required text, a number with a default.
    await page.getByRole('button', { name: 'Add input' }).click();
    await group('Input 1').getByLabel('Input name').fill('city');
    await group('Input 1').getByLabel('Required').check();
    await page.getByRole('button', { name: 'Add input' }).click();
    await group('Input 2').getByLabel('Input name').fill('days');
    await group('Input 2').getByLabel('Input type').selectOption('number');
    await group('Input 2').getByLabel('Default').fill('7');
    await accessible();
    await page.getByRole('button', { name: 'Create workflow' }).click();

    await page.getByRole('alert').filter({ hasText: 'WORKFLOWS.INVALID_CONFIGURATION' }).waitFor();
    const topKeywords = group('Stage 2').getByLabel('Top keywords');
    expect(await topKeywords.getAttribute('aria-invalid')).toBe('true');
    expect(await group('Stage 2').innerText()).toMatch(/too big.*100/i); // the API's own message, at the field
    expect(await group('Stage 1').getByLabel('Stage name').getAttribute('aria-invalid')).toBeNull();
    expect(await adaWorkflows()).toEqual([]);
    await accessible();

    await topKeywords.fill('5');
    await page.getByRole('button', { name: 'Create workflow' }).click();
    await page.getByRole('heading', { name: 'prices', level: 1 }).waitFor();
    workflowId = page.url().split('/').pop()!;
    expect(await page.getByRole('main').innerText()).toMatch(/version 1/);
    expect(
      await page
        .getByRole('listitem')
        .filter({ hasText: /\((fetching|analysis)\)/ })
        .allInnerTexts(),
    ).toEqual(['fetching (fetching)', 'analysis (analysis)']);
    await accessible();
  });

  it('edits it (a stale edit refused), reorders stages, and shows the two versions and their diff', async () => {
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByRole('heading', { name: 'Edit workflow' }).waitFor();
    await page.getByLabel('Type of the new stage').selectOption('normalization');
    await page.getByRole('button', { name: 'Add stage' }).click();
    await page.getByRole('button', { name: 'Move stage 3 up' }).click();
    expect(await group('Stage 2').getByLabel('Stage type').inputValue()).toBe('normalization');
    await group('Stage 3').getByLabel('Stop words').fill('the, a');

    // Someone saves a change meanwhile: this edit started from version 1 and is refused.
    const meanwhile = await http('PATCH', url(`/api/v1/workflows/${workflowId}`), { token: adaToken, body: { description: 'Prices' } });
    expect(meanwhile.body.version).toBe(2);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('alert').filter({ hasText: 'WORKFLOWS.VERSION_CONFLICT' }).waitFor();
    expect((await http('GET', url(`/api/v1/workflows/${workflowId}`), { token: adaToken })).body.version).toBe(2);

    await page.reload();
    await page.getByRole('heading', { name: 'Edit workflow' }).waitFor();
    expect(await page.getByLabel('Description', { exact: true }).inputValue()).toBe('Prices');
    await page.getByLabel('Type of the new stage').selectOption('normalization');
    await page.getByRole('button', { name: 'Add stage' }).click();
    await page.getByRole('button', { name: 'Move stage 3 up' }).click();
    await group('Stage 3').getByLabel('Stop words').fill('the, a');
    await accessible();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'prices', level: 1 }).waitFor();
    await page.getByText('version 3').waitFor();
    expect(
      await page
        .getByRole('listitem')
        .filter({ hasText: /\((fetching|normalization|analysis)\)/ })
        .allInnerTexts(),
    ).toEqual(['fetching (fetching)', 'normalization (normalization)', 'analysis (analysis)']);

    await page.getByRole('link', { name: 'Versions and changes' }).click();
    await page.getByRole('heading', { name: 'Versions' }).waitFor();
    await page.getByText('3 saved versions').waitFor();
    await page.getByLabel('Compare version').selectOption('1');
    await page.getByLabel('With version').selectOption('3');
    const diff = page.getByRole('region', { name: 'Changes from version 1 to version 3' });
    const added = await diff.locator('ins.diff-added').allInnerTexts();
    const removed = await diff.locator('del.diff-removed').allInnerTexts();
    expect(added.join('')).toContain('"type": "normalization"');
    expect(added.join('')).toContain('"the"');
    expect(removed.join('')).toContain('"description": "Daily prices"');
    expect(added.every((l) => l.startsWith('+ '))).toBe(true);
    await page
      .getByRole('status')
      .filter({ hasText: /lines added/ })
      .waitFor();
    await accessible();
  });

  it('previews and sets a schedule, with the next fire times in the reader’s time zone', async () => {
    await page.getByRole('link', { name: 'Back to the workflow' }).click();
    await page.getByRole('heading', { name: 'Schedule' }).waitFor();
    await page.getByText('Not scheduled').waitFor();
    await page.getByLabel('Cron expression').fill('61 * * * *');
    await page.getByLabel('Time zone').fill('Europe/Oslo');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('alert').filter({ hasText: 'WORKFLOWS.INVALID_SCHEDULE' }).waitFor();
    expect(await page.getByLabel('Cron expression').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Cron expression').fill('0 6 * * 1');
    await page.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('list', { name: 'Preview' }).getByRole('listitem');
    await preview.first().waitFor();
    expect(await preview.count()).toBe(5);
    const zone = await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
    await page.getByText(`in your time zone (${zone})`).first().waitFor();
    await page.getByRole('button', { name: 'Save schedule' }).click();
    await page.getByRole('status').filter({ hasText: 'Schedule saved.' }).waitFor();
    await page.getByText('in Europe/Oslo').waitFor();
    const next = page.getByRole('list', { name: 'Next fire times' }).locator('time');
    expect(await next.count()).toBe(5);
    // Monday 06:00 in Oslo, whatever zone the reader is in.
    for (const at of await next.evaluateAll((els) => els.map((e) => e.getAttribute('datetime')!)))
      expect(
        new Intl.DateTimeFormat('en', { timeZone: 'Europe/Oslo', weekday: 'long', hour: 'numeric', hourCycle: 'h23' }).format(new Date(at)),
      ).toMatch(/^Monday,? 06$/);
    const saved = (await http('GET', url(`/api/v1/workflows/${workflowId}`), { token: adaToken })).body;
    expect({ cron: saved.scheduleCron, zone: saved.scheduleTimezone }).toEqual({ cron: '0 6 * * 1', zone: 'Europe/Oslo' });
    await accessible();
  });

  it('shares it with a second user, who then sees it in their list', async () => {
    await page.getByLabel('User number').fill('not a number');
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    expect(await page.getByLabel('User number').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('User number').fill(String(bobNumber));
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    await page.getByRole('list', { name: 'Shared with' }).getByText(`user ${bobNumber}`).waitFor();
    await accessible();

    const bob = await watchedPage(browser);
    await signIn(bob.page, BOB);
    await bob.page.getByRole('link', { name: 'prices' }).click();
    await bob.page.getByRole('heading', { name: 'prices', level: 1 }).waitFor();
    // Bob sees it; changing it is the owner's.
    expect(await bob.page.getByRole('link', { name: 'Edit' }).count()).toBe(0);
    await accessible(bob.page);
    expect(unexpected(bob.problems)).toEqual([]);
    await bob.page.context().close();

    // Only an admin may list accounts, so only an admin shares by e-mail.
    const admin = await watchedPage(browser);
    await signIn(admin.page, ADMIN);
    await admin.page.goto(url(`/workflows/${workflowId}`));
    await admin.page.getByRole('button', { name: `Remove user ${bobNumber} from the sharing` }).click();
    await admin.page.getByText('Shared with nobody.').waitFor();
    await admin.page.getByLabel('User number or e-mail').fill(BOB.email);
    await admin.page.getByRole('button', { name: 'Share', exact: true }).click();
    await admin.page.getByRole('list', { name: 'Shared with' }).getByText(`user ${bobNumber} (${BOB.email})`).waitFor();
    await accessible(admin.page);
    expect(unexpected(admin.problems)).toEqual([]);
    await admin.page.context().close();
    expect((await http('GET', url(`/api/v1/workflows/${workflowId}`), { token: adaToken })).body.sharedWithUsers).toEqual([bobNumber]);
  });

  it('copies it, activates and archives the copy, and filters the list by tag and status', async () => {
    await page.getByLabel('Name of the copy').fill('prices copy');
    await page.getByRole('button', { name: 'Copy', exact: true }).click();
    await page.getByRole('heading', { name: 'prices copy', level: 1 }).waitFor();
    await page.getByText('inactive').first().waitFor();
    await page.getByRole('button', { name: 'Activate' }).click();
    await page.getByRole('button', { name: 'Deactivate' }).waitFor();
    await page.getByRole('button', { name: 'Archive' }).click();
    await page.getByRole('button', { name: 'Yes, archive' }).click();
    await page.getByText('Archived: it no longer changes or runs').waitFor();
    await accessible();

    await page.getByRole('link', { name: 'Workflows', exact: true }).click();
    await page.getByLabel('Tag').fill('nothing-tagged-so');
    await page.getByText('No workflows match.').waitFor();
    await page.getByLabel('Tag').fill('daily');
    await page.getByRole('link', { name: 'prices', exact: true }).waitFor();
    await page.getByLabel('Status').selectOption('archived');
    await page.getByRole('link', { name: 'prices copy' }).waitFor();
    expect(await page.getByRole('link', { name: 'prices', exact: true }).count()).toBe(0);
    await accessible();
  });

  it('starts a run with typed inputs: a bad input refused at its field, a good one opens the run', async () => {
    await page.goto(url(`/workflows/${workflowId}`));
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.getByRole('heading', { name: 'Run with inputs' }).waitFor();
    expect(await page.getByLabel('days').inputValue()).toBe('7');
    await page.getByLabel('days').fill('many');
    await accessible();
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.getByRole('alert').filter({ hasText: 'WORKFLOWS.INVALID_INPUT' }).waitFor();
    expect(await page.getByLabel('days').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel('city (required)').getAttribute('aria-invalid')).toBe('true');
    await page.getByText('city is required', { exact: true }).waitFor();
    expect((await http('GET', url(`/api/v1/workflows/${workflowId}/executions`), { token: adaToken })).body.items).toEqual([]);

    await page.getByLabel('city (required)').fill('Oslo');
    await page.getByLabel('days').fill('3');
    await page.getByRole('button', { name: 'Start run' }).click();
    await page.waitForURL(/\/executions\/[0-9a-f-]{36}$/);
    const runId = page.url().split('/').pop()!;
    expect((await http('GET', url(`/api/v1/executions/${runId}`), { token: adaToken })).body.inputs).toEqual({ city: 'Oslo', days: 3 });
    expect(unexpected(ada.problems, [400, 409])).toEqual([]);
  });

  it('fits a phone-width screen', async () => {
    const phone = await watchedPage(browser, { width: 390, height: 844 });
    await signIn(phone.page, ADA);
    for (const route of [
      `/workflows/${workflowId}`,
      `/workflows/${workflowId}/edit`,
      `/workflows/${workflowId}/versions`,
      '/workflows/new/blank',
    ]) {
      await openFittingPhone(phone.page, url(route));
      await accessible(phone.page);
    }
    expect(unexpected(phone.problems)).toEqual([]);
    await phone.page.context().close();
  });
});
