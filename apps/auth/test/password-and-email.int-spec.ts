import { Client } from 'pg';
import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { authTestEnv } from './auth-test-env';
import { MailCatcher } from './mail-catcher';

const PASSWORD = 'first passphrase of mine 1';

describe('password change, password reset and e-mail verification', () => {
  let platform: TestPlatform;
  let db: Client;
  const mail = new MailCatcher();
  const url = (path: string) => `${platform.gatewayUrl}/api/v1${path}`;
  const login = (email: string, password: string) => http('POST', url('/auth/login'), { body: { email, password } });
  const register = (email: string) => http('POST', url('/auth/register'), { body: { email, password: PASSWORD } });
  const tokenFor = (email: string, path: string) =>
    eventually(() => {
      const token = mail.tokenFor(email, path);
      if (!token) throw new Error(`no ${path} mail for ${email}`);
      return token;
    });

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

  it('sends a verification mail at registration whose single-use token verifies the address', async () => {
    expect((await register('verify@example.com')).status).toBe(201);
    const token = await tokenFor('verify@example.com', 'https://app.mindhill.test/verify-email');
    expect(mail.to('verify@example.com')[0]!.raw).toContain('From: Mind Hillmetric');
    const confirmed = await http('POST', url('/auth/verify-email/confirm'), { body: { token } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body).toMatchObject({ verified: true, email: 'verify@example.com' });
    const { rows } = await db.query(`SELECT is_email_verified, email_verified_at FROM users WHERE email = 'verify@example.com'`);
    expect(rows[0].is_email_verified).toBe(true);
    expect(rows[0].email_verified_at).toBeInstanceOf(Date);
    const again = await http('POST', url('/auth/verify-email/confirm'), { body: { token } });
    expect([again.status, again.body.error.code]).toEqual([400, 'AUTH.INVALID_TOKEN']);
    const access = (await login('verify@example.com', PASSWORD)).body.accessToken;
    expect((await http('POST', url('/auth/verify-email/request'), { token: access })).body.error.code).toBe('AUTH.EMAIL_ALREADY_VERIFIED');
  });

  it('re-sends verification to a signed-in user; only the newest unexpired link is needed', async () => {
    await register('resend@example.com');
    await tokenFor('resend@example.com', '/verify-email');
    const access = (await login('resend@example.com', PASSWORD)).body.accessToken;
    expect((await http('POST', url('/auth/verify-email/request'))).status).toBe(401);
    expect((await http('POST', url('/auth/verify-email/request'), { token: access })).status).toBe(202);
    await eventually(() => expect(mail.to('resend@example.com')).toHaveLength(2));
    const token = mail.tokenFor('resend@example.com', '/verify-email')!;
    expect((await http('POST', url('/auth/verify-email/confirm'), { body: { token } })).status).toBe(200);
    expect((await http('POST', url('/auth/verify-email/confirm'), { body: { token: 'A'.repeat(43) } })).body.error.code).toBe(
      'AUTH.INVALID_TOKEN',
    );
  });

  it('changes the password: checks the current one and the policy, keeps this session, ends the others', async () => {
    await register('changer@example.com');
    const here = (await login('changer@example.com', PASSWORD)).body;
    const elsewhere = (await login('changer@example.com', PASSWORD)).body;
    const change = (body: unknown, token = here.accessToken) => http('POST', url('/auth/password/change'), { token, body });

    expect((await change({ currentPassword: 'not it at all 99', newPassword: 'a brand new passphrase 2' })).body.error.code).toBe(
      'AUTH.INVALID_CURRENT_PASSWORD',
    );
    // A wrong current password counts toward the lockout like a failed login.
    expect(
      (await db.query(`SELECT failed_login_attempts FROM users WHERE email = 'changer@example.com'`)).rows[0].failed_login_attempts,
    ).toBe(1);
    expect((await change({ currentPassword: PASSWORD, newPassword: 'short' })).body.error.code).toBe('AUTH.WEAK_PASSWORD');
    expect((await change({ currentPassword: PASSWORD, newPassword: PASSWORD })).body.error.code).toBe('AUTH.PASSWORD_UNCHANGED');
    expect((await change({ currentPassword: PASSWORD, newPassword: 'a brand new passphrase 2', extra: 1 })).body.error.code).toBe(
      'REQUEST.UNKNOWN_FIELDS',
    );
    const changed = await change({ currentPassword: PASSWORD, newPassword: 'a brand new passphrase 2' });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({ changed: true, otherSessionsRevoked: 1 });

    expect((await http('POST', url('/auth/refresh'), { body: { refreshToken: elsewhere.refreshToken } })).body.error.code).toBe(
      'AUTH.SESSION_REVOKED',
    );
    expect((await http('POST', url('/auth/refresh'), { body: { refreshToken: here.refreshToken } })).status).toBe(200);
    expect((await login('changer@example.com', PASSWORD)).status).toBe(401);
    expect((await login('changer@example.com', 'a brand new passphrase 2')).status).toBe(200);
    const { rows } = await db.query(`SELECT password_changed_at > created_at AS moved FROM users WHERE email = 'changer@example.com'`);
    expect(rows[0].moved).toBe(true);
  });

  it('resets a forgotten password with a single-use mailed token and never says whether an address exists', async () => {
    await register('forgetful@example.com');
    const session = (await login('forgetful@example.com', PASSWORD)).body;
    const before = mail.messages.length;
    const unknown = await http('POST', url('/auth/password-reset/request'), { body: { email: 'nobody-here@example.com' } });
    const known = await http('POST', url('/auth/password-reset/request'), { body: { email: 'Forgetful@Example.com' } });
    expect([unknown.status, known.status]).toEqual([202, 202]);
    expect(unknown.body).toEqual(known.body);
    const token = await tokenFor('forgetful@example.com', '/reset-password');
    expect(mail.messages.slice(before).flatMap((m) => m.to)).not.toContain('nobody-here@example.com');

    const confirm = (body: unknown) => http('POST', url('/auth/password-reset/confirm'), { body });
    expect((await confirm({ token, newPassword: 'short' })).body.error.code).toBe('AUTH.WEAK_PASSWORD');
    const done = await confirm({ token, newPassword: 'the remembered passphrase 3' });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ reset: true, sessionsRevoked: 1 });
    const reused = await confirm({ token, newPassword: 'yet another passphrase 4' });
    expect([reused.status, reused.body.error.code]).toEqual([400, 'AUTH.INVALID_TOKEN']);
    expect((await http('POST', url('/auth/refresh'), { body: { refreshToken: session.refreshToken } })).body.error.code).toBe(
      'AUTH.SESSION_REVOKED',
    );
    expect((await login('forgetful@example.com', PASSWORD)).status).toBe(401);
    expect((await login('forgetful@example.com', 'the remembered passphrase 3')).status).toBe(200);
  });

  it('refuses an expired reset token', async () => {
    await register('late@example.com');
    await http('POST', url('/auth/password-reset/request'), { body: { email: 'late@example.com' } });
    const token = await tokenFor('late@example.com', '/reset-password');
    // Travel past the expiry (AUTH_RESET_TOKEN_MINUTES, 30 by default) by moving it back.
    await db.query(
      `UPDATE user_tokens SET expires_at = now() - interval '1 second' WHERE purpose = 'password-reset' AND consumed_at IS NULL`,
    );
    const late = await http('POST', url('/auth/password-reset/confirm'), { body: { token, newPassword: 'too late a passphrase 5' } });
    expect([late.status, late.body.error.code]).toEqual([400, 'AUTH.TOKEN_EXPIRED']);
  });
});
