import { Client } from 'pg';
import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { authTestEnv } from './auth-test-env';
import { MailCatcher } from './mail-catcher';

const PASSWORD = 'queued mail passphrase 1';

// Account mail through auth's job queue, against a real SMTP server on loopback: one mail per
// request with a working link, the outcome as an auth.mail.* event without the token, and a 5xx
// refusal recorded as failed at the first attempt instead of retried.
describe('account mail through the job queue', () => {
  let platform: TestPlatform;
  let db: Client;
  const mail = new MailCatcher();
  const url = (path: string) => `${platform.gatewayUrl}/api/v1${path}`;
  const register = (email: string) => http('POST', url('/auth/register'), { body: { email, password: PASSWORD } });
  const login = (email: string, password = PASSWORD) => http('POST', url('/auth/login'), { body: { email, password } });
  const mailEvents = async (userEmail: string) => {
    const { rows } = await db.query(
      `SELECT e.type AS event_type, e.payload FROM stored_event e JOIN users u ON u.uuid::text = e.payload->>'userId'
        WHERE e.stream_id LIKE 'mail-%' AND u.email = $1 ORDER BY e.position`,
      [userEmail],
    );
    return rows as { event_type: string; payload: Record<string, unknown> }[];
  };

  beforeAll(async () => {
    await mail.start();
    platform = await startTestPlatform({
      services: ['auth'],
      env: authTestEnv({ SMTP_URL: mail.url, PUBLIC_APP_URL: 'https://app.mindhill.test' }),
    });
    db = new Client({ connectionString: platform.databases.auth!.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
    await mail.stop();
  });

  it('queues one reset mail with a working link, answers the same for an unknown address, records it sent', async () => {
    await register('queue-reset@example.com');
    await eventually(() => expect(mail.to('queue-reset@example.com')).toHaveLength(1)); // the verification mail
    const known = await http('POST', url('/auth/password-reset/request'), { body: { email: 'queue-reset@example.com' } });
    const unknown = await http('POST', url('/auth/password-reset/request'), { body: { email: 'no-account@example.com' } });
    expect([known.status, unknown.status]).toEqual([202, 202]);
    expect(known.body).toEqual({ accepted: true, status: 'queued', delivery: 'sent' });
    expect(unknown.body).toEqual(known.body);

    const token = await eventually(() => {
      const t = mail.tokenFor('queue-reset@example.com', 'https://app.mindhill.test/reset-password');
      if (!t) throw new Error('no reset mail yet');
      return t;
    });
    const resetMails = mail.to('queue-reset@example.com').filter((m) => m.text.includes('/reset-password'));
    expect(resetMails).toHaveLength(1);
    expect(mail.recipients).not.toContain('no-account@example.com');

    const events = await eventually(async () => {
      const found = await mailEvents('queue-reset@example.com');
      expect(found.map((e) => [e.event_type, e.payload.kind])).toEqual([
        ['auth.mail.sent', 'email-verification'],
        ['auth.mail.sent', 'password-reset'],
      ]);
      return found;
    });
    const resetMailId = String(events[1]!.payload.mailId);
    expect(events[1]!.payload).toMatchObject({ where: 'sent', attempts: 1, executionId: null });
    // The mail id is the Message-ID, so a re-send after a crash carries the same one.
    expect(resetMails[0]!.raw).toContain(`Message-ID: <${resetMailId}@mindhill.local>`);
    // Neither the job nor any event holds the token in clear.
    const { rows: jobs } = await db.query(`SELECT status, payload::text AS payload FROM job WHERE job_key = $1`, [`mail:${resetMailId}`]);
    expect(jobs).toEqual([{ status: 'done', payload: expect.not.stringContaining(token) }]);
    const { rows: leaks } = await db.query(`SELECT count(*)::int AS n FROM stored_event WHERE payload::text LIKE $1`, [`%${token}%`]);
    expect(leaks[0].n).toBe(0);

    const done = await http('POST', url('/auth/password-reset/confirm'), { body: { token, newPassword: 'a reset passphrase of mine 2' } });
    expect(done.status).toBe(200);
    expect((await login('queue-reset@example.com', 'a reset passphrase of mine 2')).status).toBe(200);
  });

  it('queues the verification mail at registration and on request; the answer says it is queued', async () => {
    await register('queue-verify@example.com');
    await eventually(() => expect(mail.to('queue-verify@example.com')).toHaveLength(1));
    const access = (await login('queue-verify@example.com')).body.accessToken;
    const again = await http('POST', url('/auth/verify-email/request'), { token: access });
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ status: 'queued', delivery: 'sent' });
    await eventually(() => expect(mail.to('queue-verify@example.com')).toHaveLength(2));
    const token = mail.tokenFor('queue-verify@example.com', 'https://app.mindhill.test/verify-email')!;
    const confirmed = await http('POST', url('/auth/verify-email/confirm'), { body: { token } });
    expect(confirmed.body).toMatchObject({ verified: true, email: 'queue-verify@example.com' });
    await eventually(async () =>
      expect((await mailEvents('queue-verify@example.com')).map((e) => e.event_type)).toEqual(['auth.mail.sent', 'auth.mail.sent']),
    );
  });

  it('records a mail the SMTP server refuses (5xx) as failed at the first attempt, without retrying it', async () => {
    mail.refused.add('queue-bounce@example.com');
    await register('queue-bounce@example.com');
    const failed = await eventually(async () => {
      const found = await mailEvents('queue-bounce@example.com');
      expect(found).toHaveLength(1);
      return found[0]!;
    });
    expect(failed.event_type).toBe('auth.mail.failed');
    expect(failed.payload).toMatchObject({ kind: 'email-verification', reason: 'refused', responseCode: 550, attempts: 1 });
    const { rows } = await db.query(`SELECT status, attempts, last_error FROM job WHERE job_key = $1`, [`mail:${failed.payload.mailId}`]);
    expect(rows).toEqual([{ status: 'done', attempts: 1, last_error: null }]);
    // Another request is another mail, refused in its turn; the first is not tried again.
    const access = (await login('queue-bounce@example.com')).body.accessToken;
    await http('POST', url('/auth/verify-email/request'), { token: access });
    await eventually(async () => expect(await mailEvents('queue-bounce@example.com')).toHaveLength(2));
    expect(mail.recipients.filter((r) => r === 'queue-bounce@example.com')).toHaveLength(2);
    expect(mail.to('queue-bounce@example.com')).toHaveLength(0);
  });

  it('tries a mail the SMTP server defers (4xx) again after a backoff, and sends it once', async () => {
    mail.deferOnce.add('queue-later@example.com');
    await register('queue-later@example.com');
    const sent = await eventually(
      async () => {
        const found = await mailEvents('queue-later@example.com');
        expect(found.map((e) => e.event_type)).toEqual(['auth.mail.sent']);
        return found[0]!;
      },
      { timeoutMs: 10_000 },
    );
    expect(sent.payload).toMatchObject({ kind: 'email-verification', attempts: 2 });
    expect(mail.recipients.filter((r) => r === 'queue-later@example.com')).toHaveLength(2);
    expect(mail.to('queue-later@example.com')).toHaveLength(1);
  });
});
