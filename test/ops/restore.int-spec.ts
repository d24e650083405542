import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually, queryDatabase } from '@mindhill/testing';
import { backup, countsOf } from '../../scripts/backup';
import { restore, RestoreRefused } from '../../scripts/restore';
import { APPS } from '../../scripts/service-catalog';
import { http } from '../support/http';
import { SERVICE_CATALOG } from '../support/service-catalog';
import { startApp, startTestPlatform, TestPlatform } from '../support/test-platform';

// A backup set taken while auth and audit run, more work after it, then a restore of both: the
// restore refuses while the platform answers; afterwards it reports auth's events published after
// the backup as lost (they are on Kafka, not in the restored store), rewinds audit's consumer
// group to the backup's offsets, and audit, restarted, reads the missed events again: its log
// ends up with every event once.
describe('npm run restore', () => {
  let platform: TestPlatform;
  let env: Record<string, string>;
  const query = (url: string, sql: string) => queryDatabase(url, sql);
  const register = (email: string) =>
    http('POST', `${platform.gatewayUrl}/api/v1/auth/register`, { body: { email, password: 'restore passphrase 42' } });
  const auditCount = async () => Number((await query(platform.databases.audit!.url, 'SELECT count(*) AS n FROM audit_logs'))[0].n);
  const auditIds = async () =>
    (await query(platform.databases.audit!.url, 'SELECT uuid::text AS id FROM audit_logs ORDER BY uuid')).map((r) => String(r.id));

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['auth', 'audit'] });
    // The restore looks for running apps on every app's port: here, the ones this test started,
    // and a closed port for the others (a developer's `npm start` may hold the default ports).
    const portOf = (url?: string) => (url ? new URL(url).port : '1');
    env = { ...platform.env };
    for (const app of APPS) env[`${app.name.toUpperCase()}_PORT`] = portOf(platform.urls[app.name as keyof typeof platform.urls]);
  }, 120_000);
  afterAll(() => platform?.close());

  it('restores a set, reports what was lost, and lets consumers read the rest again without doubles', async () => {
    for (const n of [1, 2]) expect((await register(`r${n}@example.com`)).status).toBe(201);
    // Quiet before the backup: everything published and recorded.
    await eventually(async () => expect((await countsOf(platform.databases.auth!.url)).tables.outbox).toBe(0));
    await eventually(async () => expect(await auditCount()).toBeGreaterThanOrEqual(4));
    const dir = mkdtempSync(path.join(tmpdir(), 'mindhill-set-'));
    const manifest = await backup(
      APPS.filter((a) => a.name === 'auth' || a.name === 'audit'),
      dir,
      env,
    );
    const auditGroup = Object.keys(manifest.kafka!.groups).find((g) => g.endsWith('audit.audit-log'))!;
    expect(auditGroup).toBeDefined();
    expect(manifest.databases.map((d) => [d.app, d.sha256.length, d.migrations.length > 0])).toEqual([
      ['auth', 64, true],
      ['audit', 64, true],
    ]);
    const auditAtBackup = await auditCount();
    const usersAtBackup = manifest.databases[0]!.tables.users!;

    // Work after the backup: one more account, recorded by audit.
    expect((await register('after@example.com')).status).toBe(201);
    await eventually(async () => expect((await countsOf(platform.databases.auth!.url)).tables.outbox).toBe(0));
    await eventually(async () => expect(await auditCount()).toBeGreaterThan(auditAtBackup));
    await eventually(async () => {
      const before = await auditCount();
      await new Promise((r) => setTimeout(r, 300));
      expect(await auditCount()).toBe(before);
    });
    const auditBeforeRestore = await auditCount();
    const idsBeforeRestore = await auditIds();

    await expect(restore(dir, { env })).rejects.toThrow(RestoreRefused);
    await expect(restore(dir, { env })).rejects.toThrow(/running/);

    await platform.stopApps();
    // An event committed but not yet published when the platform went down: only the replaced
    // database's outbox knows it.
    const unpublished = randomUUID();
    await query(
      platform.databases.auth!.url,
      `INSERT INTO outbox (event_id, topic, message_key, message) VALUES ('${unpublished}', 'auth.events', 'user-x',
        '{"eventId":"${unpublished}","type":"auth.user.registered","producer":"auth","aggregateId":"user-${unpublished}","occurredAt":"2026-12-06T00:00:00.000Z"}')`,
    );
    const report = await restore(dir, { env });
    const [auth, audit] = report.services;
    expect(auth).toMatchObject({ app: 'auth', outboxToRepublish: 0, projections: { rebuilt: [], stillDifferent: [] } });
    expect(auth!.keptPreviousAs).toMatch(/_before_restore_/);
    // The account made after the backup is gone from auth and said so, event by event.
    expect(auth!.lostEvents.map((e) => e.type)).toContain('auth.user.registered');
    const [stillInOutbox, onKafka] = [
      auth!.lostEvents.filter((e) => e.topic.startsWith('(unpublished)')),
      auth!.lostEvents.filter((e) => !e.topic.startsWith('(unpublished)')),
    ];
    expect(stillInOutbox).toEqual([
      {
        eventId: unpublished,
        type: 'auth.user.registered',
        stream: `user-${unpublished}`,
        occurredAt: '2026-12-06T00:00:00.000Z',
        topic: '(unpublished) auth.events',
      },
    ]);
    expect(onKafka.length).toBeGreaterThan(0);
    expect(onKafka.every((e) => e.topic.startsWith(env.KAFKA_TOPIC_PREFIX!))).toBe(true);
    expect((await countsOf(platform.databases.auth!.url)).tables.users).toBe(usersAtBackup);
    const rewound = audit!.consumerGroups.find((g) => g.group === auditGroup);
    expect(rewound).toMatchObject({ rewoundTo: 'backup' });
    expect(rewound!.messagesToReread).toBeGreaterThan(0);
    expect(audit!.consumerGroups.map((g) => g.group).filter((g) => !g.startsWith(`${env.KAFKA_TOPIC_PREFIX}audit.`))).toEqual([]);
    expect(await auditCount()).toBe(auditAtBackup);
    expect(readdirSync(dir).some((f) => f.startsWith('restore-') && f.endsWith('.json'))).toBe(true);

    // Audit restarted on its restored database reads what it had missed, once.
    const restarted = await startApp(SERVICE_CATALOG.audit.build({ ...platform.env, AUDIT_PORT: '0' }));
    try {
      await eventually(async () => expect(await auditCount()).toBe(auditBeforeRestore), { timeoutMs: 30_000 });
      expect(await auditIds()).toEqual(idsBeforeRestore);
    } finally {
      await restarted.app.close();
    }
    // The database it replaced is kept, not dropped.
    const kept = await query(
      env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
      `SELECT datname FROM pg_database WHERE datname = '${auth!.keptPreviousAs}'`,
    );
    expect(kept).toHaveLength(1);
    await query('postgres://postgres@127.0.0.1:5432/postgres', `DROP DATABASE IF EXISTS "${auth!.keptPreviousAs}"`);
    await query('postgres://postgres@127.0.0.1:5432/postgres', `DROP DATABASE IF EXISTS "${audit!.keptPreviousAs}"`);
  });
});
