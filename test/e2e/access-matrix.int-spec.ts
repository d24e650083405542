import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { eventually } from '@mindhill/testing';
import { http } from '../support/http';
import { signToken } from '../support/tokens';
import { startTestPlatform, TestPlatform } from '../support/test-platform';

// Who may see and use what, through the real gateway with every service running: every read,
// list, search and download route × six callers, over a private resource (shared with one user
// and one viewer) and a public one; then data-source use at save and at run, and sharing changes.
type CallerName = 'owner' | 'sharedUser' | 'otherUser' | 'viewer' | 'sharedViewer' | 'admin';
const NUMBERS: Record<CallerName, number> = { owner: 101, sharedUser: 102, otherUser: 103, viewer: 104, sharedViewer: 105, admin: 1 };
const ROLES: Record<CallerName, 'user' | 'viewer' | 'admin'> = {
  owner: 'user',
  sharedUser: 'user',
  otherUser: 'user',
  viewer: 'viewer',
  sharedViewer: 'viewer',
  admin: 'admin',
};
const CALLERS = Object.keys(NUMBERS) as CallerName[];
const SHARED = [NUMBERS.sharedUser, NUMBERS.sharedViewer];
const seesPrivate = (c: CallerName) => ['owner', 'sharedUser', 'sharedViewer', 'admin'].includes(c);

// Each side's data carries its own word, so search hits tell them apart.
const DATA: Record<string, string> = {
  '/private.json': JSON.stringify([{ id: 1, title: 'zanzibar ledger', body: 'The zanzibar ledger lists private figures.' }]),
  '/public.json': JSON.stringify([{ id: 1, title: 'quokka census', body: 'The quokka census counts animals on the island.' }]),
};

type Side = {
  workflow: string;
  workflowNumber: number;
  execution: string;
  dataSource: string;
  content: string;
  word: string;
  report: string;
  reportExecution: string;
};

describe('ownership, sharing and isolation on every read, use and download', () => {
  let platform: TestPlatform;
  let api: Server;
  let apiUrl: string;
  const tokens = {} as Record<CallerName, string>;
  const as = (caller: CallerName, method: string, path: string, body?: unknown) =>
    http(method, `${platform.gatewayUrl}/api/v1${path}`, { token: tokens[caller], body });
  const side = {} as Record<'private' | 'public', Side>;

  const settled = (caller: CallerName, id: string) =>
    eventually(
      async () => {
        const res = await as(caller, 'GET', `/executions/${id}`);
        expect(['Success', 'Failed', 'Cancelled', 'Timeout']).toContain(res.body.status);
        return res.body;
      },
      { timeoutMs: 45_000, intervalMs: 200 },
    );

  async function build(kind: 'private' | 'public'): Promise<Side> {
    const sharing = kind === 'public' ? { isPublic: true } : { sharedWithUsers: SHARED };
    const source = await as('owner', 'POST', '/data-sources', {
      name: `${kind} news`,
      type: 'api',
      url: `${apiUrl}/${kind}.json`,
      format: 'json',
      ...sharing,
    });
    expect(source.status).toBe(201);
    const workflow = await as('owner', 'POST', '/workflow-templates/data-processing/workflows', {
      name: `${kind} workflow`,
      dataSources: [source.body.id],
      status: 'active',
      ...sharing,
    });
    expect(workflow.status).toBe(201);
    const run = await as('owner', 'POST', `/workflows/${workflow.body.id}/executions`, {});
    expect(run.status).toBe(202);
    expect(await settled('owner', run.body.id)).toMatchObject({ status: 'Success' });
    const contents = await as('owner', 'GET', `/contents?executionId=${run.body.id}`);
    expect(contents.body.items.length).toBeGreaterThan(0);
    const report = await as('owner', 'POST', '/reports', {
      reportName: `${kind} report`,
      reportType: 'detailed',
      reportConfig: { source: 'executions', columns: ['workflow_name', 'status'] },
      outputFormats: ['csv'],
      ...sharing,
    });
    expect(report.status).toBe(201);
    const rendered = await as('owner', 'POST', `/reports/${report.body.id}/executions`, { format: 'csv' });
    expect(rendered.status).toBe(202);
    await eventually(async () => expect((await as('owner', 'GET', `/report-executions/${rendered.body.id}`)).body.status).toBe('Success'), {
      timeoutMs: 20_000,
    });
    return {
      workflow: workflow.body.id,
      workflowNumber: workflow.body.number,
      execution: run.body.id,
      dataSource: source.body.id,
      content: contents.body.items[0].id,
      word: kind === 'private' ? 'zanzibar' : 'quokka',
      report: report.body.id,
      reportExecution: rendered.body.id,
    };
  }

  beforeAll(async () => {
    api = createServer((req, res) => {
      res.writeHead(DATA[req.url ?? ''] ? 200 : 404, { 'content-type': 'application/json' });
      res.end(DATA[req.url ?? ''] ?? '[]');
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', r));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    platform = await startTestPlatform({
      services: ['workflows', 'ingestion', 'processing', 'reporting', 'audit'],
      // The outbound guard lets exactly the fixture API through, nothing else on this machine.
      env: {
        WORKFLOWS_RETRY_BASE_MS: '50',
        WORKFLOWS_RETRY_MAX_MS: '100',
        GATEWAY_RATE_LIMIT_PER_HOUR: '10000000',
        OUTBOUND_ALLOW_HOSTS: new URL(apiUrl).host,
      },
    });
    for (const c of CALLERS)
      tokens[c] = await signToken(platform.tokenKey, { role: ROLES[c], userNumber: NUMBERS[c], email: `${c}@example.com` });
    side.private = await build('private');
    side.public = await build('public');
  }, 180_000);
  afterAll(async () => {
    await platform?.close();
    // Keep-alive sockets from ingestion's fetches would hold the server (and Jest) open.
    api?.closeAllConnections();
    await new Promise((r) => api?.close(r));
  });

  // A route that reads one thing: 200 for who may see it, 404 (not 403: nothing leaks) for the rest.
  const singleReads = (s: Side) => [
    `/workflows/${s.workflow}`,
    `/workflows/${s.workflow}/versions`,
    `/workflows/${s.workflow}/executions`,
    `/workflows/${s.workflow}/statistics`,
    `/workflows/${s.workflow}/schedule`,
    `/executions/${s.execution}`,
    `/data-sources/${s.dataSource}`,
    `/contents/${s.content}`,
    `/reports/${s.report}`,
    `/reports/${s.report}/executions`,
    `/report-executions/${s.reportExecution}`,
    `/report-executions/${s.reportExecution}/download`,
  ];

  // A list or search: whether the caller finds the thing in it.
  const listings = (s: Side): [string, (body: any) => boolean][] => [
    ['/workflows', (b) => b.items.some((w: any) => w.id === s.workflow)],
    ['/workflow-metrics/summary', (b) => b.items.some((m: any) => m.workflowId === s.workflow)],
    [
      '/workflow-metrics/performance',
      (b) => b.items.some((m: any) => m.metricType === 'workflow' && m.entityId === String(s.workflowNumber)),
    ],
    ['/data-sources', (b) => b.items.some((d: any) => d.id === s.dataSource)],
    [`/fetchings?executionId=${s.execution}`, (b) => b.items.length > 0],
    [`/contents?executionId=${s.execution}`, (b) => b.items.some((c: any) => c.id === s.content)],
    [`/contents/search?q=${s.word}`, (b) => b.items.length > 0],
    [`/processing-history?executionId=${s.execution}`, (b) => b.items.length > 0],
    ['/reports', (b) => b.items.some((r: any) => r.id === s.report)],
  ];

  it('answers every read, list, search and download exactly as the access rule says, for every caller', async () => {
    const mismatches = async () => {
      const found: string[] = [];
      for (const kind of ['private', 'public'] as const) {
        for (const caller of CALLERS) {
          const sees = kind === 'public' || seesPrivate(caller);
          for (const path of singleReads(side[kind])) {
            const res = await as(caller, 'GET', path);
            if (res.status !== (sees ? 200 : 404)) found.push(`${caller} GET ${kind} ${path}: ${res.status}, expected ${sees ? 200 : 404}`);
          }
          for (const [path, has] of listings(side[kind])) {
            const res = await as(caller, 'GET', path);
            if (res.status !== 200 || has(res.body) !== sees)
              found.push(`${caller} GET ${kind} ${path}: ${res.status}, ${sees ? 'missing' : 'listed'}`);
          }
        }
      }
      // daily_execution_metrics: one run each; a caller counts only the runs they may see.
      for (const caller of CALLERS) {
        const res = await as(caller, 'GET', '/workflow-metrics/daily');
        const runs = res.body.items.reduce((n: number, d: any) => n + d.totalExecutions, 0);
        if (runs !== (seesPrivate(caller) ? 2 : 1)) found.push(`${caller} daily metrics count ${runs} runs`);
      }
      return found;
    };
    // The other services hear of workflows and sharing by events: give them a moment.
    await eventually(async () => expect(await mismatches()).toEqual([]), { timeoutMs: 20_000, intervalMs: 500 });
  });

  it('lets nobody but the owner or an admin change or run what they may see, and viewers nothing at all', async () => {
    const { workflow, dataSource, report } = side.private;
    for (const caller of ['sharedUser', 'sharedViewer', 'viewer', 'otherUser'] as const) {
      const attempts = [
        ['PATCH', `/workflows/${workflow}`, { description: 'mine now' }],
        ['POST', `/workflows/${workflow}/executions`, {}],
        ['POST', `/workflows/${workflow}/deactivate`, undefined],
        ['PATCH', `/workflows/${workflow}`, { isPublic: true }],
        ['PATCH', `/data-sources/${dataSource}`, { usableByUsers: [NUMBERS[caller]] }],
        ['PATCH', `/reports/${report}`, { isPublic: true }],
        ['POST', `/reports/${report}/archive`, undefined],
      ] as const;
      for (const [method, path, body] of attempts) {
        const res = await as(caller, method, path, body);
        // Viewers are stopped by the gateway; a user who may see it gets a coded 403; a user
        // who may not see it finds nothing.
        const expected =
          ROLES[caller] === 'viewer' ? [403, 'AUTH.FORBIDDEN'] : seesPrivate(caller) ? [403, 'AUTH.NOT_OWNER'] : [404, expect.any(String)];
        expect({ caller, method, path, got: [res.status, res.body?.error?.code] }).toEqual({ caller, method, path, got: expected });
      }
    }
    // A report shared with a user may be run by them, not by a viewer it is shared with.
    expect((await as('sharedUser', 'POST', `/reports/${report}/executions`, { format: 'csv' })).status).toBe(202);
    expect((await as('sharedViewer', 'POST', `/reports/${report}/executions`, { format: 'csv' })).status).toBe(403);
    // Nothing changed.
    expect((await as('owner', 'GET', `/workflows/${workflow}`)).body).toMatchObject({
      isPublic: false,
      sharedWithUsers: SHARED,
      status: 'active',
      version: 1,
    });
  });

  it('refuses a data source the workflow owner may not use at save, even one they may see', async () => {
    const { dataSource } = side.private;
    const body = (name: string) => ({ name, dataSources: [dataSource], status: 'active' });
    // Seeing it (shared) or not: using it is a separate share. Workflows hears of data sources by events.
    for (const caller of ['sharedUser', 'otherUser'] as const) {
      await eventually(
        async () => {
          const res = await as(caller, 'POST', '/workflow-templates/data-processing/workflows', body(`${caller} borrows`));
          expect([res.status, res.body.error?.code]).toEqual([403, 'WORKFLOWS.DATA_SOURCE_NOT_USABLE']);
        },
        { timeoutMs: 15_000 },
      );
    }
    // Public is for seeing: a public data source is not usable by others either.
    const borrowPublic = await as('otherUser', 'POST', '/workflow-templates/data-processing/workflows', {
      name: 'public borrowed',
      dataSources: [side.public.dataSource],
    });
    expect([borrowPublic.status, borrowPublic.body.error?.code]).toEqual([403, 'WORKFLOWS.DATA_SOURCE_NOT_USABLE']);
    // Nor by editing a workflow of theirs to name it.
    const mine = await as('otherUser', 'POST', '/data-sources', {
      name: 'other news',
      type: 'api',
      url: `${apiUrl}/public.json`,
      format: 'json',
    });
    expect(mine.status).toBe(201);
    const own = await as('otherUser', 'POST', '/workflows', {
      name: 'other own',
      configuration: { stages: [{ name: 'fetch', type: 'fetching', dataSources: [mine.body.id] }] },
    });
    expect(own.status).toBe(201);
    const edited = await as('otherUser', 'PATCH', `/workflows/${own.body.id}`, {
      configuration: { stages: [{ name: 'fetch', type: 'fetching', dataSources: [dataSource] }] },
    });
    expect([edited.status, edited.body.error?.code]).toEqual([403, 'WORKFLOWS.DATA_SOURCE_NOT_USABLE']);
    // An admin may name any data source.
    expect((await as('admin', 'POST', '/workflow-templates/data-processing/workflows', body('admin borrows'))).status).toBe(201);
  });

  it('stops the next run with INGESTION.DATA_SOURCE_NOT_USABLE once the use share is withdrawn', async () => {
    const { dataSource } = side.private;
    const granted = await as('owner', 'PATCH', `/data-sources/${dataSource}`, { usableByUsers: [NUMBERS.sharedUser] });
    expect(granted.body).toMatchObject({ usableByUsers: [NUMBERS.sharedUser], sharedWithUsers: SHARED, isPublic: false });
    const workflow = await eventually(
      async () => {
        const res = await as('sharedUser', 'POST', '/workflow-templates/data-processing/workflows', {
          name: 'borrowed',
          dataSources: [dataSource],
          status: 'active',
        });
        expect(res.status).toBe(201);
        return res.body;
      },
      { timeoutMs: 15_000 },
    );
    const first = await settled('sharedUser', (await as('sharedUser', 'POST', `/workflows/${workflow.id}/executions`, {})).body.id);
    expect(first.status).toBe('Success');

    expect((await as('owner', 'PATCH', `/data-sources/${dataSource}`, { usableByUsers: [] })).body.usableByUsers).toEqual([]);
    const next = await settled('sharedUser', (await as('sharedUser', 'POST', `/workflows/${workflow.id}/executions`, {})).body.id);
    expect(next).toMatchObject({ status: 'Failed', errorCode: 'INGESTION.DATA_SOURCE_NOT_USABLE' });
  });

  it('changes sharing by PATCH (owner or admin), as an audited event, and reads follow at once', async () => {
    const { workflow, report } = side.private;
    expect((await as('otherUser', 'GET', `/workflows/${workflow}`)).status).toBe(404);
    const shared = await as('owner', 'PATCH', `/workflows/${workflow}`, { sharedWithUsers: [...SHARED, NUMBERS.otherUser] });
    expect(shared.body).toMatchObject({ sharedWithUsers: [...SHARED, NUMBERS.otherUser].sort((a, b) => a - b), version: 1 });
    expect((await as('otherUser', 'GET', `/workflows/${workflow}`)).status).toBe(200);
    await eventually(
      async () =>
        expect(
          (await as('otherUser', 'GET', `/processing-history?executionId=${side.private.execution}`)).body.items.length,
        ).toBeGreaterThan(0),
      { timeoutMs: 15_000 },
    );
    // An admin withdraws it again.
    expect((await as('admin', 'PATCH', `/workflows/${workflow}`, { sharedWithUsers: SHARED })).status).toBe(200);
    expect((await as('otherUser', 'GET', `/workflows/${workflow}`)).status).toBe(404);
    await eventually(
      async () =>
        expect((await as('otherUser', 'GET', `/processing-history?executionId=${side.private.execution}`)).body.items).toEqual([]),
      { timeoutMs: 15_000 },
    );
    // Reports share the same way.
    expect((await as('owner', 'PATCH', `/reports/${report}`, { isPublic: true })).status).toBe(200);
    expect((await as('viewer', 'GET', `/reports/${report}`)).status).toBe(200);
    expect((await as('owner', 'PATCH', `/reports/${report}`, { isPublic: false })).status).toBe(200);

    const audit = new Client({ connectionString: platform.databases.audit!.url });
    await audit.connect();
    try {
      const rows = await eventually(
        async () => {
          const { rows } = await audit.query(
            `SELECT user_email, old_values, new_values FROM audit_logs WHERE event_type = 'workflows.workflow.sharing-changed' AND resource_id = $1 ORDER BY created_at`,
            [`workflow-${workflow}`],
          );
          expect(rows).toHaveLength(2);
          return rows;
        },
        { timeoutMs: 20_000 },
      );
      expect(rows[0]).toMatchObject({
        user_email: 'owner@example.com',
        old_values: { sharedWithUsers: SHARED },
        new_values: { sharedWithUsers: [NUMBERS.sharedUser, NUMBERS.otherUser, NUMBERS.sharedViewer] },
      });
      expect(rows[1]).toMatchObject({ user_email: 'admin@example.com', new_values: { sharedWithUsers: SHARED } });
    } finally {
      await audit.end();
    }
  });
});
