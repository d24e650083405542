import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import {
  EventDefinition,
  EventEnvelope,
  executionCreated,
  contentFetched,
  contentProcessed,
  userRegistered,
  userRoleChanged,
  workflowCreated,
} from '@mindhill/contracts';
import { createKafka, prefixedTopic, publishRaw } from '@mindhill/messaging';
import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { signToken } from '../../../test/support/tokens';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { content, ContentFixture, envelope, execution, ExecutionFixture } from './read-model-events';

const W1 = randomUUID();
const W2 = randomUUID();
const E1: ExecutionFixture = {
  executionId: randomUUID(),
  workflowId: W1,
  workflowName: 'Daily, "news"',
  runNumber: 1,
  executionNumber: 1,
  createdAt: '2026-11-20T10:00:00.000Z',
  status: 'Success',
  errorCode: null,
  contentProcessed: 2,
  bytesProcessed: 300,
};
const E2: ExecutionFixture = {
  ...E1,
  executionId: randomUUID(),
  runNumber: 2,
  executionNumber: 2,
  createdAt: '2026-11-21T10:00:00.000Z',
  status: 'Failed',
  errorCode: 'FETCH.TIMEOUT',
  contentProcessed: 0,
  bytesProcessed: 0,
};
const E3: ExecutionFixture = {
  executionId: randomUUID(),
  workflowId: W2,
  workflowName: '=evil()',
  runNumber: 1,
  executionNumber: 3,
  createdAt: '2026-11-22T10:00:00.000Z',
  status: 'Success',
  errorCode: null,
  contentProcessed: 1,
  bytesProcessed: 100,
};
const FLUX_A = randomUUID();
const FLUX_B = randomUUID();
const C1: ContentFixture = {
  contentId: randomUUID(),
  contentNumber: 1,
  executionId: E1.executionId,
  fluxId: FLUX_A,
  fluxNumber: 11,
  name: 'report.csv',
  mimeType: 'text/csv',
  sizeBytes: 120,
  language: 'en',
  fetchedAt: '2026-11-20T10:00:05.000Z',
};
const C2: ContentFixture = {
  ...C1,
  contentId: randomUUID(),
  contentNumber: 2,
  name: 'notes.txt',
  mimeType: 'text/plain',
  sizeBytes: 80,
  fetchedAt: '2026-11-20T10:00:06.000Z',
};
const C3: ContentFixture = {
  contentId: randomUUID(),
  contentNumber: 3,
  executionId: E3.executionId,
  fluxId: FLUX_B,
  fluxNumber: 12,
  name: '=HYPERLINK("http://x")',
  mimeType: 'text/html',
  sizeBytes: 50,
  language: 'fr',
  fetchedAt: '2026-11-22T10:00:05.000Z',
};

describe('report rendering from the read models', () => {
  let platform: TestPlatform;
  let db: Client;
  let user: string;
  const url = (p: string) => `${platform.gatewayUrl}${p}`;
  const kafka = () =>
    createKafka({
      brokers: platform.env.KAFKA_BROKERS!.split(','),
      clientId: 'reporting-test',
      topicPrefix: platform.env.KAFKA_TOPIC_PREFIX!,
    });
  const publish = async (definition: EventDefinition, events: EventEnvelope[]) =>
    publishRaw(
      kafka(),
      prefixedTopic({ topicPrefix: platform.env.KAFKA_TOPIC_PREFIX! }, definition.topic),
      events.map((e) => ({ key: e.aggregateId, value: JSON.stringify(e) })),
    );
  const count = async (sql: string, params: unknown[] = []) => Number((await db.query(sql, params)).rows[0].n);

  const createReport = async (body: Record<string, unknown>) => {
    const res = await http('POST', url('/api/v1/reports'), {
      token: user,
      body: { reportType: 'detailed', outputFormats: ['json', 'csv'], ...body },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  // Runs a report and polls the execution until it is finished.
  const run = async (reportId: string, body: Record<string, unknown>) => {
    const res = await http('POST', url(`/api/v1/reports/${reportId}/executions`), { token: user, body });
    expect(res.status).toBe(202);
    expect(res.body.status).toBe('Created');
    return eventually(async () => {
      const x = await http('GET', url(`/api/v1/report-executions/${res.body.id}`), { token: user });
      expect(['Success', 'Failed']).toContain(x.body.status);
      return x.body;
    });
  };
  const download = async (executionId: string) => {
    const res = await fetch(url(`/api/v1/report-executions/${executionId}/download`), { headers: { authorization: `Bearer ${user}` } });
    return {
      status: res.status,
      contentType: res.headers.get('content-type'),
      disposition: res.headers.get('content-disposition'),
      text: await res.text(),
    };
  };
  const renderBoth = async (reportId: string, filters?: Record<string, unknown>) => {
    const json = await run(reportId, { format: 'json', ...(filters ? { filters } : {}) });
    const csv = await run(reportId, { format: 'csv', ...(filters ? { filters } : {}) });
    expect([json.status, csv.status]).toEqual(['Success', 'Success']);
    const jsonFile = await download(json.id);
    const csvFile = await download(csv.id);
    expect(jsonFile).toMatchObject({
      status: 200,
      contentType: 'application/json',
      disposition: `attachment; filename="report-${json.reportNumber}-run-${json.number}.json"`,
    });
    expect(csvFile).toMatchObject({
      status: 200,
      contentType: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="report-${csv.reportNumber}-run-${csv.number}.csv"`,
    });
    expect(Buffer.byteLength(csvFile.text)).toBe(csv.outputFileSizeBytes);
    return { json, csv, body: JSON.parse(jsonFile.text), csvText: csvFile.text };
  };

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['reporting', 'audit'], env: { REPORT_MAX_ROWS: '5' } });
    db = new Client({ connectionString: platform.databases.reporting!.url });
    await db.connect();
    user = await signToken(platform.tokenKey, { role: 'user', userNumber: 7 });

    // The workflows are user 7's: a report reads only the rows of workflows its owner may see.
    await publish(
      workflowCreated,
      [W1, W2].map((workflowId, i) =>
        envelope(
          workflowCreated,
          `workflow-${workflowId}`,
          {
            workflowId,
            workflowNumber: i + 1,
            name: `workflow ${i + 1}`,
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
      ),
    );
    // Out of order on purpose: E3 finishes before it is created; C2 is processed (stage 4, then
    // the older stage 2) before it is fetched.
    await publish(executionCreated, [
      execution.created(E1),
      execution.started(E1),
      execution.calculation(E1, 3, {
        amount: { count: 2, sum: 30, mean: 15, min: 10, max: 20, p50: 15, p95: 19.5 },
        'price, usd': { count: 2, sum: 3.5, mean: 1.75, min: -1, max: 4.5, p50: 1.75, p95: 4.2 },
      }),
      execution.finished(E1),
      execution.created(E2),
      execution.finished(E2),
      execution.finished(E3),
      execution.calculation(E3, 2, Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((f) => [f, { count: 1, sum: 1 }]))),
      execution.created(E3),
    ]);
    await publish(contentFetched, [content.fetched(C1), content.fetched(C3)]);
    await publish(contentProcessed, [
      content.processed(C1, 2, {
        category: 'finance',
        tags: ['money', 'q3'],
        keywords: ['revenue'],
        summary: 'Revenue grew, "a lot"\nin Q3',
        language: null,
      }),
      content.processed(C2, 4, { category: 'notes', tags: [], keywords: [], summary: null, language: null }),
      content.processed(C2, 2, { category: 'misc', tags: ['old'], keywords: ['old'], summary: 'older stage', language: null }),
      content.processed(C3, 2, { category: '+sum', tags: ['@a', 'b'], keywords: [], summary: null, language: null }),
    ]);
    await publish(contentFetched, [content.fetched(C2)]);
    await eventually(
      async () => {
        expect(await count(`SELECT count(*) AS n FROM rm_execution WHERE status IS NOT NULL AND created_at IS NOT NULL`)).toBe(3);
        expect(await count('SELECT count(*) AS n FROM rm_calculation')).toBe(8);
        expect(await count('SELECT count(*) AS n FROM rm_content WHERE fetched_at IS NOT NULL AND processed_at IS NOT NULL')).toBe(3);
        expect(await count('SELECT count(*) AS n FROM workflow_access')).toBe(2);
      },
      { timeoutMs: 30_000 },
    );
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  it('renders executions as JSON and CSV: selected columns, sorted, quoted, formula cells neutralised', async () => {
    const id = await createReport({
      reportName: 'Runs',
      reportConfig: {
        source: 'executions',
        columns: ['workflow_name', 'run_number', 'status', 'content_processed', 'bytes_processed', 'error_code'],
      },
      sorting: { field: 'bytes_processed', direction: 'desc' },
    });
    const { json, body, csvText } = await renderBoth(id);
    expect(body).toEqual({
      report: {
        id,
        number: expect.any(Number),
        name: 'Runs',
        type: 'detailed',
        source: 'executions',
        executionId: json.id,
        columns: ['workflow_name', 'run_number', 'status', 'content_processed', 'bytes_processed', 'error_code'],
      },
      generatedAt: expect.any(String),
      rows: [
        { workflow_name: 'Daily, "news"', run_number: 1, status: 'Success', content_processed: 2, bytes_processed: 300, error_code: null },
        { workflow_name: '=evil()', run_number: 1, status: 'Success', content_processed: 1, bytes_processed: 100, error_code: null },
        {
          workflow_name: 'Daily, "news"',
          run_number: 2,
          status: 'Failed',
          content_processed: 0,
          bytes_processed: 0,
          error_code: 'FETCH.TIMEOUT',
        },
      ],
    });
    expect(csvText).toBe(
      'workflow_name,run_number,status,content_processed,bytes_processed,error_code\r\n' +
        '"Daily, ""news""",1,Success,2,300,\r\n' +
        "'=evil(),1,Success,1,100,\r\n" +
        '"Daily, ""news""",2,Failed,0,0,FETCH.TIMEOUT\r\n',
    );
    expect(json).toMatchObject({
      outputFormat: 'json',
      recordsProcessed: 3,
      dataPointsIncluded: 18,
      filtersApplied: {},
      triggerUserId: 7,
      errorMessage: null,
      reportConfig: { reportConfig: { source: 'executions' }, sorting: { field: 'bytes_processed', direction: 'desc' }, grouping: null },
      outputFilePath: `${id}/${json.id}.json`,
      downloadUrl: `/api/v1/report-executions/${json.id}/download`,
      startedAt: expect.any(String),
      completedAt: expect.any(String),
      generationTimeSeconds: expect.any(Number),
      queryTimeSeconds: expect.any(Number),
    });
    const report = (await http('GET', url(`/api/v1/reports/${id}`), { token: user })).body;
    expect(report).toMatchObject({
      runCount: 2,
      lastRunStatus: 'Success',
      lastRunAt: expect.any(String),
      averageGenerationTimeSeconds: expect.any(Number),
    });
    const runs = (await http('GET', url(`/api/v1/reports/${id}/executions`), { token: user })).body.items;
    expect(runs.map((r: { outputFormat: string }) => r.outputFormat)).toEqual(['csv', 'json']);

    // The audit log has the run, attributed to the user who asked for it.
    const admin = await signToken(platform.tokenKey, { role: 'admin', userNumber: 1 });
    await eventually(
      async () => {
        const res = await http('GET', url(`/api/v1/audit-logs?resourceId=report-execution-${json.id}`), { token: admin });
        expect(res.body.items.map((i: { eventType: string; userNumber: number }) => [i.eventType, i.userNumber]).sort()).toEqual([
          ['reporting.report-execution.completed', 7],
          ['reporting.report-execution.requested', 7],
        ]);
      },
      { timeoutMs: 30_000 },
    );
  });

  it("reads only the rows of workflows the report's owner may see, whoever runs it", async () => {
    const stranger = await signToken(platform.tokenKey, { role: 'user', userNumber: 8 });
    const created = await http('POST', url('/api/v1/reports'), {
      token: stranger,
      body: {
        reportName: 'Not mine',
        reportType: 'detailed',
        outputFormats: ['json'],
        reportConfig: { source: 'executions', columns: ['workflow_name'] },
      },
    });
    const started = await http('POST', url(`/api/v1/reports/${created.body.id}/executions`), { token: stranger, body: { format: 'json' } });
    const done = await eventually(async () => {
      const x = await http('GET', url(`/api/v1/report-executions/${started.body.id}`), { token: stranger });
      expect(x.body.status).toBe('Success');
      return x.body;
    });
    expect(done.recordsProcessed).toBe(0);
    // An admin's report reads them all: admin is the owner's current role (auth's user events).
    const adminId = randomUUID();
    await publish(userRegistered, [
      envelope(
        userRegistered,
        adminId,
        {
          userId: adminId,
          userNumber: 1,
          email: 'admin@example.test',
          displayName: 'Admin',
          role: 'admin',
          source: 'bootstrap-admin',
        },
        'auth',
      ),
    ]);
    await eventually(async () =>
      expect(await count(`SELECT count(*) AS n FROM user_roles WHERE user_number = 1 AND role = 'admin' AND active`)).toBe(1),
    );
    const admin = await signToken(platform.tokenKey, { role: 'admin', userNumber: 1 });
    const all = await http('POST', url('/api/v1/reports'), {
      token: admin,
      body: {
        reportName: 'Everything',
        reportType: 'detailed',
        outputFormats: ['json'],
        reportConfig: { source: 'executions', columns: ['workflow_name'] },
      },
    });
    const run = await http('POST', url(`/api/v1/reports/${all.body.id}/executions`), { token: admin, body: { format: 'json' } });
    await eventually(async () =>
      expect((await http('GET', url(`/api/v1/report-executions/${run.body.id}`), { token: admin })).body).toMatchObject({
        status: 'Success',
        recordsProcessed: 3,
      }),
    );
    // Demoted: the same report, run again, reads only what its owner may see now.
    await publish(userRoleChanged, [
      {
        ...envelope(userRoleChanged, adminId, { userId: adminId, email: 'admin@example.test', oldRole: 'admin', newRole: 'user' }, 'auth'),
        aggregateVersion: 2,
      },
    ]);
    await eventually(async () =>
      expect(await count(`SELECT count(*) AS n FROM user_roles WHERE user_number = 1 AND role = 'user'`)).toBe(1),
    );
    const demoted = await signToken(platform.tokenKey, { role: 'user', userNumber: 1 });
    const again = await http('POST', url(`/api/v1/reports/${all.body.id}/executions`), { token: demoted, body: { format: 'json' } });
    await eventually(async () =>
      expect((await http('GET', url(`/api/v1/report-executions/${again.body.id}`), { token: demoted })).body).toMatchObject({
        status: 'Success',
        recordsProcessed: 0,
      }),
    );
  });

  it('groups executions with counts and sums, sorted by the group value by default', async () => {
    const id = await createReport({
      reportName: 'By status',
      reportType: 'summary',
      reportConfig: { source: 'executions', columns: ['status', 'bytes_processed', 'content_processed'] },
      grouping: { by: 'status' },
    });
    const { body, csvText } = await renderBoth(id);
    expect(body.rows).toEqual([
      { status: 'Failed', count: 1, bytes_processed_sum: 0, content_processed_sum: 0 },
      { status: 'Success', count: 2, bytes_processed_sum: 400, content_processed_sum: 3 },
    ]);
    expect(csvText).toBe('status,count,bytes_processed_sum,content_processed_sum\r\nFailed,1,0,0\r\nSuccess,2,400,3\r\n');
  });

  it('renders calculation statistics of one workflow; negative numbers stay numbers', async () => {
    const id = await createReport({
      reportName: 'Stats',
      reportConfig: {
        source: 'calculations',
        columns: ['run_number', 'stage_order', 'field', 'count', 'sum', 'mean', 'min', 'max', 'p50', 'p95'],
      },
      filters: { workflowId: W1 },
    });
    const { body, csvText } = await renderBoth(id);
    expect(body.rows).toEqual([
      { run_number: 1, stage_order: 3, field: 'amount', count: 2, sum: 30, mean: 15, min: 10, max: 20, p50: 15, p95: 19.5 },
      { run_number: 1, stage_order: 3, field: 'price, usd', count: 2, sum: 3.5, mean: 1.75, min: -1, max: 4.5, p50: 1.75, p95: 4.2 },
    ]);
    expect(csvText).toBe(
      'run_number,stage_order,field,count,sum,mean,min,max,p50,p95\r\n1,3,amount,2,30,15,10,20,15,19.5\r\n1,3,"price, usd",2,3.5,1.75,-1,4.5,1.75,4.2\r\n',
    );
    // Times leave as ISO 8601, never as PostgreSQL prints them ("2026-12-06 07:44:49.022+00").
    const timed = await createReport({
      reportName: 'Stats with times',
      reportConfig: { source: 'calculations', columns: ['field', 'completed_at'] },
      filters: { workflowId: W1 },
    });
    const times = (await renderBoth(timed)).body.rows.map((r: { completed_at: string }) => r.completed_at);
    expect(times).toHaveLength(2);
    for (const t of times) expect(t).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it('renders contents of the executions, whatever order their events arrived in', async () => {
    const columns = [
      'content_number',
      'name',
      'mime_type',
      'size_bytes',
      'category',
      'tags',
      'language',
      'keywords',
      'summary',
      'flux_number',
    ];
    const id = await createReport({ reportName: 'Contents', reportConfig: { source: 'contents', columns } });
    const { body, csvText } = await renderBoth(id);
    expect(body.rows).toEqual([
      {
        content_number: 1,
        name: 'report.csv',
        mime_type: 'text/csv',
        size_bytes: 120,
        category: 'finance',
        tags: ['money', 'q3'],
        language: 'en',
        keywords: ['revenue'],
        summary: 'Revenue grew, "a lot"\nin Q3',
        flux_number: 11,
      },
      {
        content_number: 2,
        name: 'notes.txt',
        mime_type: 'text/plain',
        size_bytes: 80,
        category: 'notes',
        tags: [],
        language: 'en',
        keywords: [],
        summary: null,
        flux_number: 11,
      },
      {
        content_number: 3,
        name: '=HYPERLINK("http://x")',
        mime_type: 'text/html',
        size_bytes: 50,
        category: '+sum',
        tags: ['@a', 'b'],
        language: 'fr',
        keywords: [],
        summary: null,
        flux_number: 12,
      },
    ]);
    expect(csvText).toBe(
      `${columns.join(',')}\r\n` +
        '1,report.csv,text/csv,120,finance,money;q3,en,revenue,"Revenue grew, ""a lot""\nin Q3",11\r\n' +
        '2,notes.txt,text/plain,80,notes,,en,,,11\r\n' +
        `3,"'=HYPERLINK(""http://x"")",text/html,50,'+sum,'@a;b,fr,,,12\r\n`,
    );

    // Run-time filter overrides, recorded on the execution.
    const { json, body: filtered } = await renderBoth(id, { tag: 'money', workflowId: W1 });
    expect(filtered.rows.map((r: { content_number: number }) => r.content_number)).toEqual([1]);
    expect(json.filtersApplied).toEqual({ tag: 'money', workflowId: W1 });
    const bySource = await renderBoth(
      await createReport({ reportName: 'Flux B', reportConfig: { source: 'contents', columns: ['name'] }, filters: { fluxId: FLUX_B } }),
    );
    expect(bySource.csvText).toBe(`name\r\n"'=HYPERLINK(""http://x"")"\r\n`);
  });

  it('renders and serves HTML: same columns and rows as the CSV, every value escaped, an attachment never sniffed', async () => {
    const columns = ['content_number', 'name', 'mime_type', 'tags', 'summary'];
    const id = await createReport({
      reportName: '<script>alert("x")</script> & \'co\'',
      reportConfig: { source: 'contents', columns },
      outputFormats: ['csv', 'html'],
    });
    const csv = await run(id, { format: 'csv' });
    const html = await run(id, { format: 'html' });
    expect([csv.status, html.status, html.outputFormat]).toEqual(['Success', 'Success', 'html']);
    const csvText = (await download(csv.id)).text;
    const res = await fetch(url(`/api/v1/report-executions/${html.id}/download`), { headers: { authorization: `Bearer ${user}` } });
    const text = await res.text();
    expect([res.status, res.headers.get('content-type'), res.headers.get('x-content-type-options')]).toEqual([
      200,
      'text/html; charset=utf-8',
      'nosniff',
    ]);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="report-${html.reportNumber}-run-${html.number}.html"`);
    expect(Buffer.byteLength(text)).toBe(html.outputFileSizeBytes);

    expect(text.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(text).toContain('<meta charset="utf-8">');
    expect(text).toContain('period all time');
    expect(text).not.toContain('<script>');
    expect(text).toContain('<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</title>');
    expect(text).toMatch(/<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z">/);
    // Same header as the CSV, same number of rows, the same values escaped.
    const header = [...text.matchAll(/<th scope="col">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(header).toEqual(csvText.split('\r\n')[0].split(','));
    const body = text.slice(text.indexOf('<tbody>'), text.indexOf('</tbody>'));
    expect(body.match(/<tr>/g)).toHaveLength(csvText.trimEnd().split('\r\n').length - 1);
    expect(body).toContain(
      '<tr><td>1</td><td>report.csv</td><td>text/csv</td><td>money; q3</td><td>Revenue grew, &quot;a lot&quot;\nin Q3</td></tr>',
    );
    expect(body).toContain('<td>=HYPERLINK(&quot;http://x&quot;)</td>');
  });

  it('refuses a format it cannot render with 400 REPORTING.FORMAT_NOT_SUPPORTED and writes nothing', async () => {
    const id = await createReport({ reportName: 'Formats', reportConfig: { source: 'executions' }, outputFormats: ['json', 'pdf'] });
    const before = await count('SELECT count(*) AS n FROM report_executions');
    for (const format of ['docx', 'PDF', 'xls']) {
      const res = await http('POST', url(`/api/v1/reports/${id}/executions`), { token: user, body: { format } });
      expect([res.status, res.body.error.code]).toEqual([400, 'REPORTING.FORMAT_NOT_SUPPORTED']);
    }
    const badFilter = await http('POST', url(`/api/v1/reports/${id}/executions`), {
      token: user,
      body: { format: 'csv', filters: { tag: 'x' } },
    });
    expect([badFilter.status, badFilter.body.error.code]).toEqual([400, 'REPORTING.INVALID_DEFINITION']);
    const unknownField = await http('POST', url(`/api/v1/reports/${id}/executions`), { token: user, body: { format: 'csv', pages: 2 } });
    expect([unknownField.status, unknownField.body.error.code]).toEqual([400, 'REQUEST.UNKNOWN_FIELDS']);
    expect(await count('SELECT count(*) AS n FROM report_executions')).toBe(before);
  });

  it('fails a run that reads too many rows, and has no output to download', async () => {
    const id = await createReport({ reportName: 'Too big', reportConfig: { source: 'calculations' } });
    const failed = await run(id, { format: 'csv' });
    expect(failed).toMatchObject({
      status: 'Failed',
      errorDetails: { code: 'REPORTING.TOO_MANY_ROWS' },
      errorMessage: expect.stringContaining('more than 5 rows'),
      downloadUrl: null,
    });
    const file = await download(failed.id);
    expect([file.status, JSON.parse(file.text).error.code]).toEqual([404, 'REPORTING.OUTPUT_NOT_FOUND']);
    expect((await http('GET', url(`/api/v1/reports/${id}`), { token: user })).body).toMatchObject({ runCount: 1, lastRunStatus: 'Failed' });
  });

  it('answers 409 NOT_READY while rendering, 404 when the file is gone or the execution unknown', async () => {
    const id = await createReport({ reportName: 'Slow', reportConfig: { source: 'executions', columns: ['status'] } });
    // Hold the report row: the render job cannot record its outcome until the lock is released.
    const blocker = new Client({ connectionString: platform.databases.reporting!.url });
    await blocker.connect();
    let executionId: string;
    try {
      await blocker.query('BEGIN');
      await blocker.query(`SELECT 1 FROM flux_reports WHERE uuid = $1 FOR NO KEY UPDATE`, [id]);
      const res = await http('POST', url(`/api/v1/reports/${id}/executions`), { token: user, body: { format: 'csv' } });
      expect(res.status).toBe(202);
      executionId = res.body.id;
      const early = await download(executionId);
      expect([early.status, JSON.parse(early.text).error.code]).toEqual([409, 'REPORTING.NOT_READY']);
      await blocker.query('COMMIT');
    } finally {
      await blocker.end();
    }
    const done = await eventually(async () => {
      const x = await http('GET', url(`/api/v1/report-executions/${executionId}`), { token: user });
      expect(x.body.status).toBe('Success');
      return x.body;
    });
    expect((await download(executionId)).text).toBe('status\r\nSuccess\r\nFailed\r\nSuccess\r\n');
    await rm(path.join(platform.env.REPORT_OUTPUT_DIR!, done.outputFilePath));
    const gone = await download(executionId);
    expect([gone.status, JSON.parse(gone.text).error.code]).toEqual([404, 'REPORTING.OUTPUT_NOT_FOUND']);
    const unknown = await download(randomUUID());
    expect([unknown.status, JSON.parse(unknown.text).error.code]).toEqual([404, 'REPORTING.EXECUTION_NOT_FOUND']);
  });

  it('absorbs a redelivered read-model event: nothing changes', async () => {
    const snapshot = async () => (await db.query('SELECT * FROM rm_execution ORDER BY execution_id')).rows;
    const before = await snapshot();
    const original = execution.finished({ ...E2, contentProcessed: 0 });
    await publish(executionCreated, [original]);
    await eventually(async () =>
      expect(await count('SELECT count(*) AS n FROM processed_message WHERE event_id = $1', [original.eventId])).toBe(1),
    );
    const afterFirst = await snapshot();
    expect(afterFirst).toEqual(before);
    // The same event again (a producer's retry), with a changed copy of the payload that must
    // not be applied; a marker behind it on the same partition shows it was consumed.
    const replay = { ...original, payload: { ...(original.payload as Record<string, unknown>), bytesProcessed: 999_999 } };
    const marker = execution.started(E2);
    await publish(executionCreated, [replay, marker]);
    await eventually(async () =>
      expect(await count('SELECT count(*) AS n FROM processed_message WHERE event_id = $1', [marker.eventId])).toBe(1),
    );
    expect(await snapshot()).toEqual(before);
    expect(await count(`SELECT count(*) AS n FROM processed_message WHERE consumer = 'reporting.read-models'`)).toBeGreaterThan(0);
  });
});
