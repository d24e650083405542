import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { createKafka, kafkaAnswers, KafkaPositions, readKafkaPositions } from '@mindhill/messaging';
import { PROJECTIONS } from './projections';
import { APPS, AppEntry, databaseUrlOf } from './service-catalog';
import { repoRoot as root } from './paths';

// `npm run backup [-- app ...]`: a backup SET: the Kafka positions first (every consumer group's
// committed offsets and every topic's end), then a pg_dump (custom format) of each service
// database, and a manifest: versions, migrations applied, exact row counts, a content hash of
// each projection table, the last stored-event position, and a sha256 per file. Positions are
// read BEFORE the dumps on purpose: a group commits an offset only after its database holds what
// it consumed, so every event below a recorded offset is in the dump (inbox included), and a
// restore that rewinds the group to it re-reads at worst what the inbox then drops.
// `npm run backup:verify` restores a set into scratch databases and compares; `npm run restore`
// puts it back (docs/backup-and-restore.md). Sets older than BACKUP_RETENTION_DAYS (30) are removed.

export type DatabaseManifest = {
  app: string;
  database: string;
  dumpFile: string;
  sha256: string;
  migrations: string[];
  tables: Record<string, number>;
  projectionHashes: Record<string, string>;
  storedEvents: number;
  lastPosition: string | null;
};
export type BackupManifest = {
  formatVersion: 2;
  createdAt: string;
  platformVersion: string;
  gitCommit: string | null;
  topicPrefix: string;
  kafka: KafkaPositions | null;
  databases: DatabaseManifest[];
};

export async function countsOf(url: string): Promise<Pick<DatabaseManifest, 'tables' | 'storedEvents' | 'lastPosition'>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t.name] = Number((await client.query(`SELECT count(*) AS n FROM ${t.name}`)).rows[0].n);
    const hasEvents = tables.some((t) => t.name === 'stored_event');
    const events = hasEvents
      ? (await client.query('SELECT count(*) AS n, max(position)::text AS last FROM stored_event')).rows[0]
      : { n: 0, last: null };
    return { tables: counts, storedEvents: Number(events.n), lastPosition: events.last };
  } finally {
    await client.end();
  }
}

// A hash of each projection table's rows that does not depend on their physical order, so the
// same content always gives the same hash (after a dump and restore, or a rebuild).
export async function projectionHashesOf(url: string, tables: readonly string[]): Promise<Record<string, string>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const hashes: Record<string, string> = {};
    for (const table of tables) {
      const sql = `SELECT count(*) AS n, coalesce(md5(string_agg(h, '' ORDER BY h)), '') AS h FROM (SELECT md5(t::text) AS h FROM ${table} t) rows`;
      const { rows } = await client.query<{ n: string; h: string }>(sql);
      hashes[table] = `${rows[0]!.n}:${rows[0]!.h}`;
    }
    return hashes;
  } finally {
    await client.end();
  }
}

async function migrationsOf(url: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>('SELECT name FROM mikro_orm_migrations ORDER BY id');
    return rows.map((r) => r.name);
  } catch {
    return [];
  } finally {
    await client.end();
  }
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

// The platform's durable consumer groups: `<prefix><service>.<name>`, never the per-instance ones
// (live settings, the gateway's revocations) that are created fresh at every start.
export function isDurableGroup(group: string, prefix: string): boolean {
  if (!group.startsWith(prefix)) return false;
  const name = group.slice(prefix.length);
  return APPS.some((a) => a.migrations && name.startsWith(`${a.name}.`)) && !/\.settings\./.test(name);
}

export async function kafkaPositionsOf(env: NodeJS.ProcessEnv): Promise<KafkaPositions | null> {
  const brokers = (env.KAFKA_BROKERS ?? `127.0.0.1:${env.KAFKA_PORT ?? '9092'}`).split(',');
  if (!(await kafkaAnswers(brokers))) return null;
  const prefix = env.KAFKA_TOPIC_PREFIX ?? '';
  const kafka = createKafka({ brokers, clientId: 'mindhill-backup', topicPrefix: prefix });
  return readKafkaPositions(kafka, prefix, (g) => isDurableGroup(g, prefix));
}

function platformVersion(): { platformVersion: string; gitCommit: string | null } {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  let gitCommit: string | null = null;
  try {
    gitCommit = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    gitCommit = null;
  }
  return { platformVersion: pkg.version, gitCommit };
}

export async function backup(apps: readonly AppEntry[], dir: string, env: NodeJS.ProcessEnv = process.env): Promise<BackupManifest> {
  mkdirSync(dir, { recursive: true });
  const kafka = await kafkaPositionsOf(env);
  const databases: DatabaseManifest[] = [];
  for (const app of apps.filter((a) => a.migrations)) {
    const url = databaseUrlOf(app, env);
    const dumpFile = `${app.name}.dump`;
    // Counted right before the dump: exact for a quiet database (stop writers for an exact one).
    const counts = await countsOf(url);
    const projectionHashes = await projectionHashesOf(url, PROJECTIONS[app.name]?.tables ?? []);
    const file = path.join(dir, dumpFile);
    execFileSync('pg_dump', ['--format=custom', '--compress=9', '--no-owner', '--file', file, '--dbname', url], { stdio: 'inherit' });
    databases.push({
      app: app.name,
      database: new URL(url).pathname.slice(1),
      dumpFile,
      sha256: await sha256Of(file),
      migrations: await migrationsOf(url),
      projectionHashes,
      ...counts,
    });
  }
  const manifest: BackupManifest = {
    formatVersion: 2,
    createdAt: new Date().toISOString(),
    ...platformVersion(),
    topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '',
    kafka,
    databases,
  };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
}

export function readManifest(dir: string): BackupManifest {
  return JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
}

export function pruneBackups(base: string, retentionDays: number): string[] {
  const removed: string[] = [];
  for (const name of readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)) {
    const full = path.join(base, name);
    if (Date.now() - statSync(full).mtimeMs > retentionDays * 86_400_000) {
      rmSync(full, { recursive: true, force: true });
      removed.push(name);
    }
  }
  return removed;
}

export function backupBase(env: NodeJS.ProcessEnv = process.env): string {
  return env.BACKUP_DIR ?? path.join(root, '.local/backups');
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const base = backupBase();
  const dir = path.join(base, new Date().toISOString().replace(/[:.]/g, '-'));
  const manifest = await backup(
    APPS.filter((a) => wanted.length === 0 || wanted.includes(a.name)),
    dir,
  );
  for (const d of manifest.databases)
    process.stdout.write(`${d.app}: ${d.dumpFile}, ${Object.keys(d.tables).length} tables, ${d.storedEvents} stored events\n`);
  process.stdout.write(
    manifest.kafka
      ? `kafka: ${Object.keys(manifest.kafka.groups).length} consumer groups, ${Object.keys(manifest.kafka.topicEnds).length} topics\n`
      : 'kafka: no broker answered; the set holds no consumer positions (a restore will re-read topics from the start)\n',
  );
  const removed = pruneBackups(base, Number(process.env.BACKUP_RETENTION_DAYS ?? 30));
  process.stdout.write(`Backup set written to ${dir}${removed.length ? `; removed ${removed.length} old set(s)` : ''}\n`);
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`Backup failed: ${error.message}\n`);
    process.exit(1);
  });
}
