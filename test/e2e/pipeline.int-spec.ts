import { createHmac } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { eventually } from '@mindhill/testing';
import { http } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/test-platform';

const DATA = path.resolve(__dirname, '../../examples/demo-data');
const NEWS = JSON.stringify([
  {
    id: 1,
    title: 'Wheat prices climb',
    body: 'Wheat futures rose as a dry spring cut the harvest forecast; the price stays high.',
    price: 6.42,
  },
  { id: 2, title: 'Solar farm opens', body: 'A new solar farm delivers energy to the regional grid.', price: 0 },
]);

describe('the whole pipeline through the gateway, on real Kafka and PostgreSQL', () => {
  let platform: TestPlatform;
  let token: string;
  let api: Server;
  let apiUrl: string;
  // Requests to /slow wait until the test releases them.
  const held: (() => void)[] = [];
  const call = (method: string, url: string, body?: unknown) => http(method, `${platform.gatewayUrl}/api/v1${url}`, { body, token });

  beforeAll(async () => {
    api = createServer((req, res) => {
      const answer = () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(NEWS);
      };
      if (req.url === '/slow') held.push(answer);
      else answer();
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    platform = await startTestPlatform({
      services: ['auth', 'workflows', 'ingestion', 'processing', 'reporting', 'audit'],
      // The outbound guard lets `api` sources reach this fixture and port 9 (nothing listens) only.
      env: {
        WORKFLOWS_RETRY_BASE_MS: '50',
        WORKFLOWS_RETRY_MAX_MS: '100',
        INGESTION_FILE_ROOTS: path.resolve(__dirname, '../../examples'),
        OUTBOUND_ALLOW_HOSTS: `${new URL(apiUrl).host},127.0.0.1:9`,
      },
    });
    const email = 'runner@example.com';
    await http('POST', `${platform.gatewayUrl}/api/v1/auth/register`, { body: { email, password: 'pipeline passphrase 1' } });
    token = (await http('POST', `${platform.gatewayUrl}/api/v1/auth/login`, { body: { email, password: 'pipeline passphrase 1' } })).body
      .accessToken;
  }, 180_000); // several services start here, with their topics and consumer groups
  afterAll(async () => {
    for (const release of held.splice(0)) release();
    await platform?.close();
    api?.close();
  });

  async function source(body: Record<string, unknown>) {
    const res = await call('POST', '/data-sources', body);
    expect(res.status).toBe(201);
    return res.body.id as string;
  }
  async function activeWorkflow(name: string, dataSources: string[], extra: Record<string, unknown> = {}) {
    const res = await call('POST', '/workflow-templates/data-processing/workflows', { name, dataSources, status: 'active', ...extra });
    expect(res.status).toBe(201);
    return res.body;
  }
  const settled = (id: string) =>
    eventually(
      async () => {
        const res = await call('GET', `/executions/${id}`);
        expect(['Success', 'Failed', 'Cancelled', 'Timeout']).toContain(res.body.status);
        return res.body;
      },
      { timeoutMs: 45_000, intervalMs: 200 },
    );

  it('fetches, processes, reports and audits a run of the Data Processing Pipeline template', async () => {
    const news = await source({ name: 'news', type: 'api', url: `${apiUrl}/news.json`, format: 'json' });
    const files = await source({ name: 'files', type: 'file', folder: path.join(DATA, 'files'), glob: '*' });
    const workflow = await activeWorkflow('e2e pipeline', [news, files], {
      stageSettings: {
        refinement: {
          rules: [
            { category: 'agriculture', tags: ['farming'], keywords: ['wheat', 'harvest', 'farm'] },
            { category: 'energy', tags: ['renewables'], keywords: ['solar', 'energy', 'grid'] },
          ],
          defaultCategory: 'other',
          flagDuplicates: true,
        },
      },
    });
    const started = await call('POST', `/workflows/${workflow.id}/executions`, {});
    expect(started.status).toBe(202);

    const done = await settled(started.body.id);
    expect(done).toMatchObject({ status: 'Success', stagesCompleted: 5, progressPercentage: 100 });
    expect(done.stages.map((s: any) => [s.type, s.status])).toEqual([
      ['fetching', 'Success'],
      ['processing', 'Success'],
      ['normalization', 'Success'],
      ['refinement', 'Success'],
      ['calculation', 'Success'],
    ]);
    // 2 news items + 4 files, of which two are identical (recognised, stored once): 5 distinct.
    expect(done.contentProcessed).toBe(5);
    const calculation = done.stages[4].output;
    expect(calculation.fields.price).toMatchObject({ count: expect.any(Number), max: 6.42 });

    // Progress moved through intermediate values on the way.
    const workflowsDb = new Client({ connectionString: platform.databases.workflows!.url });
    await workflowsDb.connect();
    const { rows: progress } = await workflowsDb.query(
      `SELECT (payload->>'progressPercentage')::numeric AS p FROM stored_event WHERE stream_id = $1 AND type IN ('workflows.execution.stage-progressed', 'workflows.execution.stage-completed') ORDER BY position`,
      [`execution-${started.body.id}`],
    );
    await workflowsDb.end();
    const values = progress.map((r) => Number(r.p));
    expect(values.some((v) => v > 0 && v < 100)).toBe(true);
    expect(values[values.length - 1]).toBe(100);

    const search = await call('GET', `/contents/search?q=wheat`);
    expect(search.status).toBe(200);
    expect(search.body.items.length).toBeGreaterThan(0);
    expect(search.body.items[0].category).toBe('agriculture');

    const report = await call('POST', '/reports', {
      reportName: 'e2e contents',
      reportType: 'detailed',
      reportConfig: { source: 'contents', columns: ['name', 'category', 'language'] },
      filters: { executionId: started.body.id },
      outputFormats: ['csv'],
    });
    expect(report.status).toBe(201);
    const run = await call('POST', `/reports/${report.body.id}/executions`, { format: 'csv' });
    expect(run.status).toBe(202);
    const rendered = await eventually(
      async () => {
        const res = await call('GET', `/report-executions/${run.body.id}`);
        expect(res.body.status).toBe('Success');
        return res.body;
      },
      { timeoutMs: 20_000 },
    );
    const download = await fetch(`${platform.gatewayUrl}/api/v1/report-executions/${rendered.id}/download`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toContain('text/csv');
    const csv = await download.text();
    expect(csv.split('\r\n')[0]).toBe('name,category,language');
    expect(csv).toContain('prices-2026-q3.csv');
    expect(csv).toContain('agriculture');

    const audit = new Client({ connectionString: platform.databases.audit!.url });
    await audit.connect();
    try {
      await eventually(
        async () => {
          const { rows } = await audit.query('SELECT DISTINCT event_type FROM audit_logs');
          expect(rows.map((r) => r.event_type)).toEqual(
            expect.arrayContaining([
              'auth.user.registered',
              'auth.user.logged-in',
              'workflows.workflow.created',
              'workflows.execution.created',
              'workflows.execution.stage-requested',
              'ingestion.stage.completed',
              'ingestion.content.fetched',
              'processing.stage.completed',
              'processing.content.processed',
              'workflows.execution.finished',
            ]),
          );
          expect(rows.some((r) => r.event_type.startsWith('reporting.report.'))).toBe(true);
          expect(rows.some((r) => r.event_type.startsWith('reporting.report-execution.'))).toBe(true);
        },
        { timeoutMs: 20_000 },
      );
      const { rows } = await audit.query(
        `SELECT user_email FROM audit_logs WHERE event_type = 'workflows.execution.created' AND resource_id = $1`,
        [`execution-${started.body.id}`],
      );
      expect(rows[0].user_email).toBe('runner@example.com');
    } finally {
      await audit.end();
    }
  });

  it('retries an unreachable source, then fails the run with a clear error code', async () => {
    const dead = await source({ name: 'dead', type: 'api', url: 'http://127.0.0.1:9/nothing', format: 'json' });
    const workflow = await activeWorkflow('e2e unreachable', [dead], { maxRetries: 1 });
    const done = await settled((await call('POST', `/workflows/${workflow.id}/executions`, {})).body.id);
    expect(done).toMatchObject({ status: 'Failed', errorCode: 'INGESTION.SOURCE_UNREACHABLE' });
    expect(done.stages[0]).toMatchObject({ status: 'Failed', attempt: 2 });
  });

  it('ends in Timeout when a stage exceeds its timeout', async () => {
    const slow = await source({ name: 'slow', type: 'api', url: `${apiUrl}/slow`, format: 'json' });
    const res = await call('POST', '/workflows', {
      name: 'e2e timeout',
      status: 'active',
      configuration: {
        stages: [
          { name: 'fetch', type: 'fetching', dataSources: [slow], timeoutSeconds: 1 },
          { name: 'proc', type: 'processing' },
        ],
      },
    });
    const done = await settled((await call('POST', `/workflows/${res.body.id}/executions`, {})).body.id);
    expect(done).toMatchObject({ status: 'Timeout', errorCode: 'WORKFLOWS.STAGE_TIMEOUT' });
    for (const release of held.splice(0)) release();
  });

  it('cancels mid-run; the stage finishing later changes nothing', async () => {
    const slow = await source({ name: 'slow-cancel', type: 'api', url: `${apiUrl}/slow`, format: 'json' });
    const workflow = await activeWorkflow('e2e cancel', [slow]);
    const started = (await call('POST', `/workflows/${workflow.id}/executions`, {})).body;
    await eventually(() => expect(held.length).toBeGreaterThan(0), { timeoutMs: 15_000 });
    const cancelled = await call('POST', `/executions/${started.id}/cancel`);
    expect(cancelled.body.status).toBe('Cancelled');
    const before = (await call('GET', `/executions/${started.id}`)).body;
    for (const release of held.splice(0)) release();
    // Whatever ingestion does with the released fetch, the run stays as it was (the exact
    // late-answer case is pinned in apps/workflows/test/orchestration.int-spec.ts).
    await new Promise((r) => setTimeout(r, 1_500));
    const after = (await call('GET', `/executions/${started.id}`)).body;
    expect(after).toEqual(before);
  });

  it('passes signed webhook payloads through the gateway byte for byte', async () => {
    const secret = 'a webhook secret of some length';
    const hook = await source({ name: 'hook', type: 'webhook', secret });
    // Standard Webhooks: v1,<base64 HMAC-SHA256 of "id.timestamp.body">.
    let n = 0;
    const send = (body: string, contentType: string, forge = false) => {
      const id = `msg_e2e_${++n}`;
      const timestamp = String(Math.floor(Date.now() / 1000));
      const signature = forge
        ? Buffer.alloc(32).toString('base64')
        : createHmac('sha256', secret).update(`${id}.${timestamp}.${body}`).digest('base64');
      return fetch(`${platform.gatewayUrl}/api/v1/webhooks/${hook}`, {
        method: 'POST',
        headers: { 'content-type': contentType, 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` },
        body,
      });
    };
    // Spacing a re-serialised body would lose, and a type the gateway's JSON parser would refuse.
    const first = await send('{ "event" : "price", "value" : 6.5 }', 'application/json');
    expect({ status: first.status, body: first.status === 202 ? null : await first.text() }).toEqual({ status: 202, body: null });
    expect((await send('{"a":1}\n{"a":2}\n', 'application/x-ndjson')).status).toBe(202);
    const forged = await send('{ "event" : "price" }', 'application/json', true);
    expect(forged.status).toBe(401);
  });

  it('refuses an invalid configuration with 400 before anything is stored', async () => {
    const res = await call('POST', '/workflows', {
      name: 'bad',
      configuration: { stages: [{ name: 'f', type: 'fetching', dataSources: [] }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('WORKFLOWS.INVALID_CONFIGURATION');
    expect((await call('GET', '/workflows?q=bad')).body.items).toEqual([]);
  });
});
