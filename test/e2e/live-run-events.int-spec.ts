import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { AUTH_SESSION_TOPIC, StageRequested, SYSTEM_ACTOR } from '@mindhill/contracts';
import { createKafka, prefixedTopic, publishRaw } from '@mindhill/messaging';
import { createServiceApp, startServiceApp } from '@mindhill/platform';
import { eventually } from '@mindhill/testing';
import { http } from '../support/http';
import { ScriptedWorker } from '../support/scripted-worker';
import { buildGateway } from '../support/service-catalog';
import { startTestJwks } from '../support/test-jwks';
import { openSse, SseMessage, SseStream } from '../support/sse-client';
import { signToken } from '../support/tokens';
import { startTestPlatform, TestPlatform } from '../support/test-platform';

const SOURCE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const OWNER = 42;
const OTHER = 43;
const VIEWER = 44;
const SHARED = 45;
const RUN_EVENTS = [
  'created',
  'started',
  'stage-requested',
  'stage-progressed',
  'stage-completed',
  'stage-requested',
  'stage-progressed',
  'stage-completed',
  'finished',
];

// Live run events (Server-Sent Events) through a real gateway and workflows service, on the real
// broker and database; a scripted worker stands in for ingestion and processing, so the test
// decides when each stage ends.
describe('live run events: GET /executions/:id/events and /workflows/:id/events', () => {
  let platform: TestPlatform;
  let worker: ScriptedWorker;
  const manual = new Set<string>();
  const tokens: Record<string, string> = {};
  const streams: SseStream[] = [];
  const url = (path: string) => `${platform.gatewayUrl}/api/v1${path}`;
  const api = (method: string, path: string, token: string, body?: unknown) => http(method, url(path), { token, body });
  const follow = async (path: string, token?: string, lastEventId?: string) => {
    const s = await openSse(url(path), { token, lastEventId });
    streams.push(s);
    return s;
  };

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['workflows'],
      env: {
        GATEWAY_RATE_LIMIT_PER_HOUR: '1000000',
        GATEWAY_EVENTS_RECHECK_MS: '300',
        GATEWAY_EVENTS_KEEPALIVE_MS: '200',
        GATEWAY_EVENTS_MAX_STREAMS_PER_USER: '3',
        WORKFLOWS_MAX_CONCURRENT_RUNS: '50',
        WORKFLOWS_MAX_CONCURRENT_RUNS_PER_USER: '50',
      },
    });
    tokens.owner = await signToken(platform.tokenKey, { role: 'user', userNumber: OWNER });
    tokens.other = await signToken(platform.tokenKey, { role: 'user', userNumber: OTHER });
    tokens.viewer = await signToken(platform.tokenKey, { role: 'viewer', userNumber: VIEWER });
    tokens.outsideViewer = await signToken(platform.tokenKey, { role: 'viewer', userNumber: 46 });
    tokens.shared = await signToken(platform.tokenKey, { role: 'user', userNumber: SHARED });
    tokens.admin = await signToken(platform.tokenKey, { role: 'admin', userNumber: 1 });
    // Manual workflows' stages wait for the test (reply below); the others complete at once.
    worker = new ScriptedWorker(platform.env, (r) =>
      manual.has(r.workflowId) ? { kind: 'silence' } : { kind: 'complete', progressFirst: true },
    );
    await worker.start();
  });
  afterAll(async () => {
    for (const s of streams) s.close();
    await worker?.stop();
    await platform?.close();
  });

  async function workflow(name: string, options: { manual?: boolean; sharedWithUsers?: number[] } = {}) {
    const res = await api('POST', '/workflows', tokens.owner!, {
      name,
      status: 'active',
      configuration: {
        stages: [
          { name: 'fetch', type: 'fetching', dataSources: [SOURCE], timeoutSeconds: 60 },
          { name: 'process', type: 'processing', timeoutSeconds: 60 },
        ],
      },
      ...(options.sharedWithUsers ? { sharedWithUsers: options.sharedWithUsers } : {}),
    });
    expect(res.status).toBe(201);
    if (options.manual) manual.add(res.body.id);
    return res.body.id as string;
  }
  async function run(workflowId: string): Promise<string> {
    const res = await api('POST', `/workflows/${workflowId}/executions`, tokens.owner!, {});
    expect(res.status).toBe(202);
    return res.body.id;
  }
  // Ends a manual run's stage as the worker would: progress, then completion.
  async function completeStage(executionId: string, stageOrder: number) {
    const request = await eventually(async () => {
      const r = worker.requests.find((q: StageRequested) => q.executionId === executionId && q.stageOrder === stageOrder);
      expect(r).toBeDefined();
      return r!;
    });
    await worker.reply(request, { kind: 'complete', progressFirst: true });
  }
  // Waits until a run's first stage request was stored and published.
  const completeStageRequested = (executionId: string) =>
    eventually(async () => expect(worker.requests.some((q) => q.executionId === executionId && q.stageOrder === 1)).toBe(true));
  const names = (messages: SseMessage[]) => messages.map((m) => m.event);
  const ids = (messages: SseMessage[]) => messages.map((m) => BigInt(m.id));
  const increasing = (list: bigint[]) => list.every((v, i) => i === 0 || v > list[i - 1]!);
  const count = (event: string) => (messages: SseMessage[]) => messages.filter((m) => m.event === event).length;

  it("streams a run's events in order, each once, and ends after finished (delays logged)", async () => {
    const wf = await workflow('live-order', { manual: true });
    const execution = await run(wf);
    const stream = await follow(`/executions/${execution}/events`, tokens.owner);
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    // What happened before the client came: read from the event store.
    await stream.until((m) => count('stage-requested')(m) === 1);
    await completeStage(execution, 1);
    await stream.until((m) => count('stage-requested')(m) === 2);
    await completeStage(execution, 2);
    await stream.ended;

    expect(names(stream.messages)).toEqual(RUN_EVENTS);
    expect(increasing(ids(stream.messages))).toBe(true);
    for (const m of stream.messages) {
      expect(m.data).toMatchObject({ type: m.event, executionId: execution, workflowId: wf });
      expect(Number.isNaN(Date.parse(m.data.occurredAt))).toBe(false);
    }
    const requested = stream.messages.find((m) => m.event === 'stage-requested')!;
    expect(requested.data.payload).toMatchObject({ stageOrder: 1, stageName: 'fetch', stageType: 'fetching' });
    expect(requested.data.payload).not.toHaveProperty('workflowOwnerNumber');
    expect(requested.data.payload).not.toHaveProperty('settings');
    expect(stream.messages.at(-1)!.data.payload.status).toBe('Success');
    // Measured, not asserted: from the event's occurredAt to its arrival at this client, for
    // the events that happened while the stream was open (stage 1's progress onwards).
    const live = stream.messages.slice(3).map((m) => m.receivedAt - Date.parse(m.data.occurredAt));
    process.stdout.write(`live run events: occurredAt → client delays (ms): ${live.join(', ')}\n`);
  });

  it('replays a finished run from its first event and ends', async () => {
    const execution = await run(await workflow('live-finished'));
    await eventually(async () => expect((await api('GET', `/executions/${execution}`, tokens.owner!)).body.status).toBe('Success'));
    const stream = await follow(`/executions/${execution}/events`, tokens.owner);
    await stream.ended;
    expect(names(stream.messages)).toEqual(RUN_EVENTS);
  });

  it('resumes after a disconnect with Last-Event-ID: the remaining events, no gap, no repeat', async () => {
    const wf = await workflow('live-resume', { manual: true });
    const execution = await run(wf);
    const first = await follow(`/executions/${execution}/events`, tokens.owner);
    await first.until((m) => count('stage-requested')(m) === 1);
    first.close();
    const lastId = first.messages.at(-1)!.id;
    // These happen while the client is away.
    await completeStage(execution, 1);
    await eventually(async () => {
      const res = await api('GET', `/executions/${execution}`, tokens.owner!);
      expect(res.body.stagesCompleted).toBe(1);
    });
    const second = await follow(`/executions/${execution}/events`, tokens.owner, lastId);
    await second.until((m) => count('stage-requested')(m) === 1);
    await completeStage(execution, 2);
    await second.ended;

    expect([...names(first.messages), ...names(second.messages)]).toEqual(RUN_EVENTS);
    const all = [...ids(first.messages), ...ids(second.messages)];
    expect(increasing(all)).toBe(true);
    // The same ids as the whole run read afresh.
    const whole = await follow(`/executions/${execution}/events`, tokens.owner);
    await whole.ended;
    expect(all).toEqual(ids(whole.messages));
  });

  it('refuses whoever may not read the run, as GET /executions/:id does; lets viewers, shares and admins follow', async () => {
    const wf = await workflow('live-access', { manual: true, sharedWithUsers: [VIEWER, SHARED] });
    const execution = await run(wf);
    for (const [who, path] of [
      ['other', `/executions/${execution}/events`],
      ['outsideViewer', `/executions/${execution}/events`],
    ] as const) {
      const s = await follow(path, tokens[who]);
      expect([who, s.status, s.error.error.code]).toEqual([who, 404, 'WORKFLOWS.EXECUTION_NOT_FOUND']);
      expect((await api('GET', `/executions/${execution}`, tokens[who]!)).status).toBe(404);
    }
    const otherWf = await follow(`/workflows/${wf}/events`, tokens.other);
    expect([otherWf.status, otherWf.error.error.code]).toEqual([404, 'WORKFLOWS.NOT_FOUND']);
    const unknown = await follow(`/executions/${randomUUID()}/events`, tokens.admin);
    expect([unknown.status, unknown.error.error.code]).toEqual([404, 'WORKFLOWS.EXECUTION_NOT_FOUND']);
    const anonymous = await follow(`/executions/${execution}/events`);
    expect([anonymous.status, anonymous.error.error.code]).toEqual([401, 'AUTH.TOKEN_MISSING']);
    const badCursor = await follow(`/executions/${execution}/events`, tokens.owner, 'not-a-cursor');
    expect([badCursor.status, badCursor.error.error.code]).toEqual([400, 'GATEWAY.INVALID_LAST_EVENT_ID']);

    for (const who of ['viewer', 'shared', 'admin', 'owner'] as const) {
      const s = await follow(`/executions/${execution}/events`, tokens[who]);
      expect([who, s.status]).toEqual([who, 200]);
      await s.until((m) => count('stage-requested')(m) === 1);
      s.close();
    }
    const viewerWf = await follow(`/workflows/${wf}/events`, tokens.viewer);
    expect(viewerWf.status).toBe(200);
    viewerWf.close();
  });

  it('ends a stream when its access is withdrawn mid-stream (share removed)', async () => {
    const wf = await workflow('live-unshare', { manual: true, sharedWithUsers: [SHARED] });
    const execution = await run(wf);
    const s = await follow(`/executions/${execution}/events`, tokens.shared);
    await s.until((m) => count('stage-requested')(m) === 1);
    expect((await api('PATCH', `/workflows/${wf}`, tokens.owner!, { sharedWithUsers: [] })).status).toBe(200);
    await s.ended;
    expect(s.comments).toContain('closed: access withdrawn');
    // Stage 1 ends after the share was withdrawn: the former sharer never sees it.
    await completeStage(execution, 1);
    expect(names(s.messages)).not.toContain('stage-completed');
  });

  it('cuts a stream when its session is revoked, and refuses the token after', async () => {
    const userId = randomUUID();
    const token = await signToken(platform.tokenKey, { role: 'user', userNumber: OWNER, userId });
    const sid = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sid as string;
    const execution = await run(await workflow('live-revoked', { manual: true }));
    const s = await follow(`/executions/${execution}/events`, token);
    await s.until((m) => count('stage-requested')(m) === 1);
    const kafka = createKafka({
      brokers: platform.env.KAFKA_BROKERS!.split(','),
      clientId: 'test-auth',
      topicPrefix: platform.env.KAFKA_TOPIC_PREFIX!,
    });
    const now = new Date();
    const value = JSON.stringify({
      eventId: randomUUID(),
      type: 'auth.session.revoked',
      version: 1,
      occurredAt: now.toISOString(),
      producer: 'auth',
      aggregateType: 'session',
      aggregateId: sid,
      aggregateVersion: 2,
      correlationId: randomUUID(),
      causationId: null,
      actor: SYSTEM_ACTOR,
      payload: {
        sessionId: sid,
        userId,
        reason: 'revoked-by-admin',
        revokedAt: now.toISOString(),
        refuseUntil: new Date(now.getTime() + 600_000).toISOString(),
      },
    });
    await publishRaw(kafka, prefixedTopic({ topicPrefix: platform.env.KAFKA_TOPIC_PREFIX! }, AUTH_SESSION_TOPIC), [{ key: sid, value }]);
    await s.ended;
    expect(s.comments).toContain('closed: session revoked');
    const again = await follow(`/executions/${execution}/events`, token);
    expect([again.status, again.error.error.code]).toEqual([401, 'AUTH.SESSION_REVOKED']);
  });

  it('ends a stream when its access token expires (the client reconnects with a fresh one)', async () => {
    const execution = await run(await workflow('live-expiry', { manual: true }));
    const token = await signToken(platform.tokenKey, { role: 'user', userNumber: OWNER }, { expiresIn: '2s' });
    const s = await follow(`/executions/${execution}/events`, token);
    expect(s.status).toBe(200);
    await s.ended;
    expect(s.comments).toContain('closed: access token expired');
    const fresh = await follow(`/executions/${execution}/events`, tokens.owner, s.messages.at(-1)!.id);
    expect(fresh.status).toBe(200);
    fresh.close();
  });

  it('caps open streams per user (429 with a code); a closed stream frees its slot; keep-alives flow', async () => {
    const execution = await run(await workflow('live-cap', { manual: true }));
    const token = await signToken(platform.tokenKey, { role: 'user', userNumber: OWNER });
    const open: SseStream[] = [];
    for (let i = 0; i < 3; i++) {
      const s = await follow(`/executions/${execution}/events`, token);
      expect(s.status).toBe(200);
      open.push(s);
    }
    const over = await follow(`/executions/${execution}/events`, token);
    expect([over.status, over.error.error.code]).toEqual([429, 'GATEWAY.TOO_MANY_STREAMS']);
    // Another user is not counted against this one.
    const admin = await follow(`/executions/${execution}/events`, tokens.admin);
    expect(admin.status).toBe(200);
    await eventually(async () => expect(open[0]!.comments).toContain('keep-alive'));
    open[0]!.close();
    await eventually(async () => {
      const s = await follow(`/executions/${execution}/events`, token);
      expect(s.status).toBe(200);
    });
  });

  it("follows a workflow: both runs' events, only that workflow's, resumable across runs", async () => {
    const wf = await workflow('live-workflow');
    const elsewhere = await workflow('live-elsewhere');
    const stream = await follow(`/workflows/${wf}/events`, tokens.owner);
    expect(stream.status).toBe(200);
    const runs = [await run(wf), await run(elsewhere), await run(wf)];
    await stream.until((m) => count('finished')(m) === 2);
    stream.close();

    expect(stream.messages.every((m) => m.data.workflowId === wf)).toBe(true);
    expect(increasing(ids(stream.messages))).toBe(true);
    for (const execution of [runs[0], runs[2]]) {
      expect(names(stream.messages.filter((m) => m.data.executionId === execution))).toEqual(RUN_EVENTS);
    }
    expect(stream.messages.some((m) => m.data.executionId === runs[1])).toBe(false);

    // Resuming from the middle gives exactly the rest, in the same order.
    const middle = Math.floor(stream.messages.length / 2);
    const resumed = await follow(`/workflows/${wf}/events`, tokens.owner, stream.messages[middle]!.id);
    await resumed.until((m) => m.length >= stream.messages.length - middle - 1);
    expect(resumed.messages.map((m) => m.id)).toEqual(stream.messages.slice(middle + 1).map((m) => m.id));
  });

  it('never skips an event whose write commits after later ones: a workflow stream waits for open writes', async () => {
    const wf = await workflow('live-horizon', { manual: true });
    const waiting = await run(wf);
    await completeStageRequested(waiting);
    const stream = await follow(`/workflows/${wf}/events`, tokens.owner);
    expect(stream.status).toBe(200);
    // A write that draws its position now and commits last: an event of the waiting run.
    const db = new Client({ connectionString: platform.databases.workflows!.url });
    await db.connect();
    try {
      await db.query('BEGIN');
      const streamId = `execution-${waiting}`;
      const { rows } = await db.query<{ position: string }>(
        `INSERT INTO stored_event (event_id, stream_id, stream_type, version, type, schema_version, payload, metadata, occurred_at)
         SELECT $1::uuid, $2::varchar, 'execution', max(version) + 1, 'workflows.execution.stage-progressed', 1, $3::jsonb, $4::jsonb, now() FROM stored_event WHERE stream_id = $2::varchar
         RETURNING position`,
        [
          randomUUID(),
          streamId,
          {
            executionId: waiting,
            workflowId: wf,
            stageOrder: 1,
            attempt: 1,
            itemsTotal: 3,
            itemsProcessed: 1,
            bytesProcessed: 10,
            progressPercentage: 33,
          },
          { producer: 'workflows', correlationId: randomUUID(), causationId: null, actor: SYSTEM_ACTOR },
        ],
      );
      // Meanwhile another run commits its first events at higher positions.
      const later = await run(wf);
      await completeStageRequested(later);
      // The stream reads every 300 ms; over several reads it shows nothing past the open write.
      const seen = stream.comments.length;
      await eventually(async () => expect(stream.comments.length).toBeGreaterThan(seen + 5));
      expect(stream.messages).toEqual([]);
      await db.query('COMMIT');
      await stream.until((m) => m.length >= 4);
      expect(stream.messages.map((m) => [m.event, m.data.executionId])).toEqual([
        ['stage-progressed', waiting],
        ['created', later],
        ['started', later],
        ['stage-requested', later],
      ]);
      expect(stream.messages[0]!.id).toBe(rows[0]!.position);
    } finally {
      await db.end();
    }
  });

  it('ends open streams when a gateway stops, and another replica resumes them', async () => {
    const execution = await run(await workflow('live-shutdown', { manual: true }));
    const jwks = await startTestJwks(platform.tokenKey, () => undefined);
    const bootstrap = buildGateway({ ...platform.env, GATEWAY_PORT: '0', GATEWAY_JWKS_URL: jwks.url });
    const app = await createServiceApp(bootstrap);
    await app.init();
    await startServiceApp(app, bootstrap);
    const replica = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/api/v1`;
    const s = await openSse(`${replica}/executions/${execution}/events`, { token: tokens.owner });
    streams.push(s);
    await s.until((m) => count('stage-requested')(m) === 1);
    await app.close();
    await jwks.close();
    await s.ended;
    expect(s.comments).toContain('closed: gateway stopping');
    // The client goes on at the other replica, from its last id.
    const resumed = await follow(`/executions/${execution}/events`, tokens.owner, s.messages.at(-1)!.id);
    await completeStage(execution, 1);
    await resumed.until((m) => count('stage-requested')(m) === 1);
    expect(names(resumed.messages)).toEqual(['stage-progressed', 'stage-completed', 'stage-requested']);
    // It starts and stops a whole gateway besides the run: more than the default minute on a
    // loaded two-core CI machine (it timed out there once).
  }, 120_000);
});
