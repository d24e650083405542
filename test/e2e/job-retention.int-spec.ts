import { Client } from 'pg';
import { eventually } from '@mindhill/testing';
import { authTestEnv } from '../../apps/auth/test/auth-test-env';
import { http } from '../support/http';
import { signToken } from '../support/tokens';
import { startTestPlatform, TestPlatform } from '../support/test-platform';

// Every service's job queue keeps done, cancelled and dead jobs for job_retention_days (30 by
// default); the shared use case runs behind one admin route per service, on that service's
// queue only, and never touches pending or running work.
describe('finished-job retention, per service', () => {
  let platform: TestPlatform;
  let admin: string;
  const dbs: Record<string, Client> = {};
  const services = ['ingestion', 'reporting'] as const;
  const ADMIN = { email: 'jobs-admin@mindhill.test', password: 'the job keeper 42' };
  const run = (service: string, body: unknown, token = admin) =>
    http('POST', `${platform.gatewayUrl}/api/v1/jobs/retention/${service}`, { body, token });

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['auth', ...services],
      env: authTestEnv({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password }),
    });
    admin = await signToken(platform.tokenKey, { role: 'admin', userNumber: 1 });
    for (const service of services) {
      const db = new Client({ connectionString: platform.databases[service]!.url });
      await db.connect();
      dbs[service] = db;
      const job = (key: string, status: string, daysAgo: number) =>
        db.query(
          `INSERT INTO job (job_key, kind, payload, status, updated_at) VALUES ($1, 'test-kind', '{}', $2, now() - $3 * interval '1 day')`,
          [key, status, daysAgo],
        );
      await job('done-old', 'done', 40);
      await job('cancelled-old', 'cancelled', 31);
      await job('dead-old', 'dead', 100);
      await job('done-recent', 'done', 5);
      await job('dead-recent', 'dead', 29);
      await job('pending-old', 'pending', 60);
      await job('running-old', 'running', 60);
    }
  });
  afterAll(async () => {
    for (const db of Object.values(dbs)) await db.end();
    await platform?.close();
  });

  const keys = async (service: string) =>
    (await dbs[service]!.query(`SELECT job_key FROM job WHERE kind = 'test-kind' ORDER BY job_key`)).rows.map((r) => r.job_key);
  const receipts = async (service: string) =>
    (
      await dbs[service]!.query(`SELECT payload FROM stored_event WHERE type = $1 ORDER BY position`, [`${service}.retention.applied`])
    ).rows.map((r) => r.payload);

  it('answers what would go and removes nothing on a dry run (the default)', async () => {
    const res = await run('ingestion', {});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dataClass: 'jobs',
      dryRun: true,
      retentionDays: 30,
      matched: { done: 1, cancelled: 1, dead: 1 },
      removed: { done: 0, cancelled: 0, dead: 0 },
    });
    expect(await keys('ingestion')).toHaveLength(7);
    expect(await receipts('ingestion')).toHaveLength(1);
  });

  it("removes the old finished jobs of that service's queue only, and keeps pending and running ones", async () => {
    const res = await run('ingestion', { dryRun: false });
    expect(res.body).toMatchObject({ dryRun: false, removed: { done: 1, cancelled: 1, dead: 1 } });
    expect(await keys('ingestion')).toEqual(['dead-recent', 'done-recent', 'pending-old', 'running-old']);
    expect(await keys('reporting')).toHaveLength(7);
    expect((await receipts('ingestion')).map((r) => [r.dryRun, r.removed.done + r.removed.cancelled + r.removed.dead])).toEqual([
      [true, 0],
      [false, 3],
    ]);

    const reporting = await run('reporting', { dryRun: false });
    expect(reporting.body).toMatchObject({ removed: { done: 1, cancelled: 1, dead: 1 } });
    expect(await keys('reporting')).toEqual(['dead-recent', 'done-recent', 'pending-old', 'running-old']);
    expect(await receipts('reporting')).toHaveLength(1);
  });

  it('records a run that matched nothing, and refuses non-admins and bad input', async () => {
    expect((await run('ingestion', { dryRun: false })).body).toMatchObject({ matched: { done: 0, cancelled: 0, dead: 0 } });
    expect(await receipts('ingestion')).toHaveLength(3);
    const user = await signToken(platform.tokenKey, { role: 'user', userNumber: 2 });
    for (const service of [...services, 'auth']) expect((await run(service, {}, user)).status).toBe(403);
    expect((await run('reporting', { dryRun: 'no' })).status).toBe(400);
  });

  it('follows job_retention_days live, in every service', async () => {
    const realAdmin = (await http('POST', `${platform.gatewayUrl}/api/v1/auth/login`, { body: ADMIN })).body.accessToken;
    const change = await http('PATCH', `${platform.gatewayUrl}/api/v1/settings/job_retention_days`, {
      token: realAdmin,
      body: { value: 20, reason: 'job retention test' },
    });
    expect(change.status).toBe(200);
    for (const service of services) {
      // Left: a done job of 5 days and a dead one of 29; at 20 days the dead one is due.
      await eventually(
        async () => expect((await run(service, {})).body).toMatchObject({ retentionDays: 20, matched: { done: 0, dead: 1 } }),
        {
          timeoutMs: 20_000,
        },
      );
    }
  });
});
