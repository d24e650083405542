import { Client } from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { StageRequested } from '@mindhill/contracts';
import { createOrmConfig, rebuildProjections } from '@mindhill/persistence';
import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { ScriptedWorker, StageAnswer } from '../../../test/support/scripted-worker';
import { signToken } from '../../../test/support/tokens';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { workflowsProjections } from '../src/workflows.projections';

const SOURCE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
type Caller = 'owner' | 'other' | 'shared' | 'viewer' | 'admin';
const USERS: Record<Caller, { role: 'admin' | 'user' | 'viewer'; userNumber: number }> = {
  owner: { role: 'user', userNumber: 201 },
  other: { role: 'user', userNumber: 202 },
  shared: { role: 'user', userNumber: 203 },
  viewer: { role: 'viewer', userNumber: 204 },
  admin: { role: 'admin', userNumber: 1 },
};

// POST /api/v1/executions/:id/rerun through the real gateway, real Kafka and PostgreSQL, the
// workers scripted: the processing stage (2) of the first run of each workflow fails for good;
// any later request of it succeeds (the "fixed" source), so a rerun can succeed.
describe('workflows: rerun a failed run from its failed stage', () => {
  let platform: TestPlatform;
  let worker: ScriptedWorker;
  let db: Client;
  const tokens = {} as Record<Caller, string>;
  const failOnce = new Set<string>();
  const api = (who: Caller, method: string, path: string, body?: unknown) =>
    http(method, `${platform.gatewayUrl}/api/v1${path}`, { body, token: tokens[who] });
  const answer = (r: StageRequested): StageAnswer => {
    if (r.stageOrder === 2 && failOnce.delete(r.workflowId))
      return { kind: 'fail', errorCode: 'PROCESSING.ALL_ITEMS_FAILED', retriable: false };
    return { kind: 'complete', contentCount: 3, output: { stage: r.stageOrder } };
  };
  const requestsOf = (executionId: string) => worker.requests.filter((r) => r.executionId === executionId);
  const settled = (id: string, status: string) =>
    eventually(
      async () => {
        const res = await api('admin', 'GET', `/executions/${id}`);
        expect(res.body.status).toBe(status);
        return res.body;
      },
      { timeoutMs: 30_000 },
    );
  const storedEvents = async () => (await db.query('SELECT count(*)::int AS n FROM stored_event')).rows[0].n as number;

  // A workflow of fetch, processing, calculation whose first run fails at processing; the run.
  async function failedRun(name: string, sharing: Record<string, unknown> = {}) {
    const wf = await api('owner', 'POST', '/workflows', {
      name,
      status: 'active',
      maxRetries: 0,
      inputs: [{ name: 'city', type: 'string', required: true }],
      configuration: {
        stages: [
          { name: 'fetch', type: 'fetching', dataSources: [SOURCE], timeoutSeconds: 30 },
          { name: 'proc', type: 'processing', timeoutSeconds: 30 },
          { name: 'calc', type: 'calculation', timeoutSeconds: 30 },
        ],
      },
      ...sharing,
    });
    expect(wf.status).toBe(201);
    failOnce.add(wf.body.id);
    const started = await api('owner', 'POST', `/workflows/${wf.body.id}/executions`, { inputs: { city: 'Oslo' } });
    expect(started.status).toBe(202);
    const failed = await settled(started.body.id, 'Failed');
    expect(failed.stages.map((s: any) => s.status)).toEqual(['Success', 'Failed', 'Skipped']);
    return { workflowId: wf.body.id as string, run: failed };
  }

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['workflows', 'audit'],
      env: { WORKFLOWS_MAX_CONCURRENT_RUNS_PER_USER: '5', GATEWAY_RATE_LIMIT_PER_HOUR: '10000000' },
    });
    for (const [who, claims] of Object.entries(USERS)) tokens[who as Caller] = await signToken(platform.tokenKey, claims);
    worker = new ScriptedWorker(platform.env, answer);
    await worker.start();
    db = new Client({ connectionString: platform.databases.workflows!.url });
    await db.connect();
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await worker?.stop();
    await platform?.close();
  });

  it('reruns from the failed stage: a new linked run of the same version and inputs, stage 1 carried over, not fetched again', async () => {
    const { workflowId, run: old } = await failedRun('rerun-me');
    // The workflow changes after the failure: the rerun still runs the failed run's version.
    const patched = await api('owner', 'PATCH', `/workflows/${workflowId}`, {
      configuration: { stages: [{ name: 'fetch-v2', type: 'fetching', dataSources: [SOURCE], timeoutSeconds: 30 }] },
    });
    expect(patched.body.version).toBe(2);

    const res = await api('owner', 'POST', `/executions/${old.id}/rerun`, {});
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      rerunOf: old.id,
      workflowVersion: 1,
      configurationHash: old.configurationHash,
      runNumber: old.runNumber + 1,
      triggeredBy: 'manual',
      trigger: { kind: 'rerun', userNumber: 201, executionId: old.id, fromStage: 2 },
      inputs: { city: 'Oslo' },
      // Stage 1 of 3 counts as done from the start.
      stagesCompleted: 1,
      progressPercentage: 33.33,
      contentProcessed: 3,
    });
    expect(res.body.stages[0]).toMatchObject({
      name: 'fetch',
      status: 'Skipped',
      carriedOverFrom: old.id,
      itemsToProcess: old.stages[0].itemsToProcess,
      itemsProcessed: old.stages[0].itemsProcessed,
      output: old.stages[0].output,
    });

    const done = await settled(res.body.id, 'Success');
    expect(done.stages.map((s: any) => [s.name, s.status, s.carriedOverFrom])).toEqual([
      ['fetch', 'Skipped', old.id],
      ['proc', 'Success', null],
      ['calc', 'Success', null],
    ]);
    expect(done).toMatchObject({ stagesCompleted: 3, progressPercentage: 100, contentProcessed: 3 });
    // No fetch was asked for: the worker got stages 2 and 3 only, both naming where stage 1's
    // content is, stage 2 expecting what the old run fetched.
    const requests = requestsOf(res.body.id);
    expect(requests.map((r) => r.stageOrder)).toEqual([2, 3]);
    for (const r of requests) expect(r.input.carriedOver).toEqual([{ stageOrder: 1, executionId: old.id }]);
    expect(requests[0]!.input).toMatchObject({ expectedContentCount: 3, previousStageType: 'fetching' });
    expect(requests[0]!).toMatchObject({ workflowVersion: 1, runInputs: { city: 'Oslo' } });

    // Linked both ways: the old run lists its rerun.
    const again = await api('owner', 'GET', `/executions/${old.id}`);
    expect(again.body.reruns).toEqual([
      { id: res.body.id, runNumber: res.body.runNumber, status: 'Success', fromStage: 2, createdAt: res.body.createdAt },
    ]);
    expect(again.body.rerunOf).toBeNull();
    expect(done.reruns).toEqual([]);

    // A successful run is not rerun; nothing is written.
    const before = await storedEvents();
    const refused = await api('owner', 'POST', `/executions/${res.body.id}/rerun`, {});
    expect([refused.status, refused.body.error.code]).toEqual([409, 'WORKFLOWS.RERUN_NOT_ALLOWED']);
    expect(await storedEvents()).toBe(before);
  });

  it('reruns from stage 1 when asked: everything runs again', async () => {
    const { run: old } = await failedRun('rerun-from-one');
    const res = await api('owner', 'POST', `/executions/${old.id}/rerun`, { fromStage: 1 });
    expect(res.status).toBe(202);
    expect(res.body.trigger).toMatchObject({ kind: 'rerun', fromStage: 1 });
    const done = await settled(res.body.id, 'Success');
    expect(done.stages.map((s: any) => [s.status, s.carriedOverFrom])).toEqual([
      ['Success', null],
      ['Success', null],
      ['Success', null],
    ]);
    expect(requestsOf(res.body.id).map((r) => [r.stageOrder, r.input.carriedOver])).toEqual([
      [1, undefined],
      [2, undefined],
      [3, undefined],
    ]);
  });

  it('reruns once for one Idempotency-Key: the same request again answers the same run', async () => {
    const { run: old } = await failedRun('rerun-idempotent');
    const headers = { 'idempotency-key': `rerun-${old.id}` };
    const once = await http('POST', `${platform.gatewayUrl}/api/v1/executions/${old.id}/rerun`, { body: {}, token: tokens.owner, headers });
    const twice = await http('POST', `${platform.gatewayUrl}/api/v1/executions/${old.id}/rerun`, {
      body: {},
      token: tokens.owner,
      headers,
    });
    expect([once.status, twice.status, twice.headers.get('idempotent-replayed')]).toEqual([202, 202, 'true']);
    expect(twice.body.id).toBe(once.body.id);
    expect((await api('owner', 'GET', `/executions/${old.id}`)).body.reruns.map((r: any) => r.id)).toEqual([once.body.id]);
    await settled(once.body.id, 'Success');
  });

  it('refuses a stage past the failed one or below 1 with 400, writing nothing', async () => {
    const { run: old } = await failedRun('rerun-bounds');
    const before = await storedEvents();
    const past = await api('owner', 'POST', `/executions/${old.id}/rerun`, { fromStage: 3 });
    expect([past.status, past.body.error.code]).toEqual([400, 'WORKFLOWS.INVALID_RERUN_STAGE']);
    const zero = await api('owner', 'POST', `/executions/${old.id}/rerun`, { fromStage: 0 });
    expect([zero.status, zero.body.error.code]).toEqual([400, 'REQUEST.VALIDATION_FAILED']);
    const unknown = await api('owner', 'POST', `/executions/${old.id}/rerun`, { inputs: { city: 'Bergen' } });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'REQUEST.UNKNOWN_FIELDS']);
    const missing = await api('owner', 'POST', `/executions/00000000-0000-4000-8000-000000000000/rerun`, {});
    expect([missing.status, missing.body.error.code]).toEqual([404, 'WORKFLOWS.EXECUTION_NOT_FOUND']);
    expect(await storedEvents()).toBe(before);
  });

  it('applies the start rule: another user 404, a viewer 403, a user it is shared with 403, an admin reruns', async () => {
    const shares = { sharedWithUsers: [USERS.shared.userNumber, USERS.viewer.userNumber] };
    const { run: old } = await failedRun('rerun-access', shares);
    const before = await storedEvents();
    const other = await api('other', 'POST', `/executions/${old.id}/rerun`, {});
    expect([other.status, other.body.error.code]).toEqual([404, 'WORKFLOWS.EXECUTION_NOT_FOUND']);
    const viewer = await api('viewer', 'POST', `/executions/${old.id}/rerun`, {});
    expect([viewer.status, viewer.body.error.code]).toEqual([403, 'AUTH.FORBIDDEN']);
    const shared = await api('shared', 'POST', `/executions/${old.id}/rerun`, {});
    expect([shared.status, shared.body.error.code]).toEqual([403, 'AUTH.NOT_OWNER']);
    // Those who may see the run see that nobody reran it.
    expect((await api('shared', 'GET', `/executions/${old.id}`)).body.reruns).toEqual([]);
    expect((await api('viewer', 'GET', `/executions/${old.id}`)).body.reruns).toEqual([]);
    expect(await storedEvents()).toBe(before);

    const byAdmin = await api('admin', 'POST', `/executions/${old.id}/rerun`, {});
    expect(byAdmin.status).toBe(202);
    expect(byAdmin.body).toMatchObject({ rerunOf: old.id, triggerUserId: 1, trigger: { kind: 'rerun', userNumber: 1 } });
    await settled(byAdmin.body.id, 'Success');
    expect((await api('shared', 'GET', `/executions/${old.id}`)).body.reruns.map((r: any) => r.id)).toEqual([byAdmin.body.id]);
  });

  it('audits the rerun with the run it reruns', async () => {
    const audit = new Client({ connectionString: platform.databases.audit!.url });
    await audit.connect();
    try {
      await eventually(async () => {
        const { rows } = await audit.query(
          `SELECT new_values FROM audit_logs WHERE event_type = 'workflows.execution.created' AND new_values ? 'rerunOf'`,
        );
        expect(rows.length).toBeGreaterThanOrEqual(3);
        expect(rows[0].new_values).toMatchObject({ triggeredBy: 'manual', trigger: { kind: 'rerun' } });
        expect(Object.keys(rows[0].new_values)).toEqual(expect.arrayContaining(['rerunOf', 'fromStage']));
      });
    } finally {
      await audit.end();
    }
  });

  it('rebuilds the runs and their carried-over stages from the stored events into the same rows', async () => {
    const tables = ['workflow_executions', 'execution_stages'];
    const snapshot = async () => {
      const out: Record<string, unknown[]> = {};
      for (const t of tables) out[t] = (await db.query(`SELECT * FROM ${t} ORDER BY 1, 2`)).rows;
      return out;
    };
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
    for (const t of tables) expect({ t, rows: after[t] }).toEqual({ t, rows: before[t] });
  });
});
