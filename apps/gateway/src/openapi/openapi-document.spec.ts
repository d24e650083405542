import { readFileSync } from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import Fastify from 'fastify';
import { LiveSettings } from '@mindhill/messaging';
import { DOCUMENT_FILE, generateOpenApi, serialise } from '../../../../scripts/openapi/generate';
import { loadGatewayConfig } from '../gateway.config';
import { registerProxyRoutes } from '../routing/proxy.routes';
import { ROUTES } from '../routing/route-table';
import { buildOpenApiDocument } from './document';
import { registerOpenApiRoutes } from './openapi.routes';

const root = path.resolve(__dirname, '../../../..');
const committed = readFileSync(path.join(root, DOCUMENT_FILE), 'utf8');
const document = JSON.parse(committed) as { paths: Record<string, Record<string, { security: unknown[]; 'x-roles': string[] }>> };
const documented = () =>
  Object.entries(document.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`));

// The routes a gateway built like gatewayService registers, as Fastify sees them. Nothing here is
// called: the verifier, publisher and lists are only used by a request.
async function servedRoutes(): Promise<string[]> {
  const app = Fastify();
  const served: string[] = [];
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') served.push(`${method} ${route.url}`);
  });
  const config = loadGatewayConfig({ NODE_ENV: 'test', INTERNAL_API_TOKEN: 'x'.repeat(32), KAFKA_BROKERS: '127.0.0.1:1' });
  const unused = {} as never;
  await registerProxyRoutes(app, config, unused, unused, unused, new LiveSettings('test'), unused, unused, unused);
  registerOpenApiRoutes(app);
  await app.ready();
  await app.close();
  return served;
}

describe('the OpenAPI document', () => {
  it('is what npm run openapi generates from the route table and the controllers (never edited by hand)', () => {
    expect(committed).toBe(serialise(generateOpenApi(root)));
  });

  it('has every /api/v1 route the gateway serves, and no other', async () => {
    const served = (await servedRoutes()).filter((r) => r.split(' ')[1]!.startsWith('/api/v1/'));
    expect(served.length).toBe(ROUTES.length + 1);
    expect([...documented()].sort()).toEqual([...served].sort());
  });

  it("states each route's auth rule and roles", () => {
    for (const rule of ROUTES) {
      const op = document.paths[rule.path.replace(/:(\w+)/g, '{$1}')]![rule.method.toLowerCase()]!;
      expect([rule.path, op.security]).toEqual([rule.path, rule.access.kind === 'public' ? [] : [{ bearer: [] }]]);
      expect(op['x-roles']).toEqual(rule.access.kind === 'public' ? [] : rule.access.roles);
    }
  });

  it('refuses a route that no service controller serves', () => {
    const ghost = { method: 'GET', path: '/api/v1/ghosts', upstream: 'audit', access: { kind: 'public' } } as const;
    expect(() => buildOpenApiDocument([ghost], [], '0')).toThrow('GET /api/v1/ghosts');
  });

  it('passes a third-party OpenAPI 3.1 validator (@apidevtools/swagger-parser)', async () => {
    await expect(SwaggerParser.validate(JSON.parse(committed))).resolves.toBeTruthy();
  });

  it('is refused by that validator when it is broken (the check can fail)', async () => {
    const broken = JSON.parse(committed) as Exclude<Parameters<typeof SwaggerParser.validate>[0], string>;
    Reflect.set(broken, 'paths', { '/api/v1/workflows': { get: { responses: 'none' } } });
    await expect(SwaggerParser.validate(broken)).rejects.toThrow();
  });
});
