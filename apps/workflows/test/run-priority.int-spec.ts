import { Client } from 'pg';
import { MikroORM } from '@mikro-orm/postgresql';
import { createOrmConfig, rebuildProjections } from '@mindhill/persistence';
import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { signToken } from '../../../test/support/tokens';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { workflowsProjections } from '../src/workflows.projections';

const SOURCE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const CONFIGURATION = { stages: [{ name: 'fetch', type: 'fetching', dataSources: [SOURCE] }] };

// Two run slots overall (three per user, the default). No worker answers here, so a started run
// stays in progress until it is cancelled: cancelling is how a slot is freed.
describe('workflows: runs waiting for a slot start by priority, first come within a priority', () => {
  let platform: TestPlatform;
  const tokens: Record<string, string> = {};
  const api = (who: string, method: string, path: string, body?: unknown) =>
    http(method, `${platform.gatewayUrl}/api/v1${path}`, { body, token: tokens[who] });
  const workflowOf = async (who: string) =>
    (await api(who, 'POST', '/workflows', { name: `${who}'s runs`, status: 'active', configuration: CONFIGURATION })).body.id as string;
  const statusOf = async (who: string, executionId: string) => (await api(who, 'GET', `/executions/${executionId}`)).body.status;

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['workflows'], env: { WORKFLOWS_MAX_CONCURRENT_RUNS: '2' } });
    for (const [who, userNumber] of [
      ['alice', 101],
      ['bob', 102],
      ['carol', 103],
    ] as const) {
      tokens[who] = await signToken(platform.tokenKey, { role: 'user', userNumber });
    }
  });
  afterAll(() => platform?.close());

  it('fills the slots, queues low then high priority runs, and starts the high one first when a slot frees', async () => {
    const [aliceFlow, bobFlow, carolFlow] = await Promise.all([workflowOf('alice'), workflowOf('bob'), workflowOf('carol')]);
    const start = async (who: string, workflowId: string, body: Record<string, unknown>) => {
      const res = await api(who, 'POST', `/workflows/${workflowId}/executions`, body);
      expect(res.status).toBe(202);
      return res.body;
    };

    // The two slots are taken.
    const first = await start('alice', aliceFlow, {});
    const second = await start('alice', aliceFlow, { priority: -100 });
    expect([first.status, second.status]).toEqual(['InProgress', 'InProgress']);

    // Low first, then high, then another high and a default one: they wait, none started.
    const low = await start('bob', bobFlow, { priority: -10 });
    const high = await start('carol', carolFlow, { priority: 50 });
    const laterHigh = await start('bob', bobFlow, { priority: 50 });
    const normal = await start('carol', carolFlow, {});
    for (const [run, priority] of [
      [low, -10],
      [high, 50],
      [laterHigh, 50],
      [normal, 0],
    ] as const) {
      expect(run).toMatchObject({ status: 'Created', priority, startedAt: null, currentStage: null });
    }
    // The view and the list show the priority.
    expect((await api('carol', 'GET', `/executions/${high.id}`)).body).toMatchObject({ priority: 50, status: 'Created' });
    const listed = (await api('bob', 'GET', `/workflows/${bobFlow}/executions`)).body;
    expect(listed.items.map((e: { id: string; priority: number }) => [e.id, e.priority])).toEqual([
      [laterHigh.id, 50],
      [low.id, -10],
    ]);

    // One slot frees: the highest priority starts, the earlier of the two at 50.
    expect((await api('alice', 'POST', `/executions/${first.id}/cancel`)).status).toBe(200);
    await eventually(async () => expect(await statusOf('carol', high.id)).toBe('InProgress'));
    expect(await statusOf('bob', laterHigh.id)).toBe('Created');
    expect(await statusOf('bob', low.id)).toBe('Created');

    // The next slot: the other run at 50 (first come within a priority), then the default one.
    expect((await api('alice', 'POST', `/executions/${second.id}/cancel`)).status).toBe(200);
    await eventually(async () => expect(await statusOf('bob', laterHigh.id)).toBe('InProgress'));
    expect((await api('carol', 'POST', `/executions/${high.id}/cancel`)).status).toBe(200);
    await eventually(async () => expect(await statusOf('carol', normal.id)).toBe('InProgress'));
    expect(await statusOf('bob', low.id)).toBe('Created');
    const started = (await api('bob', 'GET', `/executions/${laterHigh.id}`)).body;
    expect(started).toMatchObject({ currentStage: 'fetch', stages: [{ status: 'InProgress', attempt: 1 }] });
    expect(Date.parse(started.deadlineAt) - Date.parse(started.startedAt)).toBe(60 * 60_000);

    // A waiting run can be cancelled; it never starts, and the low one is last in line.
    expect((await api('bob', 'POST', `/executions/${low.id}/cancel`)).body).toMatchObject({ status: 'Cancelled', startedAt: null });
  });

  it('rebuilds the priorities from the events; a run stored before priorities existed reads as 0', async () => {
    const db = new Client({ connectionString: platform.databases.workflows!.url });
    await db.connect();
    try {
      const priorities = async () => (await db.query('SELECT uuid, priority FROM workflow_executions ORDER BY id')).rows;
      const before = await priorities();
      expect(before.map((r) => r.priority)).toEqual([0, -100, -10, 50, 50, 0]);
      // The first run's created event as it was stored before the field existed.
      const { rowCount } = await db.query(
        `UPDATE stored_event SET payload = payload - 'priority' WHERE type = 'workflows.execution.created' AND stream_id = $1`,
        [`execution-${before[2].uuid}`],
      );
      expect(rowCount).toBe(1);
      const orm = await MikroORM.init(createOrmConfig({ clientUrl: platform.databases.workflows!.url, entities: [], migrations: [] }));
      try {
        await rebuildProjections(orm, 'workflows', workflowsProjections);
      } finally {
        await orm.close();
      }
      expect((await priorities()).map((r) => r.priority)).toEqual([0, -100, 0, 50, 50, 0]);
    } finally {
      await db.end();
    }
  });
});
