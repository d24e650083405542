import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer, Server } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { createTestDatabase, eventually, TestDatabase, testEnv, makeJobsDueSql } from '@mindhill/testing';
import { reportingMigrations } from '../../apps/reporting/src/migrations';
import { freePort } from '../support/free-port';
import { http } from '../support/http';
import { signToken } from '../support/tokens';
import { startTestPlatform, TestPlatform } from '../support/test-platform';

const root = path.resolve(__dirname, '../..');

// A report scheduled every minute, delivered by mail (a real SMTP server on loopback) and webhook.
// Reporting runs as its own process and is killed with SIGKILL while both deliveries are in
// flight (the SMTP server holds the connection, the receiver holds the answer), after the run was
// rendered. Restarted, it delivers each exactly once: one mail reaches the server, the receiver
// sees one webhook id, and the receipts say the same.
describe('a scheduled report delivered across a kill -9 of reporting', () => {
  let db: TestDatabase;
  let env: Record<string, string>;
  let child: ChildProcess | undefined;
  let platform: TestPlatform;
  let port: number;
  let smtp: SMTPServer;
  let receiver: Server;
  let held = true;
  const heldSockets: Socket[] = [];
  const releaseSmtp: (() => void)[] = [];
  const mails: string[] = [];
  const hooks: { id: string; answered: boolean }[] = [];
  const query = async (sql: string, params: unknown[] = []) => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows;
    } finally {
      await client.end();
    }
  };

  const startReporting = async () => {
    child = spawn(process.execPath, [path.join(root, 'dist/apps/reporting/src/main.js')], {
      env: { ...process.env, ...env, REPORTING_DATABASE_URL: db.url, REPORTING_PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    await eventually(async () => expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200), {
      timeoutMs: 30_000,
      intervalMs: 200,
    });
  };

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(root, 'scripts/build.js')], { cwd: root, stdio: 'ignore' });
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onConnect(session, callback) {
        if (!held) return callback();
        releaseSmtp.push(() => callback());
      },
      onData(stream, _session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
        stream.on('end', () => {
          mails.push(data);
          callback();
        });
      },
    });
    smtp.on('error', () => undefined);
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        const hook = { id: String(req.headers['webhook-id']), answered: false };
        hooks.push(hook);
        if (held) {
          heldSockets.push(req.socket);
          return;
        }
        hook.answered = true;
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hookPort = (receiver.address() as AddressInfo).port;
    port = await freePort();
    db = await createTestDatabase('reporting', reportingMigrations);
    env = testEnv({
      REPORTING_URL: `http://127.0.0.1:${port}`,
      SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
      OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${hookPort}`,
      REPORT_DELIVERY_RETRY_BASE_MS: '200',
      REPORT_DELIVERY_RETRY_MAX_MS: '1000',
    });
    await startReporting();
    platform = await startTestPlatform({ services: [], env });
  }, 180_000);
  afterAll(async () => {
    held = false;
    for (const release of releaseSmtp.splice(0)) release();
    child?.kill('SIGKILL');
    await platform?.close();
    await db?.drop();
    for (const s of heldSockets) s.destroy();
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  it('fires the schedule once and delivers the run exactly once to each recipient', async () => {
    const token = await signToken(platform.tokenKey, { role: 'user', userNumber: 7 });
    const call = (method: string, url: string, body?: unknown) => http(method, `${platform.gatewayUrl}/api/v1${url}`, { body, token });
    const created = await call('POST', '/reports', {
      reportName: 'Every minute',
      reportType: 'detailed',
      reportConfig: { source: 'executions', columns: ['workflow_name', 'status'] },
      outputFormats: ['csv'],
      emailRecipients: ['ops@example.com'],
      webhookUrl: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`,
      isScheduled: true,
      scheduleCron: '*/1 * * * *',
    });
    expect(created.status).toBe(201);
    expect(Date.parse(created.body.nextRunAt) - Date.now()).toBeLessThanOrEqual(60_000);

    // The minute has come (without waiting for it): the tick is due now.
    await query(makeJobsDueSql("kind = 'report-schedule-tick' AND status = 'pending'"));
    // Rendered, and both deliveries in flight: the mail's connection and the webhook's answer held.
    await eventually(() => expect(releaseSmtp.length + hooks.length).toBe(2), { timeoutMs: 30_000 });
    const [run] = await query(`SELECT uuid::text AS id, status FROM report_executions`);
    expect(run.status).toBe('Success');

    child!.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    held = false;
    for (const release of releaseSmtp.splice(0)) release();
    for (const s of heldSockets.splice(0)) s.destroy();
    // The killed attempts' leases end now rather than in a minute.
    await query(`UPDATE job SET locked_until = now() WHERE kind = 'report-delivery' AND status = 'running'`);
    await startReporting();

    const receipts = await eventually(
      async () => {
        const res = await call('GET', `/report-executions/${run.id}/deliveries`);
        expect(res.status).toBe(200);
        expect(res.body.items.map((d: { status: string }) => d.status)).toEqual(['delivered', 'delivered']);
        return res.body.items as { id: string; channel: string; status: string }[];
      },
      { timeoutMs: 40_000, intervalMs: 300 },
    );
    // One mail reached the server, carrying the delivery's id; the receiver saw one webhook id
    // (the killed attempt's request arrived but was never answered: it is the same id again).
    expect(mails).toHaveLength(1);
    const mail = receipts.find((d) => d.channel === 'email')!;
    expect(mails[0]).toContain(`Message-ID: <${mail.id}`);
    const webhook = receipts.find((d) => d.channel === 'webhook')!;
    expect(new Set(hooks.map((h) => h.id))).toEqual(new Set([hooks[0]!.id]));
    expect(hooks.filter((h) => h.answered)).toHaveLength(1);
    expect(webhook.id).toBeDefined();
    // One run for the tick, and the next minute's tick planned.
    expect(await query(`SELECT 1 FROM report_executions`)).toHaveLength(1);
    expect(await query(`SELECT 1 FROM job WHERE kind = 'report-schedule-tick' AND status = 'pending'`)).toHaveLength(1);
  });
});
