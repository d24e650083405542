import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { AUTH_USER_TOPIC, StageRequested, SYSTEM_ACTOR } from '@mindhill/contracts';
import { createKafka, prefixedTopic, publishRaw } from '@mindhill/messaging';
import { createOrmConfig, rebuildProjections } from '@mindhill/persistence';
import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { ScriptedWorker, StageAnswer } from '../../../test/support/scripted-worker';
import { signToken } from '../../../test/support/tokens';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { workflowsProjections } from '../src/workflows.projections';

const SOURCE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
// How the scripted worker answers, by workflow name prefix.
const scripts: Record<string, (r: StageRequested) => StageAnswer> = {
  ok: (r) => ({ kind: 'complete', progressFirst: true, output: r.stageType === 'calculation' ? { fields: { price: { count: 3 } } } : {} }),
  flaky: (r) =>
    r.stageOrder === 2 && r.attempt < 3 ? { kind: 'fail', errorCode: 'PROCESSING.TRANSIENT', retriable: true } : { kind: 'complete' },
  down: () => ({ kind: 'fail', errorCode: 'INGESTION.SOURCE_UNREACHABLE', retriable: true }),
  broken: () => ({ kind: 'fail', errorCode: 'PROCESSING.ALL_ITEMS_FAILED', retriable: false }),
  slow: (r) => (r.stageOrder === 1 ? { kind: 'complete' } : { kind: 'silence' }),
  // Progress, completion and the completion again, in one Kafka batch.
  batched: () => ({ kind: 'complete', progressFirst: true, together: true, repeated: true }),
};

describe('workflows: definitions and orchestration against real Kafka', () => {
  let platform: TestPlatform;
  let worker: ScriptedWorker;
  let token: string;
  let db: Client;
  const names = new Map<string, string>();
  const api = (method: string, path: string, body?: unknown) => http(method, `${platform.gatewayUrl}/api/v1${path}`, { body, token });

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['workflows', 'audit'],
      env: {
        WORKFLOWS_RETRY_BASE_MS: '50',
        WORKFLOWS_RETRY_MAX_MS: '200',
        WORKFLOWS_MIN_SCHEDULE_INTERVAL_SECONDS: '1',
        WORKFLOWS_MAX_CONCURRENT_RUNS_PER_USER: '5',
        // The daily archive run twelve hours away: the retention test counts archive runs and
        // finds the next one pending, which a run at the default hour (02:00 UTC) would change.
        WORKFLOWS_RETENTION_HOUR_UTC: String((new Date().getUTCHours() + 12) % 24),
      },
    });
    token = await signToken(platform.tokenKey, { role: 'user', userNumber: 42 });
    worker = new ScriptedWorker(platform.env, (r) => scripts[names.get(r.workflowId)!.split('-')[0]!]!(r));
    await worker.start();
    db = new Client({ connectionString: platform.databases.workflows!.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await worker?.stop();
    await platform?.close();
  });

  async function workflow(name: string, stages = ['processing', 'normalization', 'calculation'], extra: Record<string, unknown> = {}) {
    const res = await api('POST', '/workflows', {
      name,
      status: 'active',
      maxRetries: 2,
      tags: ['test'],
      category: 'tests',
      configuration: {
        stages: [
          { name: 'fetch', type: 'fetching', dataSources: [SOURCE], timeoutSeconds: 30 },
          ...stages.map((t) => ({ name: t, type: t, timeoutSeconds: 30 })),
        ],
      },
      ...extra,
    });
    expect(res.status).toBe(201);
    names.set(res.body.id, name);
    return res.body;
  }
  const run = async (id: string) => {
    const res = await api('POST', `/workflows/${id}/executions`, {});
    expect(res.status).toBe(202);
    return res.body;
  };
  const settled = (id: string, status: string) =>
    eventually(
      async () => {
        const res = await api('GET', `/executions/${id}`);
        expect(res.body.status).toBe(status);
        return res.body;
      },
      { timeoutMs: 30_000 },
    );

  async function stageOutcomeDuplicates(): Promise<number> {
    const metrics = await (await fetch(`${platform.urls.workflows}/metrics`)).text();
    const line = metrics.split('\n').find((l) => l.startsWith('consumer_duplicates_total{') && l.includes('workflows.stage-outcomes'));
    return line ? Number(line.split(' ').pop()) : 0;
  }

  it('creates the seed templates on first start', async () => {
    const res = await api('GET', '/workflow-templates');
    expect(res.body.items.map((t: any) => [t.name, t.templateName, t.configuration.stages.map((s: any) => s.type)])).toEqual([
      ['Data Processing Pipeline', 'data-processing', ['fetching', 'processing', 'normalization', 'refinement', 'calculation']],
      ['Document Analysis', 'document-analysis', ['fetching', 'processing', 'analysis']],
    ]);
  });

  it('refuses an invalid configuration with 400 before storing anything', async () => {
    const before = (await db.query('SELECT count(*)::int AS n FROM stored_event')).rows[0].n;
    const res = await api('POST', '/workflows', { name: 'bad', configuration: { stages: [{ name: 'x', type: 'normalization' }] } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('WORKFLOWS.INVALID_CONFIGURATION');
    expect(res.body.error.details.issues[0].path).toBe('configuration.stages.0.type');
    expect((await db.query('SELECT count(*)::int AS n FROM stored_event')).rows[0].n).toBe(before);
  });

  it('decides a batch of answers in order, each once: progress then completion, a redelivered completion skipped', async () => {
    const duplicatesBefore = await stageOutcomeDuplicates();
    const wf = await workflow('batched-answers', ['processing']);
    const started = await run(wf.id);
    const done = await settled(started.id, 'Success');
    expect(done.stages.map((s: any) => [s.type, s.status, s.attempt])).toEqual([
      ['fetching', 'Success', 1],
      ['processing', 'Success', 1],
    ]);
    const stream = `execution-${started.id}`;
    const types = (await db.query('SELECT type FROM stored_event WHERE stream_id = $1 ORDER BY version', [stream])).rows.map((r) => r.type);
    const stageEvents = types.filter((t) => /stage-(progressed|completed)/.test(t));
    expect(stageEvents).toEqual([
      'workflows.execution.stage-progressed',
      'workflows.execution.stage-completed',
      'workflows.execution.stage-progressed',
      'workflows.execution.stage-completed',
    ]);
    expect(types.filter((t) => t === 'workflows.execution.finished')).toHaveLength(1);
    // The repeated completion of each stage was skipped by the inbox, not decided again.
    expect((await stageOutcomeDuplicates()) - duplicatesBefore).toBe(2);
  });

  it('versions every update and keeps the history', async () => {
    const wf = await workflow('ok-versioned');
    const updated = await api('PATCH', `/workflows/${wf.id}`, { name: 'ok-versioned-2', timeoutMinutes: 30 });
    expect(updated.body).toMatchObject({ name: 'ok-versioned-2', version: 2, timeoutMinutes: 30 });
    const versions = await api('GET', `/workflows/${wf.id}/versions`);
    expect(versions.body.items.map((v: any) => [v.version, v.definition.name])).toEqual([
      [2, 'ok-versioned-2'],
      [1, 'ok-versioned'],
    ]);
    const same = await api('PATCH', `/workflows/${wf.id}`, { timeoutMinutes: 30 });
    expect(same.body.version).toBe(2);
    names.set(wf.id, 'ok-versioned-2');
  });

  it('lists by status, tag and name, with a cursor', async () => {
    const res = await api('GET', '/workflows?tag=test&q=versioned&limit=1');
    expect(res.body.items.map((w: any) => w.name)).toEqual(['ok-versioned-2']);
    expect((await api('GET', '/workflows?isTemplate=true')).body.items).toHaveLength(2);
  });

  it('runs every stage in order to Success, pinned to its version, and keeps statistics right', async () => {
    const wf = await workflow('ok-pipeline');
    const started = await run(wf.id);
    expect(started).toMatchObject({ runNumber: 1, status: 'InProgress', workflowVersion: 1, totalStages: 4 });
    const done = await settled(started.id, 'Success');
    expect(done).toMatchObject({
      stagesCompleted: 4,
      progressPercentage: 100,
      contentProcessed: 3,
      configurationHash: wf.configurationHash,
    });
    expect(done.stages.map((s: any) => [s.type, s.status, s.attempt])).toEqual([
      ['fetching', 'Success', 1],
      ['processing', 'Success', 1],
      ['normalization', 'Success', 1],
      ['calculation', 'Success', 1],
    ]);
    expect(done.stages[3].output).toEqual({ fields: { price: { count: 3 } } });
    const second = await run(wf.id);
    expect(second.runNumber).toBe(2);
    await settled(second.id, 'Success');
    const after = await api('GET', `/workflows/${wf.id}`);
    expect(after.body.statistics).toMatchObject({ totalExecutions: 2, successfulExecutions: 2, failedExecutions: 0 });
    const stats = await api('GET', `/workflows/${wf.id}/statistics`);
    const direct = (await db.query('SELECT * FROM get_workflow_statistics($1)', [wf.number])).rows[0];
    expect(stats.body).toMatchObject({
      totalExecutions: 2,
      successfulExecutions: 2,
      successRate: 100,
      trendDirection: direct.trend_direction,
    });
    expect(stats.body.lastExecutionDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Object.keys(stats.body).filter((k) => k.includes('_'))).toEqual([]);
    // A period without runs has no trend (it said 'stable' when only the current period was empty).
    expect((await db.query('SELECT trend_direction FROM get_workflow_statistics(-1)')).rows[0].trend_direction).toBe('no_data');
    const summary = (await api('GET', '/workflow-metrics/summary')).body.items.find((r: any) => r.workflowId === wf.id);
    expect(summary).toMatchObject({ totalExecutions: 2, successfulExecutions: 2, successRatePercentage: 100 });
    expect((await api('GET', '/workflow-metrics/performance')).status).toBe(200);
    expect((await api('GET', '/workflow-metrics/daily')).body.items[0].totalExecutions).toBeGreaterThanOrEqual(2);
  });

  it('retries a failed stage with backoff and then succeeds', async () => {
    const wf = await workflow('flaky-pipeline');
    const done = await settled((await run(wf.id)).id, 'Success');
    expect(done.stages[1]).toMatchObject({ status: 'Success', attempt: 3, retryCount: 2 });
    expect(done.retryCount).toBe(2);
  });

  it('fails with a clear error code once retries run out', async () => {
    const wf = await workflow('down-pipeline');
    const done = await settled((await run(wf.id)).id, 'Failed');
    expect(done).toMatchObject({ errorCode: 'INGESTION.SOURCE_UNREACHABLE' });
    expect(done.errorMessage).toMatch(/Stage "fetch" failed after 3 attempts/);
    expect(done.stages.map((s: any) => s.status)).toEqual(['Failed', 'Skipped', 'Skipped', 'Skipped']);
    expect(worker.requests.filter((r) => r.executionId === done.id).map((r) => r.attempt)).toEqual([1, 2, 3]);
    expect((await api('GET', `/workflows/${wf.id}`)).body.statistics.failedExecutions).toBe(1);
  });

  it('fails at once on an error retrying cannot fix', async () => {
    const wf = await workflow('broken-pipeline');
    const done = await settled((await run(wf.id)).id, 'Failed');
    expect(done.errorCode).toBe('PROCESSING.ALL_ITEMS_FAILED');
    expect(worker.requests.filter((r) => r.executionId === done.id)).toHaveLength(1);
  });

  it('ends in Timeout when a stage exceeds its timeout', async () => {
    const wf = await workflow('slow-pipeline', ['processing'], {
      configuration: {
        stages: [
          { name: 'fetch', type: 'fetching', dataSources: [SOURCE] },
          { name: 'proc', type: 'processing', timeoutSeconds: 1 },
        ],
      },
    });
    const done = await settled((await run(wf.id)).id, 'Timeout');
    expect(done).toMatchObject({ errorCode: 'WORKFLOWS.STAGE_TIMEOUT', stagesCompleted: 1 });
    expect(done.stages[1].status).toBe('Failed');
  });

  it('cancels mid-run; a late stage result changes nothing', async () => {
    const wf = await workflow('slow-cancel', ['processing', 'analysis']);
    const started = await run(wf.id);
    await eventually(() => expect(worker.requests.some((r) => r.executionId === started.id && r.stageOrder === 2)).toBe(true));
    const cancelled = await api('POST', `/executions/${started.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('Cancelled');
    const stageRows = async () =>
      (
        await db.query(
          `SELECT s.stage_order, s.status, s.completed_at, e.completed_at AS run_completed_at FROM execution_stages s
           JOIN workflow_executions e ON e.id = s.execution_id WHERE e.uuid = $1 ORDER BY s.stage_order`,
          [started.id],
        )
      ).rows;
    // The stage in flight when the run was cancelled ends Cancelled, at the cancel time.
    const afterCancel = await eventually(async () => {
      const rows = await stageRows();
      expect(rows.map((r) => r.status)).toEqual(['Success', 'Cancelled', 'Skipped']);
      return rows;
    });
    expect(afterCancel[1].completed_at).toEqual(afterCancel[1].run_completed_at);
    expect(afterCancel[1].completed_at).not.toBeNull();
    expect(afterCancel[2].completed_at).toBeNull();
    const request = worker.requests.find((r) => r.executionId === started.id && r.stageOrder === 2)!;
    await worker.reply(request, { kind: 'complete' });
    const again = await api('POST', `/executions/${started.id}/cancel`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('WORKFLOWS.EXECUTION_FINISHED');
    // Give the late answer time to arrive: it is claimed in the inbox and ignored.
    await eventually(async () => expect((await db.query(`SELECT count(*)::int AS n FROM processed_message`)).rows[0].n).toBeGreaterThan(0));
    await new Promise((r) => setTimeout(r, 500));
    const final = await api('GET', `/executions/${started.id}`);
    expect(final.body).toMatchObject({ status: 'Cancelled', stagesCompleted: 1 });
    expect(final.body.stages.map((s: any) => s.status)).toEqual(['Success', 'Cancelled', 'Skipped']);
    expect(final.body.stages[1].completedAt).toBe(final.body.completedAt);
    // The late answer did not flip the cancelled stage back.
    expect(await stageRows()).toEqual(afterCancel);
  });

  it('refuses to run an inactive workflow or a template', async () => {
    const wf = await workflow('ok-inactive', ['processing'], { status: 'inactive' });
    expect((await api('POST', `/workflows/${wf.id}/executions`, {})).body.error.code).toBe('WORKFLOWS.NOT_ACTIVE');
    const template = (await api('GET', '/workflow-templates')).body.items[0];
    expect((await api('POST', `/workflows/${template.id}/executions`, {})).body.error.code).toBe('WORKFLOWS.IS_TEMPLATE');
  });

  it('creates from a template with its own data sources and settings', async () => {
    const res = await api('POST', '/workflow-templates/data-processing/workflows', {
      name: 'ok-from-template',
      dataSources: [SOURCE],
      status: 'active',
      stageSettings: { refinement: { rules: [{ category: 'finance', tags: ['money'], keywords: ['price'] }] } },
    });
    expect(res.status).toBe(201);
    names.set(res.body.id, 'ok-from-template');
    expect(res.body.parentWorkflowId).toBe((await api('GET', '/workflow-templates')).body.items[0].id);
    expect(res.body.configuration.stages[0].dataSources).toEqual([SOURCE]);
    expect(res.body.configuration.stages[3].settings.rules[0].category).toBe('finance');
    const unknown = await api('POST', '/workflow-templates/data-processing/workflows', {
      name: 'x',
      dataSources: [SOURCE],
      stageSettings: { nope: {} },
    });
    expect(unknown.status).toBe(400);
    expect((await api('POST', '/workflow-templates/nope/workflows', { name: 'x', dataSources: [SOURCE] })).status).toBe(404);
  });

  it("hands a run's resolved inputs to every stage it requests, retries included", async () => {
    const wf = await workflow('flaky-inputs', ['processing', 'calculation'], {
      inputs: [
        { name: 'city', type: 'string', required: true },
        { name: 'days', type: 'number', default: 7 },
      ],
    });
    const res = await api('POST', `/workflows/${wf.id}/executions`, { inputs: { city: 'Oslo' } });
    expect(res.status).toBe(202);
    await settled(res.body.id, 'Success');
    const { rows } = await db.query(
      `SELECT payload -> 'stageOrder' AS stage, payload -> 'attempt' AS attempt, payload -> 'runInputs' AS inputs FROM stored_event
       WHERE stream_id = $1 AND type = 'workflows.execution.stage-requested' ORDER BY position`,
      [`execution-${res.body.id}`],
    );
    const inputs = { city: 'Oslo', days: 7 };
    expect(rows).toEqual([
      { stage: 1, attempt: 1, inputs },
      { stage: 2, attempt: 1, inputs },
      { stage: 2, attempt: 2, inputs },
      { stage: 2, attempt: 3, inputs },
      { stage: 3, attempt: 1, inputs },
    ]);
  });

  it('runs a scheduled workflow on its schedule, and stops when it is deactivated', async () => {
    const wf = await workflow('ok-scheduled', ['processing'], { scheduleCron: '*/1 * * * * *', scheduleTimezone: 'Europe/Paris' });
    const schedule = await api('GET', `/workflows/${wf.id}/schedule`);
    expect(schedule.body).toMatchObject({ cron: '*/1 * * * * *', timezone: 'Europe/Paris', active: true });
    expect(schedule.body.nextFireTimes).toHaveLength(5);
    const scheduled = async () =>
      (await api('GET', `/workflows/${wf.id}/executions?limit=200`)).body.items.filter((e: any) => e.triggeredBy === 'schedule');
    await eventually(async () => expect((await scheduled()).length).toBeGreaterThanOrEqual(2), { timeoutMs: 20_000 });
    // Each run records the tick that fired it.
    const [tick] = await scheduled();
    expect(tick).toMatchObject({ trigger: { kind: 'schedule', workflowId: wf.id, fireAt: expect.any(String) }, inputs: {} });
    expect(new Date(tick.trigger.fireAt).getUTCMilliseconds()).toBe(0);
    expect((await api('POST', `/workflows/${wf.id}/deactivate`)).body.status).toBe('inactive');
    const after = (await scheduled()).length;
    await new Promise((r) => setTimeout(r, 2_500));
    expect((await scheduled()).length).toBeLessThanOrEqual(after + 1);
    const settledCount = (await scheduled()).length;
    await new Promise((r) => setTimeout(r, 1_500));
    expect((await scheduled()).length).toBe(settledCount);
    expect((await api('GET', `/workflows/${wf.id}/schedule`)).body.active).toBe(false);
  });

  it('refuses a schedule with an unknown zone, and previews daylight-saving days', async () => {
    const bad = await api('POST', '/workflows', {
      name: 'bad-zone',
      scheduleCron: '0 9 * * *',
      scheduleTimezone: 'Mars/Olympus_Mons',
      configuration: { stages: [{ name: 'fetch', type: 'fetching', dataSources: [SOURCE] }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('WORKFLOWS.INVALID_SCHEDULE');
    const preview = await api(
      'GET',
      `/workflow-schedules/preview?cron=${encodeURIComponent('0 9 * * 1')}&timezone=America/New_York&count=3`,
    );
    expect(preview.status).toBe(200);
    expect(preview.body.nextFireTimes).toHaveLength(3);
    for (const t of preview.body.nextFireTimes) expect(new Date(t).getUTCDay()).toBe(1);
  });

  it('lets only the owner or an admin change or run a workflow', async () => {
    const wf = await workflow('ok-owned', ['processing']);
    const other = await signToken(platform.tokenKey, { role: 'user', userNumber: 43 });
    const asOther = (method: string, path: string, body?: unknown) =>
      http(method, `${platform.gatewayUrl}/api/v1${path}`, { body, token: other });
    // Private: for anyone else it does not exist.
    expect((await asOther('GET', `/workflows/${wf.id}`)).status).toBe(404);
    expect((await asOther('PATCH', `/workflows/${wf.id}`, { name: 'stolen' })).status).toBe(404);
    // Shared with them: they see it, and still may not change or run it.
    expect((await api('PATCH', `/workflows/${wf.id}`, { sharedWithUsers: [43] })).body).toMatchObject({
      sharedWithUsers: [43],
      isPublic: false,
    });
    for (const [method, path, body] of [
      ['PATCH', `/workflows/${wf.id}`, { name: 'stolen' }],
      ['POST', `/workflows/${wf.id}/deactivate`, undefined],
      ['POST', `/workflows/${wf.id}/executions`, {}],
    ] as const) {
      const res = await asOther(method, path, body);
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({ path, status: 403, code: 'AUTH.NOT_OWNER' });
    }
    expect((await asOther('GET', `/workflows/${wf.id}`)).status).toBe(200);
    const admin = await signToken(platform.tokenKey, { role: 'admin', userNumber: 1 });
    expect(
      (
        await http('PATCH', `${platform.gatewayUrl}/api/v1/workflows/${wf.id}`, {
          body: { description: 'checked by an admin' },
          token: admin,
        })
      ).status,
    ).toBe(200);
  });

  // Auth's user events, as auth publishes them (public payload), straight onto the topic.
  async function publishUserEvent(userId: string, type: string, version: number, payload: Record<string, unknown>) {
    const kafka = createKafka({
      brokers: platform.env.KAFKA_BROKERS!.split(','),
      clientId: 'test-auth',
      topicPrefix: platform.env.KAFKA_TOPIC_PREFIX!,
    });
    const value = JSON.stringify({
      eventId: randomUUID(),
      type,
      version: 1,
      occurredAt: new Date().toISOString(),
      producer: 'auth',
      aggregateType: 'user',
      aggregateId: userId,
      aggregateVersion: version,
      correlationId: randomUUID(),
      causationId: null,
      actor: SYSTEM_ACTOR,
      payload,
    });
    await publishRaw(kafka, prefixedTopic({ topicPrefix: platform.env.KAFKA_TOPIC_PREFIX! }, AUTH_USER_TOPIC), [{ key: userId, value }]);
  }

  it("uses the owner's current role for a run's data sources: a demoted admin's next run is no longer an admin's", async () => {
    const userId = randomUUID();
    const email = 'owner-900@example.test';
    await publishUserEvent(userId, 'auth.user.registered', 1, {
      userId,
      userNumber: 900,
      email,
      displayName: 'Owner',
      role: 'admin',
      source: 'self-service',
    });
    await eventually(
      async () =>
        expect((await db.query('SELECT role, active FROM user_roles WHERE user_number = 900')).rows).toEqual([
          { role: 'admin', active: true },
        ]),
      { timeoutMs: 30_000 },
    );
    const adminToken = await signToken(platform.tokenKey, { role: 'admin', userNumber: 900 });
    const asOwner = (method: string, path: string, body?: unknown) =>
      http(method, `${platform.gatewayUrl}/api/v1${path}`, { body, token: adminToken });
    const created = await asOwner('POST', '/workflows', {
      name: 'ok-admin-owned',
      status: 'active',
      configuration: { stages: [{ name: 'fetch', type: 'fetching', dataSources: [SOURCE], timeoutSeconds: 30 }] },
    });
    expect(created.status).toBe(201);
    names.set(created.body.id, 'ok-admin-owned');
    const fetchRequest = (executionId: string) =>
      eventually(
        async () => {
          const request = worker.requests.find((r) => r.executionId === executionId && r.stageType === 'fetching');
          expect(request).toBeDefined();
          return request!;
        },
        { timeoutMs: 30_000 },
      );
    const succeeded = (executionId: string) =>
      eventually(
        async () => {
          expect((await asOwner('GET', `/executions/${executionId}`)).body.status).toBe('Success');
        },
        { timeoutMs: 30_000 },
      );

    const first = await asOwner('POST', `/workflows/${created.body.id}/executions`, {});
    expect(first.status).toBe(202);
    expect(await fetchRequest(first.body.id)).toMatchObject({ workflowOwnerNumber: 900, workflowOwnerIsAdmin: true });
    await succeeded(first.body.id);

    // Demoted: the workflow stays theirs, its runs no longer use an admin's privilege.
    await publishUserEvent(userId, 'auth.user.role-changed', 2, { userId, email, oldRole: 'admin', newRole: 'user' });
    await eventually(
      async () => expect((await db.query('SELECT role FROM user_roles WHERE user_number = 900')).rows).toEqual([{ role: 'user' }]),
      { timeoutMs: 30_000 },
    );
    const userToken = await signToken(platform.tokenKey, { role: 'user', userNumber: 900 });
    const second = await http('POST', `${platform.gatewayUrl}/api/v1/workflows/${created.body.id}/executions`, {
      body: {},
      token: userToken,
    });
    expect(second.status).toBe(202);
    expect(await fetchRequest(second.body.id)).toMatchObject({ workflowOwnerNumber: 900, workflowOwnerIsAdmin: false });
    await succeeded(second.body.id);

    // The role at creation is still stored, and grants nothing.
    expect((await db.query('SELECT owner_is_admin FROM workflows WHERE uuid = $1', [created.body.id])).rows[0].owner_is_admin).toBe(true);
  });

  it('lets a viewer read but not write', async () => {
    const viewer = await signToken(platform.tokenKey, { role: 'viewer' });
    expect((await http('GET', `${platform.gatewayUrl}/api/v1/workflows`, { token: viewer })).status).toBe(200);
    expect((await http('POST', `${platform.gatewayUrl}/api/v1/workflows`, { token: viewer, body: {} })).status).toBe(403);
  });

  it('audits workflow and execution events', async () => {
    const audit = new Client({ connectionString: platform.databases.audit!.url });
    await audit.connect();
    try {
      await eventually(async () => {
        const { rows } = await audit.query(`SELECT DISTINCT event_type FROM audit_logs WHERE event_category = 'workflow'`);
        expect(rows.map((r) => r.event_type)).toEqual(
          expect.arrayContaining([
            'workflows.workflow.created',
            'workflows.workflow.updated',
            'workflows.execution.created',
            'workflows.execution.stage-requested',
            'workflows.execution.stage-completed',
            'workflows.execution.finished',
            'workflows.execution.stage-failed',
          ]),
        );
      });
      // That update by name: audit reads the topic's partitions in no fixed order, so the first
      // update row it wrote may be another workflow's.
      const { rows } = await audit.query(
        `SELECT old_values, new_values FROM audit_logs WHERE event_type = 'workflows.workflow.updated' AND new_values ->> 'name' = 'ok-versioned-2'`,
      );
      expect(rows[0]).toMatchObject({
        old_values: { name: 'ok-versioned', timeoutMinutes: 60 },
        new_values: { name: 'ok-versioned-2', timeoutMinutes: 30 },
      });
    } finally {
      await audit.end();
    }
  });

  it('rebuilds every projection from stored events into the same rows', async () => {
    const tables = ['workflows', 'workflow_versions', 'workflow_executions', 'execution_stages'];
    const snapshot = async () => {
      const out: Record<string, unknown[]> = {};
      for (const t of tables) out[t] = (await db.query(`SELECT * FROM ${t} ORDER BY 1, 2`)).rows;
      return out;
    };
    // Let in-flight runs settle first.
    await eventually(async () =>
      expect(
        (await db.query(`SELECT count(*)::int AS n FROM workflow_executions WHERE status IN ('Created', 'InProgress')`)).rows[0].n,
      ).toBe(0),
    );
    const before = await snapshot();
    const orm = await MikroORM.init(createOrmConfig({ clientUrl: platform.databases.workflows!.url, entities: [], migrations: [] }));
    try {
      await rebuildProjections(orm, 'workflows', workflowsProjections);
    } finally {
      await orm.close();
    }
    const after = await snapshot();
    for (const t of tables) {
      // updated_at of a row follows the last event; ids, numbers, statuses and statistics all match.
      expect({ t, rows: after[t] }).toEqual({ t, rows: before[t] });
    }
  });

  // Last: it backdates rows directly, which a rebuild would not reproduce.
  it('archives finished executions past the retention period: dry run first, then for real, audited', async () => {
    const admin = await signToken(platform.tokenKey, { role: 'admin', userNumber: 1 });
    const retention = (body: unknown, as = admin) =>
      http('POST', `${platform.gatewayUrl}/api/v1/executions/retention`, { body, token: as });
    await db.query(
      `UPDATE workflow_executions SET completed_at = now() - interval '200 days' WHERE id IN (SELECT id FROM workflow_executions WHERE completed_at IS NOT NULL ORDER BY id LIMIT 3)`,
    );
    const dry = await retention({});
    expect(dry.body).toMatchObject({ dryRun: true, retentionDays: 90, matched: 3, archived: 0 });
    expect((await db.query('SELECT count(*)::int AS n FROM workflow_executions WHERE archived_at IS NOT NULL')).rows[0].n).toBe(0);
    const real = await retention({ dryRun: false });
    expect(real.body).toMatchObject({ dryRun: false, matched: 3, archived: 3 });
    expect((await db.query('SELECT count(*)::int AS n FROM workflow_executions WHERE archived_at IS NOT NULL')).rows[0].n).toBe(3);
    const runsBefore = await db.query(`SELECT count(*)::int AS n FROM stored_event WHERE type = 'workflows.execution.archived'`);
    expect((await retention({ dryRun: false })).body.archived).toBe(0);
    // Nothing left to archive: the run is still on record (an event with an empty list), a dry run is not.
    const archivedEvents = `SELECT payload FROM stored_event WHERE type = 'workflows.execution.archived' ORDER BY occurred_at DESC, version DESC`;
    const after = (await db.query(archivedEvents)).rows;
    expect(after).toHaveLength(runsBefore.rows[0].n + 1);
    expect(after[0].payload).toMatchObject({ executionIds: [], trigger: 'request', retentionDays: 90 });
    await retention({});
    expect((await db.query(archivedEvents)).rows).toHaveLength(after.length);
    expect((await retention({}, token)).status).toBe(403);
    const { rows } = await db.query(`SELECT kind, status FROM job WHERE kind = 'execution-retention'`);
    expect(rows).toEqual([{ kind: 'execution-retention', status: 'pending' }]);
  });
});
