import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { ErrorCodeScanner } from '../../../../scripts/openapi/error-codes';
import { generateOpenApi } from '../../../../scripts/openapi/generate';
import { buildOpenApiDocument } from './document';

type Response = {
  description: string;
  content?: Record<string, { schema: Record<string, unknown> }>;
  $ref?: string;
  'x-error-codes'?: string[];
};
type Operation = { responses: Record<string, Response>; 'x-error-codes': string[] };

const root = path.resolve(__dirname, '../../../..');
const document = generateOpenApi(root) as unknown as {
  paths: Record<string, Record<string, Operation>>;
  components: { responses: Record<string, Response> };
};
const operations = Object.entries(document.paths).flatMap(([p, ops]) =>
  Object.entries(ops).map(([m, op]) => ({ key: `${m.toUpperCase()} ${p}`, op })),
);
const op = (method: string, p: string) => document.paths[`/api/v1${p}`]![method]!;
// The codes a status of an operation answers, its own or those of the shared response it points to.
const codesAt = (operation: Operation, status: number) => {
  const response = operation.responses[String(status)];
  if (!response) return [];
  return response['x-error-codes'] ?? document.components.responses[response.$ref!.split('/').pop()!]!['x-error-codes'] ?? [];
};

describe('the answers and error codes of the OpenAPI document', () => {
  it('gives every operation a success answer with a schema from the services', () => {
    const without = operations.filter(({ op: o }) => {
      const [status, success] = Object.entries(o.responses).find(([s]) => s.startsWith('2'))!;
      if (status === '204') return false;
      const schema = Object.values(success.content ?? {})[0]?.schema;
      return !schema || Object.keys(schema).length === 0;
    });
    expect(operations.length).toBeGreaterThan(100);
    expect(without.map((o) => o.key)).toEqual([]);
  });

  it('describes the objects it answers field by field, refusing any other field', () => {
    const workflow = op('get', '/workflows/{id}').responses['200']!.content!['application/json']!.schema;
    expect(workflow).toMatchObject({ type: 'object', additionalProperties: false });
    expect(workflow.required).toEqual(expect.arrayContaining(['id', 'name', 'status', 'createdAt', 'statistics']));
    expect((workflow.properties as Record<string, unknown>).createdAt).toMatchObject({ type: 'string', format: 'date-time' });
    expect(op('get', '/report-executions/{id}/download').responses['200']!.content).toHaveProperty('application/octet-stream');
  });

  it('gives every operation the shared error answer and the list of its codes', () => {
    // The gateway's own route serves a file kept in memory: nothing it could refuse.
    for (const { key, op: o } of operations.filter((o) => o.key !== 'GET /api/v1/openapi.json')) {
      const errors = Object.entries(o.responses).filter(([s]) => !s.startsWith('2'));
      expect([key, errors.length > 0]).toEqual([key, true]);
      for (const [status, response] of errors) {
        const target = response.$ref ? document.components.responses[response.$ref.split('/').pop()!]! : response;
        const codes = codesAt(o, Number(status));
        const schema = target.content?.['application/json']?.schema as { allOf: unknown[] } | undefined;
        expect([key, status, schema?.allOf]).toEqual([
          key,
          status,
          [
            { $ref: '#/components/schemas/Error' },
            { type: 'object', properties: { error: { type: 'object', properties: { code: { enum: codes } } } } },
          ],
        ]);
        expect([key, status, codes.length > 0]).toEqual([key, status, true]);
      }
      expect([key, o['x-error-codes'].length > 0]).toEqual([key, true]);
    }
  });

  it("lists the codes each route's use case throws, under the status they are answered with", () => {
    expect(codesAt(op('get', '/workflows/{id}'), 404)).toContain('WORKFLOWS.NOT_FOUND');
    expect(codesAt(op('post', '/workflows/{id}/executions'), 409)).toContain('WORKFLOWS.NOT_ACTIVE');
    expect(codesAt(op('get', '/reports/{id}'), 404)).toContain('REPORTING.REPORT_NOT_FOUND');
    expect(codesAt(op('post', '/data-sources'), 409)).toContain('INGESTION.DATA_SOURCE_NAME_TAKEN');
    expect(codesAt(op('post', '/data-sources'), 400)).toEqual(expect.arrayContaining(['INGESTION.FOLDER_NOT_ABSOLUTE', 'REQUEST.BAD_URL']));
    expect(codesAt(op('get', '/audit-logs'), 400)).toContain('AUDIT.INVALID_CURSOR');
    expect(codesAt(op('get', '/users'), 403)).toEqual(expect.arrayContaining(['AUTH.FORBIDDEN']));
    // The gateway's: tokens, idempotency keys, upstreams.
    expect(op('post', '/workflows')['x-error-codes']).toEqual(
      expect.arrayContaining([
        'AUTH.TOKEN_MISSING',
        'IDEMPOTENCY.KEY_REUSED',
        'GATEWAY.UPSTREAM_UNAVAILABLE',
        'WORKFLOWS.INVALID_CONFIGURATION',
      ]),
    );
    // A use case's codes stay on its routes: a read of workflows cannot answer a run's refusal.
    expect(op('get', '/workflows/{id}')['x-error-codes']).not.toContain('WORKFLOWS.RUN_QUEUE_FULL');
  });

  it('refuses a route whose handler declares no answer schema', () => {
    const rule = { method: 'GET', path: '/api/v1/things', upstream: 'audit', access: { kind: 'public' } } as const;
    const facts = {
      method: 'GET',
      path: '/api/v1/things',
      handler: 'ThingsController.list',
      successStatus: 200,
      params: {},
      validationCodes: [],
      errorCodes: [],
    };
    expect(() => buildOpenApiDocument([rule], [facts], '0')).toThrow('ThingsController.list declares no answer schema');
    expect(() => buildOpenApiDocument([rule], [{ ...facts, answer: z.object({ n: z.number() }) }], '0')).not.toThrow();
  });
});

describe('the error-code scanner', () => {
  let dir: string;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  };

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'error-codes-'));
    mkdirSync(path.join(dir, 'libs'));
    write(
      'app/domain/errors.ts',
      `const invalid = (code: string, m: string) => new DomainError(code, m, 'invalid');
       export const thingErrors = {
         notFound: () => new DomainError('THING.NOT_FOUND', 'no', 'not-found'),
         gone: () => new DomainError('THING.GONE', 'gone', 'gone'),
       };
       export const check = () => invalid('THING.BAD_NAME', 'bad');
       export const unused = () => new DomainError('THING.NEVER', 'n', 'conflict');`,
    );
    write(
      'app/application/get-thing.query.ts',
      `import { check, thingErrors } from '../domain/errors';\nexport class GetThingQuery { execute() { check(); throw thingErrors.notFound(); } }`,
    );
    write(
      'app/application/drop-thing.handler.ts',
      `export class DropThingHandler { run() { throw new DomainError('THING.BUSY', 'b', 'conflict'); } }`,
    );
    write(
      'app/interface/thing.http-controller.ts',
      `import { GetThingQuery } from '../application/get-thing.query';
       import { DropThingHandler } from '../application/drop-thing.handler';
       export class ThingController {
         constructor(private readonly getThing: GetThingQuery, private readonly dropThing: DropThingHandler) {}
         get() { return this.getThing.execute(); }
         drop() { if (Math.random()) throw new DomainError('THING.LOCKED', 'l', 'forbidden'); return this.dropThing.run(); }
       }`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('follows a method to the declarations it uses and finds their codes, through small factories too, and no others', () => {
    const scanner = new ErrorCodeScanner(dir);
    const controller = path.join(dir, 'app/interface/thing.http-controller.ts');
    expect(scanner.codesOf(controller, 'ThingController', 'get')).toEqual([
      { code: 'THING.BAD_NAME', status: 400 },
      { code: 'THING.NOT_FOUND', status: 404 },
    ]);
    expect(scanner.codesOf(controller, 'ThingController', 'drop')).toEqual([
      { code: 'THING.BUSY', status: 409 },
      { code: 'THING.LOCKED', status: 403 },
    ]);
  });
});
