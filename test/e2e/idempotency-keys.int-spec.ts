import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import Redis from 'ioredis';
import { Client } from 'pg';
import { eventually } from '@mindhill/testing';
import { http } from '../support/http';
import { signToken } from '../support/tokens';
import { startTestPlatform, TestPlatform } from '../support/test-platform';

const SOURCE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

// Stands in for the ingestion service: counts the data-source creations it is asked for and
// answers each as the test says, when the test says.
class FakeIngestion {
  calls = 0;
  answer: (res: ServerResponse) => void = (res) => this.created(res);
  private readonly server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      this.calls++;
      this.answer(res);
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  created(res: ServerResponse) {
    const id = `ds-${this.calls}`;
    res.writeHead(201, { 'content-type': 'application/json; charset=utf-8', location: `/api/v1/data-sources/${id}` });
    res.end(JSON.stringify({ id }));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

// Idempotency-Key on the POSTs that create or start something (ADR 0022), through real gateways
// (two replicas sharing Redis, and one keeping its records in memory) in front of the real
// workflows service.
describe('Idempotency-Key: one effect per key and request', () => {
  let platform: TestPlatform;
  let replica: { url: string; close(): Promise<void> };
  let memoryGateway: { url: string; close(): Promise<void> };
  let db: Client;
  let redis: Redis;
  let alice: string;
  let bob: string;
  let workflowId: string;
  const ingestion = new FakeIngestion();
  const namespace = `test-idem-${randomBytes(4).toString('hex')}:`;

  const post = (base: string, path: string, token: string, body: unknown, key?: string) =>
    http('POST', `${base}/api/v1${path}`, { token, body, headers: key === undefined ? {} : { 'idempotency-key': key } });
  const runs = async (workflow: string) =>
    (
      await db.query('SELECT count(*)::int AS n FROM workflow_executions e JOIN workflows w ON w.id = e.workflow_id WHERE w.uuid = $1', [
        workflow,
      ])
    ).rows[0].n as number;
  const workflows = async (name: string) =>
    (await db.query('SELECT count(*)::int AS n FROM workflows WHERE name = $1', [name])).rows[0].n as number;

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['workflows'],
      env: {
        INGESTION_URL: await ingestion.start(),
        REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/3',
        GATEWAY_IDEMPOTENCY_NAMESPACE: namespace,
        GATEWAY_RATE_LIMIT_NAMESPACE: `${namespace}rl:`,
        WORKFLOWS_MAX_CONCURRENT_RUNS_PER_USER: '50',
      },
    });
    replica = await platform.startGatewayReplica();
    // No Redis: records in this replica's memory (one replica only).
    memoryGateway = await platform.startGatewayReplica({ REDIS_URL: '' });
    db = new Client({ connectionString: platform.databases.workflows!.url });
    await db.connect();
    redis = new Redis(platform.env.REDIS_URL!);
    alice = await signToken(platform.tokenKey, { role: 'user', userNumber: 7 });
    bob = await signToken(platform.tokenKey, { role: 'admin', userNumber: 8 });
    const created = await post(platform.gatewayUrl, '/workflows', alice, {
      name: 'idem runs',
      status: 'active',
      configuration: { stages: [{ name: 'fetch', type: 'fetching', dataSources: [SOURCE] }] },
    });
    expect(created.status).toBe(201);
    workflowId = created.body.id;
  });
  afterAll(async () => {
    redis?.disconnect();
    await db?.end();
    await platform?.close();
    await ingestion.close();
  });

  it('answers the same POST sent twice with the first answer, replayed, and starts one run', async () => {
    const key = randomUUID();
    const first = await post(platform.gatewayUrl, `/workflows/${workflowId}/executions`, alice, { priority: 1 }, key);
    expect(first.status).toBe(202);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const before = await runs(workflowId);
    // Through the other replica, with the key in the draft's quoted spelling and the body's keys
    // in another order.
    const again = await post(replica.url, `/workflows/${workflowId}/executions`, alice, { priority: 1 }, `"${key}"`);
    expect(again.status).toBe(202);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toBe(first.headers.get('content-type'));
    expect(again.body).toEqual(first.body);
    expect(await runs(workflowId)).toBe(before);
  });

  it('creates one workflow for a create sent twice', async () => {
    const key = randomUUID();
    const body = { name: 'idem created once', configuration: { stages: [{ name: 'fetch', type: 'fetching', dataSources: [SOURCE] }] } };
    const first = await post(platform.gatewayUrl, '/workflows', alice, body, key);
    const again = await post(platform.gatewayUrl, '/workflows', alice, { configuration: body.configuration, name: body.name }, key);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(await workflows('idem created once')).toBe(1);
  });

  it('starts exactly one run for duplicates sent at once to two gateway replicas', async () => {
    const key = randomUUID();
    const before = await runs(workflowId);
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        post(i % 2 ? replica.url : platform.gatewayUrl, `/workflows/${workflowId}/executions`, alice, { priority: 2 }, key),
      ),
    );
    expect(await runs(workflowId)).toBe(before + 1);
    const started = answers.filter((a) => a.status === 202);
    const inProgress = answers.filter((a) => a.status === 409);
    expect(started.length + inProgress.length).toBe(8);
    expect(started.filter((a) => a.headers.get('idempotent-replayed') === null)).toHaveLength(1);
    expect(new Set(started.map((a) => a.body.id)).size).toBe(1);
    for (const a of inProgress) expect(a.body.error.code).toBe('IDEMPOTENCY.IN_PROGRESS');
    // Once done, every retry is the replay.
    const later = await post(replica.url, `/workflows/${workflowId}/executions`, alice, { priority: 2 }, key);
    expect(later.status).toBe(202);
    expect(later.body.id).toBe(started[0]!.body.id);
    expect(await runs(workflowId)).toBe(before + 1);
  });

  it('refuses the same key with another body: 422 IDEMPOTENCY.KEY_REUSED, no second run', async () => {
    const key = randomUUID();
    expect((await post(platform.gatewayUrl, `/workflows/${workflowId}/executions`, alice, { priority: 3 }, key)).status).toBe(202);
    const before = await runs(workflowId);
    const reused = await post(platform.gatewayUrl, `/workflows/${workflowId}/executions`, alice, { priority: 4 }, key);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY.KEY_REUSED');
    expect(await runs(workflowId)).toBe(before);
  });

  it("keeps keys per user: another user's same key and body is an effect of its own", async () => {
    const key = randomUUID();
    const mine = await post(platform.gatewayUrl, `/workflows/${workflowId}/executions`, alice, { priority: 5 }, key);
    const before = await runs(workflowId);
    const theirs = await post(platform.gatewayUrl, `/workflows/${workflowId}/executions`, bob, { priority: 5 }, key);
    expect(theirs.status).toBe(202);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await runs(workflowId)).toBe(before + 1);
    // And each replays only its own.
    const bobAgain = await post(replica.url, `/workflows/${workflowId}/executions`, bob, { priority: 5 }, key);
    expect(bobAgain.body.id).toBe(theirs.body.id);
  });

  it('keeps a 4xx answer: the same invalid request gets the same refusal, replayed', async () => {
    const key = randomUUID();
    const first = await post(platform.gatewayUrl, '/workflows', alice, { name: '' }, key);
    expect(first.status).toBe(400);
    const again = await post(replica.url, '/workflows', alice, { name: '' }, key);
    expect(again.status).toBe(400);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
  });

  it('does not keep a 5xx answer: the same key reaches the service again', async () => {
    const key = randomUUID();
    const body = { name: 'idem source', type: 'api', url: 'https://example.com/feed' };
    ingestion.calls = 0;
    ingestion.answer = (res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'INTERNAL.UNEXPECTED', message: 'boom' } }));
    };
    const first = await post(platform.gatewayUrl, '/data-sources', alice, body, key);
    expect(first.status).toBe(500);
    ingestion.answer = (res) => ingestion.created(res);
    const again = await post(replica.url, '/data-sources', alice, body, key);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(ingestion.calls).toBe(2);
    // Now kept, with its Location.
    const third = await post(platform.gatewayUrl, '/data-sources', alice, body, key);
    expect(third.headers.get('idempotent-replayed')).toBe('true');
    expect(third.headers.get('location')).toBe(again.headers.get('location'));
    expect(third.body).toEqual(again.body);
    expect(ingestion.calls).toBe(2);
  });

  it('does not keep a service that does not answer (502): the client may retry', async () => {
    // Reporting is not started here: the gateway answers 502.
    const key = randomUUID();
    const body = { reportName: 'idem report', reportType: 'summary', reportConfig: { source: 'executions' }, outputFormats: ['csv'] };
    const first = await post(platform.gatewayUrl, '/reports', alice, body, key);
    expect(first.status).toBe(502);
    const again = await post(replica.url, '/reports', alice, body, key);
    expect(again.status).toBe(502);
    expect(again.headers.get('idempotent-replayed')).toBeNull();
    expect(again.body.error.code).toBe('GATEWAY.UPSTREAM_UNAVAILABLE');
  });

  it('keeps the answer of a call whose client went away, so the retry is a replay, not a second effect', async () => {
    const key = randomUUID();
    const body = { name: 'idem slow source', type: 'api', url: 'https://example.com/slow' };
    ingestion.calls = 0;
    let release!: () => void;
    ingestion.answer = (res) => {
      release = () => ingestion.created(res);
    };
    // The gateway's side of the first call: its answer closed before it was sent (the client left).
    const server = platform.apps.gateway!.getHttpServer() as Server;
    const clientLeft = new Promise<void>((resolve) => {
      const watch = (req: IncomingMessage, res: ServerResponse) => {
        if (req.headers['idempotency-key'] !== key) return;
        server.off('request', watch);
        res.on('close', () => res.writableFinished || resolve());
      };
      server.on('request', watch);
    });
    const controller = new AbortController();
    const first = fetch(`${platform.gatewayUrl}/api/v1/data-sources`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(body),
      signal: controller.signal,
    }).catch(() => 'aborted');
    await eventually(() => expect(ingestion.calls).toBe(1));
    // While the first is at the service, a duplicate is told so, on either replica.
    const duplicate = await post(replica.url, '/data-sources', alice, body, key);
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('IDEMPOTENCY.IN_PROGRESS');
    controller.abort();
    expect(await first).toBe('aborted');
    await clientLeft;
    release();
    const retried = await eventually(async () => {
      const res = await post(platform.gatewayUrl, '/data-sources', alice, body, key);
      expect(res.status).toBe(201);
      return res;
    });
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body).toEqual({ id: 'ds-1' });
    expect(retried.headers.get('location')).toBe('/api/v1/data-sources/ds-1');
    expect(ingestion.calls).toBe(1);
  });

  it('refuses a malformed key with 400 IDEMPOTENCY.INVALID_KEY before any effect', async () => {
    const before = await runs(workflowId);
    for (const key of ['x'.repeat(256), '""', 'caf\u00e9']) {
      const res = await http('POST', `${platform.gatewayUrl}/api/v1/workflows/${workflowId}/executions`, {
        token: alice,
        body: {},
        headers: { 'idempotency-key': key },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('IDEMPOTENCY.INVALID_KEY');
    }
    expect(await runs(workflowId)).toBe(before);
  });

  it('keeps nothing in clear in Redis: neither the key nor the answer', async () => {
    const key = `clear-${randomUUID()}`;
    const res = await post(platform.gatewayUrl, `/workflows/${workflowId}/executions`, alice, { priority: 6 }, key);
    expect(res.status).toBe(202);
    const names = await redis.keys(`${namespace}*`);
    const idem = names.filter((n) => !n.startsWith(`${namespace}rl:`));
    expect(idem.length).toBeGreaterThan(0);
    const values = await Promise.all(idem.map((n) => redis.get(n)));
    const dump = [...idem, ...values].join('\n');
    expect(dump).not.toContain(key);
    expect(dump).not.toContain(res.body.id);
    expect(dump).not.toContain(workflowId);
  });

  it('without Redis, replays within the one replica that kept the record', async () => {
    const key = randomUUID();
    const before = await runs(workflowId);
    const first = await post(memoryGateway.url, `/workflows/${workflowId}/executions`, alice, { priority: 7 }, key);
    const again = await post(memoryGateway.url, `/workflows/${workflowId}/executions`, alice, { priority: 7 }, key);
    expect([first.status, again.status]).toEqual([202, 202]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(await runs(workflowId)).toBe(before + 1);
  });

  it('leaves a POST without the header as it was: each call is an effect', async () => {
    const before = await runs(workflowId);
    await post(platform.gatewayUrl, `/workflows/${workflowId}/executions`, alice, { priority: 8 });
    await post(platform.gatewayUrl, `/workflows/${workflowId}/executions`, alice, { priority: 8 });
    expect(await runs(workflowId)).toBe(before + 2);
  });
});
