import { queryDatabase } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { signToken } from '../../../test/support/tokens';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';

const SOURCE = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
const CONFIGURATION = { stages: [{ name: 'fetch', type: 'fetching', dataSources: [SOURCE] }] };
type Caller = 'alice' | 'bob' | 'carol' | 'admin';
type Flow = 'alicePrivate' | 'bobPrivate' | 'bobShared' | 'bobPublic';
type Item = { id: string; workflowId: string; status: string; triggeredBy: string; createdAt: string };

// GET /api/v1/executions through the real gateway. No worker answers, so started runs stay in
// progress (slots are plenty here) until cancelled. Creation times are then set in the read model so
// that several runs share a microsecond, which is what the keyset's tie-breaker is for.
describe('workflows: the executions of every workflow one may see, filtered and keyset-paged', () => {
  let platform: TestPlatform;
  const tokens = {} as Record<Caller, string>;
  const flows = {} as Record<Flow, string>;
  const runsOf = {} as Record<Flow, string[]>;
  const query = (sql: string, params: unknown[] = []) => queryDatabase(platform.databases.workflows!.url, sql, params);
  const api = (who: Caller, path: string, method = 'GET', body?: unknown) =>
    http(method, `${platform.gatewayUrl}/api/v1${path}`, { body, token: tokens[who] });

  // Every page of a query, following nextCursor; the ids in the order answered.
  async function allPages(who: Caller, query: Record<string, string>): Promise<{ items: Item[]; pages: number }> {
    const items: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await api(who, `/executions?${new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) })}`);
      expect(res.status).toBe(200);
      items.push(...res.body.items);
      cursor = res.body.nextCursor;
      pages += 1;
      expect(pages).toBeLessThan(50);
    } while (cursor);
    return { items, pages };
  }
  const idsOf = (items: Item[]) => items.map((i) => i.id);
  const runsOfFlows = (...names: Flow[]) => names.flatMap((n) => runsOf[n]);
  const sorted = (ids: string[]) => [...ids].sort();

  // Newest first by (created_at, id), as the read model has them.
  async function expectedOrder(uuids: string[]): Promise<string[]> {
    const rows = await query('SELECT uuid FROM workflow_executions WHERE uuid = ANY($1::uuid[]) ORDER BY created_at DESC, id DESC', [
      uuids,
    ]);
    return rows.map((r) => r.uuid);
  }

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['workflows'],
      env: { WORKFLOWS_MAX_CONCURRENT_RUNS: '100', WORKFLOWS_MAX_CONCURRENT_RUNS_PER_USER: '100', GATEWAY_RATE_LIMIT_PER_HOUR: '10000000' },
    });
    tokens.alice = await signToken(platform.tokenKey, { role: 'user', userNumber: 101 });
    tokens.bob = await signToken(platform.tokenKey, { role: 'user', userNumber: 102 });
    tokens.carol = await signToken(platform.tokenKey, { role: 'viewer', userNumber: 103 });
    tokens.admin = await signToken(platform.tokenKey, { role: 'admin', userNumber: 1 });
    const create = async (who: Caller, name: string, sharing: Record<string, unknown>) => {
      const res = await api(who, '/workflows', 'POST', { name, status: 'active', configuration: CONFIGURATION, ...sharing });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    flows.alicePrivate = await create('alice', "alice's private", {});
    flows.bobPrivate = await create('bob', "bob's private", {});
    flows.bobShared = await create('bob', "bob's shared with alice", { sharedWithUsers: [101] });
    flows.bobPublic = await create('bob', "bob's public", { isPublic: true });
    const start = async (who: Caller, flow: Flow, triggeredBy: 'manual' | 'api' = 'manual') => {
      const res = await api(who, `/workflows/${flows[flow]}/executions`, 'POST', { triggeredBy });
      expect(res.status).toBe(202);
      (runsOf[flow] ??= []).push(res.body.id);
      return res.body.id as string;
    };
    for (let i = 0; i < 4; i++) await start('alice', 'alicePrivate');
    await start('alice', 'alicePrivate', 'api');
    for (let i = 0; i < 3; i++) await start('bob', 'bobPrivate');
    for (let i = 0; i < 3; i++) await start('bob', 'bobShared');
    await start('bob', 'bobShared', 'api');
    for (let i = 0; i < 3; i++) await start('bob', 'bobPublic');
    expect((await api('alice', `/executions/${runsOf.alicePrivate[0]}/cancel`, 'POST')).status).toBe(200);
    expect((await api('bob', `/executions/${runsOf.bobPublic[0]}/cancel`, 'POST')).status).toBe(200);

    // 15 runs over 5 instants: three per instant, the instants 1 µs apart two by two.
    const all = Object.values(runsOf).flat();
    const instants = [
      '2026-11-01T10:00:00.000001Z',
      '2026-11-01T10:00:00.000002Z',
      '2026-11-01T11:00:00Z',
      '2026-11-02T10:00:00Z',
      '2026-11-02T10:00:00.000001Z',
    ];
    for (const [i, uuid] of all.entries()) {
      await query('UPDATE workflow_executions SET created_at = $1 WHERE uuid = $2', [instants[i % instants.length], uuid]);
    }
  }, 120_000);
  afterAll(() => platform?.close());

  it('pages every run exactly once, newest first, ties broken by id, at every page size', async () => {
    const everything = await expectedOrder(runsOfFlows('alicePrivate', 'bobPrivate', 'bobShared', 'bobPublic'));
    expect(everything).toHaveLength(15);
    for (const limit of [1, 2, 3, 4, 7, 15, 100]) {
      const { items, pages } = await allPages('admin', { limit: String(limit) });
      expect([limit, idsOf(items)]).toEqual([limit, everything]);
      expect(pages).toBe(Math.max(1, Math.ceil(15 / limit)));
    }
  });

  it('shows a user the runs of their own, shared and public workflows only; a viewer the public ones; an admin all', async () => {
    const seen = async (who: Caller) => sorted(idsOf((await allPages(who, { limit: '2' })).items));
    expect(await seen('alice')).toEqual(sorted(runsOfFlows('alicePrivate', 'bobShared', 'bobPublic')));
    expect(await seen('bob')).toEqual(sorted(runsOfFlows('bobPrivate', 'bobShared', 'bobPublic')));
    expect(await seen('carol')).toEqual(sorted(runsOfFlows('bobPublic')));
    expect(await seen('admin')).toEqual(sorted(runsOfFlows('alicePrivate', 'bobPrivate', 'bobShared', 'bobPublic')));
    // Naming a workflow one may not see answers nothing, as for one that does not exist.
    expect((await api('alice', `/executions?workflowId=${flows.bobPrivate}`)).body).toEqual({ items: [], nextCursor: null });
    // The first page of a user is full although most runs are hidden: the rule is applied before the limit.
    const first = (await api('carol', '/executions?limit=3')).body;
    expect(sorted(idsOf(first.items))).toEqual(sorted(runsOf.bobPublic));
    expect(first.nextCursor).toBeNull();
  });

  it('narrows by status, workflow, trigger and creation time, each alone and together', async () => {
    const cancelled = (await allPages('admin', { status: 'Cancelled', limit: '1' })).items;
    expect(sorted(idsOf(cancelled))).toEqual(sorted([runsOf.alicePrivate[0]!, runsOf.bobPublic[0]!]));
    expect((await allPages('alice', { status: 'InProgress' })).items.every((i) => i.status === 'InProgress')).toBe(true);
    expect(idsOf((await allPages('alice', { status: 'InProgress' })).items)).toHaveLength(4 + 4 + 2);

    const ofShared = await allPages('alice', { workflowId: flows.bobShared, limit: '3' });
    expect(idsOf(ofShared.items)).toEqual(await expectedOrder(runsOf.bobShared));
    // The same views as the workflow's own list.
    const own = (await api('alice', `/workflows/${flows.bobShared}/executions`)).body.items as Item[];
    expect([...ofShared.items].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...own].sort((a, b) => a.id.localeCompare(b.id)));

    const byApi = await allPages('admin', { triggeredBy: 'api' });
    expect(sorted(idsOf(byApi.items))).toEqual(sorted([runsOf.alicePrivate[4]!, runsOf.bobShared[3]!]));
    expect((await allPages('admin', { triggeredBy: 'schedule' })).items).toEqual([]);

    // from is inclusive, to exclusive, to the microsecond.
    const window = await allPages('admin', { from: '2026-11-01T10:00:00.000002Z', to: '2026-11-02T10:00:00Z', limit: '2' });
    expect(window.items.map((i) => i.createdAt).sort()).toEqual([
      ...Array(3).fill('2026-11-01T10:00:00.000Z'),
      ...Array(3).fill('2026-11-01T11:00:00.000Z'),
    ]);
    const rows = await query(
      `SELECT uuid FROM workflow_executions WHERE created_at >= '2026-11-01T10:00:00.000002Z' AND created_at < '2026-11-02T10:00:00Z'`,
    );
    expect(sorted(idsOf(window.items))).toEqual(sorted(rows.map((r) => r.uuid)));

    const combined = await allPages('alice', {
      status: 'InProgress',
      triggeredBy: 'manual',
      workflowId: flows.alicePrivate,
      from: '2026-11-01T11:00:00Z',
    });
    const expected = await query(
      `SELECT e.uuid FROM workflow_executions e JOIN workflows w ON w.id = e.workflow_id
        WHERE w.uuid = $1 AND e.status = 'InProgress' AND e.triggered_by = 'manual' AND e.created_at >= '2026-11-01T11:00:00Z'`,
      [flows.alicePrivate],
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(sorted(idsOf(combined.items))).toEqual(sorted(expected.map((r) => r.uuid)));
  });

  it.each([
    ['an unknown status', 'status=Done', 'REQUEST.VALIDATION_FAILED'],
    ['a workflow id that is no uuid', 'workflowId=42', 'REQUEST.VALIDATION_FAILED'],
    ['a date that is no date', 'from=yesterday', 'REQUEST.VALIDATION_FAILED'],
    ['from after to', 'from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z', 'REQUEST.VALIDATION_FAILED'],
    ['an unknown trigger', 'triggeredBy=cron', 'REQUEST.VALIDATION_FAILED'],
    ['a page over 100', 'limit=101', 'REQUEST.VALIDATION_FAILED'],
    ['a forged cursor', `cursor=${Buffer.from('{"t":"x","id":1}').toString('base64url')}`, 'REQUEST.VALIDATION_FAILED'],
    ['an unknown parameter', 'sort=asc', 'REQUEST.UNKNOWN_FIELDS'],
  ])('refuses %s with a coded 400', async (_what, query, code) => {
    const res = await api('alice', `/executions?${query}`);
    expect([res.status, res.body.error?.code]).toEqual([400, code]);
  });
});
