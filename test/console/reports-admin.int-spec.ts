import { mkdir, readFile } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { Browser, Page } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { createKafka, prefixedTopic, publishRaw } from '@mindhill/messaging';
import { eventually } from '@mindhill/testing';
import { authTestEnv } from '../../apps/auth/test/auth-test-env';
import { buildConsole } from '../support/console-build';
import { http } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/test-platform';
import { launchChromium, seriousViolations, unexpected, WatchedPage, openFittingPhone } from './browser';

const ADMIN = { email: 'chief@mindhill.test', password: 'the head operator passphrase 9' };
const ADA = { email: 'ada@example.com', password: 'console reports passphrase 1' };
const FILES = path.resolve(__dirname, '../../examples/demo-data/files');
const FORMATS = ['csv', 'json', 'html', 'xlsx', 'pdf'] as const;
// The webhook's URL carries a token: the console must never show it back.
const HOOK = 'http://127.0.0.1:9/hook?token=s3cret-hook-token';
// `npm run console:screenshots` sets it: the README's screenshots of these pages are saved.
const DOCS = process.env.CONSOLE_SCREENSHOTS === '1' ? path.resolve(__dirname, '../../apps/console/docs') : null;
const POISON_HTML = '<img src=x onerror="window.pwned=1"><b>bold</b>';

// Reports, dead letters and statistics in a real Chromium against the whole platform: every
// format downloaded and its bytes checked, a schedule's next fire times in the user's zone, a mail
// delivered to an SMTP sink with its receipt, a refused webhook resent; an admin replays and
// discards dead letters; the statistics drawn as charts with their tables. axe on every page, the
// browser's console empty (the CSP holds), and the pages at phone width.
describe('reports, dead letters and statistics in the console', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let smtp: SMTPServer;
  const mails: { to: string[]; data: string }[] = [];
  let ada: WatchedPage;
  let page: Page;
  let reportUrl: string;
  const url = (p: string) => `${platform.gatewayUrl}${p}`;

  // A page in Tokyo with British English (24-hour times): the schedule's preview is shown in
  // the browser's zone, whatever zone the schedule is in.
  async function watched(viewport = { width: 1280, height: 800 }): Promise<WatchedPage> {
    const context = await browser.newContext({ viewport, acceptDownloads: true, timezoneId: 'Asia/Tokyo', locale: 'en-GB' });
    const p = await context.newPage();
    const problems: string[] = [];
    p.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
    p.on('pageerror', (e) => void problems.push(`page error: ${e.message}`));
    p.on(
      'response',
      (r) => void (r.status() >= 400 && problems.push(`HTTP ${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`)),
    );
    return { page: p, problems };
  }

  async function signIn(p: Page, who: { email: string; password: string }) {
    await p.goto(url('/sign-in'));
    await p.getByLabel('E-mail').fill(who.email);
    await p.getByLabel('Password').fill(who.password);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { name: 'Workflows' }).waitFor();
  }

  async function shoot(p: Page, name: string) {
    if (!DOCS) return;
    await mkdir(DOCS, { recursive: true });
    await p.screenshot({ path: path.join(DOCS, `${name}.png`), fullPage: true });
  }

  async function accessible(p: Page = page) {
    expect(await seriousViolations(p)).toEqual([]);
  }

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    smtp.on('error', () => undefined);
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    buildConsole();
    platform = await startTestPlatform({
      services: ['auth', 'workflows', 'ingestion', 'processing', 'reporting', 'audit'],
      env: authTestEnv({
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        INGESTION_FILE_ROOTS: path.dirname(FILES),
        SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      }),
    });
    // Ada's workflow has run once, so reports have rows and the statistics have a day to draw.
    await http('POST', url('/api/v1/auth/register'), { body: ADA });
    const token = (await http('POST', url('/api/v1/auth/login'), { body: ADA })).body.accessToken;
    const source = await http('POST', url('/api/v1/data-sources'), {
      token,
      body: { name: 'field files', type: 'file', folder: FILES, glob: '*' },
    });
    const workflow = await http('POST', url('/api/v1/workflow-templates/data-processing/workflows'), {
      token,
      body: { name: 'harvest news', dataSources: [source.body.id], status: 'active' },
    });
    expect(workflow.status).toBe(201);
    const run = await http('POST', url(`/api/v1/workflows/${workflow.body.id}/executions`), { token, body: {} });
    expect(run.status).toBe(202);
    await eventually(
      async () => expect((await http('GET', url(`/api/v1/executions/${run.body.id}`), { token })).body.status).toBe('Success'),
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    browser = await launchChromium();
    ada = await watched();
    page = ada.page;
    await signIn(page, ADA);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  });

  it('defines a report, runs it in every format and downloads each file', async () => {
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByText('No reports yet.').waitFor();
    await page.getByText('Define a report').click();
    await page.getByLabel('Report name').fill('harvest contents');
    await page.getByLabel('Lists').selectOption('contents');
    await page.getByRole('button', { name: 'Save report' }).click();
    await page.getByRole('link', { name: 'harvest contents' }).click();
    await page.getByRole('heading', { name: 'harvest contents', level: 1 }).waitFor();
    reportUrl = page.url();
    await page.getByText('No runs yet.').waitFor();
    await accessible();

    const files: Record<string, Buffer> = {};
    for (const [i, format] of FORMATS.entries()) {
      await page.getByLabel('Format').selectOption(format);
      await page.getByRole('button', { name: 'Run report' }).click();
      const name = `harvest contents #${i + 1}.${format}`;
      const button = page.getByRole('button', { name: `Download ${name}` });
      await button.waitFor({ timeout: 30_000 });
      const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
      expect(download.suggestedFilename()).toBe(name);
      files[format] = await readFile((await download.path())!);
    }
    expect(files.csv!.toString('utf8').split('\r\n')[0]).toMatch(/^content_id,content_number,execution_id,/);
    expect(files.csv!.toString('utf8')).toContain('field-notes.txt');
    expect(JSON.stringify(JSON.parse(files.json!.toString('utf8')))).toContain('field-notes.txt');
    expect(files.html!.toString('utf8')).toMatch(/<table[\s\S]*field-notes\.txt/);
    expect(files.xlsx!.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(files.pdf!.subarray(0, 4).toString('latin1')).toBe('%PDF');
    // Five runs listed, newest first, each a success.
    const runs = page.getByRole('region', { name: 'Runs' });
    expect(await runs.getByRole('row').count()).toBe(6);
    expect(await runs.getByRole('cell', { name: 'Success' }).count()).toBe(5);
    await accessible();
    expect(unexpected(ada.problems)).toEqual([]);
  });

  it('sets a schedule, with the next fire times shown in the user’s zone; a bad cron is refused at its field', async () => {
    const schedule = page.getByRole('form', { name: 'Schedule' });
    // A report never scheduled starts in the browser's zone.
    expect(await schedule.getByLabel('Time zone', { exact: true }).inputValue()).toBe('Asia/Tokyo');
    await schedule.getByLabel('Cron expression').fill('every morning');
    await schedule.getByText('"every morning" must have five fields').waitFor();
    expect(await schedule.getByLabel('Cron expression').getAttribute('aria-invalid')).toBe('true');

    // 07:30 on weekdays in Paris (UTC+1 in December) is 15:30 in Tokyo (UTC+9).
    await schedule.getByLabel('Cron expression').fill('30 7 * * 1-5');
    await schedule.getByLabel('Time zone', { exact: true }).selectOption('Europe/Paris');
    const next = schedule.getByRole('list', { name: /Next runs, in your time zone \(Asia\/Tokyo\)/ });
    await next.getByRole('listitem').first().filter({ hasText: '15:30' }).waitFor();
    const times = await next.getByRole('listitem').allInnerTexts();
    expect(times).toHaveLength(5);
    for (const t of times) expect(t).toContain('15:30');
    await schedule.getByLabel('Run on a schedule').check();
    await accessible();
    await schedule.getByRole('button', { name: 'Save schedule' }).click();
    await schedule.getByText('Schedule saved.').waitFor();
    await page.getByText('30 7 * * 1-5 (Europe/Paris)').first().waitFor();
    // The saved schedule is the report's: a reload shows it.
    await page.reload();
    await page.getByRole('heading', { name: 'harvest contents', level: 1 }).waitFor();
    expect(await page.getByRole('form', { name: 'Schedule' }).getByLabel('Time zone', { exact: true }).inputValue()).toBe('Europe/Paris');
    expect(await page.getByRole('form', { name: 'Schedule' }).getByLabel('Run on a schedule').isChecked()).toBe(true);
    expect(unexpected(ada.problems, [400])).toEqual([]);
    ada.problems.length = 0;
  });

  it('delivers a run by mail with a receipt, shows a refused webhook’s code and resends it, never showing the webhook’s token', async () => {
    const delivery = page.getByRole('form', { name: 'Delivery' });
    await delivery.getByLabel('E-mail recipients').fill('ops@example.com');
    await delivery.getByLabel('Webhook URL').fill(HOOK);
    await delivery.getByRole('button', { name: 'Save delivery' }).click();
    await delivery.getByText('Delivery saved.').waitFor();
    await delivery.getByText('A webhook is set (http://127.0.0.1:9/…)').waitFor();

    await page.getByLabel('Format').selectOption('csv');
    await page.getByRole('button', { name: 'Run report' }).click();
    await page.getByRole('button', { name: 'Download harvest contents #6.csv' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Receipts of run #6' }).click();
    const receipts = page.getByRole('region', { name: 'Deliveries of run #6' });
    const mailRow = receipts.getByRole('row').filter({ hasText: 'mail ops@example.com' });
    await mailRow.filter({ hasText: 'delivered (sent)' }).waitFor({ timeout: 30_000 });
    const hookRow = receipts.getByRole('row').filter({ hasText: 'webhook http://127.0.0.1:9/…' });
    await hookRow.filter({ hasText: 'failed' }).waitFor({ timeout: 30_000 });
    // The fourth column: the last error.
    expect(await hookRow.getByRole('cell').nth(3).innerText()).toBe('OUTBOUND.DESTINATION_NOT_ALLOWED');
    await eventually(() => expect(mails.filter((m) => m.to.includes('ops@example.com'))).toHaveLength(1));
    expect(mails.find((m) => m.to.includes('ops@example.com'))!.data).toContain('harvest contents');
    await accessible();

    // A resend is a new round: a second receipt, refused again with the same code.
    await hookRow.getByRole('button', { name: /^Resend/ }).click();
    await shoot(page, 'report');
    await hookRow.getByRole('listitem').nth(1).filter({ hasText: 'OUTBOUND.DESTINATION_NOT_ALLOWED' }).waitFor({ timeout: 30_000 });
    expect(await page.content()).not.toContain('s3cret');

    // Every delivery of the user's reports; the failed ones alone.
    await page.goto(url('/reports/deliveries'));
    await page.getByRole('heading', { name: 'Report deliveries' }).waitFor();
    await page.getByRole('cell', { name: 'mail ops@example.com', exact: true }).waitFor();
    await page.getByLabel('State').selectOption('failed');
    await page.getByRole('cell', { name: 'mail ops@example.com', exact: true }).waitFor({ state: 'detached' });
    expect(await page.getByRole('region', { name: 'Report deliveries' }).getByRole('row').count()).toBe(2);
    await accessible();
    expect(await page.content()).not.toContain('s3cret');
    expect(unexpected(ada.problems)).toEqual([]);
  });

  it('draws the statistics as charts, each with its table, for a user', async () => {
    await page.getByRole('link', { name: 'Statistics' }).click();
    await page.getByRole('heading', { name: 'Statistics', level: 1 }).waitFor();
    const daily = page.getByRole('img', { name: /^Runs per day: 1 runs over 1 days/ });
    await daily.waitFor();
    // Chart.js drew on the canvas: some pixel is not transparent.
    const drawn = await page.evaluate<boolean>(`(() => {
      const c = document.querySelector('canvas[aria-label^="Runs per day"]');
      const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
      return data.some((v, i) => i % 4 === 3 && v > 0);
    })()`);
    expect(drawn).toBe(true);
    await page.getByText('Runs per day: the figures as a table').click();
    const table = page.getByRole('region', { name: 'Runs per day (table)' });
    const today = new Date().toISOString().slice(0, 10);
    const row = table.getByRole('row', { name: new RegExp(`^${today}`) });
    expect(await row.getByRole('cell').allInnerTexts()).toEqual(['1', '0', '0']);
    await page.getByRole('img', { name: /^Outcomes per workflow/ }).waitFor();
    await page.getByRole('img', { name: /^Run duration per workflow/ }).waitFor();
    await page.getByRole('img', { name: /^Duration per stage type/ }).waitFor();

    await page.getByLabel('Workflow', { exact: true }).selectOption({ label: 'harvest news' });
    await page.getByRole('button', { name: 'Show statistics' }).click();
    await page.getByRole('heading', { name: 'Statistics of harvest news' }).waitFor();
    await page.getByRole('img', { name: /^Outcomes of harvest news: 1 runs succeeded and 0 failed/ }).waitFor();
    await accessible();
    await shoot(page, 'statistics');
    expect(unexpected(ada.problems)).toEqual([]);
  });

  it('lets an admin inspect, replay and discard dead letters (the payload as text), and shows a refusal', async () => {
    // Ada is no admin: no link, and the page shows the refusal.
    expect(await page.getByRole('link', { name: 'Dead letters' }).count()).toBe(0);
    await page.goto(url('/admin/dead-letters'));
    await page.getByRole('alert').filter({ hasText: 'AUTH.FORBIDDEN' }).waitFor();
    expect(unexpected(ada.problems, [403])).toEqual([]);

    const kafka = createKafka({
      brokers: platform.env.KAFKA_BROKERS!.split(','),
      clientId: 'console-dlq',
      topicPrefix: platform.env.KAFKA_TOPIC_PREFIX!,
    });
    const topic = prefixedTopic({ topicPrefix: platform.env.KAFKA_TOPIC_PREFIX! }, 'ingestion.stage.events.v1');
    // The workflows consumer cannot read these: it dead-letters them, and audit collects them.
    await publishRaw(kafka, topic, [
      { key: 'poison-replay', value: 'not { json' },
      { key: 'poison-discard', value: POISON_HTML },
    ]);

    const admin = await watched();
    const p = admin.page;
    await signIn(p, ADMIN);
    await p.getByRole('link', { name: 'Dead letters' }).click();
    await p.getByRole('heading', { name: 'Dead letters' }).waitFor();
    await p.getByLabel('Service').selectOption('workflows');
    const table = p.getByRole('region', { name: 'Dead letters' });
    const listed = async (rows: number) =>
      // Audit collects them a moment after they fail: the list is asked again until they are there.
      eventually(
        async () => {
          await p.getByRole('button', { name: 'Refresh' }).click();
          expect(await table.getByRole('row').count()).toBe(rows);
        },
        { timeoutMs: 30_000, intervalMs: 1000 },
      );
    await listed(3);
    await accessible(p);

    // The HTML payload is shown as its text: no element is made of it.
    await p.getByRole('button', { name: 'Inspect the message poison-discard' }).click();
    await p.getByRole('heading', { name: /^Message "poison-discard"/ }).waitFor();
    const payload = p.getByLabel('Payload');
    expect(await payload.innerText()).toBe(POISON_HTML);
    expect(await payload.locator('b, img').count()).toBe(0);
    expect(await p.evaluate('window.pwned')).toBeUndefined();
    await shoot(p, 'dead-letters');
    await p.getByRole('button', { name: 'Discard', exact: true }).click();
    await p.getByLabel('Reason (optional)').fill('a test message');
    await accessible(p);
    await p.getByRole('button', { name: 'Yes, discard' }).click();
    await p
      .getByRole('definition')
      .filter({ hasText: /^discarded/ })
      .waitFor();

    // Replay the other (after changing one's mind once): it goes back to its topic.
    await p.getByRole('button', { name: 'Inspect the message poison-replay' }).click();
    await p.getByRole('heading', { name: /^Message "poison-replay"/ }).waitFor();
    expect(await p.getByLabel('Payload').innerText()).toBe('not { json');
    await p.getByRole('button', { name: 'Replay', exact: true }).click();
    await p.getByRole('button', { name: 'Cancel' }).click();
    await p.getByRole('button', { name: 'Replay', exact: true }).click();
    await p.getByRole('button', { name: 'Yes, replay' }).click();
    await p
      .getByRole('definition')
      .filter({ hasText: /^replayed/ })
      .waitFor();
    await p.getByLabel('State').selectOption('replayed');
    await p.getByRole('button', { name: 'Inspect the message poison-replay' }).waitFor();
    expect(await table.getByRole('row').count()).toBe(2);

    // Still poison, it comes back as a new pending letter. Resolved meanwhile elsewhere (by the
    // API), the page shows the refusal next to the button.
    await p.getByLabel('State').selectOption('pending');
    await listed(2);
    await p.getByRole('button', { name: 'Inspect the message poison-replay' }).click();
    await p.getByRole('heading', { name: /^Message "poison-replay"/ }).waitFor();
    const adminToken = (await http('POST', url('/api/v1/auth/login'), { body: ADMIN })).body.accessToken;
    const copy = (await http('GET', url('/api/v1/dead-letters?service=workflows'), { token: adminToken })).body.items[0];
    expect((await http('POST', url(`/api/v1/dead-letters/${copy.id}/discard`), { token: adminToken, body: {} })).status).toBe(200);
    await p.getByRole('button', { name: 'Replay', exact: true }).click();
    await p.getByRole('button', { name: 'Yes, replay' }).click();
    await p.getByRole('alert').filter({ hasText: 'AUDIT.DEAD_LETTER_RESOLVED' }).waitFor();
    await accessible(p);
    expect(unexpected(admin.problems, [409])).toEqual([]);
    await p.context().close();
  });

  it('fits a phone-width screen', async () => {
    const phone = await watched({ width: 390, height: 844 });
    await signIn(phone.page, ADMIN);
    for (const route of [new URL(reportUrl).pathname, '/reports/deliveries', '/admin/dead-letters', '/insights']) {
      await openFittingPhone(phone.page, url(route));
      await accessible(phone.page);
      if (route === '/insights') await shoot(phone.page, 'phone-statistics');
    }
    expect(unexpected(phone.problems)).toEqual([]);
    await phone.page.context().close();
  });
});
