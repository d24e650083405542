import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { eventually } from '@mindhill/testing';
import { http, HttpAnswer } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/test-platform';
import { authTestEnv } from '../../apps/auth/test/auth-test-env';

const ADMIN = { email: 'oas-admin@mindhill.test', password: 'the answers keeper 3.1' };
const FILES = path.resolve(__dirname, '../../examples/demo-data/files');
const DOCUMENT_FILE = path.resolve(__dirname, '../../apps/gateway/src/openapi/openapi.json');

type JsonSchema = Record<string, unknown>;
type Response = { content?: Record<string, { schema: JsonSchema }>; 'x-error-codes'?: string[]; $ref?: string };
type Operation = { responses: Record<string, Response>; 'x-error-codes': string[] };
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema>; responses: Record<string, Response> };
};

// A third-party JSON Schema 2020-12 validator (the dialect of OpenAPI 3.1), with the formats
// (uuid, date-time, email) checked, never trusted.
function validatorOf(document: Document) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const cache = new Map<string, ValidateFunction>();
  return (method: string, route: string, status: number): ValidateFunction => {
    const key = `${method} ${route} ${status}`;
    let validate = cache.get(key);
    if (!validate) {
      const operation = document.paths[`/api/v1${route}`]?.[method.toLowerCase()];
      if (!operation) throw new Error(`${method} ${route} is not in the document`);
      const schema = operation.responses[String(status)]?.content?.['application/json']?.schema;
      if (!schema) throw new Error(`${method} ${route} documents no JSON answer for ${status}`);
      validate = ajv.compile(schema);
      cache.set(key, validate);
    }
    return validate;
  };
}

const issuesOf = (validate: ValidateFunction, body: unknown) =>
  validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '$'} ${e.message} ${JSON.stringify(e.params)}`);

// Real answers of the main routes through the gateway, checked against the committed document:
// a field the code answers and the schema does not name (or the other way round), a wrong type,
// a timestamp that is not ISO 8601 fails here.
describe('the answers the API gives are the ones its OpenAPI document describes', () => {
  let platform: TestPlatform;
  let admin: string;
  const document = JSON.parse(readFileSync(DOCUMENT_FILE, 'utf8')) as Document;
  const validatorFor = validatorOf(document);
  const findings: string[] = [];
  const checked = new Set<string>();

  // Calls `url` and checks its answer against the schema of `route` (the document's path, with
  // {params}) for the status it answered, which must be the documented success status.
  async function call(method: string, route: string, url = route, body?: unknown): Promise<HttpAnswer> {
    const res = await http(method, `${platform.gatewayUrl}/api/v1${url}`, { body, token: admin });
    const success = Object.keys(document.paths[`/api/v1${route}`]?.[method.toLowerCase()]?.responses ?? {}).find((s) => s.startsWith('2'));
    expect({ method, url, status: res.status }).toEqual({ method, url, status: Number(success) });
    findings.push(...issuesOf(validatorFor(method, route, res.status), res.body).map((i) => `${method} ${url}: ${i}`));
    checked.add(`${method} ${route}`);
    return res;
  }

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['auth', 'workflows', 'ingestion', 'processing', 'reporting', 'audit'],
      env: authTestEnv({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, INGESTION_FILE_ROOTS: path.dirname(FILES) }),
    });
    admin = (await http('POST', `${platform.gatewayUrl}/api/v1/auth/login`, { body: ADMIN })).body.accessToken;
  }, 180_000);
  afterAll(() => platform?.close());

  it('in workflows, runs, data sources, contents, reports, audit logs, users, my account, sessions and settings', async () => {
    const source = await call('POST', '/data-sources', '/data-sources', { name: 'oas files', type: 'file', folder: FILES, glob: '*' });
    const workflow = await call('POST', '/workflow-templates/{templateName}/workflows', '/workflow-templates/data-processing/workflows', {
      name: 'oas pipeline',
      dataSources: [source.body.id],
      status: 'active',
    });
    const scheduled = await call('POST', '/workflows', '/workflows', {
      name: 'oas new year',
      status: 'active',
      configuration: { stages: [{ name: 'fetch', type: 'fetching', dataSources: [source.body.id] }] },
      scheduleCron: '0 0 0 1 1 *',
      scheduleTimezone: 'Europe/Paris',
    });
    const started = await call('POST', '/workflows/{id}/executions', `/workflows/${workflow.body.id}/executions`, { priority: 10 });
    await eventually(
      async () =>
        expect((await http('GET', `${platform.gatewayUrl}/api/v1/executions/${started.body.id}`, { token: admin })).body.status).toBe(
          'Success',
        ),
      {
        timeoutMs: 45_000,
        intervalMs: 200,
      },
    );
    const report = await call('POST', '/reports', '/reports', {
      reportName: 'oas executions',
      reportType: 'detailed',
      reportConfig: { source: 'executions' },
      outputFormats: ['csv'],
    });
    const reportRun = await call('POST', '/reports/{id}/executions', `/reports/${report.body.id}/executions`, { format: 'csv' });
    await eventually(
      async () =>
        expect(
          (await http('GET', `${platform.gatewayUrl}/api/v1/report-executions/${reportRun.body.id}`, { token: admin })).body.status,
        ).toBe('Success'),
      { timeoutMs: 20_000 },
    );
    const content = await eventually(async () => {
      const items = (await http('GET', `${platform.gatewayUrl}/api/v1/contents`, { token: admin })).body.items;
      expect(items.length).toBeGreaterThan(0);
      return items[0];
    });
    await eventually(async () =>
      expect((await http('GET', `${platform.gatewayUrl}/api/v1/audit-logs`, { token: admin })).body.items.length).toBeGreaterThan(0),
    );

    const reads: [string, string][] = [
      ['/executions/{id}', `/executions/${started.body.id}`],
      ['/workflows/{id}/executions', `/workflows/${workflow.body.id}/executions`],
      ['/executions', '/executions'],
      ['/workflows', '/workflows'],
      ['/workflows/{id}', `/workflows/${workflow.body.id}`],
      ['/workflows/{id}/versions', `/workflows/${workflow.body.id}/versions`],
      ['/workflows/{id}/statistics', `/workflows/${workflow.body.id}/statistics`],
      ['/workflows/{id}/schedule', `/workflows/${scheduled.body.id}/schedule`],
      ['/workflow-templates', '/workflow-templates'],
      ['/workflow-schedules/preview', '/workflow-schedules/preview?cron=0%200%209%20*%20*%20*&timezone=Europe%2FParis'],
      ['/workflow-metrics/summary', '/workflow-metrics/summary'],
      ['/workflow-metrics/daily', '/workflow-metrics/daily'],
      ['/workflow-metrics/performance', '/workflow-metrics/performance'],
      ['/audit-logs', '/audit-logs'],
      ['/dead-letters', '/dead-letters'],
      ['/reports', '/reports'],
      ['/reports/{id}', `/reports/${report.body.id}`],
      ['/reports/{id}/executions', `/reports/${report.body.id}/executions`],
      ['/report-executions/{id}', `/report-executions/${reportRun.body.id}`],
      ['/report-executions/{id}/deliveries', `/report-executions/${reportRun.body.id}/deliveries`],
      ['/report-deliveries', '/report-deliveries'],
      ['/report-schedules/preview', '/report-schedules/preview?cron=0%209%20*%20*%201&timezone=UTC'],
      ['/data-sources', '/data-sources'],
      ['/data-sources/{id}', `/data-sources/${source.body.id}`],
      ['/fetchings', '/fetchings'],
      ['/contents', '/contents'],
      ['/contents/{id}', `/contents/${content.id}`],
      ['/contents/search', '/contents/search?q=wheat'],
      ['/processing-history', `/processing-history?executionId=${started.body.id}`],
      ['/settings', '/settings'],
      ['/settings/public', '/settings/public'],
      ['/users', '/users'],
      ['/auth/me', '/auth/me'],
      ['/auth/sessions', '/auth/sessions'],
      ['/auth/signing-keys', '/auth/signing-keys'],
      ['/auth/jwks', '/auth/jwks'],
      ['/admin/backups', '/admin/backups'],
      ['/admin/database-health', '/admin/database-health'],
    ];
    for (const [route, url] of reads) await call('GET', route, url);
    await call('PATCH', '/auth/me', '/auth/me', { displayName: 'OAS Admin' });
    await call('PATCH', '/workflows/{id}', `/workflows/${scheduled.body.id}`, { description: 'checked against the document' });
    await call('POST', '/workflows/{id}/deactivate', `/workflows/${scheduled.body.id}/deactivate`);
    await call('POST', '/workflows/{id}/copy', `/workflows/${workflow.body.id}/copy`, { name: 'oas copy' });
    await call('POST', '/users', '/users', { email: 'oas-user@mindhill.test', password: 'a user of the answers 1', role: 'user' });
    await call('POST', '/auth/login', '/auth/login', ADMIN);
    await call('POST', '/executions/retention', '/executions/retention', {});

    expect(findings).toEqual([]);
    expect(checked.size).toBeGreaterThanOrEqual(45);
  }, 120_000);

  it("refuses with the shared error envelope and a code the route's document lists", async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    // The route's error schema for the status: the shared envelope, its code one of the route's.
    const errorSchemaOf = (operation: Operation, status: number) => {
      let response = operation.responses[String(status)]!;
      if (response.$ref) response = document.components.responses[response.$ref.split('/').pop()!]!;
      return JSON.parse(
        JSON.stringify(response.content!['application/json']!.schema).replace(
          '{"$ref":"#/components/schemas/Error"}',
          JSON.stringify(document.components.schemas.Error),
        ),
      ) as JsonSchema;
    };
    const refusals: [string, string, string, number, unknown?][] = [
      ['GET', '/workflows/{id}', '/workflows/00000000-0000-4000-8000-000000000000', 404],
      ['GET', '/reports/{id}', '/reports/00000000-0000-4000-8000-000000000000', 404],
      ['GET', '/data-sources/{id}', '/data-sources/00000000-0000-4000-8000-000000000000', 404],
      ['POST', '/workflows', '/workflows', 400, { name: '' }],
      ['GET', '/executions', '/executions?status=Nope', 400],
    ];
    for (const [method, route, url, status, body] of refusals) {
      const res = await http(method, `${platform.gatewayUrl}/api/v1${url}`, { body, token: admin });
      expect({ url, status: res.status }).toEqual({ url, status });
      const operation = document.paths[`/api/v1${route}`]![method.toLowerCase()]!;
      expect(issuesOf(ajv.compile(errorSchemaOf(operation, status)), res.body)).toEqual([]);
      expect(operation['x-error-codes']).toContain(res.body.error.code);
      expect(operation.responses[String(status)]!['x-error-codes']).toContain(res.body.error.code);
    }
    const anonymous = await http('GET', `${platform.gatewayUrl}/api/v1/workflows`);
    expect(issuesOf(ajv.compile(errorSchemaOf(document.paths['/api/v1/workflows']!.get!, 401)), anonymous.body)).toEqual([]);
    // A code the route does not list fails that schema.
    const other = { error: { code: 'WORKFLOWS.SOMETHING_ELSE', message: 'x' }, correlationId: 'c' };
    expect(issuesOf(ajv.compile(errorSchemaOf(document.paths['/api/v1/workflows/{id}']!.get!, 404)), other)).not.toEqual([]);
  });

  it('fails when the document and the answer drift apart (the check can fail)', async () => {
    const res = await http('GET', `${platform.gatewayUrl}/api/v1/auth/me`, { token: admin });
    const drifted = structuredClone(document);
    const schema = drifted.paths['/api/v1/auth/me']!.get!.responses['200']!.content!['application/json']!.schema as {
      properties: Record<string, unknown>;
      required: string[];
    };
    // A field the code still answers, gone from the schema; then a field the code does not answer.
    delete schema.properties.timezone;
    schema.required = schema.required.filter((k) => k !== 'timezone');
    expect(issuesOf(validatorOf(drifted)('GET', '/auth/me', 200), res.body)).not.toEqual([]);
    const missing = structuredClone(document);
    const wanted = missing.paths['/api/v1/auth/me']!.get!.responses['200']!.content!['application/json']!.schema as { required: string[] };
    wanted.required.push('nickname');
    expect(issuesOf(validatorOf(missing)('GET', '/auth/me', 200), res.body)).not.toEqual([]);
  });
});
