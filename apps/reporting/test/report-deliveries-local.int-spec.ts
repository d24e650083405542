import { mkdtempSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createServiceApp, startServiceApp } from '@mindhill/platform';
import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { signToken } from '../../../test/support/tokens';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { loadReportingConfig } from '../src/reporting.config';
import { reportingService } from '../src/reporting.service';

// Without SMTP: mail goes to the local folder and nothing says "sent"; files above the attachment
// limit travel as signed links. And a reporting instance that stops after the run completed but
// before anything was delivered: a fresh instance on the same database delivers exactly once.
describe('report deliveries without SMTP, across a restart', () => {
  let platform: TestPlatform;
  let receiver: Server;
  const hooks: string[] = [];
  const mailDir = mkdtempSync(path.join(tmpdir(), 'mindhill-mail-'));
  let hookBase: string;
  let owner: string;
  let fresh: NestFastifyApplication | undefined;
  const url = (p: string) => `${platform.gatewayUrl}${p}`;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        hooks.push(String(req.headers['webhook-id']));
        res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hookPort = (receiver.address() as AddressInfo).port;
    hookBase = `http://127.0.0.1:${hookPort}`;
    platform = await startTestPlatform({
      services: ['reporting'],
      env: { MAIL_LOCAL_DIR: mailDir, REPORT_ATTACHMENT_MAX_BYTES: '1', OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${hookPort}` },
      // The first instance renders but consumes nothing: it stops before any delivery is planned.
      customize: { reporting: (env) => ({ ...reportingService(loadReportingConfig(env)), transports: [] }) },
    });
    owner = await signToken(platform.tokenKey, { role: 'user', userNumber: 7 });
  });
  afterAll(async () => {
    await fresh?.close();
    platform.apps.reporting = undefined;
    await platform?.close();
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
  });

  it('delivers a run completed before a restart exactly once, to the local mail folder and the webhook', async () => {
    const created = await http('POST', url('/api/v1/reports'), {
      token: owner,
      body: {
        reportName: 'Local',
        reportType: 'detailed',
        outputFormats: ['json'],
        reportConfig: { source: 'executions', columns: ['workflow_name', 'status'] },
        emailRecipients: ['carol@example.com'],
        webhookUrl: `${hookBase}/in`,
      },
    });
    expect(created.status).toBe(201);
    const ran = await http('POST', url(`/api/v1/reports/${created.body.id}/executions`), { token: owner, body: { format: 'json' } });
    expect(ran.status).toBe(202);
    const runId = ran.body.id as string;
    await eventually(async () => {
      expect((await http('GET', url(`/api/v1/report-executions/${runId}`), { token: owner })).body.status).toBe('Success');
    });
    expect((await http('GET', url(`/api/v1/report-executions/${runId}/deliveries`), { token: owner })).body.items).toEqual([]);

    // Stop the instance, start a fresh one (with its consumers) on the same port and database.
    const port = new URL(platform.urls.reporting!).port;
    await platform.apps.reporting!.close();
    const bootstrap = reportingService(loadReportingConfig({ ...platform.env, REPORTING_PORT: port }));
    fresh = await createServiceApp(bootstrap);
    await fresh.init();
    await startServiceApp(fresh, bootstrap);

    const deliveries = await eventually(
      async () => {
        const res = await http('GET', url(`/api/v1/report-executions/${runId}/deliveries`), { token: owner });
        expect(res.status).toBe(200);
        expect(res.body.items).toHaveLength(2);
        for (const d of res.body.items) expect(d.status).toBe('delivered');
        return res.body.items as Record<string, any>[];
      },
      { timeoutMs: 40_000, intervalMs: 200 },
    );
    const mail = deliveries.find((d) => d.channel === 'email')!;
    expect(mail).toMatchObject({ where: 'written to the local mail folder', mode: 'link', attempts: 1 });
    expect(mail.receipts).toEqual([expect.objectContaining({ where: 'written to the local mail folder', outcome: 'delivered' })]);
    expect(JSON.stringify(deliveries)).not.toContain('"sent"');

    expect(await readdir(mailDir)).toEqual([`${mail.id}.eml`]);
    const eml = await readFile(path.join(mailDir, `${mail.id}.eml`), 'utf8');
    expect(eml).toContain(`Message-ID: <${mail.id}@mindhill.local>`);
    expect(eml).not.toContain('Content-Disposition: attachment');
    // The body is quoted-printable: undo soft line breaks and =3D, then follow the link, no login.
    const text = eml.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
    const link = new URL(text.match(/http:\/\/\S+\/api\/v1\/report-downloads\/\S+/)![0]);
    expect(link.pathname).toBe(`/api/v1/report-downloads/${runId}`);
    const file = await fetch(url(`${link.pathname}${link.search}`));
    expect(file.status).toBe(200);
    expect(JSON.parse(await file.text())).toMatchObject({ report: { name: 'Local' } });
    const hook = deliveries.find((d) => d.channel === 'webhook')!;
    expect(hooks).toEqual([hook.id]);

    const failedList = await http('GET', url('/api/v1/report-deliveries?status=delivered'), { token: owner });
    expect(JSON.stringify(failedList.body)).not.toContain('"sent"');
  });
});
