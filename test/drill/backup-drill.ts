import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { projectionHashesOf } from '@mindhill/persistence';
import { eventually, queryDatabase } from '@mindhill/testing';
import { backup } from '../../scripts/backup';
import { PROJECTIONS } from '../../scripts/projections';
import { rebuildService } from '../../scripts/rebuild';
import { LostEvent, restore, RestoreReport } from '../../scripts/restore';
import { APPS } from '../../scripts/service-catalog';
import { LoadGenerator } from '../faults/lib/load';
import { Observer } from '../faults/lib/observer';
import { projectionKeys, verify, Verdict } from '../faults/lib/verify';
import { TestPlatform } from '../support/test-platform';
import { RunsAndReports, RunsVerdict } from './runs-and-reports';

// The backup drill (issue 15): back up under load, go on working, restore one service and then
// all of them, start again, and check every command the platform acknowledged with the fault
// harness's Jepsen-style checker: each is present, or named lost by the restore's own report;
// never silently missing, never doubled. Then each service's projections must equal a rebuild
// from its stored events. `npm run backup:drill` runs it at size; `npm test` small.

export type DrillOptions = {
  platform: TestPlatform; // all six services and the gateway
  loadSeconds: number; // before + after the backup, split evenly
  rates: { usersPerSecond: number; workflowsPerSecond: number };
  runsPerPhase: number; // workflow runs and report runs started beside the load, per phase
  restoreFirst: string; // the service restored alone in round 1
  log?: (line: string) => void;
};
export type DrillRound = {
  name: string;
  report: RestoreReport;
  verdict: Verdict;
  runs: RunsVerdict;
  projectionsDifferingFromRebuild: string[];
  afterRestoreAcked: number; // commands acknowledged once the restored platform was up again
};
export type DrillResult = { backupAt: string; commands: number; rounds: DrillRound[] };

const wait = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function runBackupDrill(options: DrillOptions): Promise<DrillResult> {
  const { platform } = options;
  const t0 = Date.now();
  const log = (line: string) => options.log?.(`+${((Date.now() - t0) / 1000).toFixed(1)} s ${line}`);
  const services = APPS.filter((a) => a.migrations).map((a) => a.name);
  const env = restoreEnv(platform);
  const setDir = mkdtempSync(path.join(tmpdir(), 'mindhill-drill-'));
  const kept: string[] = [];
  const load = new LoadGenerator(platform.gatewayUrl, options.rates);
  try {
    const preexisting = await withObserver(platform, projectionKeys);
    const probe = await load.probe();
    if (probe.length) throw new Error(`the drill's commands are not accepted: ${probe.join('; ')}`);
    const work = new RunsAndReports(platform, load.accessToken!);
    await work.prepare();
    preexisting.add(work.workflowName); // known to the checker: made before the load, not by it
    load.phase = 'before backup';
    load.start();
    await wait((options.loadSeconds * 1000) / 2);
    await work.start(options.runsPerPhase, 'before backup');
    // Everything sent before is answered before the set is begun (a clean line for the checker);
    // then the set is taken while commands keep coming, as a scheduled backup would be.
    await load.stop();
    load.phase = 'during backup';
    load.start();
    const manifest = await backup(
      APPS.filter((a) => a.migrations),
      setDir,
      env,
    );
    log(`backup set taken at ${manifest.createdAt} (${manifest.databases.length} databases)`);
    load.phase = 'after backup';
    await work.start(options.runsPerPhase, 'after backup');
    await wait((options.loadSeconds * 1000) / 2);
    await load.stop();
    await settle(platform);
    log(`${load.commands.length} commands sent; stopping the platform`);

    const rounds: DrillRound[] = [];
    const reported: LostEvent[] = [];
    for (const [name, chosen] of [
      [`restore ${options.restoreFirst} alone`, [options.restoreFirst]],
      ['restore all six', services],
    ] as const) {
      if (platform.apps.gateway) await platform.stopApps();
      log(`${name}: platform stopped`);
      const report = await restore(setDir, { services: [...chosen], env, log });
      for (const s of report.services) if (s.keptPreviousAs) kept.push(s.keptPreviousAs);
      reported.push(...report.services.flatMap((s) => s.lostEvents));
      log(
        `${name}: ${report.services.map((s) => `${s.app} ${s.lostEvents.length} lost, ${s.consumerGroups.reduce((n, g) => n + g.messagesToReread, 0)} to re-read`).join('; ')}`,
      );
      await platform.startApps();
      log(`${name}: platform started again`);
      // The restored platform takes new work.
      const before = load.commands.length;
      load.phase = `after ${name}`;
      load.start();
      await work.start(2, load.phase);
      await wait(1_500);
      await load.stop();
      await settle(platform);
      const afterRestoreAcked = load.commands.slice(before).filter((c) => c.outcome === 'ack').length;
      log(`${name}: settled`);
      const verdict = await withObserver(platform, (o) => verify(o, load.commands, [], preexisting, reported));
      const runs = await work.check(reported);
      // Stopped for the rebuild, and so for the next round's restore.
      await platform.stopApps();
      const projectionsDifferingFromRebuild = await differFromRebuild(platform);
      log(`${name}: projections rebuilt and compared`);
      rounds.push({ name, report, verdict, runs, projectionsDifferingFromRebuild, afterRestoreAcked });
    }
    return { backupAt: manifest.createdAt, commands: load.commands.length, rounds };
  } finally {
    await load.stop();
    rmSync(setDir, { recursive: true, force: true });
    await dropDatabases(kept);
  }
}

// The restore looks for running apps on every app's port: the ones this platform listens on.
function restoreEnv(platform: TestPlatform): Record<string, string> {
  const env = { ...platform.env };
  for (const app of APPS) {
    const url = platform.urls[app.name as keyof typeof platform.urls];
    env[`${app.name.toUpperCase()}_PORT`] = url ? new URL(url).port : '1';
  }
  return env;
}

async function withObserver<T>(platform: TestPlatform, use: (o: Observer) => Promise<T>): Promise<T> {
  const urls = Object.fromEntries(Object.entries(platform.databases).map(([name, db]) => [name, db!.url]));
  const observer = new Observer(urls, platform.env.KAFKA_BROKERS!.split(',')[0]!, []);
  for (const service of Object.keys(urls)) observer.pool(service);
  try {
    return await use(observer);
  } finally {
    await observer.close();
  }
}

// Quiet: every outbox published and every stored event of every service in the audit log.
async function settle(platform: TestPlatform): Promise<void> {
  await withObserver(platform, (o) =>
    eventually(
      async () => {
        expect(await o.outboxBacklog()).toBe(0);
        const audited = new Set((await o.query<{ id: string }>('audit', 'SELECT uuid::text AS id FROM audit_logs')).map((r) => r.id));
        for (const service of o.pools.keys()) {
          const ids = await o.query<{ id: string }>(service, 'SELECT event_id::text AS id FROM stored_event');
          expect(ids.filter((r) => !audited.has(r.id)).map((r) => `${service} ${r.id}`)).toEqual([]);
        }
      },
      { timeoutMs: 90_000 },
    ),
  );
}

// Each service's projections hashed, rebuilt from its stored events, hashed again.
async function differFromRebuild(platform: TestPlatform): Promise<string[]> {
  const differing: string[] = [];
  for (const [service, projections] of Object.entries(PROJECTIONS)) {
    const url = platform.databases[service as keyof typeof platform.databases]!.url;
    const before = await projectionHashesOf(url, projections.tables);
    await rebuildService(service, platform.env);
    const after = await projectionHashesOf(url, projections.tables);
    for (const table of projections.tables) if (before[table] !== after[table]) differing.push(`${service}.${table}`);
  }
  return differing;
}

async function dropDatabases(names: string[]): Promise<void> {
  const server = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  for (const name of names) await queryDatabase(server, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
