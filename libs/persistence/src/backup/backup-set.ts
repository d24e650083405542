import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { projectionTablesOf } from './projection-tables';
import { BACKUP_ENCRYPTION, decryptFile, encryptFile } from './set-encryption';

// A backup SET: one pg_dump (custom format) per service database and a manifest (versions,
// migrations, exact counts, projection hashes, last stored-event position, a sha256 per file, and
// the Kafka positions the caller read BEFORE the dumps). Written by `npm run backup` and by
// audit's scheduled backups; restored by `npm run restore` (docs/backup-and-restore.md, ADR 0020).

export type PartitionOffsets = Record<string, string>; // partition → offset
export type TopicOffsets = Record<string, PartitionOffsets>; // topic → partitions
export type KafkaPositions = {
  takenAt: string;
  groups: Record<string, TopicOffsets>; // group → topics (committed offsets)
  topicEnds: TopicOffsets;
};

export type DatabaseManifest = {
  app: string;
  database: string;
  dumpFile: string;
  sha256: string;
  sizeBytes: number;
  migrations: string[];
  tables: Record<string, number>;
  projectionHashes: Record<string, string>;
  storedEvents: number;
  lastPosition: string | null;
};
export type BackupManifest = {
  formatVersion: 2;
  createdAt: string;
  // 'aes-256-gcm' when the dumps are encrypted at rest (set-encryption.ts); absent or null: plain.
  encryption?: typeof BACKUP_ENCRYPTION | null;
  platformVersion: string;
  gitCommit: string | null;
  topicPrefix: string;
  kafka: KafkaPositions | null;
  databases: DatabaseManifest[];
};
export type BackupTarget = { app: string; url: string };

const run = promisify(execFile);

export async function countsOf(url: string): Promise<Pick<DatabaseManifest, 'tables' | 'storedEvents' | 'lastPosition'>> {
  return withClient(url, async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t.name] = Number((await client.query(`SELECT count(*) AS n FROM ${t.name}`)).rows[0].n);
    const events = tables.some((t) => t.name === 'stored_event')
      ? (await client.query('SELECT count(*) AS n, max(position)::text AS last FROM stored_event')).rows[0]
      : { n: 0, last: null };
    return { tables: counts, storedEvents: Number(events.n), lastPosition: events.last };
  });
}

// A hash of each table's rows that does not depend on their physical order: the same content
// always gives the same hash (after a dump and restore, or a rebuild).
export async function projectionHashesOf(url: string, tables: readonly string[]): Promise<Record<string, string>> {
  return withClient(url, async (client) => {
    const hashes: Record<string, string> = {};
    for (const table of tables) {
      const sql = `SELECT count(*) AS n, coalesce(md5(string_agg(h, '' ORDER BY h)), '') AS h FROM (SELECT md5(t::text) AS h FROM ${table} t) rows`;
      const { rows } = await client.query<{ n: string; h: string }>(sql);
      hashes[table] = `${rows[0]!.n}:${rows[0]!.h}`;
    }
    return hashes;
  });
}

export function sha256Of(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('end', () => resolve(hash.digest('hex')))
      .on('error', reject);
  });
}

export async function writeBackupSet(
  targets: readonly BackupTarget[],
  dir: string,
  meta: { kafka: KafkaPositions | null; topicPrefix: string; platformVersion: string; gitCommit: string | null },
  encryptionKey: Buffer | null = null,
): Promise<BackupManifest> {
  await mkdir(dir, { recursive: true });
  const databases: DatabaseManifest[] = [];
  for (const { app, url } of targets) {
    const dumpFile = encryptionKey ? `${app}.dump.enc` : `${app}.dump`;
    // Counted right before the dump: exact for a quiet database.
    const counts = await countsOf(url);
    const projectionHashes = await projectionHashesOf(url, projectionTablesOf(app));
    const file = path.join(dir, dumpFile);
    const plain = encryptionKey ? `${file}.plain` : file;
    await run('pg_dump', ['--format=custom', '--compress=9', '--no-owner', '--file', plain, '--dbname', url]);
    if (encryptionKey) {
      await encryptFile(plain, file, encryptionKey);
      await rm(plain, { force: true });
    }
    databases.push({
      app,
      database: new URL(url).pathname.slice(1),
      dumpFile,
      sha256: await sha256Of(file),
      sizeBytes: (await stat(file)).size,
      migrations: await migrationsOf(url),
      projectionHashes,
      ...counts,
    });
  }
  const manifest: BackupManifest = {
    formatVersion: 2,
    createdAt: new Date().toISOString(),
    encryption: encryptionKey ? BACKUP_ENCRYPTION : null,
    ...meta,
    databases,
  };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

export async function readBackupManifest(dir: string): Promise<BackupManifest> {
  return JSON.parse(await readFile(path.join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
}

// The sets under `base` (folders with a manifest), newest first. Other folders are not ours.
export async function listBackupSets(base: string): Promise<{ name: string; manifest: BackupManifest }[]> {
  const entries = await readdir(base, { withFileTypes: true }).catch(() => []);
  const sets: { name: string; manifest: BackupManifest }[] = [];
  for (const entry of entries.filter((d) => d.isDirectory())) {
    const manifest = await readBackupManifest(path.join(base, entry.name)).catch(() => null);
    if (manifest) sets.push({ name: entry.name, manifest });
  }
  return sets.sort((x, y) => y.manifest.createdAt.localeCompare(x.manifest.createdAt));
}

// Sets older than `retentionDays`, by their manifest's time, removed (`dryRun`: only listed).
export async function pruneBackupSets(base: string, retentionDays: number, dryRun = false): Promise<string[]> {
  const expired = (await listBackupSets(base)).filter((s) => Date.now() - Date.parse(s.manifest.createdAt) > retentionDays * 86_400_000);
  if (!dryRun) for (const s of expired) await rm(path.join(base, s.name), { recursive: true, force: true });
  return expired.map((s) => s.name).sort();
}

async function migrationsOf(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ name: string }>('SELECT name FROM mikro_orm_migrations ORDER BY id').catch(() => ({ rows: [] }));
    return rows.map((r) => r.name);
  });
}

async function withClient<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

// The dump of one database as pg_restore reads it: the file itself, or, for an encrypted set, a
// decrypted copy in `scratchDir` (0600) that `done()` removes. Refuses an encrypted set without key.
export async function readableDump(
  setDir: string,
  manifest: BackupManifest,
  entry: DatabaseManifest,
  key: Buffer | null,
  scratchDir: string,
): Promise<{ file: string; done: () => Promise<void> }> {
  const file = path.join(setDir, entry.dumpFile);
  if (!manifest.encryption) return { file, done: async () => undefined };
  if (!key) throw new Error('This backup set is encrypted: set BACKUP_ENCRYPTION_KEY to the key it was taken with');
  await mkdir(scratchDir, { recursive: true, mode: 0o700 });
  const plain = path.join(scratchDir, `${entry.app}.${process.pid}.dump`);
  try {
    await decryptFile(file, plain, key);
  } catch (error) {
    await rm(plain, { force: true });
    throw new Error(`${entry.dumpFile} does not decrypt with this key, or was changed: ${(error as Error).message}`, { cause: error });
  }
  return { file: plain, done: () => rm(plain, { force: true }) };
}
