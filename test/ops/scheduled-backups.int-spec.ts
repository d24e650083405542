import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually, queryDatabase, makeJobsDueSql } from '@mindhill/testing';
import { http } from '../support/http';
import { SERVICE_CATALOG } from '../support/service-catalog';
import { signToken } from '../support/tokens';
import { startApp, startTestPlatform, TestPlatform } from '../support/test-platform';

// Audit's scheduled backup sets: two audit replicas plan the same period once, exactly one takes
// it, the set holds every configured database, the outcome is an event (so an audit row), the
// next period is planned; admins see the sets and their age, others are refused.
describe('scheduled backups', () => {
  let platform: TestPlatform;
  let replicas: Awaited<ReturnType<typeof startApp>>[] = [];
  let dir: string;
  const query = (sql: string, params: unknown[] = []) => queryDatabase(platform.databases.audit!.url, sql, params);

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'mindhill-sets-'));
    const withBackups = (env: NodeJS.ProcessEnv) => ({
      ...env,
      BACKUP_DATABASE_URLS: `auth=${env.AUTH_DATABASE_URL},audit=${env.AUDIT_DATABASE_URL}`,
      BACKUP_DIR: dir,
      BACKUP_FREQUENCY_HOURS: '1',
    });
    platform = await startTestPlatform({
      services: ['auth', 'audit'],
      customize: { audit: (env) => SERVICE_CATALOG.audit.build(withBackups(env)) },
    });
    // A second audit replica on the same database.
    replicas.push(await startApp(SERVICE_CATALOG.audit.build(withBackups({ ...platform.env, AUDIT_PORT: '0' }))));
  }, 120_000);
  afterAll(async () => {
    for (const r of replicas) await r.app.close();
    replicas = [];
    await platform?.close();
  });

  it('takes each period once with two replicas, records it, and plans the next', async () => {
    const pending = await query(`SELECT id, job_key, run_after FROM job WHERE kind = 'backup' AND status = 'pending'`);
    expect(pending).toHaveLength(1);
    const key = String(pending[0].job_key);
    expect(Date.parse(key.slice('backup:'.length)) % 3_600_000).toBe(0);

    // The period's time has come.
    await query(makeJobsDueSql('id = $1'), [pending[0].id]);
    await eventually(async () => expect(await query(`SELECT 1 FROM stored_event WHERE type = 'audit.backup.completed'`)).toHaveLength(1), {
      timeoutMs: 30_000,
    });
    const sets = readdirSync(dir);
    expect(sets).toHaveLength(1);
    expect(readdirSync(path.join(dir, sets[0]!)).sort()).toEqual(['audit.dump', 'auth.dump', 'manifest.json']);
    const [event] = await query(`SELECT payload FROM stored_event WHERE type = 'audit.backup.completed'`);
    expect(event.payload).toMatchObject({ set: sets[0], trigger: 'schedule', kafkaPositions: true });
    expect(event.payload.databases.map((d: { app: string }) => d.app)).toEqual(['auth', 'audit']);
    expect(JSON.stringify(event.payload)).not.toMatch(/postgres:\/\//);

    const jobs = await query(`SELECT job_key, status FROM job WHERE kind = 'backup' ORDER BY run_after`);
    expect(jobs).toEqual([
      { job_key: key, status: 'done' },
      { job_key: `backup:${new Date(Date.parse(key.slice(7)) + 3_600_000).toISOString()}`, status: 'pending' },
    ]);
    // Recorded in the audit log as well.
    await eventually(async () =>
      expect(await query(`SELECT 1 FROM audit_logs WHERE event_type = 'audit.backup.completed'`)).toHaveLength(1),
    );
  });

  it('shows the sets and their age to admins only, and takes one on request', async () => {
    const admin = await signToken(platform.tokenKey, { role: 'admin', userNumber: 1 });
    const user = await signToken(platform.tokenKey, { role: 'user', userNumber: 2 });
    const url = `${platform.gatewayUrl}/api/v1/admin/backups`;
    expect((await http('GET', url, { token: user })).status).toBe(403);
    expect((await http('POST', url, { token: user })).status).toBe(403);
    expect((await http('GET', url)).status).toBe(401);
    const listed = await http('GET', url, { token: admin });
    expect(listed.status).toBe(200);
    expect(listed.body).toMatchObject({ configured: true, frequencyHours: 1, overdue: false });
    expect(listed.body.sets).toHaveLength(1);
    expect(listed.body.lastBackupAgeHours).toBeLessThan(1);
    // What the BackupOverdue alert reads: the newest set's time and the frequency.
    const metrics = await (await fetch(`${platform.urls.audit}/metrics`)).text();
    const gauge = (name: string) => Number(new RegExp(`^${name}(?:{[^}]*})? (\\S+)$`, 'm').exec(metrics)?.[1]);
    expect(gauge('backup_last_success_timestamp_seconds') * 1000).toBe(Date.parse(listed.body.lastBackupAt));
    expect(gauge('backup_frequency_hours')).toBe(1);

    // A set past BACKUP_RETENTION_DAYS (30) goes with the next backup; a folder that is not a set stays.
    mkdirSync(path.join(dir, 'old-set'));
    writeFileSync(
      path.join(dir, 'old-set', 'manifest.json'),
      JSON.stringify({ createdAt: new Date(Date.now() - 31 * 86_400_000).toISOString(), databases: [] }),
    );
    mkdirSync(path.join(dir, 'notes'));
    const taken = await http('POST', url, { token: admin });
    expect(taken.status).toBe(200);
    expect(taken.body).toMatchObject({ status: 'completed', removedSets: ['old-set'] });
    expect(readdirSync(dir).sort()).toEqual([...listed.body.sets.map((x: { set: string }) => x.set), taken.body.set, 'notes'].sort());
    const [event] = await query(
      `SELECT payload, metadata FROM stored_event WHERE type = 'audit.backup.completed' AND payload->>'trigger' = 'request'`,
    );
    expect(event.metadata.actor.userNumber).toBe(1);

    // db:health as an API: every backed-up database, and the last backup's age.
    const health = `${platform.gatewayUrl}/api/v1/admin/database-health`;
    expect((await http('GET', health, { token: user })).status).toBe(403);
    const report = await http('GET', health, { token: admin });
    expect(report.status).toBe(200);
    expect(report.body.databases.map((d: { app: string }) => d.app)).toEqual(['auth', 'audit']);
    expect(report.body.databases[0].metrics.map((m: { metric: string }) => m.metric).sort()).toEqual([
      'active_connections',
      'database_size_gb',
      'oldest_transaction_minutes',
      'replication_lag_bytes',
    ]);
    expect(report.body.databases[0].largestTables[0]).toEqual(
      expect.objectContaining({ table: expect.any(String), deadPercent: expect.any(Number) }),
    );
    expect(report.body.backup).toMatchObject({ overdue: false, frequencyHours: 1 });
    expect(JSON.stringify(report.body)).not.toMatch(/postgres:\/\//);
  });
});
