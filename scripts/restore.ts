import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { createKafka, isDurableGroup, kafkaAnswers, readTopicsFrom, rewindGroup } from '@mindhill/messaging';
import { BackupManifest, DatabaseManifest, projectionHashesOf, sha256Of } from './backup';
import { backupKeyFrom, readableDump, readBackupManifest } from '@mindhill/persistence';
import { PROJECTIONS } from './projections';
import { rebuildService } from './rebuild';
import { repoRoot as root } from './paths';
import { APPS, AppEntry, databaseUrlOf, portOf } from './service-catalog';

// `npm run restore -- <set> [--service NAME ...] [--stop]`: puts service databases back from a
// backup set (scripts/backup.ts) and brings the platform back to a consistent state. For each
// chosen service (all by default):
//  1. the dump's checksum is checked against the manifest (a damaged set restores nothing);
//  2. the live database, if any, is kept under `<db>_before_restore_<time>`, never dropped;
//  3. the dump is restored into a fresh database;
//  4. its projections are hashed and compared with the manifest; any that differ are rebuilt
//     from the stored events (and hashed again);
//  5. its consumer groups are rewound to the offsets the manifest recorded, so it re-reads what
//     it consumed after the backup (its inbox, restored too, drops what it already had); its
//     outbox still holds what it had not yet published and the relay sends it at start;
//  6. events this service published to Kafka after the backup that its restored store no longer
//     holds are LOST to it: listed in the report (id, type, stream, time), never dropped silently;
//     so are events still waiting in the replaced database's outbox (committed, never published:
//     on no topic), listed with the topic "(unpublished) <topic>".
// The report goes to the set's folder as restore-<time>.json and to stdout. See
// docs/backup-and-restore.md and ADR 0020 for what is and is not recoverable.

export type LostEvent = { eventId: string; type: string; stream: string; occurredAt: string; topic: string };
export type ServiceRestoreReport = {
  app: string;
  database: string;
  keptPreviousAs: string | null;
  storedEvents: number;
  outboxToRepublish: number;
  projections: { checked: string[]; rebuilt: string[]; stillDifferent: string[] };
  consumerGroups: { group: string; rewoundTo: 'backup' | 'earliest'; messagesToReread: number }[];
  lostEvents: LostEvent[];
};
export type RestoreReport = { set: string; backupTakenAt: string; restoredAt: string; services: ServiceRestoreReport[] };

export class RestoreRefused extends Error {}

export type RestoreOptions = { services?: string[]; stop?: boolean; env?: NodeJS.ProcessEnv; log?: (line: string) => void };

export async function restore(setDir: string, options: RestoreOptions = {}): Promise<RestoreReport> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);
  const manifest = await readBackupManifest(setDir);
  const wanted = options.services?.length ? options.services : manifest.databases.map((d) => d.app);
  if (manifest.encryption && !backupKeyFrom(env.BACKUP_ENCRYPTION_KEY)) {
    throw new RestoreRefused('This backup set is encrypted: set BACKUP_ENCRYPTION_KEY to the key it was taken with');
  }
  const entries = wanted.map((name) => {
    const entry = manifest.databases.find((d) => d.app === name);
    if (!entry)
      throw new RestoreRefused(`The set holds no database of "${name}" (it has: ${manifest.databases.map((d) => d.app).join(', ')})`);
    return entry;
  });
  for (const entry of entries) {
    const actual = await sha256Of(path.join(setDir, entry.dumpFile));
    if (entry.sha256 && actual !== entry.sha256) throw new RestoreRefused(`${entry.dumpFile} is damaged: its sha256 is not the manifest's`);
  }
  await ensurePlatformDown(env, options.stop ?? false, log);

  const brokers = (env.KAFKA_BROKERS ?? `127.0.0.1:${env.KAFKA_PORT ?? '9092'}`).split(',');
  const ownKafka = !(await kafkaAnswers(brokers));
  if (ownKafka) execFileSync('bash', [path.join(root, 'deploy/local/kafka.sh'), 'start'], { stdio: 'inherit', env });
  try {
    const prefix = env.KAFKA_TOPIC_PREFIX ?? manifest.topicPrefix ?? '';
    const kafka = createKafka({ brokers, clientId: 'mindhill-restore', topicPrefix: prefix });
    // What every service published after the backup: read from Kafka once, for all of them.
    let afterBackup: Promise<PublishedEvent[]> | undefined;
    const published = () => (afterBackup ??= publishedSince(manifest, { kafka, prefix }));
    const services: ServiceRestoreReport[] = [];
    for (const entry of entries) {
      const app = APPS.find((a) => a.name === entry.app)!;
      log(`${entry.app}: restoring ${entry.dumpFile}`);
      services.push(await restoreService(app, entry, manifest, setDir, { env, kafka, prefix, log, published }));
    }
    const report: RestoreReport = {
      set: setDir,
      backupTakenAt: manifest.createdAt,
      restoredAt: new Date().toISOString(),
      services,
    };
    writeFileSync(path.join(setDir, `restore-${report.restoredAt.replace(/[:.]/g, '-')}.json`), JSON.stringify(report, null, 2));
    return report;
  } finally {
    if (ownKafka && env.KEEP_KAFKA !== '1')
      execFileSync('bash', [path.join(root, 'deploy/local/kafka.sh'), 'stop'], { stdio: 'inherit', env });
  }
}

async function restoreService(
  app: AppEntry,
  entry: DatabaseManifest,
  manifest: BackupManifest,
  setDir: string,
  ctx: {
    env: NodeJS.ProcessEnv;
    kafka: ReturnType<typeof createKafka>;
    prefix: string;
    log: (line: string) => void;
    published: () => Promise<PublishedEvent[]>;
  },
): Promise<ServiceRestoreReport> {
  const url = databaseUrlOf(app, ctx.env);
  // Decrypted (and so authenticated) before the live database is touched.
  const dump = await readableDump(
    setDir,
    manifest,
    entry,
    backupKeyFrom(ctx.env.BACKUP_ENCRYPTION_KEY),
    path.join(root, '.local/restore-scratch'),
  );
  let keptPreviousAs: string | null;
  try {
    keptPreviousAs = await setAside(url);
    await createDatabase(url);
    execFileSync('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--dbname', url, dump.file], { stdio: 'inherit' });
  } finally {
    await dump.done();
  }

  ctx.log(`${app.name}: database restored; checking projections`);
  const tables = PROJECTIONS[app.name]?.tables ?? [];
  const differing = async () => {
    const now = await projectionHashesOf(url, tables);
    return tables.filter((t) => entry.projectionHashes?.[t] !== undefined && entry.projectionHashes[t] !== now[t]);
  };
  const rebuilt = await differing();
  if (rebuilt.length > 0) await rebuildService(app.name, ctx.env);
  const stillDifferent = rebuilt.length > 0 ? await differing() : [];

  ctx.log(`${app.name}: rewinding consumer groups`);
  const consumerGroups = await rewindGroups(app, manifest, ctx);
  ctx.log(`${app.name}: looking on Kafka for events the restored store lacks`);
  const { storedEvents, outbox, ids } = await storeFacts(url);
  const onKafka = await lostEventsOf(app.name, await ctx.published(), ids);
  const unpublished = keptPreviousAs ? await unpublishedOf(url, keptPreviousAs, ids, onKafka) : [];
  const lostEvents = [...onKafka, ...unpublished];
  return {
    app: app.name,
    database: new URL(url).pathname.slice(1),
    keptPreviousAs,
    storedEvents,
    outboxToRepublish: outbox,
    projections: { checked: [...tables], rebuilt, stillDifferent },
    consumerGroups,
    lostEvents,
  };
}

// The service's durable groups, as recorded and as they exist now (a group created after the
// backup is rewound to the start: at backup time it had read nothing).
async function rewindGroups(
  app: AppEntry,
  manifest: BackupManifest,
  ctx: { kafka: ReturnType<typeof createKafka>; prefix: string; log: (l: string) => void },
): Promise<ServiceRestoreReport['consumerGroups']> {
  const admin = ctx.kafka.admin();
  await admin.connect();
  const existing = await admin
    .listGroups()
    .then((r) => r.groups.map((g) => g.groupId))
    .finally(() => admin.disconnect());
  const mine = (g: string) => isDurableGroup(g, ctx.prefix) && g.slice(ctx.prefix.length).startsWith(`${app.name}.`);
  const groups = [...new Set([...Object.keys(manifest.kafka?.groups ?? {}), ...existing].filter(mine))].sort();
  const out: ServiceRestoreReport['consumerGroups'] = [];
  for (const group of groups) {
    const then = manifest.kafka?.groups[group];
    const { movedBack } = await rewindGroup(ctx.kafka, group, then ?? {}, ctx.prefix);
    out.push({ group, rewoundTo: then ? 'backup' : 'earliest', messagesToReread: Number(movedBack) });
  }
  return out;
}

type PublishedEvent = LostEvent & { producer: string };

// Every event on the platform's topics past the backup's ends (dead-letter topics aside).
async function publishedSince(
  manifest: BackupManifest,
  ctx: { kafka: ReturnType<typeof createKafka>; prefix: string },
): Promise<PublishedEvent[]> {
  const admin = ctx.kafka.admin();
  await admin.connect();
  const topics = await admin
    .listTopics()
    .then((all) => all.filter((t) => t.startsWith(ctx.prefix) && !t.startsWith('__') && !t.endsWith('.dead-letter')))
    .finally(() => admin.disconnect());
  const from = Object.fromEntries(topics.map((t) => [t, manifest.kafka?.topicEnds[t] ?? {}]));
  const events: PublishedEvent[] = [];
  for (const message of await readTopicsFrom(ctx.kafka, from, 10 * 60_000)) {
    const event = parseEnvelope(message.value);
    if (!event) continue;
    events.push({
      eventId: event.eventId,
      type: event.type,
      stream: event.aggregateId,
      occurredAt: event.occurredAt,
      topic: message.topic,
      producer: event.producer,
    });
  }
  return events;
}

// What this service published after the backup that its restored store does not hold.
async function lostEventsOf(
  service: string,
  published: PublishedEvent[],
  storedIds: (ids: string[]) => Promise<Set<string>>,
): Promise<LostEvent[]> {
  const candidates = published.filter((e) => e.producer === service);
  const present = await storedIds(candidates.map((c) => c.eventId));
  const seen = new Set<string>();
  return candidates
    .filter((c) => !present.has(c.eventId) && !seen.has(c.eventId) && seen.add(c.eventId))
    .map(({ producer: _producer, ...lost }) => lost);
}

// Committed in the database the restore replaced but never published: not on Kafka, so only its
// outbox knows them (a database lost outright takes these with it, unknowable).
async function unpublishedOf(
  url: string,
  keptAs: string,
  storedIds: (ids: string[]) => Promise<Set<string>>,
  alreadyListed: LostEvent[],
): Promise<LostEvent[]> {
  const kept = new URL(url);
  kept.pathname = `/${keptAs}`;
  const client = new Client({ connectionString: kept.toString() });
  await client.connect();
  const rows = await client
    .query<{ event_id: string; topic: string; message: unknown }>('SELECT event_id::text, topic, message FROM outbox ORDER BY id')
    .then((r) => r.rows)
    .finally(() => client.end());
  const present = await storedIds(rows.map((r) => r.event_id));
  const seen = new Set(alreadyListed.map((e) => e.eventId));
  const lost: LostEvent[] = [];
  for (const row of rows) {
    if (present.has(row.event_id) || seen.has(row.event_id)) continue;
    seen.add(row.event_id);
    // pg hands the JSONB column over parsed.
    const event = envelopeFacts(row.message);
    lost.push({
      eventId: row.event_id,
      type: event?.type ?? 'unknown',
      stream: event?.aggregateId ?? 'unknown',
      occurredAt: event?.occurredAt ?? 'unknown',
      topic: `(unpublished) ${row.topic}`,
    });
  }
  return lost;
}

type EnvelopeFacts = { eventId: string; type: string; producer: string; aggregateId: string; occurredAt: string };

// The facts a report names of a message read from Kafka (bytes that may not even be JSON).
function parseEnvelope(value: Buffer | null): EnvelopeFacts | null {
  if (!value) return null;
  try {
    return envelopeFacts(JSON.parse(value.toString('utf8')));
  } catch {
    return null;
  }
}

function envelopeFacts(value: unknown): EnvelopeFacts | null {
  const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  return typeof v.eventId === 'string' && typeof v.producer === 'string'
    ? {
        eventId: v.eventId,
        type: String(v.type),
        producer: v.producer,
        aggregateId: String(v.aggregateId),
        occurredAt: String(v.occurredAt),
      }
    : null;
}

async function storeFacts(url: string): Promise<{ storedEvents: number; outbox: number; ids: (ids: string[]) => Promise<Set<string>> }> {
  const query = async <R extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<R>(sql, params)).rows;
    } finally {
      await client.end();
    }
  };
  const [counts] = await query<{ events: string; outbox: string }>(
    'SELECT (SELECT count(*) FROM stored_event) AS events, (SELECT count(*) FROM outbox) AS outbox',
  );
  const ids = async (wanted: string[]) =>
    new Set(
      (await query<{ id: string }>('SELECT event_id::text AS id FROM stored_event WHERE event_id = ANY($1::uuid[])', [wanted])).map(
        (r) => r.id,
      ),
    );
  return { storedEvents: Number(counts!.events), outbox: Number(counts!.outbox), ids };
}

async function adminClient(url: string): Promise<{ client: Client; name: string }> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^[a-z0-9_]+$/i.test(name)) throw new RestoreRefused(`Refusing a database with an unusual name "${name}"`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  return { client, name };
}

// The live database is renamed out of the way, never dropped: a restore can be undone by hand.
async function setAside(url: string): Promise<string | null> {
  const { client, name } = await adminClient(url);
  try {
    if (!(await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount) return null;
    const kept = `${name}_before_restore_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`.slice(0, 63);
    await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    await client.query(`ALTER DATABASE "${name}" RENAME TO "${kept}"`);
    return kept;
  } finally {
    await client.end();
  }
}

async function createDatabase(url: string): Promise<void> {
  const { client, name } = await adminClient(url);
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

// A restore under running services would race them; refuse, or stop `npm start` when told.
async function ensurePlatformDown(env: NodeJS.ProcessEnv, stop: boolean, log: (line: string) => void): Promise<void> {
  let up = await answering(env);
  if (up.length === 0) return;
  if (!stop) {
    throw new RestoreRefused(`The platform is running (${up.join(', ')} answer). Stop it first, or pass --stop to stop \`npm start\`.`);
  }
  const pidFile = path.join(root, '.local/platform.pid');
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : NaN;
  if (!Number.isInteger(pid))
    throw new RestoreRefused(`The platform is running (${up.join(', ')}) but not from \`npm start\` here; stop it first.`);
  log(`Stopping the platform (pid ${pid})`);
  process.kill(pid, 'SIGTERM');
  // Until `npm start` itself has exited: it stops the apps, then the broker it started; a restore
  // that went on earlier would talk to a broker on its way down.
  const deadline = Date.now() + 90_000;
  while (alive(pid) || (up = await answering(env)).length > 0) {
    if (Date.now() > deadline)
      throw new RestoreRefused(`The platform did not stop within 90 s (${up.join(', ') || `pid ${pid}`} still running)`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function answering(env: NodeJS.ProcessEnv): Promise<string[]> {
  const up: string[] = [];
  for (const app of APPS) {
    const ok = await fetch(`http://127.0.0.1:${portOf(app, env)}/health/live`, { signal: AbortSignal.timeout(1_000) })
      .then(() => true)
      .catch(() => false);
    if (ok) up.push(app.name);
  }
  return up;
}

function parseArgs(argv: string[]): { set: string; services: string[]; stop: boolean } {
  const services: string[] = [];
  let set = '';
  let stop = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--service') services.push(argv[++i] ?? '');
    else if (argv[i] === '--stop') stop = true;
    else set = argv[i]!;
  }
  if (!set) throw new RestoreRefused('Usage: npm run restore -- <backup set folder> [--service NAME ...] [--stop]');
  const unknown = services.filter((s) => !APPS.some((a) => a.name === s && a.migrations));
  if (unknown.length) throw new RestoreRefused(`Unknown service(s): ${unknown.join(', ')}`);
  return { set: path.resolve(set), services, stop };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const report = await restore(args.set, { services: args.services, stop: args.stop, log: (l) => process.stdout.write(`${l}\n`) });
  for (const s of report.services) {
    process.stdout.write(
      `${s.app}: restored ${s.storedEvents} stored events${s.keptPreviousAs ? ` (the previous database is kept as ${s.keptPreviousAs})` : ''}\n` +
        `  outbox: ${s.outboxToRepublish} event(s) to publish at start\n` +
        `  projections: ${s.projections.checked.length} checked, ${s.projections.rebuilt.length ? `rebuilt ${s.projections.rebuilt.join(', ')}` : 'all as in the backup'}${s.projections.stillDifferent.length ? `; STILL DIFFERENT: ${s.projections.stillDifferent.join(', ')}` : ''}\n` +
        s.consumerGroups
          .map((g) => `  ${g.group}: rewound to the ${g.rewoundTo}, ${g.messagesToReread} message(s) to read again\n`)
          .join('') +
        (s.lostEvents.length
          ? `  LOST: ${s.lostEvents.length} event(s) published after the backup are not in the restored store (listed in the report)\n`
          : '  lost: nothing (every event it published after the backup is in the restored store)\n'),
    );
  }
  process.stdout.write(
    `Report: ${path.join(args.set, `restore-${report.restoredAt.replace(/[:.]/g, '-')}.json`)}\nStart the platform: npm start\n`,
  );
}

if (require.main === module) {
  main().catch((error: Error) => {
    process.stderr.write(`Restore ${error instanceof RestoreRefused ? 'refused' : 'failed'}: ${error.message}\n`);
    process.exit(error instanceof RestoreRefused ? 3 : 1);
  });
}
