import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { APPS, AppEntry, databaseUrlOf } from './service-catalog';
import { repoRoot as root } from './paths';

// `npm run backup [-- app ...]`: a pg_dump (custom format, compressed) of each service database,
// with a manifest of what it holds (exact row counts per table, stored events and the last
// position), so a restore can be verified against it (`npm run backup:verify`). Old backups
// past BACKUP_RETENTION_DAYS (30) are removed.

export type DatabaseManifest = {
  app: string;
  database: string;
  dumpFile: string;
  tables: Record<string, number>;
  storedEvents: number;
  lastPosition: string | null;
};
export type BackupManifest = { createdAt: string; databases: DatabaseManifest[] };

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

export async function backup(apps: readonly AppEntry[], dir: string, env: NodeJS.ProcessEnv = process.env): Promise<BackupManifest> {
  mkdirSync(dir, { recursive: true });
  const databases: DatabaseManifest[] = [];
  for (const app of apps.filter((a) => a.migrations)) {
    const url = databaseUrlOf(app, env);
    const dumpFile = `${app.name}.dump`;
    // Counted in the same moment as the dump would be ideal; counting first and dumping right
    // after is close enough for verification of a quiet database (stop writers for an exact one).
    const counts = await countsOf(url);
    execFileSync('pg_dump', ['--format=custom', '--compress=9', '--no-owner', '--file', path.join(dir, dumpFile), '--dbname', url], {
      stdio: 'inherit',
    });
    databases.push({ app: app.name, database: new URL(url).pathname.slice(1), dumpFile, ...counts });
  }
  const manifest = { createdAt: new Date().toISOString(), databases };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return manifest;
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

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const base = process.env.BACKUP_DIR ?? path.join(root, '.local/backups');
  const dir = path.join(base, new Date().toISOString().replace(/[:.]/g, '-'));
  const manifest = await backup(
    APPS.filter((a) => wanted.length === 0 || wanted.includes(a.name)),
    dir,
  );
  for (const d of manifest.databases)
    process.stdout.write(`${d.app}: ${d.dumpFile}, ${Object.keys(d.tables).length} tables, ${d.storedEvents} stored events\n`);
  const removed = pruneBackups(base, Number(process.env.BACKUP_RETENTION_DAYS ?? 30));
  process.stdout.write(`Backup written to ${dir}${removed.length ? `; removed ${removed.length} old backup(s)` : ''}\n`);
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`Backup failed: ${error.message}\n`);
    process.exit(1);
  });
}
