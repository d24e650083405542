import path from 'node:path';
import { eventually } from '@mindhill/testing';
import { http } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/test-platform';
import { authTestEnv } from '../../apps/auth/test/auth-test-env';

const ADMIN = { email: 'iso-admin@mindhill.test', password: 'the iso keeper 8601' };
const FILES = path.resolve(__dirname, '../../examples/demo-data/files');
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
// A calendar day alone (the day of a daily metrics row) is ISO 8601 too, accepted only under a key
// that names a day.
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const DAY_KEYS = /^(date|day|execution_date|executionDate)$/;
const TIME_KEY = /(At|_at|Date|date|[Tt]ime)$/;
const LOOKS_LIKE_A_DATE = /^\d{4}-\d{2}-\d{2}/;

type Finding = { route: string; at: string; value: unknown };

// Every value under a timestamp-looking key, and every string that starts like a date.
function nonIso(route: string, value: unknown, at = '$', key = ''): Finding[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => nonIso(route, v, `${at}[${i}]`, key));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => nonIso(route, v, `${at}.${k}`, k));
  }
  if (typeof value === 'string') {
    const timeLike = TIME_KEY.test(key) || LOOKS_LIKE_A_DATE.test(value);
    if (!timeLike || ISO_8601.test(value) || (ISO_DAY.test(value) && DAY_KEYS.test(key))) return [];
    return [{ route, at, value }];
  }
  if (typeof value === 'number' && TIME_KEY.test(key) && !/(Seconds|Minutes|Ms|Hours|Days)$/.test(key)) {
    return [{ route, at, value }];
  }
  return [];
}

// JSON a user or a stage wrote (its keys are theirs) and maps keyed by data (field names, types).
const OWN_KEYS =
  /^(configuration|stageConfiguration|output|payload|eventDetails|oldValues|newValues|processingConfig|qualityMetrics|errorDetails|failedItems|processingMetadata|reportConfig|filters|details|value|metadata|byEventType|fields)$/;

// Every key of the API's own that is not camelCase.
function snakeKeys(route: string, value: unknown, at = '$'): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => snakeKeys(route, v, `${at}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => [
    ...(k.includes('_') ? [`${route} ${at}.${k}`] : []),
    ...(OWN_KEYS.test(k) ? [] : snakeKeys(route, v, `${at}.${k}`)),
  ]);
}

// After one small pipeline run and one report, the answers of the main GET routes through the
// gateway give every timestamp in ISO 8601 (never as PostgreSQL prints it).
describe('every timestamp the API answers is ISO 8601, under a camelCase key', () => {
  let platform: TestPlatform;
  let admin: string;
  const call = (method: string, route: string, body?: unknown) =>
    http(method, `${platform.gatewayUrl}/api/v1${route}`, { body, token: admin });

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['auth', 'workflows', 'ingestion', 'processing', 'reporting', 'audit'],
      env: authTestEnv({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, INGESTION_FILE_ROOTS: path.dirname(FILES) }),
    });
    admin = (await http('POST', `${platform.gatewayUrl}/api/v1/auth/login`, { body: ADMIN })).body.accessToken;
  }, 180_000);
  afterAll(() => platform?.close());

  it('in executions, workflows, statistics, the views, audit logs, reports, contents, history, settings, users and sessions', async () => {
    const source = await call('POST', '/data-sources', { name: 'files', type: 'file', folder: FILES, glob: '*' });
    expect(source.status).toBe(201);
    const workflow = await call('POST', '/workflow-templates/data-processing/workflows', {
      name: 'iso pipeline',
      dataSources: [source.body.id],
      status: 'active',
    });
    expect(workflow.status).toBe(201);
    const scheduled = await call('POST', '/workflows', {
      name: 'iso new year',
      status: 'active',
      configuration: { stages: [{ name: 'fetch', type: 'fetching', dataSources: [source.body.id] }] },
      scheduleCron: '0 0 0 1 1 *',
      scheduleTimezone: 'Europe/Paris',
    });
    expect(scheduled.status).toBe(201);
    const started = await call('POST', `/workflows/${workflow.body.id}/executions`, { priority: 10 });
    expect(started.status).toBe(202);
    await eventually(async () => expect((await call('GET', `/executions/${started.body.id}`)).body.status).toBe('Success'), {
      timeoutMs: 45_000,
      intervalMs: 200,
    });
    const report = await call('POST', '/reports', {
      reportName: 'iso executions',
      reportType: 'detailed',
      reportConfig: { source: 'executions' },
      outputFormats: ['csv'],
    });
    expect(report.status).toBe(201);
    const reportRun = await call('POST', `/reports/${report.body.id}/executions`, { format: 'csv' });
    expect(reportRun.status).toBe(202);
    await eventually(async () => expect((await call('GET', `/report-executions/${reportRun.body.id}`)).body.status).toBe('Success'), {
      timeoutMs: 20_000,
    });
    const content = await eventually(async () => {
      const items = (await call('GET', '/contents')).body.items;
      expect(items.length).toBeGreaterThan(0);
      return items[0];
    });
    await eventually(async () => expect((await call('GET', '/audit-logs')).body.items.length).toBeGreaterThan(0));
    await eventually(async () =>
      expect((await call('GET', `/processing-history?executionId=${started.body.id}`)).body.items.length).toBeGreaterThan(0),
    );

    const routes = [
      `/executions/${started.body.id}`,
      `/workflows/${workflow.body.id}/executions`,
      '/workflows',
      `/workflows/${workflow.body.id}`,
      `/workflows/${workflow.body.id}/versions`,
      `/workflows/${workflow.body.id}/statistics`,
      `/workflows/${scheduled.body.id}/schedule`,
      '/workflow-templates',
      '/workflow-schedules/preview?cron=0%200%209%20*%20*%20*&timezone=Europe%2FParis',
      '/workflow-metrics/summary',
      '/workflow-metrics/daily',
      '/workflow-metrics/performance',
      '/audit-logs',
      '/dead-letters',
      '/reports',
      `/reports/${report.body.id}`,
      `/reports/${report.body.id}/executions`,
      `/report-executions/${reportRun.body.id}`,
      '/data-sources',
      `/data-sources/${source.body.id}`,
      '/fetchings',
      '/contents',
      `/contents/${content.id}`,
      '/contents/search?q=wheat',
      `/processing-history?executionId=${started.body.id}`,
      '/settings',
      '/settings/public',
      '/users',
      '/auth/me',
      '/auth/sessions',
      '/auth/signing-keys',
    ];
    const findings: Finding[] = [];
    const snake: string[] = [];
    let timestamps = 0;
    for (const route of routes) {
      const res = await call('GET', route);
      expect({ route, status: res.status }).toEqual({ route, status: 200 });
      findings.push(...nonIso(route, res.body));
      snake.push(...snakeKeys(route, res.body));
      timestamps += JSON.stringify(res.body).match(/"\d{4}-\d{2}-\d{2}T[^"]*"/g)?.length ?? 0;
    }
    expect(findings).toEqual([]);
    // camelCase everywhere (docs/api.md, "Names").
    expect(snake).toEqual([]);
    // The walk saw timestamps (so an empty list of findings means something).
    expect(timestamps).toBeGreaterThan(50);
  });
});
