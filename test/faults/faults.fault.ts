// Fault tests (`npm run test:faults`): the seven apps as separate processes on a private Kafka broker and
// PostgreSQL cluster, under a constant load of gateway commands, through kill -9 of every app, a broker
// restart, a PostgreSQL restart, and a relay killed between the Kafka acknowledgement and the outbox
// commit; then poison messages. At the end, a Jepsen-style check of every acknowledged command against
// the projections and the audit log. Named *.fault.ts so the default Jest run never picks it up.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import {
  APP_NAMES,
  AppName,
  AppProcess,
  DIST,
  KafkaInstance,
  lifecycle,
  LOG_DIR,
  PgCluster,
  portFree,
  ROOT,
  say,
  SERVICES_WITH_DB,
  sleep,
} from './lib/infra';
import { Balancer } from './lib/balancer';
import { CommandKind, LoadGenerator } from './lib/load';
import { Observer, timeUntil } from './lib/observer';
import { Copies, countCopies, deadLettered, runPoisonTest, PoisonResult } from './lib/poison';
import { replicaReport, RunFigures, runFigures } from './lib/replica-report';
import { projectionKeys, verify, Verdict } from './lib/verify';
import { RunsVerdict, verifyRuns } from './lib/verify-runs';

const execFileAsync = promisify(execFile);
const PG_PORT = Number(process.env.FAULTS_PG_PORT ?? 55432);
const KAFKA_PORT = Number(process.env.FAULTS_KAFKA_PORT ?? 19092);
const KAFKA_CONTROLLER_PORT = Number(process.env.FAULTS_KAFKA_CONTROLLER_PORT ?? 19093);
const PORT_BASE = Number(process.env.FAULTS_PORT_BASE ?? 13100);
const AUDIT_GROUP = 'audit.audit-log';
const RECOVERY_LIMIT_MS = 30_000;
// Processes per worker service (auth and the gateway stay single): same database, same consumer groups,
// each on its own port behind a balancer (what a Kubernetes Service is to the gateway).
const REPLICAS = Number(process.env.FAULTS_REPLICAS ?? 2);
const WORKER_SERVICES: AppName[] = ['workflows', 'ingestion', 'processing', 'reporting', 'audit'];
const RUNS_PER_SECOND = Number(process.env.FAULTS_RUNS_PER_SECOND ?? 2);
// After the load stops: how long every acknowledged run gets to end before it counts as stuck.
const RUN_SETTLE_MS = Number(process.env.FAULTS_RUN_SETTLE_MS ?? 120_000);
// With replicas: how long the killed replica stays down at most while the others take over.
const TAKEOVER_LIMIT_MS = 30_000;
// Which apps to kill -9 (all seven by default; FAULTS_KILL=auth,workflows,audit narrows it).
const KILL_APPS = (process.env.FAULTS_KILL ?? APP_NAMES.join(','))
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean) as AppName[];

export type PhaseResult = {
  name: string;
  startedAt: number;
  notes: string[];
  readyMs?: number | null; // fault injected -> the affected component ready again
  firstAckMs?: number | null; // component ready -> next acknowledged command of the affected kind
  lagZeroMs?: number | null; // component ready -> audit group lag 0
  backlogZeroMs?: number | null; // component ready -> every outbox empty
  dupAbsorbed: number; // consumer_duplicates_total delta over the phase (all consumer groups)
  dupAbsorbedAudit: number;
  maxLag: number; // highest audit-group lag sampled during the phase
  endedAt?: number;
  killedAt?: number; // a replica killed while the others kept running
  rebalancedMs?: number | null; // kill -> every shared group of the service without the killed member
  firstSuccessMs?: number | null; // kill -> first run started after the kill in Success
  serviceLagZeroMs?: number | null; // rebalanced -> the service's groups at lag 0 (before the restart)
  runs?: RunFigures;
};

const ADMIN = { email: 'faults-admin@faults.test', password: randomBytes(18).toString('base64url') };
const pg = new PgCluster(PG_PORT);
const kafka = new KafkaInstance(KAFKA_PORT, KAFKA_CONTROLLER_PORT);
const apps = new Map<AppName, AppProcess>(); // the first replica of each app
const processes: AppProcess[] = []; // every process, replicas included
const balancers: Balancer[] = [];
const phases: PhaseResult[] = [];
let observer: Observer | undefined;
let load: LoadGenerator | undefined;
let supervisor: NodeJS.Timeout | undefined;
let cleaningUp: Promise<void> | undefined;

async function main(): Promise<number> {
  const started = Date.now();
  rmSync(LOG_DIR, { recursive: true, force: true });
  mkdirSync(LOG_DIR, { recursive: true });
  const ports: Record<AppName, number> = {
    auth: PORT_BASE + 1,
    workflows: PORT_BASE + 2,
    ingestion: PORT_BASE + 3,
    processing: PORT_BASE + 4,
    reporting: PORT_BASE + 5,
    audit: PORT_BASE + 6,
    gateway: PORT_BASE + 80,
  };
  // Replica r (2..) of a worker service listens on PORT_BASE + 10*(r-1) + i; its balancer on PORT_BASE + 40 + i.
  const replicaPort = (name: AppName, r: number) => ports[name] + 10 * (r - 1);
  const balancerPort = (name: AppName) => PORT_BASE + 40 + (ports[name] - PORT_BASE);
  const replicated = REPLICAS > 1 ? WORKER_SERVICES : [];
  const extraPorts = replicated.flatMap((n) => [balancerPort(n), ...Array.from({ length: REPLICAS - 1 }, (_, k) => replicaPort(n, k + 2))]);
  for (const port of [PG_PORT, KAFKA_PORT, KAFKA_CONTROLLER_PORT, ...Object.values(ports), ...extraPorts]) {
    if (!(await portFree(port)))
      throw new Error(`port ${port} is in use: another fault run? (set FAULTS_PORT_BASE / FAULTS_PG_PORT / FAULTS_KAFKA_PORT)`);
  }

  say(`starting a private PostgreSQL on 127.0.0.1:${PG_PORT} and Kafka on 127.0.0.1:${KAFKA_PORT}`);
  await Promise.all([
    (async () => {
      await pg.init();
      await pg.start();
    })(),
    (async () => {
      await kafka.reset();
      await kafka.start();
    })(),
  ]);

  const dbUrls: Record<string, string> = {};
  for (const s of SERVICES_WITH_DB) dbUrls[s] = pg.url(`mindhill_${s}`);
  const runDir = path.join(ROOT, '.local/faults-run');
  rmSync(runDir, { recursive: true, force: true });
  for (const d of ['content', 'reports', 'files']) mkdirSync(path.join(runDir, d), { recursive: true });
  // What every run fetches (then normalizes): one small text file.
  writeFileSync(path.join(runDir, 'files/note.txt'), 'Wheat prices climb as a dry spring cuts the harvest forecast.\n');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    AUTH_TOTP_KEY: randomBytes(32).toString('base64'),
    LOG_LEVEL: process.env.FAULTS_APP_LOG_LEVEL ?? 'warn',
    LOG_FORMAT: 'json',
    KAFKA_BROKERS: kafka.brokers,
    KAFKA_TOPIC_PREFIX: '',
    INTERNAL_API_TOKEN: randomBytes(32).toString('base64url'),
    JWT_SECRET: randomBytes(32).toString('base64url'),
    JWT_TTL_SECONDS: '3600', // the probe user's access token carries the whole run
    DATA_SOURCE_SECRET_KEY: randomBytes(32).toString('base64'),
    CONTENT_STORE_DIR: path.join(runDir, 'content'),
    REPORT_OUTPUT_DIR: path.join(runDir, 'reports'),
    INGESTION_FILE_ROOTS: path.join(runDir, 'files'),
    GATEWAY_RATE_LIMIT_PER_HOUR: '10000000',
    GATEWAY_LOGIN_RATE_PER_MINUTE: '100000',
    // The run load must not queue behind the concurrency policy: the environment's limits, and the
    // live settings (seeded by auth at 5 and 3, they win) raised by the admin below.
    WORKFLOWS_MAX_CONCURRENT_RUNS: '1000',
    WORKFLOWS_MAX_CONCURRENT_RUNS_PER_USER: '1000',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  };
  for (const name of APP_NAMES) {
    env[`${name.toUpperCase()}_PORT`] = String(ports[name]);
    if (name !== 'gateway') {
      const port = replicated.includes(name) ? balancerPort(name) : ports[name];
      env[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${port}`;
      env[`${name.toUpperCase()}_DATABASE_URL`] = dbUrls[name];
    }
  }
  await execFileAsync(process.execPath, [path.join(DIST, 'scripts/migrate.js')], { env, timeout: 120_000 });
  say('databases migrated');

  for (const name of APP_NAMES) {
    const count = replicated.includes(name) ? REPLICAS : 1;
    for (let r = 1; r <= count; r++) {
      const port = replicaPort(name, r);
      // The client-id suffix tells the replicas apart in the consumer groups' member lists.
      const own = count > 1 ? { [`${name.toUpperCase()}_PORT`]: String(port), KAFKA_CLIENT_ID_SUFFIX: `-r${r}` } : {};
      const app = new AppProcess(name, port, { ...env, ...own }, r);
      processes.push(app);
      if (r === 1) apps.set(name, app);
    }
  }
  for (const name of replicated) {
    const balancer = new Balancer(
      balancerPort(name),
      replicasOf(name).map((a) => a.port),
    );
    await balancer.start();
    balancers.push(balancer);
  }
  // The first replica of each service first (it creates the topics), then the others beside it.
  for (const name of SERVICES_WITH_DB) apps.get(name)!.start();
  await Promise.all(SERVICES_WITH_DB.map((n) => apps.get(n)!.waitReady(120_000)));
  const others = processes.filter((a) => a.replica > 1);
  for (const app of others) app.start();
  await Promise.all(others.map((a) => a.waitReady(120_000)));
  apps.get('gateway')!.start();
  await apps.get('gateway')!.waitReady(60_000);
  say(
    `all ${processes.length} processes ready (${REPLICAS > 1 ? `${REPLICAS} replicas of ${replicated.join(', ')}; ` : ''}${((Date.now() - started) / 1000).toFixed(1)} s since start)`,
  );
  // A supervisor, as Kubernetes would be: an app that dies on its own is started again (and reported).
  supervisor = setInterval(() => {
    for (const app of processes) if (!app.running && !app.intentionalStop) app.start();
  }, 1_000);

  observer = new Observer(dbUrls, kafka.brokers, processes);
  observer.startScraping(1_000);
  if (RUNS_PER_SECOND > 0) await raiseRunLimits(apps.get('gateway')!.url);
  load = new LoadGenerator(apps.get('gateway')!.url, {
    usersPerSecond: Number(process.env.FAULTS_USERS_PER_SECOND ?? 3),
    workflowsPerSecond: Number(process.env.FAULTS_WORKFLOWS_PER_SECOND ?? 5),
    runsPerSecond: RUNS_PER_SECOND,
  });
  const preexisting = await projectionKeys(observer);
  const probe = await load.probe();
  if (RUNS_PER_SECOND > 0 && !probe.length) probe.push(...(await load.prepareRuns(path.join(runDir, 'files'))));
  if (probe.length) throw new Error(`the load's commands are not accepted: ${probe.join('; ')}`);
  load.start();
  if (RUNS_PER_SECOND > 0) {
    // Warm-up: the baseline starts once the first run has gone all the way through.
    const warm = await timeUntil(
      () => observer!.query<{ n: string }>('workflows', `SELECT count(*) AS n FROM workflow_executions WHERE status = 'Success'`),
      ([row]) => Number(row?.n) > 0,
      60_000,
      100,
    );
    say(
      warm === null
        ? '!! no run reached Success within 60 s of warm-up'
        : `warm-up: first run in Success after ${(warm / 1000).toFixed(1)} s`,
    );
  }
  await phase('baseline (no fault)', async (r) => {
    await sleep(RUNS_PER_SECOND > 0 ? 20_000 : 8_000); // the reference for the run figures: long enough to mean something
    await measureRecovery(r, Date.now(), undefined);
  });

  // 1. kill -9 of each app, then a restart. With replicas, the first replica dies while the others keep
  // running; it stays down until they took over its partitions (or TAKEOVER_LIMIT_MS).
  for (const name of KILL_APPS) {
    const alone = replicasOf(name).length === 1;
    await phase(alone ? `kill -9 ${name}` : `kill -9 ${name} (1 of ${REPLICAS})`, async (r) => {
      const app = apps.get(name)!;
      await observer!.scrape(app);
      await sleep(500 + Math.floor(Math.random() * 700)); // a random moment in the stream of commands
      const t0 = Date.now();
      await app.kill9();
      if (alone) await sleep(1_000);
      else await takeOver(name, r, t0);
      app.start();
      await app.waitReady(60_000);
      r.readyMs = Date.now() - t0;
      await measureRecovery(
        r,
        Date.now(),
        name === 'auth' ? 'user' : name === 'workflows' ? 'workflow' : name === 'gateway' ? 'any' : undefined,
      );
    });
  }

  // 2. the broker stops (gracefully) and comes back after 8 s.
  await phase('Kafka broker stop/start', async (r) => {
    const t0 = Date.now();
    await kafka.stop();
    r.notes.push(`broker stopped in ${((Date.now() - t0) / 1000).toFixed(1)} s, down for 8 s`);
    await sleep(8_000);
    await kafka.start();
    r.readyMs = Date.now() - t0;
    await observer!.resetAdmin();
    const back = Date.now();
    const appsReady = await timeUntil(
      async () => (await Promise.all(processes.map((a) => a.ready()))).every(Boolean),
      (v) => v,
      60_000,
    );
    r.notes.push(
      `all apps /health/ready ${appsReady === null ? 'NOT within 60 s' : `${(appsReady / 1000).toFixed(1)} s after the broker's return`}`,
    );
    await measureRecovery(r, back, 'any');
  });

  // 3. PostgreSQL restarts (fast shutdown: every connection is cut), down for 3 s.
  await phase('PostgreSQL restart', async (r) => {
    const t0 = Date.now();
    await pg.stop('fast');
    await sleep(3_000);
    await pg.start();
    r.readyMs = Date.now() - t0;
    const back = Date.now();
    const appsReady = await timeUntil(
      async () => (await Promise.all(processes.map((a) => a.ready()))).every(Boolean),
      (v) => v,
      60_000,
    );
    r.notes.push(
      `all apps /health/ready ${appsReady === null ? 'NOT within 60 s' : `${(appsReady / 1000).toFixed(1)} s after PostgreSQL's return`}`,
    );
    await measureRecovery(r, back, 'any');
  });

  // 3b. only the audit database goes away for 10 s (connections refused and cut), the rest keeps running:
  // events keep arriving on Kafka while the audit handler cannot write.
  await phase('audit database outage 10 s', async (r) => {
    const admin = new Client({ connectionString: pg.url('postgres') });
    await admin.connect();
    try {
      const deadLetteredBefore = observer!.sum('consumer_dead_lettered_total', 'audit');
      const t0 = Date.now();
      await admin.query('ALTER DATABASE mindhill_audit WITH ALLOW_CONNECTIONS false');
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'mindhill_audit'`);
      await sleep(10_000);
      await admin.query('ALTER DATABASE mindhill_audit WITH ALLOW_CONNECTIONS true');
      r.readyMs = Date.now() - t0;
      await measureRecovery(r, Date.now(), undefined);
      await observer!.scrapeAll();
      const dl = observer!.sum('consumer_dead_lettered_total', 'audit') - deadLetteredBefore;
      r.notes.push(
        `audit dead-lettered ${dl} valid event(s) during the outage${dl ? ' (transient DB failure treated as permanent after 5 attempts)' : ''}`,
      );
    } finally {
      await admin.query('ALTER DATABASE mindhill_audit WITH ALLOW_CONNECTIONS true').catch(() => undefined);
      await admin.end().catch(() => undefined);
    }
  });

  // 4. the relay dies after Kafka acknowledged a batch and before the outbox commit.
  for (const name of ['auth', 'workflows'] as const) {
    await phase(`relay crash after ack (${name})`, async (r) => relayCrashAfterAck(name, r));
  }

  // 5. poison messages, still under load.
  let poison: PoisonResult | undefined;
  await phase('poison messages', async (r) => {
    poison = await runPoisonTest(observer!, r);
    await measureRecovery(r, Date.now(), undefined);
  });

  say('stopping the load; waiting for every outbox and the audit group to drain');
  await load.stop();
  load.phase = 'after';
  const quiet = await timeUntil(
    async () => [await observer!.outboxBacklog(), await observer!.groupLag(AUDIT_GROUP)],
    ([b, l]) => b === 0 && l === 0,
    90_000,
    500,
  );
  await sleep(2_000);
  await observer.scrapeAll();
  closeLastPhase();
  say(quiet === null ? '!! the platform did NOT drain within 90 s' : `drained in ${(quiet / 1000).toFixed(1)} s`);
  let runs: RunsVerdict | undefined;
  const workflowId = load.runnableWorkflow;
  if (workflowId) {
    const settled = await timeUntil(
      () =>
        observer!.query<{ n: string }>(
          'workflows',
          `SELECT count(*) AS n FROM workflow_executions WHERE status IN ('Created', 'InProgress')`,
        ),
      ([row]) => Number(row?.n) === 0,
      RUN_SETTLE_MS,
      500,
    );
    say(
      settled === null
        ? `!! runs still unfinished after ${RUN_SETTLE_MS / 1000} s`
        : `every run ended ${(settled / 1000).toFixed(1)} s after the drain`,
    );
    await runFigures(observer, phases, load.runs, workflowId);
    runs = await verifyRuns(observer, load.runs, workflowId);
  }

  const groups = await observer.describeGroups().catch(() => []);
  const copies = await countCopies(observer);
  const dlq = await deadLettered(observer).catch(() => new Map<string, string[]>());
  const verdict = await verify(observer, load.commands, poison?.canaryEventIds ?? [], preexisting);
  const ok = report(verdict, runs, poison, copies, groups, dlq, Date.now() - started);
  return ok ? 0 : 1;
}

// ---------------------------------------------------------------- phases
let current: PhaseResult | undefined;
let dupMark = { all: 0, audit: 0 };

function closeLastPhase(): void {
  if (!current || !observer) return;
  current.dupAbsorbed = observer.sum('consumer_duplicates_total') - dupMark.all;
  current.dupAbsorbedAudit = observer.sum('consumer_duplicates_total', 'audit') - dupMark.audit;
}

async function phase(name: string, fn: (r: PhaseResult) => Promise<void>): Promise<void> {
  await observer!.scrapeAll();
  closeLastPhase();
  dupMark = { all: observer!.sum('consumer_duplicates_total'), audit: observer!.sum('consumer_duplicates_total', 'audit') };
  const r: PhaseResult = { name, startedAt: Date.now(), notes: [], dupAbsorbed: 0, dupAbsorbedAudit: 0, maxLag: 0 };
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const lag = await observer!.groupLag(AUDIT_GROUP);
      if (lag !== null && lag > r.maxLag) r.maxLag = lag;
      await sleep(500);
    }
  })();
  phases.push(r);
  current = r;
  load!.phase = name;
  say(`--- ${name}`);
  try {
    await fn(r);
  } catch (error) {
    r.notes.push(`HARNESS ERROR: ${(error as Error).message}`);
    say(`!! ${name}: ${(error as Error).message}`);
  }
  await sleep(1_500);
  sampling = false;
  await sampler;
  r.endedAt = Date.now();
}

// max_concurrent_workflows(_per_user) to their maximum through the admin API, then waits until every
// workflows process has read the change (its per-process settings group at lag 0).
async function raiseRunLimits(gateway: string): Promise<void> {
  const call = async (method: string, url: string, body: unknown, token?: string) => {
    const res = await fetch(`${gateway}/api/v1${url}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    });
    const answer = (await res.json().catch(() => null)) as any;
    if (res.status !== 200) throw new Error(`${method} ${url} -> ${res.status} ${JSON.stringify(answer).slice(0, 300)}`);
    return answer;
  };
  const token = (await call('POST', '/auth/login', ADMIN)).accessToken as string;
  for (const key of ['max_concurrent_workflows', 'max_concurrent_workflows_per_user'])
    await call('PATCH', `/settings/${key}`, { value: 1000, reason: 'fault harness: runs must not queue' }, token);
  const read = await timeUntil(
    async () => {
      const groups = (await observer!.describeGroups()).filter((g) => g.groupId.startsWith('workflows.settings.'));
      const live = replicasOf('workflows').map((a) => groups.find((g) => g.groupId.includes(`.${a.pid}.`)));
      return live.every((g) => g && g.lag === 0);
    },
    (v) => v,
    30_000,
    250,
  );
  if (read === null) throw new Error('the workflows processes did not read the raised run limits within 30 s');
  say(`run limits raised to 1000 (read by every workflows process after ${(read / 1000).toFixed(1)} s)`);
}

// Takes a mark as soon as the system answers, then polls until `past(mark)`; ms from the call, null after 60 s.
async function caughtUpWith<T>(mark: () => Promise<T | null>, past: (m: T) => Promise<boolean>): Promise<number | null> {
  let m: T | null = null;
  return timeUntil(
    async () => {
      m ??= await mark();
      return m !== null && (await past(m));
    },
    (v) => v,
    60_000,
    200,
  );
}

function replicasOf(name: AppName): AppProcess[] {
  return processes.filter((a) => a.name === name);
}

// Polls `probe` until it holds; milliseconds since `t0`, or null after `limitMs`.
async function since(t0: number, probe: () => Promise<boolean>, limitMs: number): Promise<number | null> {
  while (Date.now() - t0 < limitMs) {
    try {
      if (await probe()) return Date.now() - t0;
    } catch {
      // not yet
    }
    await sleep(200);
  }
  return null;
}

// The first replica of `name` was just killed: the others take over its partitions. Measured from the
// kill: every shared group of the service Stable without the dead member (the broker drops it after the
// session timeout), then the service's groups at lag 0, and the first run started after the kill that
// ended in Success (the whole pipeline works without the dead replica).
async function takeOver(name: AppName, r: PhaseResult, t0: number): Promise<void> {
  r.killedAt = t0;
  const dead = `mindhill-${name}-r1`;
  let groups: string[] = [];
  const firstSuccess = RUNS_PER_SECOND > 0 ? firstSuccessAfter(t0) : Promise.resolve(undefined);
  r.rebalancedMs = await since(
    t0,
    async () => {
      const shared = await observer!.sharedGroupsOf(name);
      groups = shared.map((g) => g.groupId);
      return shared.length > 0 && shared.every((g) => g.state === 'Stable' && g.members > 0 && !g.clientIds.includes(dead));
    },
    TAKEOVER_LIMIT_MS,
  );
  // Caught up with what was on the service's topics once the others held every partition.
  const marks = new Map<string, Map<string, number>>();
  for (const g of groups) {
    const ends = await observer!.groupEnds(g);
    if (ends) marks.set(g, ends);
  }
  r.serviceLagZeroMs = await since(
    t0,
    async () => {
      for (const [g, ends] of marks) if (!(await observer!.caughtUp(g, ends))) return false;
      return true;
    },
    Date.now() - t0 + TAKEOVER_LIMIT_MS,
  );
  r.firstSuccessMs = await firstSuccess;
  r.notes.push(
    `${name}-r1 down ${((Date.now() - t0) / 1000).toFixed(1)} s: ${groups.length} shared group(s) rebalanced onto the other replica after ${secs(r.rebalancedMs)} s, caught up after ${secs(r.serviceLagZeroMs)} s, first run started after the kill in Success after ${secs(r.firstSuccessMs)} s`,
  );
}

// Milliseconds from t0 to the completion of the first run created after t0 that ended in Success.
async function firstSuccessAfter(t0: number): Promise<number | null> {
  const deadline = t0 + TAKEOVER_LIMIT_MS;
  while (Date.now() < deadline) {
    const [row] = await observer!
      .query<{ at: Date | null }>(
        'workflows',
        `SELECT min(completed_at) AS at FROM workflow_executions WHERE status = 'Success' AND created_at > $1`,
        [new Date(t0)],
      )
      .catch(() => [{ at: null }]);
    if (row?.at) return row.at.getTime() - t0;
    await sleep(200);
  }
  return null;
}

// From `since`: the audit group caught up with everything on its topics at that moment, every outbox
// row of that moment published, and (for a command path) the next ack. (Lag 0 and an empty outbox
// are seldom sampled under the run load, which never pauses.)
async function measureRecovery(r: PhaseResult, since: number, ackKind: CommandKind | 'any' | undefined): Promise<void> {
  const [lag, backlog, ack] = await Promise.all([
    caughtUpWith(
      () => observer!.groupEnds(AUDIT_GROUP),
      (ends) => observer!.caughtUp(AUDIT_GROUP, ends),
    ),
    caughtUpWith(
      () => observer!.outboxMarks(),
      (marks) => observer!.outboxPast(marks),
    ),
    ackKind
      ? timeUntil(
          async () => load!.lastAckAt(ackKind === 'any' ? undefined : ackKind),
          (t) => t > since,
          60_000,
          100,
        )
      : Promise.resolve(undefined),
  ]);
  r.lagZeroMs = lag;
  r.backlogZeroMs = backlog;
  if (ack !== undefined) r.firstAckMs = ack;
}

// Makes the relay stop after Kafka acknowledged a batch and before its outbox commit, then kill -9 the
// service. Without a test hook in the apps (see the report), a DEFERRED constraint trigger installed for
// the phase in the service's own (private) database makes the relay's COMMIT wait on an advisory lock the
// harness holds. The commit comes after the producer's sendBatch resolved (whatever the order of SELECT /
// DELETE inside the transaction), i.e. after the ack. The dead service's transaction can never commit, so
// the restarted relay must publish the same rows again. With replicas, every replica's relay may be the
// one held (they share the outbox): all of them die.
const HOLD_KEY = 4_242_001;
async function relayCrashAfterAck(name: 'auth' | 'workflows', r: PhaseResult): Promise<void> {
  const all = replicasOf(name);
  const client = new Client({ connectionString: pg.url(`mindhill_${name}`) });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`SET lock_timeout = '5s'`);
    await client.query(`CREATE TABLE IF NOT EXISTS faults_control (hold boolean NOT NULL)`);
    await client.query(`INSERT INTO faults_control SELECT false WHERE NOT EXISTS (SELECT 1 FROM faults_control)`);
    await client.query(`CREATE OR REPLACE FUNCTION faults_hold_outbox_delete() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM faults_control WHERE hold) THEN PERFORM pg_advisory_xact_lock_shared(${HOLD_KEY}); END IF;
        RETURN NULL;
      END $$`);
    await client.query(`DROP TRIGGER IF EXISTS faults_hold ON outbox`);
    await client.query(
      `CREATE CONSTRAINT TRIGGER faults_hold AFTER DELETE ON outbox DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION faults_hold_outbox_delete()`,
    );
    await client.query(`SELECT pg_advisory_lock(${HOLD_KEY})`);
    await client.query(`UPDATE faults_control SET hold = true`);
    const blocked = await timeUntil(
      async () =>
        (
          await client.query(
            `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
          )
        ).rows,
      (v) => v.length > 0,
      20_000,
      20,
    );
    if (blocked === null) {
      r.notes.push('the relay did not reach its commit within 20 s');
      return;
    }
    // What the relay has just published (its delete is not committed: this session still sees the rows).
    const inFlight = (await client.query<{ event_id: string; topic: string }>('SELECT event_id::text, topic FROM outbox ORDER BY id')).rows;
    await Promise.all(all.map((a) => observer!.scrape(a)));
    const t0 = Date.now();
    await Promise.all(all.map((a) => a.kill9()));
    // The relay's COMMIT already reached the server: released, the server would finish it without the
    // client. A process that dies before its commit leaves a transaction that never commits: end it.
    const held = (
      await client.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
      )
    ).rows;
    for (const { pid } of held) await client.query('SELECT pg_terminate_backend($1)', [pid]);
    await client.query(`UPDATE faults_control SET hold = false`);
    await client.query(`SELECT pg_advisory_unlock(${HOLD_KEY})`);
    r.notes.push(
      `relay held after the Kafka ack, before its commit (outbox: ${inFlight.length} row(s)); kill -9 ${all.map((a) => a.label).join(' + ')}`,
    );
    for (const a of all) a.start();
    await Promise.all(all.map((a) => a.waitReady(60_000)));
    r.readyMs = Date.now() - t0;
    await measureRecovery(r, Date.now(), name === 'auth' ? 'user' : 'workflow');
    const copies = await countCopies(observer!, new Set(inFlight.map((l) => l.event_id)), [...new Set(inFlight.map((l) => l.topic))]);
    const twice = inFlight.filter((l) => (copies.byEvent.get(l.event_id) ?? 0) >= 2).length;
    r.notes.push(
      `${twice} of those ${inFlight.length} event(s) are on Kafka twice (the relay's in-flight batch, re-sent after the restart)`,
    );
  } finally {
    await client.query(`UPDATE faults_control SET hold = false`).catch(() => undefined);
    await client.query(`SELECT pg_advisory_unlock_all()`).catch(() => undefined);
    await client.query(`DROP TRIGGER IF EXISTS faults_hold ON outbox`).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

// ---------------------------------------------------------------- report
function secs(ms: number | null | undefined): string {
  if (ms === undefined) return '-';
  if (ms === null) return 'NEVER';
  return `${(ms / 1000).toFixed(1)}`;
}

type GroupState = { groupId: string; state: string; members: number; clientIds: string[]; lag: number | null };

function report(
  verdict: Verdict,
  runs: RunsVerdict | undefined,
  poison: PoisonResult | undefined,
  copies: Copies,
  groups: GroupState[],
  dlq: Map<string, string[]>,
  tookMs: number,
): boolean {
  const rows: string[][] = [
    [
      'fault',
      'acked',
      'indet.',
      'rejected',
      'lost',
      'dup',
      'unexp.',
      'dups absorbed (audit)',
      'ready s',
      'next ack s',
      'max lag',
      'audit caught up s',
      'outbox past s',
    ],
  ];
  let pass = true;
  const problems: string[] = [];
  for (const p of phases) {
    const v = verdict.byPhase.get(p.name) ?? {
      acked: 0,
      indeterminate: 0,
      rejected: 0,
      lost: 0,
      duplicated: 0,
      unexpected: 0,
      reportedLost: 0,
    };
    rows.push([
      p.name,
      String(v.acked),
      String(v.indeterminate),
      String(v.rejected),
      String(v.lost),
      String(v.duplicated),
      String(v.unexpected),
      `${p.dupAbsorbed} (${p.dupAbsorbedAudit})`,
      secs(p.readyMs),
      secs(p.firstAckMs),
      String(p.maxLag),
      secs(p.lagZeroMs),
      secs(p.backlogZeroMs),
    ]);
    if (v.lost || v.duplicated || v.unexpected)
      problems.push(`${p.name}: lost ${v.lost}, duplicated ${v.duplicated}, unexpected ${v.unexpected}`);
    for (const [label, ms] of [
      ['audit lag', p.lagZeroMs],
      ['outbox backlog', p.backlogZeroMs],
    ] as const) {
      if (ms === null || (ms !== undefined && ms > RECOVERY_LIMIT_MS)) problems.push(`${p.name}: ${label} not caught up within 30 s`);
    }
  }
  for (const [name, v] of verdict.byPhase) {
    if (phases.some((p) => p.name === name)) continue;
    rows.push([
      name,
      String(v.acked),
      String(v.indeterminate),
      String(v.rejected),
      String(v.lost),
      String(v.duplicated),
      String(v.unexpected),
      '',
      '',
      '',
      '',
      '',
      '',
    ]);
    if (v.lost || v.duplicated || v.unexpected)
      problems.push(`${name}: lost ${v.lost}, duplicated ${v.duplicated}, unexpected ${v.unexpected}`);
  }
  const t = verdict.total;
  rows.push([
    'TOTAL',
    String(t.acked),
    String(t.indeterminate),
    String(t.rejected),
    String(t.lost),
    String(t.duplicated),
    String(t.unexpected),
    String(phases.reduce((s, p) => s + p.dupAbsorbed, 0)),
    '',
    '',
    '',
    '',
    '',
  ]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ');
  process.stdout.write(`\n${line(rows[0]!)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n${rows.slice(1).map(line).join('\n')}\n\n`);
  process.stdout.write(
    '  ready s: fault injected -> component ready again (includes the deliberate down time: 1 s per kill, 8 s broker, 3 s PostgreSQL, 10 s audit DB)\n' +
      '  next ack s / audit caught up s / outbox past s: from that moment to the next acknowledged command, the audit group\n' +
      '    committed past every offset on its topics at that moment, every outbox row of that moment published\n' +
      '  indet.: 5xx/timeout/refused (may or may not have happened); lost/dup/unexp. are per phase in which the command was sent\n\n',
  );
  for (const p of phases) if (p.notes.length) process.stdout.write(`  ${p.name}: ${p.notes.join('; ')}\n`);
  if (runs) problems.push(...replicaReport(phases, runs, (s) => process.stdout.write(s)));
  else if (RUNS_PER_SECOND > 0) problems.push('the run load did not run');
  process.stdout.write(`\nJepsen check: ${verdict.details.join('\n              ')}\n`);
  if (verdict.missingAuditIds.length) {
    const inDlq = verdict.missingAuditIds.filter((id) => dlq.has(id));
    const reasons = new Map<string, number>();
    for (const id of inDlq) for (const r of dlq.get(id)!) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    process.stdout.write(
      `Events missing from audit_logs: ${verdict.missingAuditIds.length}, of which ${inDlq.length} sit in a dead-letter topic (valid events, recoverable only by a manual replay):\n`,
    );
    for (const [r, n] of reasons) process.stdout.write(`  ${n} x ${r}\n`);
  }
  const totalDup = phases.reduce((s, p) => s + p.dupAbsorbed, 0);
  process.stdout.write(
    `Kafka: ${copies.duplicatedEvents} event id(s) appear more than once on the domain topics (re-sends); consumers absorbed ${totalDup} duplicate deliveries (consumer_duplicates_total).\n`,
  );
  for (const [id, at] of copies.where) process.stdout.write(`  ${id} x${at.length}: ${at.join(', ')}\n`);
  if (totalDup === 0) problems.push('no duplicate was delivered and absorbed: the run does not count');
  if (poison) {
    process.stdout.write('\nPoison messages (partition ' + poison.partition + ' of ' + poison.topic + '):\n');
    for (const k of poison.kinds) {
      process.stdout.write(
        `  ${k.kind.padEnd(16)} offset ${k.offset.padStart(6)} -> ${k.dlq ? `dead-lettered by ${k.dlq.groups.join(', ')} (${k.dlq.codes.join(', ')}) after ${secs(k.dlq.ms)} s` : 'NOT in a dead-letter topic'}\n`,
      );
      if (!k.dlq || !k.dlq.groups.includes(AUDIT_GROUP)) problems.push(`poison "${k.kind}" not dead-lettered by the audit group`);
    }
    process.stdout.write(`  canary (valid event after the poison, same partition) in audit_logs after ${secs(poison.canaryMs)} s\n`);
    if (poison.canaryMs === null) problems.push('the partition was blocked after the poison messages');
  } else problems.push('poison test did not run');
  process.stdout.write('\nConsumer groups at the end (every app running):\n');
  for (const g of groups) {
    // Groups that follow revocations and settings are per process (<app>.<name>.<host>.<pid>.<random>): those of
    // a killed process stay behind, empty, until the broker expires them (a clean stop removes its own).
    const app = g.groupId.split('.')[0] as AppName;
    const perProcess = /\.\d+\.[0-9a-f]+$/.test(g.groupId);
    const stale = perProcess && !replicasOf(app).some((a) => g.groupId.includes(`.${String(a.pid ?? '')}.`));
    process.stdout.write(
      `  ${g.groupId.padEnd(40)} ${g.state.padEnd(12)} members ${g.members}  lag ${g.lag ?? '-'}${stale ? `  (left behind by a killed ${app})` : ''}\n`,
    );
    if (!stale && g.members === 0)
      problems.push(`consumer group ${g.groupId} has no member although its app is running (state ${g.state}): its consumer is dead`);
  }
  // kafkajs gives up on a consumer after a non-retriable error ("restart":false): the app must rebuild it
  // ("Consumer rebuilt after a crash", libs/messaging) within the same process, or it stays dead.
  for (const app of processes) {
    let log: string;
    try {
      log = readFileSync(path.join(LOG_DIR, `${app.label}.log`), 'utf8');
    } catch {
      continue;
    }
    let dead: string[] = [];
    const flush = () => {
      for (const d of dead) problems.push(`${app.label}: ${d}`);
      dead = [];
    };
    for (const line of log.split('\n')) {
      if (line.startsWith('===== start'))
        flush(); // what a process left dead at its exit
      else if (line.includes('"msg":"Consumer rebuilt after a crash"')) dead.shift();
      else if (line.includes('"msg":"Consumer crashed"') && line.includes('"restart":false')) {
        const time = /"time":"([^"]+)"/.exec(line)?.[1] ?? '?';
        const message = /"message":"([^"]{0,120})/.exec(line)?.[1] ?? '?';
        dead.push(`a consumer crashed at ${time}, kafkajs did not restart it and the app did not rebuild it (${message})`);
      }
    }
    if (app.running) flush();
    else dead = [];
  }
  for (const app of processes)
    if (app.unplannedExits.length) problems.push(`${app.label} exited on its own: ${app.unplannedExits.join(', ')}`);
  if (t.lost || t.duplicated || t.unexpected) pass = false;
  if (problems.length) pass = false;
  process.stdout.write(`\n${pass ? 'PASS' : 'FAIL'}${problems.length ? `:\n  - ${problems.join('\n  - ')}` : ''}\n`);
  process.stdout.write(`fault run took ${(tookMs / 1000).toFixed(1)} s; app logs in ${path.relative(ROOT, LOG_DIR)}/\n`);
  writeFileSync(
    path.join(LOG_DIR, 'report.json'),
    JSON.stringify(
      {
        pass,
        problems,
        phases,
        verdict: { ...verdict, byPhase: Object.fromEntries(verdict.byPhase) },
        runs: runs && { ...runs, byPhase: Object.fromEntries(runs.byPhase), failures: Object.fromEntries(runs.failures) },
        replicas: REPLICAS,
        poison,
        duplicatesOnKafka: Object.fromEntries(copies.where),
      },
      null,
      2,
    ),
  );
  return pass;
}

// ---------------------------------------------------------------- cleanup: leave nothing running
async function cleanup(): Promise<void> {
  cleaningUp ??= (async () => {
    lifecycle.shuttingDown = true;
    clearInterval(supervisor);
    await load?.stop().catch(() => undefined);
    await observer?.close().catch(() => undefined);
    await Promise.all(processes.map((a) => a.stop().catch(() => undefined)));
    for (const a of processes) a.close();
    await Promise.all(balancers.map((b) => b.stop().catch(() => undefined)));
    if (process.env.FAULTS_KEEP_DATA === '1') {
      // For a post-mortem: pg_ctl -D .local/faults-pg/data start, then psql -p 55432.
      await kafka.stop().catch((e: Error) => say(`kafka stop: ${e.message}`));
      await pg.stop().catch((e: Error) => say(`pg stop: ${e.message}`));
      say('FAULTS_KEEP_DATA=1: .local/faults-pg, .local/faults-kafka and .local/faults-run kept');
      if (process.env.FAULTS_KEEP_DIST !== '1') rmSync(DIST, { recursive: true, force: true });
      return;
    }
    await kafka.reset().catch((e: Error) => say(`kafka reset: ${e.message}`));
    await pg.destroy().catch((e: Error) => say(`pg destroy: ${e.message}`));
    rmSync(path.join(ROOT, '.local/faults-run'), { recursive: true, force: true });
    if (process.env.FAULTS_KEEP_DIST !== '1') rmSync(DIST, { recursive: true, force: true });
    say('stopped the apps, the private Kafka and PostgreSQL; removed their data directories');
  })();
  return cleaningUp;
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    say(`${sig}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (error: Error) => {
    say(`FAILED: ${error.stack ?? error.message}`);
    await cleanup();
    process.exit(2);
  });
