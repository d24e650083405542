import { ChildProcess, execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { freePort } from '../support/free-port';
import { promisify } from 'node:util';
import { createTestDatabase, eventually, TestDatabase, testEnv } from '@mindhill/testing';
import { ingestionMigrations } from '../../apps/ingestion/src/migrations';

const root = path.resolve(__dirname, '../..');
const run = path.join(root, 'scripts/run.js');
const buildFolderOf = (pid: number) => path.join(root, '.local/run', String(pid));

// `npm start` and every other `npm run` script run from builds of their own (scripts/run.js):
// a script run beside a running service neither deletes nor rewrites the files it runs from.
describe('scripts run from private builds', () => {
  let db: TestDatabase;
  let service: ChildProcess;
  let serviceExit: Promise<number | null>;
  let output = '';
  let url: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    db = await createTestDatabase('ingestion', ingestionMigrations);
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = { ...process.env, ...testEnv(), INGESTION_DATABASE_URL: db.url, INGESTION_PORT: String(port), LOG_LEVEL: 'warn' };
    // What `npm start` does for each app: run.js compiles, then runs the entry from its folder.
    service = spawn(process.execPath, [run, 'apps/ingestion/src/main'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    for (const stream of [service.stdout!, service.stderr!])
      stream.on('data', (chunk: Buffer) => (output = (output + chunk).slice(-5_000)));
    serviceExit = new Promise((resolve) => service.once('exit', (code) => resolve(code)));
    await eventually(
      async () => {
        expect(service.exitCode).toBeNull();
        expect((await fetch(`${url}/health/live`)).status).toBe(200);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${output}`);
    });
  }, 90_000);
  afterAll(async () => {
    if (service?.exitCode === null) {
      service.kill('SIGTERM');
      await serviceExit;
    }
    await db?.drop();
  });

  it('keeps a running service’s files while other scripts build and run', async () => {
    const folder = buildFolderOf(service.pid!);
    const before = filesUnder(folder);
    expect(before).toEqual(expect.arrayContaining(['apps/ingestion/src/main.js', 'libs/platform/src/index.js']));

    // `npm run migrate ingestion` (its own build, run, removed) and `npm run build` (dist/).
    const migrate = spawn(process.execPath, [run, 'scripts/migrate', 'ingestion'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let migrateOut = '';
    migrate.stdout!.on('data', (chunk: Buffer) => (migrateOut += chunk));
    expect(await new Promise((resolve) => migrate.once('exit', resolve))).toBe(0);
    expect(migrateOut).toContain('ingestion: up to date');
    expect(existsSync(buildFolderOf(migrate.pid!))).toBe(false);
    await promisify(execFile)(process.execPath, [path.join(root, 'scripts/build.js')], { cwd: root });

    expect(filesUnder(folder)).toEqual(before);
    expect((await fetch(`${url}/health/live`)).status).toBe(200);
  }, 60_000);

  it('removes its build when the service stops', async () => {
    const folder = buildFolderOf(service.pid!);
    service.kill('SIGTERM');
    await serviceExit;
    expect(existsSync(folder)).toBe(false);
  }, 30_000);
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}
