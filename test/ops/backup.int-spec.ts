import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { backup, countsOf } from '../../scripts/backup';
import { databaseHealth } from '../../scripts/db-health';
import { verifyBackup } from '../../scripts/backup-verify';
import { APPS } from '../../scripts/service-catalog';
import { eventually, queryDatabase } from '@mindhill/testing';
import { http } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/test-platform';

// Jobs running or due within the test (a mail and its receipt; not the nightly retention run) and
// events not yet relayed, in one statement.
async function unfinishedWork(url: string): Promise<{ jobs: number; outbox: number }> {
  const [row] = await queryDatabase<{ jobs: number; outbox: number }>(
    url,
    `SELECT (SELECT count(*) FROM job WHERE status = 'running' OR (status = 'pending' AND run_after < now() + interval '5 minutes'))::int AS jobs,
            (SELECT count(*) FROM outbox)::int AS outbox`,
  );
  return row!;
}

describe('backups are verified by a restore into a fresh database', () => {
  let platform: TestPlatform;

  // The platform's own broker and topic prefix: without them the set would record every topic
  // on the shared test broker, which other suites create and delete meanwhile.
  const kafkaOf = (p: TestPlatform) => ({ KAFKA_BROKERS: p.env.KAFKA_BROKERS, KAFKA_TOPIC_PREFIX: p.env.KAFKA_TOPIC_PREFIX });

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['auth'] });
    for (const n of [1, 2]) {
      await http('POST', `${platform.gatewayUrl}/api/v1/auth/register`, {
        body: { email: `b${n}@example.com`, password: 'backup passphrase 42' },
      });
    }
  });
  afterAll(() => platform?.close());

  it('restores a backup whose counts match, and reports a mismatch, never touching the live database', async () => {
    const env = { ...process.env, ...kafkaOf(platform), AUTH_DATABASE_URL: platform.databases.auth!.url };
    const dir = mkdtempSync(path.join(tmpdir(), 'mindhill-backup-'));
    // Registration queues a verification mail whose job appends its receipt later, and the relay
    // empties the outbox on its own schedule: wait for both, in one look, so the live counts are still.
    await eventually(async () => expect(await unfinishedWork(platform.databases.auth!.url)).toEqual({ jobs: 0, outbox: 0 }));
    const live = await countsOf(platform.databases.auth!.url);
    const manifest = await backup(
      APPS.filter((a) => a.name === 'auth'),
      dir,
      env,
    );
    expect(manifest.databases[0]).toMatchObject({ app: 'auth', storedEvents: live.storedEvents });
    const users = live.tables.users!;
    expect(users).toBeGreaterThanOrEqual(2);
    expect(manifest.databases[0]!.tables.users).toBe(users);

    expect(await verifyBackup(dir, { env })).toEqual([expect.objectContaining({ app: 'auth', ok: true, differences: [] })]);

    // A backup that does not hold what its manifest says is reported, table by table.
    const file = path.join(dir, 'manifest.json');
    const edited = JSON.parse(readFileSync(file, 'utf8'));
    edited.databases[0].tables.users += 1;
    writeFileSync(file, JSON.stringify(edited));
    const [mismatch] = await verifyBackup(dir, { env });
    expect(mismatch).toMatchObject({ ok: false, differences: [`users: ${users + 1} in the backup, ${users} restored`] });

    expect(await countsOf(platform.databases.auth!.url)).toEqual(live);
  });

  it('encrypts a set at rest with BACKUP_ENCRYPTION_KEY; it verifies with the key, and fails without it or with another', async () => {
    const key = randomBytes(32).toString('base64');
    const env = { ...process.env, ...kafkaOf(platform), AUTH_DATABASE_URL: platform.databases.auth!.url, BACKUP_ENCRYPTION_KEY: key };
    const dir = mkdtempSync(path.join(tmpdir(), 'mindhill-backup-enc-'));
    const manifest = await backup(
      APPS.filter((a) => a.name === 'auth'),
      dir,
      env,
    );
    expect(manifest.encryption).toBe('aes-256-gcm');
    expect(manifest.databases[0]!.dumpFile).toBe('auth.dump.enc');
    expect(readdirSync(dir).sort()).toEqual(['auth.dump.enc', 'manifest.json']);
    const bytes = readFileSync(path.join(dir, 'auth.dump.enc'));
    // Not a pg_dump archive any more, and none of its rows readable.
    expect(bytes.subarray(0, 6).toString()).toBe('MHENC1');
    expect(bytes.includes(Buffer.from('PGDMP'))).toBe(false);
    expect(bytes.includes(Buffer.from('b1@example.com'))).toBe(false);

    expect(await verifyBackup(dir, { env })).toEqual([expect.objectContaining({ app: 'auth', ok: true })]);
    await expect(verifyBackup(dir, { env: { ...env, BACKUP_ENCRYPTION_KEY: undefined } })).rejects.toThrow(/BACKUP_ENCRYPTION_KEY/);
    await expect(verifyBackup(dir, { env: { ...env, BACKUP_ENCRYPTION_KEY: randomBytes(32).toString('base64') } })).rejects.toThrow(
      /does not decrypt/,
    );
    // One byte changed in the middle: the tag no longer matches.
    bytes[Math.floor(bytes.length / 2)] ^= 0xff;
    writeFileSync(path.join(dir, 'auth.dump.enc'), bytes);
    await expect(verifyBackup(dir, { env })).rejects.toThrow(/does not decrypt/);
  });

  it('runs the seed health check on a service database', async () => {
    const { metrics, tables } = await databaseHealth(platform.databases.auth!.url);
    expect(metrics.map((m) => m.metric).sort()).toEqual([
      'active_connections',
      'database_size_gb',
      'oldest_transaction_minutes',
      'replication_lag_bytes',
    ]);
    expect(metrics.every((m) => ['OK', 'WARNING', 'CRITICAL'].includes(m.status))).toBe(true);
    expect(tables.map((t) => t.table)).toContain('stored_event');
  });
});
