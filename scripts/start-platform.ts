import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { kafkaAnswers } from '@mindhill/messaging';
import { migrateApp } from './migrate';
import { buildRoot, repoRoot as root } from './paths';
import { APPS, databaseUrlOf, portOf } from './service-catalog';

// `npm start`: brings up what is not configured (a local Kafka broker, the databases), migrates
// every service, starts the seven apps as separate processes with prefixed logs, waits until
// every /health/ready answers 200, prints the gateway URL, and stops everything on Ctrl-C.
// PLATFORM_WATCH=1 (`npm run dev`): each app runs under `node --watch` and restarts when a file it
// loaded changes.
const kafkaScript = path.join(root, 'deploy/local/kafka.sh');
const colours = [36, 32, 33, 35, 34, 96, 92];
let shutdown: ((code: number) => Promise<void>) | undefined;
const say = (line: string) => process.stdout.write(`\x1b[1m[start]\x1b[0m ${line}\n`);

async function main(): Promise<void> {
  const startedAt = Date.now();
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'development' };
  applyDevSecrets(env);
  // File data sources may read only inside these folders: a local drop folder and the bundled
  // examples (for `npm run demo`).
  if (!env.INGESTION_FILE_ROOTS) {
    mkdirSync(path.join(root, '.local/file-sources'), { recursive: true });
    env.INGESTION_FILE_ROOTS = [path.join(root, '.local/file-sources'), path.join(root, 'examples')].join(',');
  }
  // `api` sources reach no loopback or private address unless allowed: exactly the one the demo
  // serves its example API on (scripts/demo.ts), nothing else.
  env.OUTBOUND_ALLOW_HOSTS ??= `127.0.0.1:${env.DEMO_API_PORT ?? '8099'}`;
  // The gateway finds each service on the port it was given.
  for (const app of APPS.filter((a) => a.name !== 'gateway'))
    env[`${app.name.toUpperCase()}_URL`] ??= `http://127.0.0.1:${portOf(app, env)}`;

  let ownKafka = false;
  if (!env.KAFKA_BROKERS) {
    env.KAFKA_BROKERS = `127.0.0.1:${env.KAFKA_PORT ?? '9092'}`;
    ownKafka = !(await kafkaAnswers([env.KAFKA_BROKERS]));
    say(
      ownKafka
        ? 'KAFKA_BROKERS not set: starting the local Kafka broker (deploy/local/kafka.sh)'
        : `Using the Kafka broker already answering on ${env.KAFKA_BROKERS}`,
    );
    if (ownKafka) execFileSync('bash', [kafkaScript, 'start'], { stdio: 'inherit' });
  }

  for (const app of APPS.filter((a) => a.migrations)) {
    try {
      const applied = await migrateApp(app, env);
      say(`${app.name}: database ready${applied.length ? `, applied ${applied.length} migration(s)` : ''}`);
    } catch (error) {
      const url = new URL(databaseUrlOf(app, env));
      url.password = url.password ? '***' : '';
      throw new Error(
        `Cannot prepare the ${app.name} database at ${url.toString()}: ${(error as Error).message}. ` +
          `Start PostgreSQL or set ${app.name.toUpperCase()}_DATABASE_URL.`,
        { cause: error },
      );
    }
  }

  const children = new Map<string, ChildProcess>();
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say('Stopping…');
    await Promise.all([...children.entries()].map(([name, child]) => stopChild(name, child)));
    if (ownKafka && env.KEEP_KAFKA !== '1') execFileSync('bash', [kafkaScript, 'stop'], { stdio: 'inherit' });
    say('Stopped.');
    process.exit(code);
  };
  shutdown = stopAll;
  // `npm run restore -- --stop` finds the running platform here.
  const pidFile = path.join(root, '.local/platform.pid');
  mkdirSync(path.dirname(pidFile), { recursive: true });
  writeFileSync(pidFile, String(process.pid));
  process.on('exit', () => rmSync(pidFile, { force: true }));
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  APPS.forEach((app, i) => {
    const entry = path.join(buildRoot, 'apps', app.name, 'src/main.js');
    const watch = env.PLATFORM_WATCH === '1' ? ['--watch', '--watch-preserve-output'] : [];
    // Node flags NODE_OPTIONS refuses, for every app (profiling: `--cpu-prof --cpu-prof-dir=DIR`).
    const nodeArgs = env.PLATFORM_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(process.execPath, [...watch, ...nodeArgs, entry], {
      env: app.name === 'audit' ? { ...env, ...backupEnv(env) } : env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.set(app.name, child);
    const tag = `\x1b[${colours[i % colours.length]}m[${app.name.padEnd(10)}]\x1b[0m`;
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) =>
        process.stdout.write(`${tag} ${env.LOG_FORMAT === 'json' ? line : humanize(line)}\n`),
      );
    }
    child.on('exit', (code, signal) => {
      if (stopping) return;
      say(`${app.name} exited (${signal ?? `code ${code}`}); stopping the platform`);
      void stopAll(1);
    });
  });

  await Promise.all(APPS.map((app) => waitReady(app.name, `http://127.0.0.1:${portOf(app, env)}/health/ready`, 90_000)));
  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
  say(`All ${APPS.length} apps ready in ${seconds} s.`);
  say(
    `Gateway: \x1b[1mhttp://127.0.0.1:${portOf(
      APPS.find((a) => a.name === 'gateway')!,
      env,
    )}\x1b[0m   (Ctrl-C stops everything)`,
  );
  if (!env.ADMIN_PASSWORD) {
    say(
      'No ADMIN_PASSWORD: on a first start auth creates the admin with a one-time password, printed above once (docs/operations.md#first-admin).',
    );
  }
}

// INTERNAL_API_TOKEN and JWT_SECRET are required; for local use they are generated once and
// kept in .local/dev-secrets.json (git-ignored), so tokens stay valid across restarts.
function applyDevSecrets(env: NodeJS.ProcessEnv): void {
  const file = path.join(root, '.local/dev-secrets.json');
  const saved: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  let changed = false;
  // The data-source, TOTP and signing-key sealing keys are the standard base64 of 32 bytes
  // (AES-256); the others are opaque.
  const formats: Record<string, BufferEncoding> = {
    INTERNAL_API_TOKEN: 'base64url',
    JWT_SECRET: 'base64url',
    DATA_SOURCE_SECRET_KEY: 'base64',
    AUTH_TOTP_KEY: 'base64',
    AUTH_SIGNING_KEY_SECRET: 'base64',
  };
  for (const [key, encoding] of Object.entries(formats)) {
    if (env[key]) continue;
    // A data-source key saved by an older version (base64url) is not accepted: make a new one.
    if (key === 'DATA_SOURCE_SECRET_KEY' && saved[key] && !/^[A-Za-z0-9+/]{43}=$/.test(saved[key]!)) {
      say(
        'The saved DATA_SOURCE_SECRET_KEY is not standard base64: generating a new one (data sources saved with the old key cannot be decrypted).',
      );
      delete saved[key];
    }
    if (!saved[key]) {
      saved[key] = randomBytes(32).toString(encoding);
      changed = true;
    }
    env[key] = saved[key];
  }
  if (changed) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(saved, null, 2), { mode: 0o600 });
    say(`Generated development secrets in ${path.relative(root, file)}`);
  }
}

async function waitReady(name: string, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      last = `${res.status} ${await res.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s (${url}: ${last})`);
}

function stopChild(name: string, child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      say(`${name} did not stop within 10 s: killing it`);
      child.kill('SIGKILL');
    }, 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

// One readable line per JSON log entry: level, component, message, then the other fields.
function humanize(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const { level, msg, component, time: _t, service: _s, pid: _p, hostname: _h, ...rest } = JSON.parse(line) as Record<string, unknown>;
    const fields = Object.entries(rest)
      .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
      .join(' ');
    return `${String(level).toUpperCase().padEnd(5)} ${component ? `${component}: ` : ''}${msg ?? ''}${fields ? `  ${fields}` : ''}`;
  } catch {
    return line;
  }
}

main().catch((error: Error) => {
  process.stderr.write(`\x1b[31m[start] ${error.message}\x1b[0m\n`);
  if (shutdown) void shutdown(1);
  else process.exit(1);
});

// Audit takes the scheduled backup sets: it alone is given every service database (and the same
// folder as `npm run backup`), unless they are configured already.
function backupEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    BACKUP_DATABASE_URLS:
      env.BACKUP_DATABASE_URLS ??
      APPS.filter((a) => a.migrations)
        .map((a) => `${a.name}=${databaseUrlOf(a, env)}`)
        .join(','),
    BACKUP_DIR: env.BACKUP_DIR ?? path.join(root, '.local/backups'),
  };
}
