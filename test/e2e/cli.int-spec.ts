import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eventually } from '@mindhill/testing';
import { timeStepAt, totpAt } from '../../apps/auth/src/users/domain/totp';
import { http } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/test-platform';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'packages/cli/bin/mindhill.js');
const FILES = path.join(ROOT, 'examples/demo-data/files');
const PASSWORD = 'command line passphrase 9';
const ADMIN_EMAIL = 'cli-admin@example.com';

type Ran = { code: number | null; stdout: string; stderr: string };

// The CLI as a user runs it: its own process, its own config dir, the gateway by MINDHILL_URL.
// Asynchronous on purpose: the platform it talks to runs in this process.
function mindhill(configHome: string, url: string, args: string[], stdin = ''): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: configHome, XDG_CONFIG_HOME: configHome, MINDHILL_URL: url },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const jsonOf = (ran: Ran) => {
  expect([ran.code, ran.stderr]).toEqual([0, expect.any(String)]);
  return JSON.parse(ran.stdout);
};

describe('the mindhill CLI against the real platform', () => {
  let platform: TestPlatform;
  let configHome: string;
  let cli: (...args: string[]) => Promise<Ran>;
  let token: () => string;
  let failingWorkflowId: string;
  const api = (method: string, url: string, body?: unknown) =>
    http(method, `${platform.gatewayUrl}/api/v1${url}`, { body, token: token() });

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['auth', 'workflows', 'ingestion', 'processing', 'reporting', 'audit'],
      env: {
        INGESTION_FILE_ROOTS: path.join(ROOT, 'examples'),
        OUTBOUND_ALLOW_HOSTS: '127.0.0.1:9',
        GATEWAY_LOGIN_RATE_PER_MINUTE: '1000',
        ADMIN_EMAIL: ADMIN_EMAIL,
        ADMIN_PASSWORD: PASSWORD,
      },
    });
    configHome = mkdtempSync(path.join(tmpdir(), 'mindhill-cli-'));
    cli = (...args) => mindhill(configHome, platform.gatewayUrl, args);
    token = () => JSON.parse(readFileSync(path.join(configHome, 'mindhill/config.json'), 'utf8')).accessToken;
    await http('POST', `${platform.gatewayUrl}/api/v1/auth/register`, { body: { email: 'cli@example.com', password: PASSWORD } });
  }, 180_000);
  afterAll(async () => {
    await platform?.close();
  });

  it('logs in from piped answers, keeps the tokens 0600 in a 0700 folder, and knows who it is', async () => {
    const login = await mindhill(configHome, platform.gatewayUrl, ['login', '--email', 'cli@example.com'], `${PASSWORD}\n`);
    expect([login.code, login.stdout]).toEqual([0, `Logged in to ${platform.gatewayUrl} as cli@example.com (user)\n`]);
    expect(statSync(path.join(configHome, 'mindhill/config.json')).mode & 0o777).toBe(0o600);
    expect(statSync(path.join(configHome, 'mindhill')).mode & 0o777).toBe(0o700);
    expect(jsonOf(await cli('--json', 'whoami'))).toMatchObject({ email: 'cli@example.com', role: 'user' });
  });

  it('asks for the second factor when the account has two-factor login on', async () => {
    const email = 'cli-2fa@example.com';
    await http('POST', `${platform.gatewayUrl}/api/v1/auth/register`, { body: { email, password: PASSWORD } });
    const access = (await http('POST', `${platform.gatewayUrl}/api/v1/auth/login`, { body: { email, password: PASSWORD } })).body
      .accessToken;
    const setup = await http('POST', `${platform.gatewayUrl}/api/v1/auth/2fa/setup`, { token: access });
    const enabled = await http('POST', `${platform.gatewayUrl}/api/v1/auth/2fa/enable`, {
      token: access,
      body: { code: totpAt(setup.body.secret, timeStepAt(new Date())) },
    });
    expect(enabled.status).toBe(200);
    const home = mkdtempSync(path.join(tmpdir(), 'mindhill-cli-2fa-'));
    const wrong = await mindhill(home, platform.gatewayUrl, ['login'], `${email}\n${PASSWORD}\nnot-a-code\n`);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/Two-factor code[\s\S]*Error AUTH\.[A-Z_]+:/);
    const login = await mindhill(home, platform.gatewayUrl, ['--json', 'login'], `${email}\n${PASSWORD}\n${enabled.body.backupCodes[0]}\n`);
    expect(jsonOf(login)).toMatchObject({ email, role: 'user' });
    expect(jsonOf(await mindhill(home, platform.gatewayUrl, ['--json', 'whoami']))).toMatchObject({ email });
  });

  it('creates a workflow from a YAML file, runs it with --follow to Success (exit 0), and lists, shows, exports and imports it as JSON', async () => {
    const files = await api('POST', '/data-sources', { name: 'cli files', type: 'file', folder: FILES, glob: '*' });
    expect(files.status).toBe(201);
    const file = path.join(configHome, 'workflow.yaml');
    writeFileSync(
      file,
      [
        'name: cli pipeline',
        'description: made by the CLI test',
        'status: active',
        'configuration:',
        '  stages:',
        '    - { name: fetch, type: fetching, dataSources: [' + files.body.id + '] }',
        '    - { name: decode, type: processing }',
        '    - { name: normalize, type: normalization }',
        '',
      ].join('\n'),
    );
    const created = jsonOf(await cli('--json', 'workflows', 'create', '-f', file));
    expect(created).toMatchObject({ name: 'cli pipeline', status: 'active' });

    const run = await cli('--json', 'run', 'cli pipeline', '--follow');
    expect([run.code, run.stderr]).toEqual([0, expect.stringContaining('stage 3 normalize: Success')]);
    const execution = JSON.parse(run.stdout);
    expect(execution).toMatchObject({ workflowId: created.id, status: 'Success', stagesCompleted: 3 });
    expect(run.stderr).toMatch(/stage 1 fetch: (InProgress|Success)/);

    const human = await cli('run', created.id, '--follow');
    expect([human.code, human.stdout]).toEqual([0, expect.stringMatching(/^Run [0-9a-f-]{36}: Success\n$/)]);

    expect(jsonOf(await cli('--json', 'workflows', 'list')).items.map((w: { id: string }) => w.id)).toContain(created.id);
    expect(jsonOf(await cli('--json', 'workflows', 'show', created.id))).toMatchObject({
      id: created.id,
      configuration: created.configuration,
    });
    const runs = jsonOf(await cli('--json', 'executions', 'list', '--status', 'success', '--since', '1h', '--workflow', 'cli pipeline'));
    expect(runs.items.map((e: { id: string }) => e.id)).toContain(execution.id);
    expect(runs.items.every((e: { status: string }) => e.status === 'Success')).toBe(true);
    expect(jsonOf(await cli('--json', 'executions', 'show', execution.id)).stages).toHaveLength(3);

    const exported = path.join(configHome, 'exported.yaml');
    expect((await cli('workflows', 'export', created.id, '-o', exported)).code).toBe(0);
    expect(readFileSync(exported, 'utf8')).toContain('name: cli pipeline');
    const imported = jsonOf(await cli('--json', 'workflows', 'import', '-f', exported, '--name', 'cli pipeline copy'));
    expect(imported).toMatchObject({ name: 'cli pipeline copy', configuration: created.configuration });
    expect(imported.id).not.toBe(created.id);

    // The processed content is searchable and a report over the run renders and downloads.
    const hits = await eventually(async () => {
      const found = jsonOf(await cli('--json', 'contents', 'search', 'wheat'));
      expect(found.items.length).toBeGreaterThan(0);
      return found;
    });
    expect(hits.items[0]).toHaveProperty('name');
    const report = await api('POST', '/reports', {
      reportName: 'cli contents',
      reportType: 'detailed',
      reportConfig: { source: 'contents', columns: ['name'] },
      filters: { executionId: execution.id },
      outputFormats: ['csv'],
    });
    expect(report.status).toBe(201);
    const rendered = await eventually(
      async () => {
        const reportRun = jsonOf(await cli('--json', 'reports', 'run', report.body.id, '--format', 'csv', '--wait'));
        expect(reportRun.status).toBe('Success');
        return reportRun;
      },
      { timeoutMs: 20_000, intervalMs: 500 },
    );
    const saved = path.join(configHome, 'report.csv');
    expect(jsonOf(await cli('--json', 'reports', 'download', rendered.id, '-o', saved))).toMatchObject({ file: saved });
    expect(readFileSync(saved, 'utf8').split('\r\n')[0]).toBe('name');
  }, 120_000);

  it('exits 1 when the run fails, naming the error code', async () => {
    const dead = await api('POST', '/data-sources', { name: 'cli dead', type: 'api', url: 'http://127.0.0.1:9/nothing', format: 'json' });
    const workflow = await api('POST', '/workflows', {
      name: 'cli failing',
      status: 'active',
      maxRetries: 0,
      configuration: { stages: [{ name: 'fetch', type: 'fetching', dataSources: [dead.body.id] }] },
    });
    expect(workflow.status).toBe(201);
    failingWorkflowId = workflow.body.id;
    const run = await cli('run', workflow.body.id, '--follow');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/: Failed \(INGESTION\.SOURCE_UNREACHABLE: /);
    expect(run.stderr).toContain('stage 1 fetch: Failed');
    const json = await cli('--json', 'run', workflow.body.id, '--follow');
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ status: 'Failed', errorCode: 'INGESTION.SOURCE_UNREACHABLE' });
  }, 60_000);

  it("prints the API's error code and exits 3 on a refusal, with the error as JSON under --json", async () => {
    const forbidden = await cli('dead-letters', 'list');
    expect([forbidden.code, forbidden.stdout]).toEqual([3, '']);
    expect(forbidden.stderr).toMatch(/^Error AUTH\.FORBIDDEN: .+ \(correlation id [0-9a-f-]+\)\n$/);
    const missing = await cli('--json', 'workflows', 'show', '00000000-0000-4000-8000-000000000000');
    expect(missing.code).toBe(3);
    expect(JSON.parse(missing.stdout)).toMatchObject({ error: { code: expect.stringMatching(/^WORKFLOWS\./), status: 404 } });
    const badFile = path.join(configHome, 'bad.yaml');
    writeFileSync(badFile, 'name: no stages\nconfiguration: { stages: [] }\n');
    const invalid = await cli('workflows', 'create', '-f', badFile);
    expect([invalid.code, invalid.stderr]).toEqual([
      3,
      expect.stringContaining('Error WORKFLOWS.INVALID_CONFIGURATION: configuration.stages'),
    ]);
  });

  it('runs with typed inputs from --input (declared in the workflow file; exported and imported with it), and names a refused one', async () => {
    const files = await api('POST', '/data-sources', { name: 'cli input files', type: 'file', folder: FILES, glob: '*.txt' });
    const file = path.join(configHome, 'with-inputs.yaml');
    writeFileSync(
      file,
      [
        'name: cli inputs',
        'status: active',
        'inputs:',
        '  - { name: region, type: string, required: true }',
        '  - { name: days, type: number, default: 7 }',
        '  - { name: dry, type: boolean }',
        'configuration:',
        `  stages: [{ name: fetch, type: fetching, dataSources: [${files.body.id}] }]`,
        '',
      ].join('\n'),
    );
    const workflow = jsonOf(await cli('--json', 'workflows', 'create', '-f', file));
    const run = await cli('--json', 'run', 'cli inputs', '-i', 'region=north', '-i', 'dry=true', '--follow');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      status: 'Success',
      inputs: { region: 'north', days: 7, dry: true },
      trigger: { kind: 'manual' },
    });

    const refused = await cli('run', workflow.id, '-i', 'region=north', '-i', 'days=many', '-i', 'colour=red');
    expect([refused.code, refused.stderr]).toEqual([
      3,
      expect.stringMatching(/^Error WORKFLOWS\.INVALID_INPUT: .*days.*colour|^Error WORKFLOWS\.INVALID_INPUT: .*colour.*days/),
    ]);

    const exported = path.join(configHome, 'with-inputs.exported.yaml');
    expect((await cli('workflows', 'export', workflow.id, '-o', exported)).code).toBe(0);
    const copy = jsonOf(await cli('--json', 'workflows', 'import', '-f', exported, '--name', 'cli inputs copy'));
    expect(copy.inputs).toEqual(workflow.inputs);
  }, 60_000);

  it('starts one run for the same --idempotency-key: a duplicate at once hears IDEMPOTENCY.IN_PROGRESS, a later one the first answer', async () => {
    const key = `cli-${Date.now()}`;
    const send = () => cli('--json', 'run', 'cli pipeline', '--idempotency-key', key);
    const both = await Promise.all([send(), send()]);
    const started = both.filter((r) => r.code === 0).map((r) => JSON.parse(r.stdout).id as string);
    const refused = both.filter((r) => r.code !== 0);
    expect(started.length).toBeGreaterThanOrEqual(1);
    for (const r of refused) expect([r.code, r.stderr]).toEqual([3, expect.stringContaining('Error IDEMPOTENCY.IN_PROGRESS')]);
    expect(new Set(started).size).toBe(1);
    expect(jsonOf(await send()).id).toBe(started[0]);
    const other = await cli('run', 'cli pipeline', '--idempotency-key', key, '--priority', '5');
    expect([other.code, other.stderr]).toEqual([3, expect.stringContaining('Error IDEMPOTENCY.KEY_REUSED')]);
  });

  it('works as a person uses it in a terminal (tmux): hidden password, live stage bars, exit codes', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'mindhill-cli-tty-'));
    const terminal = await tmuxTerminal(home, { XDG_CONFIG_HOME: home, MINDHILL_URL: platform.gatewayUrl });
    try {
      await terminal.type('npx mindhill login');
      await terminal.waitFor(/E-mail: $/m);
      await terminal.type('cli@example.com');
      await terminal.waitFor(/Password: $/m);
      await terminal.type(PASSWORD);
      await terminal.waitFor(/Logged in to .* as cli@example\.com/);
      expect(await terminal.screen()).not.toContain(PASSWORD);

      await terminal.type('npx mindhill run \'cli pipeline\' --follow; echo "exit=$?"');
      const screen = await terminal.waitFor(/exit=\d+/, 60_000);
      expect(screen).toMatch(/exit=0/);
      // One bar per stage, drawn in place, each full at the end.
      for (const stage of ['1. fetch', '2. decode', '3. normalize'])
        expect(screen).toMatch(new RegExp(`${stage}\\s+\\[█+\\] 100% \\| \\d+/\\d+ items \\| Success`));
      expect(screen).toMatch(/Run [0-9a-f-]{36}: Success/);

      await terminal.type('clear');
      await terminal.type(`npx mindhill run ${failingWorkflowId} --follow; echo "exit=$?"`);
      const failed = await terminal.waitFor(/exit=\d+/, 60_000);
      expect(failed).toMatch(/1\. fetch\s+\[.*\] \d+% \| .* \| Failed/);
      expect(failed).toMatch(/Failed \(INGESTION\.SOURCE_UNREACHABLE/);
      expect(failed).toMatch(/exit=1/);
    } finally {
      await terminal.close();
    }
  }, 180_000);

  it('tails the audit log (one JSON object a line, --follow prints new entries) and lists dead letters, as an admin', async () => {
    const home = mkdtempSync(path.join(tmpdir(), 'mindhill-cli-admin-'));
    const admin = (...args: string[]) => mindhill(home, platform.gatewayUrl, args);
    expect((await mindhill(home, platform.gatewayUrl, ['login', '--email', ADMIN_EMAIL], `${PASSWORD}\n`)).code).toBe(0);

    const finished = await eventually(async () => {
      const tail = await admin('--json', 'audit', 'tail', '-n', '50', '--type', 'workflows.execution.finished');
      expect(tail.code).toBe(0);
      const rows = tail.stdout
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line));
      expect(rows.length).toBeGreaterThanOrEqual(2);
      return rows;
    });
    expect(finished.every((r: { eventType: string }) => r.eventType === 'workflows.execution.finished')).toBe(true);
    // Oldest first, as tail shows them.
    expect(finished.map((r: { timestamp: string }) => r.timestamp)).toEqual(
      [...finished.map((r: { timestamp: string }) => r.timestamp)].sort(),
    );

    const follower = spawn(process.execPath, [BIN, '--json', 'audit', 'tail', '-n', '1', '--type', 'auth.user.logged-in', '--follow'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: home, MINDHILL_URL: platform.gatewayUrl },
    });
    let followed = '';
    follower.stdout.on('data', (c: Buffer) => (followed += c.toString()));
    try {
      await eventually(() => expect(followed.trim().split('\n').filter(Boolean)).toHaveLength(1));
      const other = mkdtempSync(path.join(tmpdir(), 'mindhill-cli-other-'));
      expect((await mindhill(other, platform.gatewayUrl, ['login', '--email', 'cli@example.com'], `${PASSWORD}\n`)).code).toBe(0);
      const lines = await eventually(
        () => {
          const rows = followed
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line));
          expect(rows.some((r: { userEmail: string }) => r.userEmail === 'cli@example.com')).toBe(true);
          return rows;
        },
        { timeoutMs: 20_000 },
      );
      expect(new Set(lines.map((r: { id: string }) => r.id)).size).toBe(lines.length);
    } finally {
      follower.kill('SIGTERM');
    }

    const letters = jsonOf(await admin('--json', 'dead-letters', 'list'));
    expect(Array.isArray(letters.items)).toBe(true);
    const replay = await admin('dead-letters', 'replay', '999999');
    expect([replay.code, replay.stderr]).toEqual([3, expect.stringMatching(/^Error [A-Z]+\.[A-Z_]+: /)]);
  }, 60_000);

  it('logs out: the session ends and the tokens are gone', async () => {
    const access = token();
    expect(jsonOf(await cli('--json', 'logout'))).toEqual({ loggedOut: true, sessionRevoked: true });
    const after = await cli('whoami');
    expect([after.code, after.stderr]).toEqual([3, expect.stringContaining('Error CLI.NOT_LOGGED_IN')]);
    await eventually(async () => expect((await http('GET', `${platform.gatewayUrl}/api/v1/auth/me`, { token: access })).status).toBe(401));
  });
});

// A real terminal: a detached tmux session on a private server (its own socket), running a plain
// shell in the repository. Keys are typed with send-keys and the screen read with capture-pane.
async function tmuxTerminal(home: string, env: Record<string, string>) {
  const socket = `mindhill-cli-${process.pid}`;
  const tmux = (...args: string[]) => run('tmux', ['-L', socket, '-f', '/dev/null', ...args]);
  const variables = Object.entries({ ...env, HOME: home, PATH: process.env.PATH ?? '', TERM: 'xterm-256color', PS1: '$ ' }).flatMap(
    ([k, v]) => ['-e', `${k}=${v}`],
  );
  await tmux('new-session', '-d', '-s', 'cli', '-x', '160', '-y', '50', '-c', ROOT, ...variables, 'bash --norc --noprofile');
  const screen = async () => (await tmux('capture-pane', '-p', '-J', '-t', 'cli')).stdout;
  return {
    screen,
    type: async (line: string) => {
      await tmux('send-keys', '-t', 'cli', '-l', line);
      await tmux('send-keys', '-t', 'cli', 'Enter');
    },
    waitFor: (pattern: RegExp, timeoutMs = 20_000) =>
      eventually(
        async () => {
          const text = await screen();
          expect(text).toMatch(pattern);
          return text;
        },
        { timeoutMs, intervalMs: 100 },
      ),
    close: () => tmux('kill-server').then(() => undefined),
  };
}

function run(command: string, args: string[]): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve({ stdout }) : reject(new Error(`${command} ${args.join(' ')}: ${code} ${stderr}`))));
  });
}
