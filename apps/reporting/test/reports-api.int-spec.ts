import { Client } from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { createOrmConfig, rebuildProjections } from '@mindhill/persistence';
import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { signToken } from '../../../test/support/tokens';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { reportingProjections } from '../src/reporting.projections';

// Shared with the viewer (user 8) who reads them below; private to everyone else.
const summary = {
  sharedWithUsers: [8],
  reportName: 'Run summary',
  reportType: 'summary',
  category: 'ops',
  reportConfig: { source: 'executions', columns: ['workflow_name', 'status', 'bytes_processed'] },
  grouping: { by: 'status' },
  sorting: { field: 'count', direction: 'desc' },
  outputFormats: ['json', 'csv'],
};

describe('report definitions API', () => {
  let platform: TestPlatform;
  let db: Client;
  let user: string;
  let viewer: string;
  let admin: string;
  const url = (path: string) => `${platform.gatewayUrl}${path}`;

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['reporting', 'audit'] });
    db = new Client({ connectionString: platform.databases.reporting!.url });
    await db.connect();
    user = await signToken(platform.tokenKey, { role: 'user', userNumber: 7, email: 'ana@example.com' });
    viewer = await signToken(platform.tokenKey, { role: 'viewer', userNumber: 8 });
    admin = await signToken(platform.tokenKey, { role: 'admin', userNumber: 1 });
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  const counts = async () => ({
    reports: Number((await db.query('SELECT count(*) AS n FROM flux_reports')).rows[0].n),
    events: Number((await db.query('SELECT count(*) AS n FROM stored_event')).rows[0].n),
  });

  it('creates, reads, updates and archives a report, recording the actor', async () => {
    const created = await http('POST', url('/api/v1/reports'), { token: user, body: summary });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      number: expect.any(Number),
      reportName: 'Run summary',
      reportType: 'summary',
      category: 'ops',
      status: 'active',
      reportConfig: summary.reportConfig,
      grouping: { by: 'status' },
      sorting: { field: 'count', direction: 'desc' },
      outputFormats: ['json', 'csv'],
      filters: null,
      emailRecipients: [],
      isScheduled: false,
      scheduleTimezone: 'UTC',
      createdBy: 7,
      runCount: 0,
      lastRunAt: null,
    });
    const id = created.body.id;

    const read = await http('GET', url(`/api/v1/reports/${id}`), { token: viewer });
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
    // Someone it is not shared with: no such report.
    const stranger = await signToken(platform.tokenKey, { role: 'viewer', userNumber: 9 });
    expect((await http('GET', url(`/api/v1/reports/${id}`), { token: stranger })).status).toBe(404);
    expect((await http('GET', url('/api/v1/reports'), { token: stranger })).body.items).toEqual([]);

    const updated = await http('PATCH', url(`/api/v1/reports/${id}`), {
      token: user,
      body: { reportName: 'Runs by status', filters: { status: 'Success' }, category: 'ops' },
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ reportName: 'Runs by status', filters: { status: 'Success' }, category: 'ops' });
    const {
      rows: [event],
    } = await db.query(`SELECT payload FROM stored_event WHERE type = 'reporting.report.updated' AND stream_id = $1`, [`report-${id}`]);
    // Only what changed: category was sent with its current value.
    expect(event.payload.previous).toEqual({ reportName: 'Run summary', filters: null });
    expect(event.payload.changes).toEqual({ reportName: 'Runs by status', filters: { status: 'Success' } });

    const paused = await http('PATCH', url(`/api/v1/reports/${id}`), { token: user, body: { status: 'inactive' } });
    expect(paused.body.status).toBe('inactive');
    const empty = await http('PATCH', url(`/api/v1/reports/${id}`), { token: user, body: {} });
    expect([empty.status, empty.body.error.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);

    const archived = await http('POST', url(`/api/v1/reports/${id}/archive`), { token: user });
    expect(archived.status).toBe(200);
    expect(archived.body).toMatchObject({ status: 'archived', archivedAt: expect.any(String) });
    const {
      rows: [archivedEvent],
    } = await db.query(`SELECT payload FROM stored_event WHERE type = 'reporting.report.archived' AND stream_id = $1`, [`report-${id}`]);
    expect(archivedEvent.payload.previousStatus).toBe('inactive');
    const again = await http('POST', url(`/api/v1/reports/${id}/archive`), { token: user });
    expect([again.status, again.body.error.code]).toEqual([409, 'REPORTING.REPORT_ARCHIVED']);
    const late = await http('PATCH', url(`/api/v1/reports/${id}`), { token: user, body: { reportName: 'x' } });
    expect([late.status, late.body.error.code]).toEqual([409, 'REPORTING.REPORT_ARCHIVED']);
    const run = await http('POST', url(`/api/v1/reports/${id}/executions`), { token: user, body: { format: 'json' } });
    expect([run.status, run.body.error.code]).toEqual([409, 'REPORTING.REPORT_ARCHIVED']);

    // The audit log holds the three report events with the actor and the old/new values.
    await eventually(
      async () => {
        const res = await http('GET', url(`/api/v1/audit-logs?resourceId=report-${id}`), { token: admin });
        expect(res.body.items.map((i: { eventType: string }) => i.eventType).sort()).toEqual([
          'reporting.report.archived',
          'reporting.report.created',
          'reporting.report.updated',
          'reporting.report.updated',
        ]);
        const update = res.body.items.find(
          (i: { eventType: string; newValues: { reportName?: string } }) =>
            i.eventType === 'reporting.report.updated' && i.newValues.reportName,
        );
        expect(update).toMatchObject({
          eventCategory: 'report',
          eventAction: 'update',
          userNumber: 7,
          userEmail: 'ana@example.com',
          resourceName: 'Runs by status',
          oldValues: { reportName: 'Run summary', filters: null },
          newValues: { reportName: 'Runs by status', filters: { status: 'Success' } },
        });
      },
      { timeoutMs: 30_000 },
    );
  });

  it.each([
    ['an unknown field', 'REQUEST.UNKNOWN_FIELDS', { ...summary, owner: 1 }],
    [
      'an unknown field inside reportConfig',
      'REQUEST.UNKNOWN_FIELDS',
      { ...summary, reportConfig: { source: 'executions', chart: 'pie' } },
    ],
    ['an unknown source', 'REQUEST.VALIDATION_FAILED', { ...summary, reportConfig: { source: 'users' } }],
    ['an unknown report type', 'REQUEST.VALIDATION_FAILED', { ...summary, reportType: 'weekly' }],
    ['an unknown output format', 'REQUEST.VALIDATION_FAILED', { ...summary, outputFormats: ['docx'] }],
    ['a missing name', 'REQUEST.VALIDATION_FAILED', { ...summary, reportName: undefined }],
    ['a bad time zone', 'REQUEST.VALIDATION_FAILED', { ...summary, scheduleTimezone: 'Mars/Olympus' }],
    [
      'a column the source lacks',
      'REPORTING.INVALID_DEFINITION',
      { ...summary, reportConfig: { source: 'executions', columns: ['size_bytes'] } },
    ],
    ['a filter the source lacks', 'REPORTING.INVALID_DEFINITION', { ...summary, filters: { tag: 'x' } }],
    [
      'sorting on a column the grouped rows lack',
      'REPORTING.INVALID_DEFINITION',
      { ...summary, sorting: { field: 'workflow_name', direction: 'asc' } },
    ],
    ['a schedule without cron', 'REPORTING.INVALID_DEFINITION', { ...summary, isScheduled: true }],
  ])('refuses %s with 400 %s and writes nothing', async (_what, code, body) => {
    const before = await counts();
    const res = await http('POST', url('/api/v1/reports'), { token: user, body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(await counts()).toEqual(before);
  });

  it('answers 404 for an unknown report, 403 to a viewer who writes', async () => {
    const missing = await http('GET', url('/api/v1/reports/3f1c0f4e-4a64-4b8e-9a31-3b2b7a0f0000'), { token: viewer });
    expect([missing.status, missing.body.error.code]).toEqual([404, 'REPORTING.REPORT_NOT_FOUND']);
    const notUuid = await http('GET', url('/api/v1/reports/12'), { token: viewer });
    expect(notUuid.status).toBe(404);
    const forbidden = await http('POST', url('/api/v1/reports'), { token: viewer, body: summary });
    expect(forbidden.status).toBe(403);
  });

  it('lists with filters and keyset pagination', async () => {
    for (const [name, category, type] of [
      ['Alpha weekly', 'finance', 'detailed'],
      ['Beta', 'finance', 'summary'],
      ['alpha daily', 'ops', 'custom'],
    ]) {
      expect(
        (await http('POST', url('/api/v1/reports'), { token: user, body: { ...summary, reportName: name, category, reportType: type } }))
          .status,
      ).toBe(201);
    }
    const names = async (query: string) =>
      (await http('GET', url(`/api/v1/reports${query}`), { token: viewer })).body.items.map((r: { reportName: string }) => r.reportName);
    expect(await names('?name=ALPHA')).toEqual(['alpha daily', 'Alpha weekly']);
    expect(await names('?category=finance')).toEqual(['Beta', 'Alpha weekly']);
    expect(await names('?type=custom')).toEqual(['alpha daily']);
    expect(await names('?status=archived')).toEqual(['Runs by status']);
    expect(await names('?name=%25')).toEqual([]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { reportName: string }[]; nextCursor: string | null } } = await http(
        'GET',
        url(`/api/v1/reports?limit=2${cursor ? `&cursor=${cursor}` : ''}`),
        { token: viewer },
      );
      seen.push(...res.body.items.map((r) => r.reportName));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['alpha daily', 'Beta', 'Alpha weekly', 'Runs by status']);

    const bad = await http('GET', url('/api/v1/reports?cursor=nope'), { token: viewer });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'REPORTING.INVALID_CURSOR']);
    const unknown = await http('GET', url('/api/v1/reports?owner=1'), { token: viewer });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'REQUEST.UNKNOWN_FIELDS']);
  });

  it('rebuilds flux_reports and report_executions from stored events into the same rows', async () => {
    const report = await http('POST', url('/api/v1/reports'), { token: user, body: { ...summary, reportName: 'Rebuilt' } });
    const run = await http('POST', url(`/api/v1/reports/${report.body.id}/executions`), {
      token: user,
      body: { format: 'csv', executionName: 'first' },
    });
    expect(run.status).toBe(202);
    await eventually(async () =>
      expect((await http('GET', url(`/api/v1/report-executions/${run.body.id}`), { token: viewer })).body.status).toBe('Success'),
    );

    const snapshot = async () => ({
      reports: (await db.query('SELECT * FROM flux_reports ORDER BY id')).rows,
      executions: (await db.query('SELECT * FROM report_executions ORDER BY id')).rows,
    });
    const before = await snapshot();
    expect(before.executions).toHaveLength(1);
    expect(before.reports.find((r) => r.report_name === 'Rebuilt')).toMatchObject({ run_count: 1, last_run_status: 'Success' });

    const orm = await MikroORM.init(
      createOrmConfig({ clientUrl: platform.databases.reporting!.url, entities: reportingProjections.entities, migrations: [] }),
    );
    try {
      await rebuildProjections(orm, 'reporting', reportingProjections);
    } finally {
      await orm.close();
    }
    expect(await snapshot()).toEqual(before);
    // The sequences continue after the replayed ids.
    const next = await http('POST', url('/api/v1/reports'), { token: user, body: { ...summary, reportName: 'After rebuild' } });
    expect(next.body.number).toBe(Math.max(...before.reports.map((r) => r.id)) + 1);
  });
});
