import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tmpdir } from 'node:os';
import { backupKeyFrom, dropDatabase, ensureDatabase, readableDump } from '@mindhill/persistence';
import { BackupManifest, countsOf } from './backup';
import { APPS, databaseUrlOf } from './service-catalog';

// `npm run backup:verify -- <backup dir> [--keep]`: restores every dump of a backup into a FRESH
// database (<db>_verify_<time>), never over the live one (errata 20), and compares exact row
// counts and stored events with the backup's manifest. Switching to a restored database is a
// separate, deliberate step (see README, "Backups").
export type VerifyResult = { app: string; database: string; ok: boolean; differences: string[] };

export async function verifyBackup(dir: string, options: { keep?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<VerifyResult[]> {
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as BackupManifest;
  const suffix = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const results: VerifyResult[] = [];
  for (const entry of manifest.databases) {
    const app = APPS.find((a) => a.name === entry.app)!;
    const target = new URL(databaseUrlOf(app, options.env ?? process.env));
    target.pathname = `/${entry.database}_verify_${suffix}`.slice(0, 64);
    await ensureDatabase(target.toString());
    const dump = await readableDump(dir, manifest, entry, backupKeyFrom((options.env ?? process.env).BACKUP_ENCRYPTION_KEY), tmpdir());
    try {
      execFileSync('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--dbname', target.toString(), dump.file], {
        stdio: 'inherit',
      });
      const restored = await countsOf(target.toString());
      const differences: string[] = [];
      for (const [table, count] of Object.entries(entry.tables)) {
        if (restored.tables[table] !== count)
          differences.push(`${table}: ${count} in the backup, ${restored.tables[table] ?? 'missing'} restored`);
      }
      if (restored.storedEvents !== entry.storedEvents)
        differences.push(`stored_event: ${entry.storedEvents} in the backup, ${restored.storedEvents} restored`);
      if (restored.lastPosition !== entry.lastPosition)
        differences.push(`last event position: ${entry.lastPosition} in the backup, ${restored.lastPosition} restored`);
      results.push({ app: entry.app, database: target.pathname.slice(1), ok: differences.length === 0, differences });
    } finally {
      await dump.done();
      if (!options.keep) await dropDatabase(target.toString());
    }
  }
  return results;
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('Usage: npm run backup:verify -- <backup dir> [--keep]');
  const results = await verifyBackup(dir, { keep: process.argv.includes('--keep') });
  for (const r of results)
    process.stdout.write(`${r.ok ? 'OK      ' : 'MISMATCH'} ${r.app}${r.differences.length ? `\n  ${r.differences.join('\n  ')}` : ''}\n`);
  if (results.some((r) => !r.ok)) process.exit(2);
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`Verification failed: ${error.message}\n`);
    process.exit(1);
  });
}
