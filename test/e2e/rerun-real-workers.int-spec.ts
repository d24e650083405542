import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { eventually } from '@mindhill/testing';
import { http } from '../support/http';
import { SERVICE_CATALOG } from '../support/service-catalog';
import { signToken } from '../support/tokens';
import { startApp, startTestPlatform, TestPlatform } from '../support/test-platform';

const ITEMS = JSON.stringify([
  { id: 1, text: 'Wheat prices climb as a dry spring cuts the harvest forecast.' },
  { id: 2, text: 'A new solar farm delivers energy to the regional grid.' },
]);

// A rerun against the real ingestion and processing workers. The processing worker is down
// while the first run reaches its processing stage, which times out; with the worker back, the
// rerun from that stage processes the content the first run fetched, without fetching again.
describe('rerun from the failed stage with the real workers', () => {
  let platform: TestPlatform;
  let source: Server;
  let fetches = 0;
  let token: string;
  const call = (method: string, url: string, body?: unknown) => http(method, `${platform.gatewayUrl}/api/v1${url}`, { body, token });
  const settled = (id: string, status: string) =>
    eventually(
      async () => {
        const res = await call('GET', `/executions/${id}`);
        expect(res.body.status).toBe(status);
        return res.body;
      },
      { timeoutMs: 45_000, intervalMs: 200 },
    );
  async function rows(service: 'ingestion' | 'processing', sql: string, params: unknown[]) {
    const db = new Client({ connectionString: platform.databases[service]!.url });
    await db.connect();
    try {
      return (await db.query(sql, params)).rows;
    } finally {
      await db.end();
    }
  }

  beforeAll(async () => {
    source = createServer((_req, res) => {
      fetches++;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(ITEMS);
    });
    await new Promise<void>((r) => source.listen(0, '127.0.0.1', r));
    platform = await startTestPlatform({
      services: ['workflows', 'ingestion', 'processing'],
      env: { OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${(source.address() as AddressInfo).port}` },
    });
    token = await signToken(platform.tokenKey, { role: 'user', userNumber: 7 });
  }, 180_000); // several services start here, with their topics and consumer groups
  afterAll(async () => {
    await platform?.close();
    source?.close();
  });

  it('processes the content the failed run fetched: one fetch in all, the rerun Success', async () => {
    const src = await call('POST', '/data-sources', {
      name: 'items',
      type: 'api',
      url: `http://127.0.0.1:${(source.address() as AddressInfo).port}/items`,
      format: 'json',
    });
    expect(src.status).toBe(201);
    const wf = await call('POST', '/workflows', {
      name: 'rerun with workers',
      status: 'active',
      maxRetries: 0,
      configuration: {
        stages: [
          { name: 'fetch', type: 'fetching', dataSources: [src.body.id], timeoutSeconds: 60 },
          { name: 'proc', type: 'processing', timeoutSeconds: 3 },
          { name: 'norm', type: 'normalization', timeoutSeconds: 60 },
        ],
      },
    });
    expect(wf.status).toBe(201);

    // The processing worker stops (its database, topics and consumer group stay).
    const port = new URL(platform.urls.processing!).port;
    await platform.apps.processing!.close();
    delete platform.apps.processing;
    const first = await call('POST', `/workflows/${wf.body.id}/executions`, {});
    expect(first.status).toBe(202);
    const old = await settled(first.body.id, 'Timeout');
    expect(old.stages.map((s: any) => s.status)).toEqual(['Success', 'Failed', 'Skipped']);
    expect(old.contentProcessed).toBe(2);

    // Back, it catches up with the content events it missed; the rerun starts at processing.
    const { app } = await startApp(SERVICE_CATALOG.processing.build({ ...platform.env, PROCESSING_PORT: port }));
    platform.apps.processing = app;
    const rerun = await call('POST', `/executions/${old.id}/rerun`, {});
    expect(rerun.status).toBe(202);
    expect(rerun.body).toMatchObject({ rerunOf: old.id, trigger: { kind: 'rerun', fromStage: 2 } });
    const done = await settled(rerun.body.id, 'Success');
    expect(done.stages.map((s: any) => [s.status, s.carriedOverFrom])).toEqual([
      ['Skipped', old.id],
      ['Success', null],
      ['Success', null],
    ]);
    expect(done.stages[1]).toMatchObject({ itemsProcessed: 2, itemsSuccessful: 2 });
    expect(done.stages[2]).toMatchObject({ itemsProcessed: 2, itemsSuccessful: 2 });

    // One fetch in all: no fetching history, no fetch job, no new content for the rerun.
    expect(fetches).toBe(1);
    const fetchings = await rows('ingestion', `SELECT execution_id::text AS id FROM fetching_history`, []);
    expect(fetchings.map((r) => r.id)).toEqual([old.id]);
    // The rerun's own processing history and texts, stage 3 reading stage 2's.
    const history = await rows(
      'processing',
      `SELECT stage_order, status, content_successful FROM processing_history WHERE execution_uuid = $1 ORDER BY stage_order`,
      [rerun.body.id],
    );
    expect(history).toEqual([
      { stage_order: 2, status: 'Success', content_successful: 2 },
      { stage_order: 3, status: 'Success', content_successful: 2 },
    ]);
    const texts = await rows(
      'processing',
      `SELECT stage_order, count(*)::int AS n FROM content_stage_text WHERE execution_id = $1 GROUP BY 1 ORDER BY 1`,
      [rerun.body.id],
    );
    expect(texts).toEqual([
      { stage_order: 2, n: 2 },
      { stage_order: 3, n: 2 },
    ]);
  });
});
