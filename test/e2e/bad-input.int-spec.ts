import { Client } from 'pg';
import { eventually } from '@mindhill/testing';
import { http } from '../support/http';
import { signToken } from '../support/tokens';
import { startTestPlatform, TestPlatform } from '../support/test-platform';

const PASSWORD = 'correct horse battery staple';

describe('bad input is refused with a coded 4xx and leaves nothing written', () => {
  let platform: TestPlatform;
  let authDb: Client;
  let auditDb: Client;
  const url = (path: string) => `${platform.gatewayUrl}${path}`;

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['auth', 'audit'] });
    authDb = new Client({ connectionString: platform.databases.auth!.url });
    auditDb = new Client({ connectionString: platform.databases.audit!.url });
    await Promise.all([authDb.connect(), auditDb.connect()]);
    expect((await http('POST', url('/api/v1/auth/register'), { body: { email: 'taken@example.com', password: PASSWORD } })).status).toBe(
      201,
    );
    // The registration's verification mail is sent by a job that records its outcome as an event:
    // wait for it, so the counts below hold still.
    await eventually(async () =>
      expect(
        Number(
          (await authDb.query(`SELECT count(*) AS n FROM job WHERE kind = 'send-mail' AND status IN ('pending', 'running')`)).rows[0].n,
        ),
      ).toBe(0),
    );
  });
  afterAll(async () => {
    await Promise.all([authDb?.end(), auditDb?.end()]);
    await platform?.close();
  });

  const counts = async () => {
    const q = async (sql: string) => Number((await authDb.query(sql)).rows[0].n);
    return {
      users: await q('SELECT count(*) AS n FROM users'),
      events: await q('SELECT count(*) AS n FROM stored_event'),
    };
  };

  it.each([
    ['a malformed e-mail', { email: 'not-an-email', password: PASSWORD }, 400, 'AUTH.INVALID_EMAIL'],
    ['a short password', { email: 'new1@example.com', password: 'short' }, 400, 'AUTH.WEAK_PASSWORD'],
    ['a common password', { email: 'new2@example.com', password: 'password1234' }, 400, 'AUTH.WEAK_PASSWORD'],
    ['a duplicate e-mail', { email: 'taken@example.com', password: PASSWORD }, 409, 'AUTH.EMAIL_TAKEN'],
    ['a duplicate e-mail in other case', { email: ' Taken@Example.com ', password: PASSWORD }, 409, 'AUTH.EMAIL_TAKEN'],
    ['an unknown field', { email: 'new3@example.com', password: PASSWORD, role: 'admin' }, 400, 'REQUEST.UNKNOWN_FIELDS'],
    ['a wrong type', { email: 42, password: PASSWORD }, 400, 'REQUEST.VALIDATION_FAILED'],
    ['a missing field', { email: 'new4@example.com' }, 400, 'REQUEST.VALIDATION_FAILED'],
  ])('register with %s → %i %s', async (_what, body, status, code) => {
    const before = await counts();
    const res = await http('POST', url('/api/v1/auth/register'), { body });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toEqual(expect.any(String));
    expect(res.body.correlationId).toEqual(expect.any(String));
    expect(await counts()).toEqual(before);
  });

  it('refuses a body that is not JSON with 400 REQUEST.MALFORMED_BODY', async () => {
    const before = await counts();
    const res = await http('POST', url('/api/v1/auth/register'), { rawBody: '{"email": "x@example.com", ' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('REQUEST.MALFORMED_BODY');
    expect(await counts()).toEqual(before);
  });

  it('refuses a body above the size limit with 413', async () => {
    const res = await http('POST', url('/api/v1/auth/register'), {
      body: { email: 'big@example.com', password: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('REQUEST.BODY_TOO_LARGE');
  });

  it('answers a wrong password and an unknown e-mail alike with 401, and audits both failures', async () => {
    const wrong = await http('POST', url('/api/v1/auth/login'), {
      body: { email: 'taken@example.com', password: 'not the right one at all' },
    });
    const unknown = await http('POST', url('/api/v1/auth/login'), {
      body: { email: 'nobody@example.com', password: 'not the right one at all' },
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.error).toEqual(unknown.body.error);
    expect(wrong.body.error.code).toBe('AUTH.INVALID_CREDENTIALS');

    await eventually(async () => {
      const { rows } = await auditDb.query(
        `SELECT user_email, event_category, severity, response_status, event_details FROM audit_logs WHERE event_type = 'auth.user.login-failed' ORDER BY id`,
      );
      expect(rows.map((r) => [r.user_email, r.event_details.payload.reason])).toEqual([
        ['taken@example.com', 'wrong-password'],
        ['nobody@example.com', 'unknown-email'],
      ]);
      expect(rows.every((r) => r.event_category === 'security' && r.severity === 'medium' && r.response_status === 401)).toBe(true);
      expect(JSON.stringify(rows)).not.toContain('not the right one');
    });
    const { rows } = await authDb.query(`SELECT failed_login_attempts FROM users WHERE email = 'taken@example.com'`);
    expect(rows[0].failed_login_attempts).toBe(1);
  });

  it('refuses unknown fields on login', async () => {
    const res = await http('POST', url('/api/v1/auth/login'), { body: { email: 'taken@example.com', password: PASSWORD, remember: true } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('REQUEST.UNKNOWN_FIELDS');
  });

  it('answers an id that only looks like a UUID with 404, not a database error', async () => {
    const admin = await signToken(platform.tokenKey, { role: 'admin' });
    for (const path of [`/api/v1/users/${'-'.repeat(36)}/unlock`, `/api/v1/auth/sessions/${'f'.repeat(36)}`]) {
      const res = await http(path.endsWith('unlock') ? 'POST' : 'DELETE', url(path), { token: admin });
      expect(res.status).toBe(404);
    }
  });

  it('answers an undeclared route with 404', async () => {
    const res = await http('GET', url('/api/v1/nothing-here'));
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('REQUEST.NOT_FOUND');
  });
});
