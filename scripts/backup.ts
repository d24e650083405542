import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createKafka, isDurableGroup, kafkaAnswers, KafkaPositions, readKafkaPositions } from '@mindhill/messaging';
import { BackupManifest, backupKeyFrom, pruneBackupSets, writeBackupSet } from '@mindhill/persistence';
import { APPS, AppEntry, databaseUrlOf } from './service-catalog';
import { repoRoot as root } from './paths';

export { countsOf, projectionHashesOf, sha256Of } from '@mindhill/persistence';
export type { BackupManifest, DatabaseManifest } from '@mindhill/persistence';

// `npm run backup [-- app ...]`: a backup set (libs/persistence/src/backup): the Kafka positions
// first (every durable consumer group's committed offsets and every topic's end), then a pg_dump
// of each service database with a manifest. Positions are read BEFORE the dumps on purpose: a
// group commits an offset only after its database holds what it consumed, so every event below a
// recorded offset is in the dump (inbox included), and a restore that rewinds the group to it
// re-reads at worst what the inbox then drops (ADR 0020). Audit takes the same sets on schedule
// (backup_frequency_hours). Sets older than BACKUP_RETENTION_DAYS (30) are removed.

export async function kafkaPositionsOf(env: NodeJS.ProcessEnv): Promise<KafkaPositions | null> {
  const brokers = (env.KAFKA_BROKERS ?? `127.0.0.1:${env.KAFKA_PORT ?? '9092'}`).split(',');
  if (!(await kafkaAnswers(brokers))) return null;
  const prefix = env.KAFKA_TOPIC_PREFIX ?? '';
  const kafka = createKafka({ brokers, clientId: 'mindhill-backup', topicPrefix: prefix });
  return readKafkaPositions(kafka, prefix, (g) => isDurableGroup(g, prefix));
}

export async function backup(apps: readonly AppEntry[], dir: string, env: NodeJS.ProcessEnv = process.env): Promise<BackupManifest> {
  const kafka = await kafkaPositionsOf(env);
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return writeBackupSet(
    apps.filter((a) => a.migrations).map((a) => ({ app: a.name, url: databaseUrlOf(a, env) })),
    dir,
    { kafka, topicPrefix: env.KAFKA_TOPIC_PREFIX ?? '', platformVersion: pkg.version, gitCommit: gitCommit() },
    // With BACKUP_ENCRYPTION_KEY every dump is encrypted at rest (AES-256-GCM).
    backupKeyFrom(env.BACKUP_ENCRYPTION_KEY),
  );
}

export function backupBase(env: NodeJS.ProcessEnv = process.env): string {
  return env.BACKUP_DIR ?? path.join(root, '.local/backups');
}

// The commit the code was built from; null outside a git checkout (an image).
function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return null;
  }
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
  const removed = await pruneBackupSets(base, Number(process.env.BACKUP_RETENTION_DAYS ?? 30));
  process.stdout.write(`Backup set written to ${dir}${removed.length ? `; removed ${removed.length} old set(s)` : ''}\n`);
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`Backup failed: ${error.message}\n`);
    process.exit(1);
  });
}
