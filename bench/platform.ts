import { randomBytes } from 'node:crypto';
import { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createKafka } from '@mindhill/messaging';
import { dropDatabases } from './lib/databases';
import { databaseUrl } from './lib/databases';
import { distDir, spawnNode, stopProcess } from './lib/processes';

export const APP_NAMES = ['gateway', 'auth', 'workflows', 'ingestion', 'processing', 'reporting', 'audit'] as const;
export type AppName = (typeof APP_NAMES)[number];

export type PlatformConfig = {
  runId: string;
  portBase: number;
  topicPrefix: string;
  databases: Record<Exclude<AppName, 'gateway'>, string>;
  env: NodeJS.ProcessEnv;
  fileRoot: string;
  logFile: string;
};

// The environment `npm start` would get, shifted so nothing collides with a platform someone
// else runs on this machine: ports from portBase, a topic prefix, mindhill_bench_* databases,
// secrets of its own (so .local/dev-secrets.json is never touched), temporary stores.
export function platformConfig(runId: string, portBase: number, resultsDir: string, brokers: string[]): PlatformConfig {
  const scratch = mkdtempSync(path.join(tmpdir(), `mindhill-bench-${runId}-`));
  const fileRoot = path.join(scratch, 'files');
  mkdirSync(fileRoot, { recursive: true });
  const topicPrefix = `bench${runId}.p.`;
  const databases = {} as PlatformConfig['databases'];
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    LOG_LEVEL: process.env.BENCH_PLATFORM_LOG_LEVEL ?? 'warn',
    LOG_FORMAT: 'json',
    KAFKA_BROKERS: brokers.join(','),
    KAFKA_TOPIC_PREFIX: topicPrefix,
    KAFKA_CLIENT_ID_SUFFIX: `-bench-${runId}`,
    INTERNAL_API_TOKEN: randomBytes(32).toString('base64url'),
    JWT_SECRET: randomBytes(32).toString('base64url'),
    DATA_SOURCE_SECRET_KEY: randomBytes(32).toString('base64'),
    INGESTION_FILE_ROOTS: fileRoot,
    CONTENT_STORE_DIR: path.join(scratch, 'content-store'),
    REPORT_OUTPUT_DIR: path.join(scratch, 'reports'),
    GATEWAY_RATE_LIMIT_PER_HOUR: '10000000',
    GATEWAY_LOGIN_RATE_PER_MINUTE: '100000',
    KEEP_KAFKA: '1',
  };
  delete env.ADMIN_EMAIL;
  delete env.ADMIN_PASSWORD;
  delete env.REDIS_URL;
  APP_NAMES.forEach((name, i) => {
    env[`${name.toUpperCase()}_PORT`] = String(portBase + i);
    if (name !== 'gateway') {
      databases[name] = `mindhill_bench_${runId}_${name}`;
      env[`${name.toUpperCase()}_DATABASE_URL`] = databaseUrl(databases[name]);
      env[`${name.toUpperCase()}_URL`] = `http://127.0.0.1:${portBase + i}`;
    }
  });
  return { runId, portBase, topicPrefix, databases, env, fileRoot, logFile: path.join(resultsDir, `platform-${runId}.log`) };
}

export const portOf = (config: PlatformConfig, app: AppName) => config.portBase + APP_NAMES.indexOf(app);
export const gatewayUrl = (config: PlatformConfig) => `http://127.0.0.1:${portOf(config, 'gateway')}`;

export type RunningPlatform = { child: ChildProcess; readyMs: number; reportedSeconds: number | null };

// Spawns `node dist/scripts/start-platform.js` (what `npm start` runs after the build) and
// measures until every app's /health/ready answers 200.
export async function startPlatform(config: PlatformConfig, timeoutMs = 150_000): Promise<RunningPlatform> {
  const started = performance.now();
  const child = spawnNode(path.join(distDir, 'scripts/start-platform.js'), [], config.env, config.logFile);
  let output = '';
  // Ready = start-platform's own "All 7 apps ready" line: it polls every app's /health/ready
  // until 200. A second poller would only add concurrent readiness checks (and those race, see
  // bench/README.md).
  const ready = new Promise<number>((resolve) => {
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
      // eslint-disable-next-line no-control-regex
      const m = /All \d+ apps ready in ([\d.]+) s/.exec(output.replace(/\x1b\[[0-9;]*m/g, ''));
      if (m) resolve(Number(m[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`start-platform exited (${code}):\n${output.slice(-3000)}`))),
  );
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`not ready within ${timeoutMs / 1000} s`)), timeoutMs)),
  );
  let reportedSeconds: number;
  try {
    reportedSeconds = await Promise.race([ready, exited, timeout]);
  } catch (error) {
    await stopProcess(child, 'SIGINT', 30_000);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  const readyMs = performance.now() - started;
  exited.catch(() => undefined);
  return { child, readyMs, reportedSeconds };
}

export async function stopPlatform(running: RunningPlatform): Promise<number> {
  return stopProcess(running.child, 'SIGINT', 30_000);
}

export async function cleanupPlatform(config: PlatformConfig): Promise<void> {
  await dropDatabases(Object.values(config.databases));
  const kafka = createKafka({ brokers: String(config.env.KAFKA_BROKERS).split(','), clientId: `mindhill-bench-cleanup`, topicPrefix: '' });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(config.topicPrefix));
    if (topics.length > 0) await admin.deleteTopics({ topics, timeout: 15_000 }).catch(() => undefined);
    const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(config.topicPrefix));
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
