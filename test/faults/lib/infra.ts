import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, createWriteStream, existsSync, mkdirSync, rmSync, WriteStream } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

// Private infrastructure of the fault test: its own PostgreSQL cluster and Kafka broker, and the
// seven apps as separate processes. Nothing here touches the shared 127.0.0.1:5432 / :9092.
const execFileAsync = promisify(execFile);

export const ROOT = process.env.FAULTS_ROOT ?? process.cwd();
export const DIST = process.env.FAULTS_DIST ?? path.join(ROOT, '.local/faults-dist');
export const LOG_DIR = path.join(ROOT, '.local/faults-logs');

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
export const say = (line: string) => process.stdout.write(`[faults ${new Date().toISOString().slice(11, 23)}] ${line}\n`);

export async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

// ---------------------------------------------------------------- PostgreSQL (own cluster)
export class PgCluster {
  readonly dir = path.join(ROOT, '.local/faults-pg');
  readonly data = path.join(this.dir, 'data');
  readonly sock = path.join(this.dir, 'sock');
  readonly log = path.join(this.dir, 'postgresql.log');
  readonly bin = process.env.FAULTS_PG_BIN ?? '/usr/lib/postgresql/15/bin';
  constructor(readonly port: number) {}

  url(db: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${db}`;
  }

  // initdb/pg_ctl refuse to run as root: run them as the `postgres` user then.
  // Asynchronous, so the load generator keeps its pace while PostgreSQL stops and starts.
  private async run(cmd: string, args: string[], timeoutMs = 90_000): Promise<string> {
    const full = path.join(this.bin, cmd);
    const [file, argv] = process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', full, ...args]] : [full, args];
    return (await execFileAsync(file, argv, { encoding: 'utf8', timeout: timeoutMs })).stdout;
  }

  private chownToPostgres(p: string): void {
    if (process.getuid?.() !== 0) return;
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(p, uid, gid);
  }

  async init(): Promise<void> {
    await this.destroy();
    mkdirSync(this.sock, { recursive: true });
    this.chownToPostgres(this.dir);
    this.chownToPostgres(this.sock);
    await this.run('initdb', ['-D', this.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-instructions']);
  }

  async start(): Promise<void> {
    await this.run('pg_ctl', [
      '-D',
      this.data,
      '-l',
      this.log,
      '-w',
      '-t',
      '60',
      'start',
      '-o',
      `-p ${this.port} -k ${this.sock} -c listen_addresses=127.0.0.1 -c max_connections=300`,
    ]);
  }

  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    if (!existsSync(path.join(this.data, 'postmaster.pid'))) return;
    await this.run('pg_ctl', ['-D', this.data, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  async destroy(): Promise<void> {
    try {
      await this.stop('immediate');
    } catch {
      // not running
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------- Kafka (own instance of kafka.sh)
export class KafkaInstance {
  readonly script = path.join(ROOT, 'deploy/local/kafka.sh');
  readonly dataDir = path.join(ROOT, '.local/faults-kafka');
  constructor(
    readonly port: number,
    readonly controllerPort: number,
  ) {}

  get brokers(): string {
    return `127.0.0.1:${this.port}`;
  }

  private async sh(cmd: string): Promise<void> {
    await execFileAsync('bash', [this.script, cmd], {
      env: {
        ...process.env,
        KAFKA_PORT: String(this.port),
        KAFKA_CONTROLLER_PORT: String(this.controllerPort),
        KAFKA_DATA_DIR: this.dataDir,
      },
      timeout: 180_000,
    });
  }

  start(): Promise<void> {
    return this.sh('start');
  }

  // Graceful stop (SIGTERM, as an orchestrator would).
  stop(): Promise<void> {
    return this.sh('stop');
  }

  // Stops the broker and deletes its data directory.
  reset(): Promise<void> {
    return this.sh('reset');
  }
}

// ---------------------------------------------------------------- the apps
export type AppName = 'auth' | 'workflows' | 'ingestion' | 'processing' | 'reporting' | 'audit' | 'gateway';
export const APP_NAMES: AppName[] = ['auth', 'workflows', 'ingestion', 'processing', 'reporting', 'audit', 'gateway'];
export const SERVICES_WITH_DB: AppName[] = ['auth', 'workflows', 'ingestion', 'processing', 'reporting', 'audit'];

// Set once the harness cleans up: from then on no app is (re)started.
export const lifecycle = { shuttingDown: false };

export class AppProcess {
  child?: ChildProcess;
  private logStream?: WriteStream;
  intentionalStop = false;
  unplannedExits: string[] = [];
  starts = 0;

  constructor(
    readonly name: AppName,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    readonly replica = 1,
  ) {}

  // "workflows" for the first replica, "workflows-2" for the second: log file and report name.
  get label(): string {
    return this.replica === 1 ? this.name : `${this.name}-${this.replica}`;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return Boolean(this.child && this.child.exitCode === null && this.child.signalCode === null);
  }

  start(): void {
    if (lifecycle.shuttingDown) return;
    mkdirSync(LOG_DIR, { recursive: true });
    this.logStream ??= createWriteStream(path.join(LOG_DIR, `${this.label}.log`), { flags: 'a' });
    this.logStream.write(`\n===== start #${++this.starts} at ${new Date().toISOString()}\n`);
    this.intentionalStop = false;
    const child = spawn(process.execPath, [path.join(DIST, 'apps', this.name, 'src/main.js')], {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(this.logStream, { end: false });
    child.stderr!.pipe(this.logStream, { end: false });
    child.on('exit', (code, signal) => {
      this.logStream?.write(`===== exit (${signal ?? `code ${code}`}) at ${new Date().toISOString()}\n`);
      if (!this.intentionalStop) {
        const what = `${new Date().toISOString().slice(11, 19)} ${signal ?? `code ${code}`}`;
        this.unplannedExits.push(what);
        say(`!! ${this.label} exited on its own (${what}); see .local/faults-logs/${this.label}.log`);
      }
    });
    this.child = child;
  }

  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.intentionalStop = true;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGKILL');
    await exited;
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    this.intentionalStop = true;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  async ready(): Promise<boolean> {
    try {
      const res = await fetch(`${this.url}/health/ready`, { signal: AbortSignal.timeout(2_000) });
      await res.text();
      return res.status === 200;
    } catch {
      return false;
    }
  }

  // Milliseconds until /health/ready answers 200; throws after the timeout.
  async waitReady(timeoutMs = 60_000): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      if (await this.ready()) return Date.now() - started;
      if (lifecycle.shuttingDown) throw new Error('shutting down');
      if (!this.running) this.start(); // a crashed app is restarted, as a supervisor would (and is reported)
      await sleep(150);
    }
    throw new Error(`${this.label} not ready within ${timeoutMs / 1000} s`);
  }

  close(): void {
    this.logStream?.end();
  }
}
