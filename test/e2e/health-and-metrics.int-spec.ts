import { Client } from 'pg';
import { TEST_POSTGRES_BASE, eventually } from '@mindhill/testing';
import { http } from '../support/http';
import { lintMetrics } from '../support/metrics-lint';
import { startTestPlatform, TestPlatform } from '../support/test-platform';

const SERVICES = ['auth', 'workflows', 'ingestion', 'processing', 'reporting', 'audit'] as const;

describe('probes and metrics on every app', () => {
  let platform: TestPlatform;
  let admin: Client;

  beforeAll(async () => {
    platform = await startTestPlatform({ services: [...SERVICES] });
    admin = new Client({ connectionString: TEST_POSTGRES_BASE });
    await admin.connect();
  }, 180_000); // several services start here, with their topics and consumer groups
  afterAll(async () => {
    const name = platform?.databases.auth?.name;
    if (name) await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    await admin?.end();
    await platform?.close();
  }, 180_000); // seven apps stop one after another, each waiting for its consumers' last fetch

  it.each([...SERVICES, 'gateway' as const])('%s answers live and ready with every check up', async (name) => {
    const base = platform.urls[name]!;
    const live = await http('GET', `${base}/health/live`);
    expect(live.status).toBe(200);
    expect(live.body.status).toBe('ok');
    const ready = await http('GET', `${base}/health/ready`);
    expect(ready.status).toBe(200);
    const expected = name === 'gateway' ? ['consumers', 'kafka', 'signing-keys'] : ['consumers', 'database', 'kafka', 'outbox'];
    expect(Object.keys(ready.body.details).sort()).toEqual(expected);
    for (const check of expected) expect(ready.body.details[check].status).toBe('up');
  });

  it.each([...SERVICES, 'gateway' as const])('%s serves /metrics that passes the exposition lint', async (name) => {
    const res = await fetch(`${platform.urls[name]}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(lintMetrics(text)).toEqual([]);
    for (const metric of [
      'process_cpu_seconds_total',
      'outbox_backlog_messages',
      'consumer_messages_total',
      'http_request_duration_seconds',
    ]) {
      expect(text).toContain(`# TYPE ${metric}`);
    }
  });

  it('answers 503 naming the database when the database is unreachable, and recovers', async () => {
    const name = platform.databases.auth!.name;
    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);

    const down = await http('GET', `${platform.urls.auth}/health/ready`);
    expect(down.status).toBe(503);
    expect(down.body.status).toBe('error');
    expect(down.body.error.database.status).toBe('down');
    expect(down.body.details.kafka.status).toBe('up');
    expect((await http('GET', `${platform.urls.auth}/health/live`)).status).toBe(200);

    await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
    await eventually(async () => expect((await http('GET', `${platform.urls.auth}/health/ready`)).status).toBe(200));
  });
});
