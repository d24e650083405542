import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { chromium } from 'playwright-core';
import { EventDefinition, EventEnvelope, executionCreated, workflowCreated } from '@mindhill/contracts';
import { createKafka, prefixedTopic, publishRaw } from '@mindhill/messaging';
import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { signToken } from '../../../test/support/tokens';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { envelope, execution, ExecutionFixture } from './read-model-events';

const run = promisify(execFile);
// Enough rows for a pdf of several pages.
const ROWS = 240;
const W = randomUUID();
const fixtures: ExecutionFixture[] = Array.from({ length: ROWS }, (_, i) => ({
  executionId: randomUUID(),
  workflowId: W,
  workflowName: `run-${String(i + 1).padStart(4, '0')}`,
  runNumber: i + 1,
  executionNumber: i + 1,
  createdAt: new Date(Date.UTC(2026, 10, 1, 8) + i * 61_000 + (i % 7) * 3).toISOString(),
  status: i % 5 === 0 ? 'Failed' : 'Success',
  errorCode: i % 5 === 0 ? 'FETCH.TIMEOUT' : null,
  contentProcessed: i % 4,
  bytesProcessed: (i % 9) * 1000,
}));
const COLUMNS = ['workflow_name', 'run_number', 'status', 'created_at', 'content_processed', 'bytes_processed', 'error_code'];
// LibreOffice's CSV filter: comma, double quote, UTF-8, from line 1, …, cells saved as shown
// (so a time is the text of its number format, the ISO 8601 the CSV holds).
const LO_CSV = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// The readers are tools nobody here wrote; a machine without them fails this test, naming the
// Debian package to install.
async function tool(command: string, args: string[], aptPackage: string, timeout = 45_000): Promise<string> {
  try {
    return (await run(command, args, { timeout, maxBuffer: 64 << 20 })).stdout;
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new Error(`${command} is not installed: apt-get install ${aptPackage}`, { cause: error });
    throw error;
  }
}

// Every report file read back by an independent reader: the xlsx through LibreOffice (converted
// to CSV, same values as our CSV), the pdf through poppler (every row's key, several pages), the
// html in Chromium (the same rows in the DOM, a screenshot).
describe('one report in all five formats, read back by LibreOffice, poppler and Chromium', () => {
  let platform: TestPlatform;
  let db: Client;
  let user: string;
  let dir: string;
  const url = (p: string) => `${platform.gatewayUrl}${p}`;
  const publish = async (definition: EventDefinition, events: EventEnvelope[]) =>
    publishRaw(
      createKafka({
        brokers: platform.env.KAFKA_BROKERS!.split(','),
        clientId: 'formats-test',
        topicPrefix: platform.env.KAFKA_TOPIC_PREFIX!,
      }),
      prefixedTopic({ topicPrefix: platform.env.KAFKA_TOPIC_PREFIX! }, definition.topic),
      events.map((e) => ({ key: e.aggregateId, value: JSON.stringify(e) })),
    );

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'report-formats-'));
    platform = await startTestPlatform({ services: ['reporting'] });
    db = new Client({ connectionString: platform.databases.reporting!.url });
    await db.connect();
    user = await signToken(platform.tokenKey, { role: 'user', userNumber: 7 });
    await publish(workflowCreated, [
      envelope(
        workflowCreated,
        `workflow-${W}`,
        {
          workflowId: W,
          workflowNumber: 1,
          name: 'formats',
          description: null,
          configuration: {},
          scheduleCron: null,
          scheduleTimezone: 'UTC',
          timeoutMinutes: 60,
          maxRetries: 0,
          category: null,
          tags: [],
          status: 'active',
          configurationHash: 'h',
          isTemplate: false,
          templateName: null,
          parentWorkflowId: null,
          createdBy: 7,
          isPublic: false,
          sharedWithUsers: [],
        },
        'workflows',
      ),
    ]);
    await publish(
      executionCreated,
      fixtures.flatMap((x) => [execution.created(x), execution.finished(x)]),
    );
    await eventually(
      async () => {
        const { rows } = await db.query(`SELECT count(*) AS n FROM rm_execution WHERE status IS NOT NULL AND created_at IS NOT NULL`);
        expect(Number(rows[0].n)).toBe(ROWS);
        expect(Number((await db.query('SELECT count(*) AS n FROM workflow_access')).rows[0].n)).toBe(1);
      },
      { timeoutMs: 30_000 },
    );
  }, 60_000);
  afterAll(async () => {
    await db?.end();
    await platform?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('renders json, csv, html, xlsx and pdf of the same rows, each readable by a reader we did not write', async () => {
    const created = await http('POST', url('/api/v1/reports'), {
      token: user,
      body: {
        reportName: 'Runs in every format',
        reportType: 'detailed',
        outputFormats: ['json', 'csv', 'html', 'xlsx', 'pdf'],
        reportConfig: { source: 'executions', columns: COLUMNS },
        sorting: { field: 'run_number', direction: 'desc' },
      },
    });
    expect(created.status).toBe(201);
    const reportId = created.body.id as string;
    const formats = ['json', 'csv', 'html', 'xlsx', 'pdf'] as const;
    const runs = await Promise.all(
      formats.map(async (format) => {
        const res = await http('POST', url(`/api/v1/reports/${reportId}/executions`), { token: user, body: { format } });
        expect([res.status, res.body.status]).toEqual([202, 'Created']);
        return res.body.id as string;
      }),
    );
    const files: Record<string, { bytes: Buffer; file: string }> = {};
    await Promise.all(
      formats.map(async (format, i) => {
        const done = await eventually(async () => {
          const x = await http('GET', url(`/api/v1/report-executions/${runs[i]}`), { token: user });
          expect(x.body.status).toBe('Success');
          return x.body;
        });
        expect(done).toMatchObject({ recordsProcessed: ROWS, outputFormat: format });
        const res = await fetch(url(`/api/v1/report-executions/${runs[i]}/download`), { headers: { authorization: `Bearer ${user}` } });
        expect(res.status).toBe(200);
        expect(res.headers.get('content-disposition')).toBe(
          `attachment; filename="report-${done.reportNumber}-run-${done.number}.${format}"`,
        );
        expect(res.headers.get('x-content-type-options')).toBe('nosniff');
        const bytes = Buffer.from(await res.arrayBuffer());
        expect(bytes.length).toBe(done.outputFileSizeBytes);
        const file = path.join(dir, `report.${format}`);
        await writeFile(file, bytes);
        files[format] = { bytes, file };
      }),
    );
    const contentType = async (i: number) =>
      (await fetch(url(`/api/v1/report-executions/${runs[i]}/download`), { headers: { authorization: `Bearer ${user}` } })).headers.get(
        'content-type',
      );
    expect(await contentType(3)).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(await contentType(4)).toBe('application/pdf');

    // The CSV is the reference: a header and one line per row, sorted by run_number descending.
    const csvLines = files.csv.bytes.toString('utf8').trimEnd().split('\r\n');
    expect(csvLines[0]).toBe(COLUMNS.join(','));
    expect(csvLines).toHaveLength(ROWS + 1);
    expect(csvLines[1].startsWith('run-0240,240,Success,')).toBe(true);
    const keys = fixtures.map((x) => x.workflowName);
    const json = JSON.parse(files.json.bytes.toString('utf8'));
    expect(json.rows.map((r: { workflow_name: string }) => r.workflow_name)).toEqual([...keys].reverse());

    // xlsx → LibreOffice → CSV: the same header and cells (times shown as the same ISO text),
    // then the totals row: its label and the sums of content_processed and bytes_processed.
    const profile = path.join(dir, 'lo-profile');
    await tool(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', LO_CSV, '--outdir', path.join(dir, 'lo'), files.xlsx.file],
      'libreoffice-calc',
    );
    const converted = path.join(dir, 'lo', 'report.csv');
    expect(existsSync(converted)).toBe(true);
    const xlsxLines = (await readFile(converted, 'utf8')).trimEnd().split(/\r?\n/);
    expect(xlsxLines.slice(0, ROWS + 1)).toEqual(csvLines);
    const contentSum = fixtures.reduce((s, x) => s + x.contentProcessed, 0);
    const bytesSum = fixtures.reduce((s, x) => s + x.bytesProcessed, 0);
    expect(xlsxLines[ROWS + 1]).toBe(`Total (${ROWS} rows),,,,${contentSum},${bytesSum},`);
    expect(xlsxLines).toHaveLength(ROWS + 2);

    // pdf → poppler: every row's key, the heading, the totals, several pages numbered.
    const text = await tool('pdftotext', ['-layout', files.pdf.file, '-'], 'poppler-utils');
    for (const key of keys) expect(text).toContain(key);
    expect(text).toContain('Runs in every format');
    expect(text).toContain('Period: all time');
    expect(text).toMatch(new RegExp(`Total \\(${ROWS} rows\\)\\s+${contentSum}\\s+${bytesSum}`));
    const info = await tool('pdfinfo', [files.pdf.file], 'poppler-utils');
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(4);
    expect(text).toContain(`Page ${pages}`);
    expect(/Page size:\s+841\.89 x 595\.28/.test(info)).toBe(true); // seven columns: landscape

    // html → Chromium: the same header and rows in the DOM, the totals in the table's foot.
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${files.html.file}`);
      const header = await page.$$eval('thead th', (cells) => cells.map((c) => c.textContent ?? ''));
      const body = await page.$$eval('tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent ?? '')));
      const foot = await page.$$eval('tfoot tr > *', (cells) => cells.map((c) => c.textContent ?? ''));
      expect(header).toEqual(COLUMNS);
      expect(body.map((cells) => cells.join(','))).toEqual(csvLines.slice(1));
      expect(foot).toEqual([`Total (${ROWS} rows)`, '', '', '', String(contentSum), String(bytesSum), '']);
      await page.screenshot({ path: path.join(dir, 'report.png'), fullPage: false });
      expect((await readFile(path.join(dir, 'report.png'))).subarray(1, 4).toString()).toBe('PNG');
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('lays a grouped report out as one subtotal row per group and a grand total, in the xlsx as in the csv', async () => {
    const created = await http('POST', url('/api/v1/reports'), {
      token: user,
      body: {
        reportName: 'Runs by status',
        reportType: 'summary',
        outputFormats: ['csv', 'xlsx'],
        reportConfig: { source: 'executions', columns: ['status', 'content_processed', 'bytes_processed'] },
        grouping: { by: 'status' },
        sorting: { field: 'count', direction: 'desc' },
      },
    });
    expect(created.status).toBe(201);
    const texts: Record<string, Buffer> = {};
    for (const format of ['csv', 'xlsx']) {
      const res = await http('POST', url(`/api/v1/reports/${created.body.id}/executions`), { token: user, body: { format } });
      const done = await eventually(async () => {
        const x = await http('GET', url(`/api/v1/report-executions/${res.body.id}`), { token: user });
        expect(x.body.status).toBe('Success');
        return x.body;
      });
      expect(done.recordsProcessed).toBe(ROWS);
      const file = await fetch(url(`/api/v1/report-executions/${done.id}/download`), { headers: { authorization: `Bearer ${user}` } });
      texts[format] = Buffer.from(await file.arrayBuffer());
    }
    const failed = fixtures.filter((x) => x.status === 'Failed');
    const ok = fixtures.filter((x) => x.status === 'Success');
    const sum = (list: ExecutionFixture[], f: (x: ExecutionFixture) => number) => list.reduce((s, x) => s + f(x), 0);
    const csvLines = texts.csv.toString('utf8').trimEnd().split('\r\n');
    expect(csvLines).toEqual([
      'status,count,content_processed_sum,bytes_processed_sum',
      `Success,${ok.length},${sum(ok, (x) => x.contentProcessed)},${sum(ok, (x) => x.bytesProcessed)}`,
      `Failed,${failed.length},${sum(failed, (x) => x.contentProcessed)},${sum(failed, (x) => x.bytesProcessed)}`,
    ]);
    const xlsx = path.join(dir, 'grouped.xlsx');
    await writeFile(xlsx, texts.xlsx);
    await tool(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`,
        '--headless',
        '--convert-to',
        LO_CSV,
        '--outdir',
        path.join(dir, 'lo'),
        xlsx,
      ],
      'libreoffice-calc',
    );
    const xlsxLines = (await readFile(path.join(dir, 'lo', 'grouped.csv'), 'utf8')).trimEnd().split(/\r?\n/);
    expect(xlsxLines).toEqual([
      ...csvLines,
      `Total (2 rows),${ROWS},${sum(fixtures, (x) => x.contentProcessed)},${sum(fixtures, (x) => x.bytesProcessed)}`,
    ]);
  }, 40_000);
});
