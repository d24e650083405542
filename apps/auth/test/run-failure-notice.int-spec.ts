import { Client } from 'pg';
import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { authTestEnv } from './auth-test-env';
import { MailCatcher } from './mail-catcher';

const ADMIN = { email: 'notices-admin@mindhill.test', password: 'the notices keeper 42' };
const OWNER = { email: 'run-owner@example.com', password: 'a passphrase that runs 7' };

// A workflow run that fails tells the workflow's owner by e-mail, once, through auth's mail
// queue; with enable_email_notifications off it tells nobody. The run fails for real: its only
// data source answers nothing (port 9, let through by the outbound guard).
describe('failure notices of workflow runs', () => {
  let platform: TestPlatform;
  let db: Client;
  let owner: string;
  let admin: string;
  const mail = new MailCatcher();
  const as = (token: string, method: string, path: string, body?: unknown) =>
    http(method, `${platform.gatewayUrl}/api/v1${path}`, { token, body });
  const notices = () => mail.to(OWNER.email).filter((m) => m.raw.includes('Subject: Workflow #'));
  const failedRun = async (workflowId: string) => {
    const started = await as(owner, 'POST', `/workflows/${workflowId}/executions`, {});
    expect(started.status).toBe(202);
    return eventually(
      async () => {
        const res = await as(owner, 'GET', `/executions/${started.body.id}`);
        expect(res.body.status).toBe('Failed');
        return res.body as { id: string; runNumber: number };
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  };
  const claimedRunEnds = async () =>
    (await db.query(`SELECT count(*)::int AS n FROM processed_message WHERE consumer = 'auth.run-failure-notices'`)).rows[0].n as number;

  beforeAll(async () => {
    await mail.start();
    platform = await startTestPlatform({
      services: ['auth', 'workflows', 'ingestion'],
      env: authTestEnv({
        SMTP_URL: mail.url,
        PUBLIC_APP_URL: 'https://app.mindhill.test',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        WORKFLOWS_RETRY_BASE_MS: '50',
        WORKFLOWS_RETRY_MAX_MS: '100',
        OUTBOUND_ALLOW_HOSTS: '127.0.0.1:9',
      }),
    });
    db = new Client({ connectionString: platform.databases.auth!.url });
    await db.connect();
    const url = (p: string) => `${platform.gatewayUrl}/api/v1${p}`;
    await http('POST', url('/auth/register'), { body: OWNER });
    owner = (await http('POST', url('/auth/login'), { body: OWNER })).body.accessToken;
    admin = (await http('POST', url('/auth/login'), { body: ADMIN })).body.accessToken;
  }, 120_000);
  afterAll(async () => {
    await db?.end();
    await platform?.close();
    await mail.stop();
  });

  it('mails the owner once when a run fails, and nobody once enable_email_notifications is off', async () => {
    const source = await as(owner, 'POST', '/data-sources', {
      name: 'silent source',
      type: 'api',
      url: 'http://127.0.0.1:9/nothing',
      format: 'json',
    });
    expect(source.status).toBe(201);
    const workflow = await eventually(
      async () => {
        const res = await as(owner, 'POST', '/workflow-templates/data-processing/workflows', {
          name: 'doomed workflow',
          dataSources: [source.body.id],
          status: 'active',
          maxRetries: 0,
        });
        expect(res.status).toBe(201);
        return res.body as { id: string; workflowNumber: number };
      },
      { timeoutMs: 15_000 },
    );

    const first = await failedRun(workflow.id);
    await eventually(() => expect(notices()).toHaveLength(1), { timeoutMs: 15_000 });
    const notice = notices()[0]!;
    expect(notice.raw).toContain(`run #${first.runNumber} failed`);
    expect(notice.text).toContain(`https://app.mindhill.test/executions/${first.id}`);
    expect(notice.raw).toMatch(new RegExp(`Message-ID:\\s+<run-failed-${first.id}@mindhill.local>`));
    // The outcome commits with the job's completion, just after the SMTP server took the mail.
    const sent = await eventually(async () => {
      const { rows } = await db.query(`SELECT payload FROM stored_event WHERE type = 'auth.mail.sent' AND payload->>'kind' = 'run-failed'`);
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(sent[0].payload).toMatchObject({ executionId: first.id, where: 'sent', attempts: 1 });
    expect((await db.query(`SELECT job_key FROM job WHERE job_key LIKE 'mail:run-failed-%'`)).rows).toEqual([
      { job_key: `mail:run-failed-${first.id}` },
    ]);

    const off = await as(admin, 'PATCH', '/settings/enable_email_notifications', { value: false });
    expect(off.status).toBe(200);
    const claimed = await claimedRunEnds();
    const second = await failedRun(workflow.id);
    // Auth has read the second run's end (its inbox claimed it) and queued nothing for it.
    await eventually(async () => expect(await claimedRunEnds()).toBe(claimed + 1), { timeoutMs: 15_000 });
    expect((await db.query(`SELECT 1 FROM job WHERE job_key = $1`, [`mail:run-failed-${second.id}`])).rows).toHaveLength(0);
    expect(notices()).toHaveLength(1);
  });
});
