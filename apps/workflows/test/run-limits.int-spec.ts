import { eventually, queryDatabase } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { signToken } from '../../../test/support/tokens';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';

const SOURCE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const CONFIGURATION = { stages: [{ name: 'fetch', type: 'fetching', dataSources: [SOURCE] }] };

// The platform defaults (no settings changed): schedules at most once a minute, three runs in
// progress per user, five overall (a run beyond them waits for a slot). No worker answers here,
// so a started run stays in progress.
describe('workflows: schedule minimum and per-user run slots', () => {
  let platform: TestPlatform;
  let alice: string;
  let bob: string;
  const api = (token: string, method: string, path: string, body?: unknown) =>
    http(method, `${platform.gatewayUrl}/api/v1${path}`, { body, token });
  const workflow = async (token: string, name: string, extra: Record<string, unknown> = {}) =>
    api(token, 'POST', '/workflows', { name, status: 'active', configuration: CONFIGURATION, ...extra });

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['workflows'] });
    alice = await signToken(platform.tokenKey, { role: 'user', userNumber: 101 });
    bob = await signToken(platform.tokenKey, { role: 'user', userNumber: 102 });
  });
  afterAll(() => platform?.close());

  it('refuses a schedule that fires more often than min_schedule_interval_seconds with 400 WORKFLOWS.SCHEDULE_TOO_FREQUENT', async () => {
    for (const cron of ['* * * * * *', '*/30 * * * * *', '0,30 0 9 1 1 *']) {
      const res = await workflow(alice, `too often ${cron}`, { scheduleCron: cron, scheduleTimezone: 'Europe/Paris' });
      expect([res.status, res.body.error.code]).toEqual([400, 'WORKFLOWS.SCHEDULE_TOO_FREQUENT']);
    }
    const minutely = await workflow(alice, 'once a minute', {
      scheduleCron: '0 * * * * *',
      scheduleTimezone: 'Europe/Paris',
      status: 'inactive',
    });
    expect(minutely.status).toBe(201);
    const faster = await api(alice, 'PATCH', `/workflows/${minutely.body.id}`, { scheduleCron: '*/10 * * * * *' });
    expect([faster.status, faster.body.error.code]).toEqual([400, 'WORKFLOWS.SCHEDULE_TOO_FREQUENT']);
    expect((await api(alice, 'GET', `/workflows/${minutely.body.id}`)).body.scheduleCron).toBe('0 * * * * *');
  });

  it("makes a user's run beyond max_concurrent_workflows_per_user wait for one of theirs to end while another user still starts", async () => {
    const mine = (await workflow(alice, 'alice runs')).body;
    const theirs = (await workflow(bob, 'bob runs')).body;
    const start = (token: string, id: string) => api(token, 'POST', `/workflows/${id}/executions`, {});
    const started = await Promise.all([1, 2, 3, 4].map(() => start(alice, mine.id)));
    expect(started.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    expect(started.map((r) => r.body.status).sort()).toEqual(['Created', 'InProgress', 'InProgress', 'InProgress']);
    const waiting = started.find((r) => r.body.status === 'Created')!;
    const other = await start(bob, theirs.id);
    expect(other.status).toBe(202);
    expect(other.body.status).toBe('InProgress');
    // A slot freed by the user's own run ending goes to their waiting run.
    const first = started.find((r) => r.body.status === 'InProgress')!;
    expect((await api(alice, 'POST', `/executions/${first.body.id}/cancel`)).status).toBe(200);
    await eventually(async () => expect((await api(alice, 'GET', `/executions/${waiting.body.id}`)).body.status).toBe('InProgress'));
    // The admission is a job only when a run waits: one for that end, none for an end with no
    // run waiting (bob's, now).
    const admitJobs = () =>
      queryDatabase(platform.databases.workflows!.url, `SELECT job_key FROM job WHERE kind = 'admit-waiting-runs' ORDER BY job_key`);
    expect(await admitJobs()).toEqual([{ job_key: `admit:${first.body.id}` }]);
    expect((await api(bob, 'POST', `/executions/${other.body.id}/cancel`)).status).toBe(200);
    expect((await api(bob, 'GET', `/executions/${other.body.id}`)).body.status).toBe('Cancelled');
    expect(await admitJobs()).toEqual([{ job_key: `admit:${first.body.id}` }]);
  });
});
