import { createHmac, randomBytes } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { MikroORM } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import { SMTPServer } from 'smtp-server';
import { createOrmConfig, rebuildProjections } from '@mindhill/persistence';
import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { signToken } from '../../../test/support/tokens';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { deliveryKeys, signDownloadLink } from '../src/report-deliveries/domain/delivery-signing';
import { reportingProjections } from '../src/reporting.projections';

type Hook = { path: string; headers: IncomingMessage['headers']; body: string };
type Mail = { to: string[]; data: string };

// A real SMTP server and a real HTTP receiver on loopback; the receiver's port is on the outbound
// allow-list, a second receiver's port is not (the guard must refuse it before connecting).
describe('report deliveries by e-mail and webhook', () => {
  let platform: TestPlatform;
  let smtp: SMTPServer;
  let receiver: Server;
  let refused: Server;
  const mails: Mail[] = [];
  const hooks: Hook[] = [];
  const refusedHits: string[] = [];
  const flakySeen = new Set<string>();
  const greylisted = new Set<string>();
  let hookBase: string;
  let refusedBase: string;
  let owner: string;
  let other: string;
  let admin: string;
  const secret = randomBytes(32).toString('hex');
  const url = (p: string) => `${platform.gatewayUrl}${p}`;

  const listen = async (server: Server | SMTPServer['server']) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return (server.address() as AddressInfo).port;
  };

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        if (address.address.startsWith('bounce')) return callback(Object.assign(new Error('No such user'), { responseCode: 550 }));
        // later@ is greylisted once (451): a transient refusal, retried.
        if (address.address.startsWith('later') && !greylisted.has(address.address)) {
          greylisted.add(address.address);
          return callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
        }
        callback();
      },
      onData(stream, session, callback) {
        let data = '';
        stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
          callback();
        });
      },
    });
    const smtpPort = await listen(smtp.server);
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        hooks.push({ path: req.url ?? '', headers: req.headers, body });
        // /flaky answers 500 to the first delivery of each webhook-id, then 200.
        const id = String(req.headers['webhook-id']);
        if (req.url === '/down') {
          res.writeHead(503).end('down');
          return;
        }
        if (req.url === '/flaky' && !flakySeen.has(id)) {
          flakySeen.add(id);
          res.writeHead(500).end('try later');
          return;
        }
        res.writeHead(204).end();
      });
    });
    const hookPort = await listen(receiver);
    refused = createServer((req, res) => {
      refusedHits.push(req.url ?? '');
      res.writeHead(204).end();
    });
    const refusedPort = await listen(refused);
    hookBase = `http://127.0.0.1:${hookPort}`;
    refusedBase = `http://127.0.0.1:${refusedPort}`;
    platform = await startTestPlatform({
      services: ['reporting'],
      env: {
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${hookPort}`,
        REPORT_DELIVERY_SECRET: secret,
        REPORT_DELIVERY_RETRY_BASE_MS: '50',
        REPORT_DELIVERY_RETRY_MAX_MS: '200',
        REPORT_DELIVERY_MAX_ATTEMPTS: '3',
      },
    });
    owner = await signToken(platform.tokenKey, { role: 'user', userNumber: 7 });
    other = await signToken(platform.tokenKey, { role: 'user', userNumber: 8 });
    admin = await signToken(platform.tokenKey, { role: 'admin', userNumber: 1 });
  });
  afterAll(async () => {
    await platform?.close();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
    await new Promise<void>((resolve) => receiver?.close(() => resolve()));
    await new Promise<void>((resolve) => refused?.close(() => resolve()));
  });

  const createReport = async (body: Record<string, unknown>) => {
    const res = await http('POST', url('/api/v1/reports'), {
      token: owner,
      body: {
        reportName: 'Runs',
        reportType: 'detailed',
        outputFormats: ['json', 'csv'],
        reportConfig: { source: 'executions', columns: ['workflow_name', 'status'] },
        ...body,
      },
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const run = async (reportId: string) => {
    const res = await http('POST', url(`/api/v1/reports/${reportId}/executions`), { token: owner, body: { format: 'csv' } });
    expect(res.status).toBe(202);
    return res.body.id as string;
  };
  // Waits until every delivery of the run is finished, and answers them.
  const finished = (executionId: string, count: number) =>
    eventually(
      async () => {
        const res = await http('GET', url(`/api/v1/report-executions/${executionId}/deliveries`), { token: owner });
        expect(res.status).toBe(200);
        expect(res.body.items).toHaveLength(count);
        for (const d of res.body.items) expect(d.status).not.toBe('pending');
        return res.body.items as Record<string, any>[];
      },
      { timeoutMs: 30_000 },
    );
  const verifySignature = (hook: Hook, whsec: string) => {
    const key = Buffer.from(whsec.slice('whsec_'.length), 'base64');
    const mac = createHmac('sha256', key)
      .update(`${hook.headers['webhook-id']}.${hook.headers['webhook-timestamp']}.${hook.body}`)
      .digest('base64');
    expect(hook.headers['webhook-signature']).toBe(`v1,${mac}`);
  };

  let deliveredRun: string;
  let webhookDelivery: Record<string, any>;

  it('delivers a run to two addresses and a webhook: three receipts, exactly one mail each and one signed POST', async () => {
    const reportId = await createReport({
      emailRecipients: ['ann@example.com', 'bob@example.com'],
      webhookUrl: `${hookBase}/ok?token=abc`,
    });
    deliveredRun = await run(reportId);
    const deliveries = await finished(deliveredRun, 3);
    expect(deliveries.map((d) => [d.channel, d.target, d.status, d.where]).sort()).toEqual([
      ['email', 'ann@example.com', 'delivered', 'sent'],
      ['email', 'bob@example.com', 'delivered', 'sent'],
      ['webhook', `${hookBase}/…`, 'delivered', 'posted'],
    ]);
    for (const d of deliveries) expect(d.receipts).toEqual([expect.objectContaining({ attempt: 1, outcome: 'delivered' })]);
    webhookDelivery = deliveries.find((d) => d.channel === 'webhook')!;
    expect(webhookDelivery.lastResponseCode).toBe(204);

    expect(mails.map((m) => m.to).sort()).toEqual([['ann@example.com'], ['bob@example.com']]);
    const annMail = mails.find((m) => m.to[0] === 'ann@example.com')!;
    const annDelivery = deliveries.find((d) => d.target === 'ann@example.com')!;
    expect(annMail.data).toContain(`Message-ID: <${annDelivery.id}@mindhill.local>`);
    expect(annMail.data).toMatch(/filename=report-\d+-run-\d+\.csv/);

    const ok = hooks.filter((h) => h.path === '/ok?token=abc');
    expect(ok).toHaveLength(1);
    expect(ok[0]!.headers['webhook-id']).toBe(webhookDelivery.id);
    const payload = JSON.parse(ok[0]!.body);
    expect(payload).toMatchObject({
      report: { id: reportId, name: 'Runs' },
      execution: { id: deliveredRun },
      format: 'csv',
      sizeBytes: expect.any(Number),
      generatedAt: expect.any(String),
    });
    const whsec = await http('POST', url('/api/v1/report-deliveries/webhook-secret'), { token: owner, body: { reportId } });
    expect(whsec.status).toBe(200);
    verifySignature(ok[0]!, whsec.body.secret);
    expect((await http('POST', url('/api/v1/report-deliveries/webhook-secret'), { token: other, body: { reportId } })).status).toBe(404);

    // The signed link works without a login; an altered, expired or foreign one is a coded 403.
    const link = new URL(payload.download.url);
    const file = await fetch(url(`${link.pathname}${link.search}`));
    expect(file.status).toBe(200);
    expect(Number(file.headers.get('content-length'))).toBe(payload.sizeBytes);
    const tampered = await http(
      'GET',
      url(`${link.pathname}?expires=${Number(link.searchParams.get('expires')) + 1}&signature=${link.searchParams.get('signature')}`),
    );
    expect([tampered.status, tampered.body.error.code]).toEqual([403, 'REPORTING.LINK_INVALID']);
    const old = signDownloadLink(deliveryKeys(secret), deliveredRun, new Date(Date.now() - 1000));
    const expired = await http('GET', url(`/api/v1/report-downloads/${deliveredRun}?expires=${old.expires}&signature=${old.signature}`));
    expect([expired.status, expired.body.error.code]).toEqual([403, 'REPORTING.LINK_EXPIRED']);
    const forged = signDownloadLink(deliveryKeys(randomBytes(32).toString('hex')), deliveredRun, new Date(Date.now() + 60_000));
    const bad = await http('GET', url(`/api/v1/report-downloads/${deliveredRun}?expires=${forged.expires}&signature=${forged.signature}`));
    expect([bad.status, bad.body.error.code]).toEqual([403, 'REPORTING.LINK_INVALID']);
  });

  let failedMail: Record<string, any>;

  it('retries a webhook answering 500 then 200 and a greylisted mail (451); fails a mail refused (550), a webhook down for every attempt, a destination off the allow-list', async () => {
    const flakyReport = await createReport({
      reportName: 'Flaky',
      emailRecipients: ['bounce@example.com', 'later@example.com'],
      webhookUrl: `${hookBase}/flaky`,
    });
    const flakyRun = await run(flakyReport);
    const flaky = await finished(flakyRun, 3);
    const later = flaky.find((d) => d.target === 'later@example.com')!;
    expect(later).toMatchObject({ status: 'delivered', where: 'sent', attempts: 2 });
    expect(later.receipts).toEqual([
      expect.objectContaining({ attempt: 1, outcome: 'retry', responseCode: 451, errorCode: 'REPORTING.MAIL_UNAVAILABLE' }),
      expect.objectContaining({ attempt: 2, outcome: 'delivered', where: 'sent' }),
    ]);
    expect(mails.filter((m) => m.to.includes('later@example.com'))).toHaveLength(1);
    const hook = flaky.find((d) => d.channel === 'webhook')!;
    expect(hook).toMatchObject({ status: 'delivered', attempts: 2, lastResponseCode: 204 });
    expect(hook.receipts).toEqual([
      expect.objectContaining({
        attempt: 1,
        outcome: 'retry',
        responseCode: 500,
        errorCode: 'REPORTING.WEBHOOK_REJECTED',
        nextAttemptAt: expect.any(String),
      }),
      expect.objectContaining({ attempt: 2, outcome: 'delivered', responseCode: 204 }),
    ]);
    const flakyHits = hooks.filter((h) => h.path === '/flaky');
    expect(flakyHits).toHaveLength(2);
    expect(flakyHits[0]!.headers['webhook-id']).toBe(flakyHits[1]!.headers['webhook-id']);
    failedMail = flaky.find((d) => d.target === 'bounce@example.com')!;
    expect(failedMail).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastResponseCode: 550,
      lastErrorCode: 'REPORTING.MAIL_REFUSED',
      where: null,
    });

    // Always 503: every attempt of the round (3 here) gets its receipt, then it is failed.
    const downReport = await createReport({ reportName: 'Down', webhookUrl: `${hookBase}/down` });
    const [down] = await finished(await run(downReport), 1);
    expect(down).toMatchObject({ status: 'failed', attempts: 3, lastResponseCode: 503, lastErrorCode: 'REPORTING.WEBHOOK_REJECTED' });
    expect(down.receipts.map((r: { outcome: string }) => r.outcome)).toEqual(['retry', 'retry', 'failed']);
    expect(hooks.filter((h) => h.path === '/down')).toHaveLength(3);

    const refusedReport = await createReport({ reportName: 'Refused', webhookUrl: `${refusedBase}/in` });
    const refusedRun = await run(refusedReport);
    const [refusedDelivery] = await finished(refusedRun, 1);
    expect(refusedDelivery).toMatchObject({ status: 'failed', attempts: 1, lastErrorCode: 'OUTBOUND.DESTINATION_NOT_ALLOWED' });
    expect(refusedHits).toEqual([]);
  });

  it('lists failed deliveries per owner (admin: all), hides them from others, and resends on request', async () => {
    const mine = await http('GET', url('/api/v1/report-deliveries?status=failed'), { token: owner });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((d: { lastErrorCode: string }) => d.lastErrorCode).sort()).toEqual([
      'OUTBOUND.DESTINATION_NOT_ALLOWED',
      'REPORTING.MAIL_REFUSED',
      'REPORTING.WEBHOOK_REJECTED',
    ]);
    const all = await http('GET', url('/api/v1/report-deliveries?status=failed'), { token: admin });
    expect(all.body.items).toHaveLength(3);
    const theirs = await http('GET', url('/api/v1/report-deliveries?status=failed'), { token: other });
    expect(theirs.body.items).toEqual([]);
    expect((await http('GET', url(`/api/v1/report-executions/${deliveredRun}/deliveries`), { token: other })).status).toBe(404);
    const foreign = await http('POST', url(`/api/v1/report-deliveries/${webhookDelivery.id}/resend`), { token: other, body: {} });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'REPORTING.DELIVERY_NOT_FOUND']);
    expect((await http('GET', url('/api/v1/report-deliveries?status=lost'), { token: owner })).status).toBe(400);

    const before = hooks.filter((h) => h.path === '/ok?token=abc').length;
    const resent = await http('POST', url(`/api/v1/report-deliveries/${webhookDelivery.id}/resend`), { token: owner, body: {} });
    expect(resent.status).toBe(202);
    expect(resent.body).toMatchObject({ id: webhookDelivery.id, round: 2, status: 'pending' });
    const again = await eventually(async () => {
      const res = await http('GET', url(`/api/v1/report-executions/${deliveredRun}/deliveries`), { token: owner });
      const d = res.body.items.find((x: { id: string }) => x.id === webhookDelivery.id);
      expect(d).toMatchObject({ status: 'delivered', round: 2, attempts: 2 });
      return d;
    });
    expect(again.receipts).toHaveLength(2);
    const okHits = hooks.filter((h) => h.path === '/ok?token=abc');
    expect(okHits).toHaveLength(before + 1);
    expect(okHits[okHits.length - 1]!.headers['webhook-id']).toBe(`${webhookDelivery.id}_r2`);
  });

  it('does not deliver runs that completed before deliveries existed (the new group reads the topic from its beginning)', async () => {
    const db = new Client({ connectionString: platform.databases.reporting!.url });
    await db.connect();
    try {
      await db.query(`UPDATE report_delivery_epoch SET started_at = now() + interval '1 hour'`);
      const reportId = await createReport({ reportName: 'Old run', emailRecipients: ['old@example.com'], webhookUrl: `${hookBase}/old` });
      const runId = await run(reportId);
      // The completion event has been claimed by the deliveries consumer, and planned nothing.
      await eventually(
        async () => {
          const claimed = await db.query(
            `SELECT 1 FROM processed_message m JOIN stored_event e ON e.event_id = m.event_id
              WHERE m.consumer = 'reporting.deliveries' AND e.stream_id = $1`,
            [`report-execution-${runId}`],
          );
          expect(claimed.rowCount).toBe(1);
        },
        { timeoutMs: 30_000 },
      );
      expect((await http('GET', url(`/api/v1/report-executions/${runId}/deliveries`), { token: owner })).body.items).toEqual([]);
      expect(mails.filter((m) => m.to.includes('old@example.com'))).toEqual([]);
      expect(hooks.filter((h) => h.path === '/old')).toEqual([]);
    } finally {
      await db.query(`UPDATE report_delivery_epoch SET started_at = now() - interval '1 hour'`);
      await db.end();
    }
  });

  it('rebuilds the receipts from the events, and removes finished deliveries past retention (admin only), dry run first', async () => {
    const db = new Client({ connectionString: platform.databases.reporting!.url });
    await db.connect();
    try {
      const rows = async () => (await db.query('SELECT * FROM report_deliveries ORDER BY uuid')).rows;
      const before = await rows();
      expect(before).toHaveLength(8);
      const orm = await MikroORM.init(
        createOrmConfig({ clientUrl: platform.databases.reporting!.url, entities: reportingProjections.entities, migrations: [] }),
      );
      try {
        await rebuildProjections(orm, 'reporting', reportingProjections);
      } finally {
        await orm.close();
      }
      expect(await rows()).toEqual(before);

      const dry = await http('POST', url('/api/v1/report-deliveries/retention'), {
        token: admin,
        body: { dryRun: true, retentionDays: 1 },
      });
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({ runId: null, dryRun: true, retentionDays: 1, matched: 0, deleted: 0 });
      expect((await http('POST', url('/api/v1/report-deliveries/retention'), { token: owner, body: { dryRun: true } })).status).toBe(403);

      // One failed delivery finished 100 days ago (as far as the read model knows).
      await db.query(`UPDATE report_deliveries SET finished_at = now() - interval '100 days' WHERE uuid = $1`, [failedMail.id]);
      const counted = await http('POST', url('/api/v1/report-deliveries/retention'), {
        token: admin,
        body: { dryRun: true, retentionDays: 30 },
      });
      expect(counted.body).toMatchObject({ dryRun: true, matched: 1, deleted: 0 });
      expect(await rows()).toHaveLength(8);
      const removed = await http('POST', url('/api/v1/report-deliveries/retention'), {
        token: admin,
        body: { dryRun: false, retentionDays: 30 },
      });
      expect(removed.body).toMatchObject({ dryRun: false, retentionDays: 30, matched: 1, deleted: 1 });
      expect((await rows()).map((r) => r.uuid)).not.toContain(failedMail.id);
      expect(await rows()).toHaveLength(7);
      const receipt = await db.query(
        `SELECT payload FROM stored_event WHERE type = 'reporting.delivery-retention.completed' ORDER BY position`,
      );
      // Dry runs record nothing; the real run its receipt.
      expect(receipt.rows.map((r) => [r.payload.dryRun, r.payload.matched, r.payload.deleted])).toEqual([[false, 1, 1]]);
    } finally {
      await db.end();
    }
  });
});
