import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { signToken } from '../../../test/support/tokens';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';

// Twelve hours away: a daily run during the test would remove the rows the dry runs count.
const RUN_HOUR = (new Date().getUTCHours() + 12) % 24;

describe('audit retention: per-row, scheduled, dry run first, itself audited', () => {
  let platform: TestPlatform;
  let db: Client;
  let admin: string;
  const run = (body: unknown, token = admin) => http('POST', `${platform.gatewayUrl}/api/v1/audit-logs/retention`, { body, token });

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['audit'], env: { AUDIT_RETENTION_HOUR_UTC: String(RUN_HOUR) } });
    admin = await signToken(platform.tokenKey, { role: 'admin', userNumber: 1 });
    db = new Client({ connectionString: platform.databases.audit!.url });
    await db.connect();
    const row = (category: string, daysAgo: number, retention: number) =>
      db.query(
        `INSERT INTO audit_logs (uuid, event_type, event_category, event_action, retention_period_days, timestamp)
         VALUES ($1, 'test.thing.happened', $2, 'test', $3, now() - $4 * interval '1 day')`,
        [randomUUID(), category, retention, daysAgo],
      );
    await row('auth', 3, 1); // expired: 3 days old, kept for 1
    await row('auth', 3, 2555); // kept: the default 7 years
    await row('security', 10, 7); // expired
    await row('workflow', 5, 30); // kept
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  const count = async () =>
    Number((await db.query(`SELECT count(*) AS n FROM audit_logs WHERE event_type = 'test.thing.happened'`)).rows[0].n);

  it('reports without removing anything on a dry run (the default)', async () => {
    const res = await run({});
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: true, matched: 2, deleted: 0, byCategory: { auth: 1, security: 1 } });
    expect(await count()).toBe(4);
  });

  it('removes each row whose own retention has passed, and only those', async () => {
    const res = await run({ dryRun: false });
    expect(res.body).toMatchObject({ dryRun: false, matched: 2, deleted: 2 });
    expect(await count()).toBe(2);
    const { rows } = await db.query(`SELECT retention_period_days FROM audit_logs WHERE event_type = 'test.thing.happened' ORDER BY 1`);
    expect(rows.map((r) => r.retention_period_days)).toEqual([30, 2555]);
  });

  it('records every run in the audit log, and refuses non-admins', async () => {
    await eventually(async () => {
      const { rows } = await db.query(
        `SELECT severity, new_values FROM audit_logs WHERE event_type = 'audit.retention.completed' ORDER BY id`,
      );
      expect(rows.map((r) => [r.severity, r.new_values.dryRun, r.new_values.deleted])).toEqual([
        ['high', true, 0],
        ['high', false, 2],
      ]);
    });
    expect((await run({}, await signToken(platform.tokenKey, { role: 'user' }))).status).toBe(403);
    expect((await run({ dryRun: 'no' })).status).toBe(400);
  });

  it('schedules the next daily run at the configured hour', async () => {
    const { rows } = await db.query(`SELECT run_after, status FROM job WHERE kind = 'audit-retention'`);
    expect(rows).toHaveLength(1);
    expect(rows[0].status).toBe('pending');
    const at = new Date(rows[0].run_after);
    expect([at.getUTCHours(), at.getUTCMinutes()]).toEqual([RUN_HOUR, 0]);
    expect(at.getTime()).toBeGreaterThan(Date.now());
  });
});
