import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { createTestDatabase, eventually, TestDatabase, testEnv } from '@mindhill/testing';
import { ingestionMigrations } from '../../apps/ingestion/src/migrations';
import { freePort } from '../support/free-port';
import { http } from '../support/http';
import { signToken } from '../support/tokens';
import { startTestPlatform, TestPlatform } from '../support/test-platform';

const root = path.resolve(__dirname, '../..');
const ITEMS = JSON.stringify([
  { id: 1, text: 'first item about wheat' },
  { id: 2, text: 'second item about solar energy' },
]);

// kill -9 of a worker service in the middle of a stage, then a restart: the run must finish with
// no duplicated content or history rows.
describe('a worker killed mid-stage', () => {
  let source: Server;
  let held = true;
  let requests = 0;
  const waiting: (() => void)[] = [];
  let db: TestDatabase;
  let env: Record<string, string>;
  let child: ChildProcess | undefined;
  let platform: TestPlatform;
  let port: number;

  const startIngestion = async () => {
    child = spawn(process.execPath, [path.join(root, 'dist/apps/ingestion/src/main.js')], {
      env: { ...process.env, ...env, INGESTION_DATABASE_URL: db.url, INGESTION_PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await eventually(async () => expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200), {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
  };

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(root, 'scripts/build.js')], { cwd: root, stdio: 'ignore' });
    source = createServer((_req, res) => {
      requests++;
      const answer = () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(ITEMS);
      };
      if (held) waiting.push(answer);
      else answer();
    });
    await new Promise<void>((r) => source.listen(0, '127.0.0.1', r));
    port = await freePort();
    db = await createTestDatabase('ingestion', ingestionMigrations);
    env = testEnv({
      INGESTION_JOB_LEASE_MS: '1500',
      INGESTION_URL: `http://127.0.0.1:${port}`,
      INGESTION_FETCH_TIMEOUT_MS: '60000',
      // The outbound guard lets `api` sources reach this fixture only.
      OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${(source.address() as AddressInfo).port}`,
    });
    await startIngestion();
    platform = await startTestPlatform({ services: ['workflows', 'processing'], env });
  }, 180_000); // several services start here, with their topics and consumer groups
  afterAll(async () => {
    held = false;
    for (const w of waiting.splice(0)) w();
    child?.kill('SIGKILL');
    await platform?.close();
    await db?.drop();
    source?.close();
  });

  it('finishes the run after a restart, with each row written once', async () => {
    const token = await signToken(platform.tokenKey, { role: 'user', userNumber: 7 });
    const call = (method: string, url: string, body?: unknown) => http(method, `${platform.gatewayUrl}/api/v1${url}`, { body, token });
    const src = (
      await call('POST', '/data-sources', {
        name: 'held',
        type: 'api',
        url: `http://127.0.0.1:${(source.address() as AddressInfo).port}/items`,
        format: 'json',
      })
    ).body;
    const wf = (
      await call('POST', '/workflows', {
        name: 'crash',
        status: 'active',
        maxRetries: 0,
        configuration: {
          stages: [
            { name: 'fetch', type: 'fetching', dataSources: [src.id], timeoutSeconds: 120 },
            { name: 'proc', type: 'processing' },
          ],
        },
      })
    ).body;
    const run = (await call('POST', `/workflows/${wf.id}/executions`, {})).body;

    // The fetch is under way in the worker: kill it without a chance to clean up.
    await eventually(() => expect(waiting.length).toBe(1), { timeoutMs: 20_000 });
    child!.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    held = false;
    for (const w of waiting.splice(0)) w();

    await startIngestion();
    const done = await eventually(
      async () => {
        const res = await call('GET', `/executions/${run.id}`);
        expect(res.body.status).toBe('Success');
        return res.body;
      },
      { timeoutMs: 45_000, intervalMs: 250 },
    );
    expect(done.contentProcessed).toBe(2);
    expect(requests).toBe(2);

    const ingestion = new Client({ connectionString: db.url });
    await ingestion.connect();
    try {
      const one = async (sql: string) => Number((await ingestion.query(sql, [run.id])).rows[0].n);
      expect(await one(`SELECT count(*) AS n FROM fetching_history WHERE execution_id::text = $1`)).toBe(1);
      expect(
        await one(`SELECT count(*) AS n FROM stored_event WHERE type = 'ingestion.stage.completed' AND payload->>'executionId' = $1`),
      ).toBe(1);
      expect(Number((await ingestion.query('SELECT count(*) AS n FROM fetched_contents')).rows[0].n)).toBe(2);
    } finally {
      await ingestion.end();
    }
    const processing = new Client({ connectionString: platform.databases.processing!.url });
    await processing.connect();
    try {
      expect(Number((await processing.query(`SELECT count(*) AS n FROM processing_history`)).rows[0].n)).toBe(1);
    } finally {
      await processing.end();
    }
  });
});
