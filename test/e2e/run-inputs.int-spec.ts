import { createHmac, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { SYSTEM_ACTOR, webhookReceived } from '@mindhill/contracts';
import { eventually } from '@mindhill/testing';
import { StartWebhookRunsJob } from '../../apps/workflows/src/execution/application/start-webhook-runs/start-webhook-runs.job';
import { http } from '../support/http';
import { signToken } from '../support/tokens';
import { startTestPlatform, TestPlatform } from '../support/test-platform';

// Typed run inputs, triggers and webhook-started runs, through the gateway on real Kafka and
// PostgreSQL: a run's inputs checked and recorded (and who may start or see it), a signed delivery
// to a startRuns source starting one run per workflow that reads it, a replay starting none.
type CallerName = 'owner' | 'sharedUser' | 'otherUser' | 'viewer' | 'admin';
const NUMBERS: Record<CallerName, number> = { owner: 201, sharedUser: 202, otherUser: 203, viewer: 204, admin: 1 };
const ROLES: Record<CallerName, 'user' | 'viewer' | 'admin'> = {
  owner: 'user',
  sharedUser: 'user',
  otherUser: 'user',
  viewer: 'viewer',
  admin: 'admin',
};
const SECRET = 'a webhook secret of some length';
const INPUTS = [
  { name: 'city', type: 'string', required: true, description: 'Where' },
  { name: 'days', type: 'number', default: 7 },
  { name: 'dryRun', type: 'boolean', default: false },
  { name: 'since', type: 'date' },
  { name: 'filter', type: 'json' },
];

describe('run inputs, triggers and webhook-started runs', () => {
  let platform: TestPlatform;
  let workflowsDb: Client;
  const tokens = {} as Record<CallerName, string>;
  const as = (caller: CallerName, method: string, path: string, body?: unknown) =>
    http(method, `${platform.gatewayUrl}/api/v1${path}`, { token: tokens[caller], body });
  const fetching = (...dataSources: string[]) => ({ stages: [{ name: 'fetch', type: 'fetching', dataSources }] });
  let n = 0;
  // A Standard Webhooks delivery; `id` again is a replay.
  const deliver = (source: string, body: string, id = `msg_inputs_${++n}`) => {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = createHmac('sha256', SECRET).update(`${id}.${timestamp}.${body}`).digest('base64');
    return fetch(`${platform.gatewayUrl}/api/v1/webhooks/${source}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': timestamp,
        'webhook-signature': `v1,${signature}`,
      },
      body,
    });
  };
  async function created(caller: CallerName, path: string, body: Record<string, unknown>): Promise<string> {
    const res = await as(caller, 'POST', path, body);
    expect({ status: res.status, body: res.status === 201 ? null : res.body }).toEqual({ status: 201, body: null });
    return res.body.id as string;
  }
  const executionRows = async (workflowId: string) =>
    (
      await workflowsDb.query(
        `SELECT e.uuid, e.triggered_by, e.execution_context FROM workflow_executions e JOIN workflows w ON w.id = e.workflow_id
         WHERE w.uuid = $1 ORDER BY e.id`,
        [workflowId],
      )
    ).rows;
  // Deliveries the workflows service has handled (claimed in its inbox), started runs or not.
  const handledDeliveries = async () =>
    Number((await workflowsDb.query(`SELECT count(*) AS n FROM processed_message WHERE consumer = 'workflows.webhook-runs'`)).rows[0].n);

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['workflows', 'ingestion'],
      env: { GATEWAY_RATE_LIMIT_PER_HOUR: '10000000' },
    });
    for (const c of Object.keys(NUMBERS) as CallerName[])
      tokens[c] = await signToken(platform.tokenKey, { role: ROLES[c], userNumber: NUMBERS[c], email: `${c}@example.com` });
    workflowsDb = new Client({ connectionString: platform.databases.workflows!.url });
    await workflowsDb.connect();
  }, 180_000);
  afterAll(async () => {
    await workflowsDb?.end();
    await platform?.close();
  });

  describe('a run with inputs', () => {
    let workflow: string;

    beforeAll(async () => {
      const source = await created('owner', '/data-sources', { name: 'inputs hook', type: 'webhook', secret: SECRET });
      workflow = await created('owner', '/workflows', {
        name: 'with inputs',
        configuration: fetching(source),
        status: 'active',
        inputs: INPUTS,
        sharedWithUsers: [NUMBERS.sharedUser],
      });
    });

    it('declares typed inputs on the workflow and its versions, and refuses a default of another type', async () => {
      const declared = [
        { name: 'city', type: 'string', required: true, description: 'Where' },
        { name: 'days', type: 'number', required: false, default: 7, description: null },
        { name: 'dryRun', type: 'boolean', required: false, default: false, description: null },
        { name: 'since', type: 'date', required: false, description: null },
        { name: 'filter', type: 'json', required: false, description: null },
      ];
      expect((await as('owner', 'GET', `/workflows/${workflow}`)).body.inputs).toEqual(declared);
      expect((await as('owner', 'GET', `/workflows/${workflow}/versions`)).body.items[0].definition.inputs).toEqual(declared);
      const bad = await as('owner', 'POST', '/workflows', {
        name: 'bad default',
        configuration: fetching('7c9e6679-7425-40de-944b-e07fc1f90ae7'),
        inputs: [{ name: 'days', type: 'number', default: 'seven' }],
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({
        code: 'WORKFLOWS.INVALID_INPUT_DECLARATION',
        details: { issues: [{ path: 'inputs.0.default', message: 'must be a finite number' }] },
      });
    });

    it('replaces the declared inputs on update, as a new version; an older version keeps its own', async () => {
      const source = await created('owner', '/data-sources', { name: 'patched hook', type: 'webhook', secret: SECRET });
      const patched = await created('owner', '/workflows', { name: 'patched', configuration: fetching(source), status: 'active' });
      const res = await as('owner', 'PATCH', `/workflows/${patched}`, { inputs: [{ name: 'limit', type: 'number', required: true }] });
      expect(res.status).toBe(200);
      const limit = [{ name: 'limit', type: 'number', required: true, description: null }];
      expect(res.body).toMatchObject({ version: 2, inputs: limit });
      const versions = (await as('owner', 'GET', `/workflows/${patched}/versions`)).body.items;
      expect(versions.map((v: { definition: { inputs: unknown } }) => v.definition.inputs)).toEqual([limit, []]);
      expect((await as('owner', 'POST', `/workflows/${patched}/executions`, {})).body.error.details.issues).toEqual([
        { name: 'limit', code: 'missing', message: 'limit is required' },
      ]);
      expect((await as('owner', 'POST', `/workflows/${patched}/executions`, { inputs: { limit: 5 } })).body.inputs).toEqual({ limit: 5 });
    });

    it('records the resolved inputs and a manual trigger, shows them, and hands them to the stage', async () => {
      const started = await as('owner', 'POST', `/workflows/${workflow}/execute`, {
        inputs: { city: 'Oslo', since: '2026-12-01', filter: { tags: ['a'] } },
      });
      expect(started.status).toBe(202);
      const inputs = { city: 'Oslo', days: 7, dryRun: false, since: '2026-12-01', filter: { tags: ['a'] } };
      expect(started.body).toMatchObject({ triggeredBy: 'manual', trigger: { kind: 'manual', userNumber: NUMBERS.owner }, inputs });
      const shown = await as('owner', 'GET', `/executions/${started.body.id}`);
      expect(shown.body).toMatchObject({ trigger: { kind: 'manual', userNumber: NUMBERS.owner }, inputs });
      const listed = await as('owner', 'GET', `/executions?workflowId=${workflow}&triggeredBy=manual`);
      expect(listed.body.items.map((e: { id: string; inputs: unknown }) => [e.id, e.inputs])).toContainEqual([started.body.id, inputs]);
      const { rows } = await workflowsDb.query(
        `SELECT payload -> 'runInputs' AS inputs FROM stored_event WHERE stream_id = $1 AND type = 'workflows.execution.stage-requested'`,
        [`execution-${started.body.id}`],
      );
      expect(rows.map((r) => r.inputs)).toEqual([inputs]);
    });

    it('refuses bad inputs with 400 WORKFLOWS.INVALID_INPUT, every issue named, and writes no run', async () => {
      const before = (await executionRows(workflow)).length;
      const cases: [unknown, unknown[]][] = [
        [{}, [{ name: 'city', code: 'missing' }]],
        [{ city: 'Oslo', days: '7' }, [{ name: 'days', code: 'wrong-type' }]],
        [
          { city: 'Oslo', since: 'yesterday', dryRun: 'no' },
          [
            { name: 'dryRun', code: 'wrong-type' },
            { name: 'since', code: 'wrong-type' },
          ],
        ],
        [{ city: 'Oslo', region: 'north' }, [{ name: 'region', code: 'unknown' }]],
      ];
      for (const [inputs, issues] of cases) {
        const res = await as('owner', 'POST', `/workflows/${workflow}/executions`, { inputs });
        expect(res.status).toBe(400);
        expect(res.body.error.code).toBe('WORKFLOWS.INVALID_INPUT');
        expect(res.body.error.details.issues).toEqual(issues.map((i) => expect.objectContaining(i as object)));
      }
      const old = await as('owner', 'POST', `/workflows/${workflow}/executions`, { parameters: { city: 'Oslo' } });
      expect(old.status).toBe(400);
      expect(old.body.error.code).toBe('REQUEST.UNKNOWN_FIELDS');
      expect(await executionRows(workflow)).toHaveLength(before);
    });

    it('lets only the owner and admins start a run, and shows its inputs to whoever may see the workflow', async () => {
      const body = { inputs: { city: 'Bergen' } };
      const started = await as('admin', 'POST', `/workflows/${workflow}/executions`, body);
      expect(started.status).toBe(202);
      expect(started.body.trigger).toEqual({ kind: 'manual', userNumber: NUMBERS.admin });
      const refusals = {
        sharedUser: await as('sharedUser', 'POST', `/workflows/${workflow}/executions`, body),
        otherUser: await as('otherUser', 'POST', `/workflows/${workflow}/executions`, body),
        viewer: await as('viewer', 'POST', `/workflows/${workflow}/execute`, body),
        // Bad inputs from someone who may not run it: the refusal says nothing about the inputs.
        otherUserBadInputs: await as('otherUser', 'POST', `/workflows/${workflow}/executions`, { inputs: { nope: 1 } }),
      };
      expect(Object.fromEntries(Object.entries(refusals).map(([k, r]) => [k, [r.status, r.body.error?.code]]))).toEqual({
        sharedUser: [403, 'AUTH.NOT_OWNER'],
        otherUser: [404, 'WORKFLOWS.NOT_FOUND'],
        viewer: [403, expect.any(String)],
        otherUserBadInputs: [404, 'WORKFLOWS.NOT_FOUND'],
      });
      const sees = async (caller: CallerName) => {
        const res = await as(caller, 'GET', `/executions/${started.body.id}`);
        return res.status === 200 ? res.body.inputs : res.status;
      };
      expect({
        owner: await sees('owner'),
        sharedUser: await sees('sharedUser'),
        admin: await sees('admin'),
        otherUser: await sees('otherUser'),
        viewer: await sees('viewer'),
      }).toEqual({
        owner: { city: 'Bergen', days: 7, dryRun: false },
        sharedUser: { city: 'Bergen', days: 7, dryRun: false },
        admin: { city: 'Bergen', days: 7, dryRun: false },
        otherUser: 404,
        viewer: 404,
      });
      const otherList = await as('otherUser', 'GET', `/executions?triggeredBy=manual`);
      expect(otherList.body.items.map((e: { workflowId: string }) => e.workflowId)).not.toContain(workflow);
    });
  });

  describe('a webhook delivery', () => {
    let startsRuns: string;
    let quiet: string;
    let bobsSource: string;
    const workflows = {} as Record<'first' | 'second' | 'quietOnly' | 'lent' | 'inactive' | 'bobs', string>;

    beforeAll(async () => {
      startsRuns = await created('owner', '/data-sources', {
        name: 'orders hook',
        type: 'webhook',
        secret: SECRET,
        startRuns: true,
        usableByUsers: [NUMBERS.otherUser],
      });
      quiet = await created('owner', '/data-sources', { name: 'quiet hook', type: 'webhook', secret: SECRET });
      bobsSource = await created('otherUser', '/data-sources', { name: 'bob hook', type: 'webhook', secret: SECRET, startRuns: true });
      workflows.first = await created('owner', '/workflows', {
        name: 'hook first',
        configuration: fetching(startsRuns),
        status: 'active',
        inputs: [{ name: 'days', type: 'number', default: 3 }],
      });
      workflows.second = await created('owner', '/workflows', {
        name: 'hook second',
        configuration: fetching(quiet, startsRuns),
        status: 'active',
      });
      workflows.quietOnly = await created('owner', '/workflows', { name: 'hook quiet', configuration: fetching(quiet), status: 'active' });
      workflows.inactive = await created('owner', '/workflows', { name: 'hook inactive', configuration: fetching(startsRuns) });
      // Another user's workflow over the source lent to them starts too; their own workflow over
      // their own source does not.
      workflows.lent = await created('otherUser', '/workflows', {
        name: 'bob lent',
        configuration: fetching(startsRuns),
        status: 'active',
      });
      workflows.bobs = await created('otherUser', '/workflows', { name: 'bob own', configuration: fetching(bobsSource), status: 'active' });
      // The grants reach workflows by events; a save already checked them, so they are there.
      expect((await as('owner', 'GET', `/data-sources/${startsRuns}`)).body.config).toEqual({ startRuns: true });
    });

    it('starts one run of each active workflow reading a startRuns source, with the delivery as input and trigger webhook', async () => {
      const handled = await handledDeliveries();
      const accepted = await deliver(startsRuns, '{ "order" : 1 }');
      expect(accepted.status).toBe(202);
      const { deliveryId, sha256 } = (await accepted.json()) as { deliveryId: string; sha256: string };
      await eventually(async () => expect(await handledDeliveries()).toBe(handled + 1), { timeoutMs: 20_000 });

      const runs = {} as Record<string, unknown[]>;
      for (const [name, id] of Object.entries(workflows)) runs[name] = await executionRows(id);
      expect(Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, v.length]))).toEqual({
        first: 1,
        second: 1,
        quietOnly: 0,
        inactive: 0,
        lent: 1,
        bobs: 0,
      });
      const [run] = (await as('owner', 'GET', `/executions?workflowId=${workflows.first}&triggeredBy=webhook`)).body.items;
      const trigger = {
        kind: 'webhook',
        dataSourceId: startsRuns,
        deliveryId,
        deliveryNumber: expect.any(Number),
        receivedAt: expect.any(String),
      };
      expect(run).toMatchObject({
        triggeredBy: 'webhook',
        trigger,
        inputs: {
          days: 3,
          delivery: {
            deliveryId,
            dataSourceId: startsRuns,
            sha256,
            sizeBytes: 15,
            contentType: 'application/json',
            receivedAt: trigger.receivedAt,
          },
        },
      });
      // Bob sees the run of his workflow, not the owner's.
      const bobs = (await as('otherUser', 'GET', '/executions?triggeredBy=webhook')).body.items.map(
        (e: { workflowId: string }) => e.workflowId,
      );
      expect(bobs).toEqual([workflows.lent]);
    });

    it('starts nothing for a replayed delivery, nor for a source without startRuns', async () => {
      const counts = async () => {
        const out: Record<string, number> = {};
        for (const [name, id] of Object.entries(workflows)) out[name] = (await executionRows(id)).length;
        return out;
      };
      const before = await counts();
      const handled = await handledDeliveries();
      const first = await deliver(startsRuns, '{"order":2}', 'msg_replayed');
      expect(first.status).toBe(202);
      const replay = await deliver(startsRuns, '{"order":2}', 'msg_replayed');
      expect(replay.status).toBe(409);
      expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('INGESTION.WEBHOOK_REPLAYED');
      expect((await deliver(quiet, '{"order":3}')).status).toBe(202);
      // Two deliveries accepted: both handled, the replay never became one.
      await eventually(async () => expect(await handledDeliveries()).toBe(handled + 2), { timeoutMs: 20_000 });
      expect(await counts()).toEqual({ ...before, first: before.first! + 1, second: before.second! + 1, lent: before.lent! + 1 });
      // One run per workflow and delivery.
      const { rows } = await workflowsDb.query(
        `SELECT execution_context #>> '{trigger,deliveryId}' AS delivery, workflow_id, count(*)::int AS n FROM workflow_executions
         WHERE triggered_by = 'webhook' GROUP BY 1, 2 HAVING count(*) > 1`,
      );
      expect(rows).toEqual([]);
    });

    it('starts no second run of a workflow for a delivery it sees again under another event id', async () => {
      const { rows } = await workflowsDb.query(
        `SELECT execution_context #>> '{trigger,deliveryId}' AS delivery FROM workflow_executions e JOIN workflows w ON w.id = e.workflow_id
         WHERE w.uuid = $1 AND e.triggered_by = 'webhook' ORDER BY e.id LIMIT 1`,
        [workflows.first],
      );
      const ingestionDb = new Client({ connectionString: platform.databases.ingestion!.url });
      await ingestionDb.connect();
      const stored = await ingestionDb.query(`SELECT payload FROM stored_event WHERE type = $1 AND payload ->> 'deliveryId' = $2`, [
        webhookReceived.type,
        rows[0].delivery,
      ]);
      await ingestionDb.end();
      const before = { first: (await executionRows(workflows.first)).length, lent: (await executionRows(workflows.lent)).length };
      // As if ingestion had published the delivery twice (a republished outbox row under a new id).
      const job = platform.apps.workflows!.get(StartWebhookRunsJob);
      const again = await job.run({
        eventId: randomUUID(),
        type: webhookReceived.type,
        version: 1,
        occurredAt: new Date().toISOString(),
        producer: 'ingestion',
        aggregateType: 'webhook',
        aggregateId: rows[0].delivery,
        aggregateVersion: 1,
        correlationId: randomUUID(),
        causationId: null,
        actor: SYSTEM_ACTOR,
        payload: webhookReceived.schema.parse(stored.rows[0].payload),
      });
      expect(again).toEqual({ duplicates: 0 });
      expect({ first: (await executionRows(workflows.first)).length, lent: (await executionRows(workflows.lent)).length }).toEqual(before);
    });

    it('can be switched off on the source: a delivery then buffers for the next fetch only', async () => {
      const off = await as('owner', 'PATCH', `/data-sources/${startsRuns}`, { startRuns: false });
      expect(off.status).toBe(200);
      expect(off.body.config).toEqual({ startRuns: false });
      const before = (await executionRows(workflows.first)).length;
      const handled = await handledDeliveries();
      expect((await deliver(startsRuns, '{"order":4}')).status).toBe(202);
      await eventually(async () => expect(await handledDeliveries()).toBe(handled + 1), { timeoutMs: 20_000 });
      expect(await executionRows(workflows.first)).toHaveLength(before);
    });
  });
});
