import { Writable } from 'node:stream';
import { Client } from 'pg';
import { initLogger } from '@mindhill/platform';
import { eventually } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { timeStepAt, totpAt } from '../src/users/domain/totp';
import { authTestEnv } from './auth-test-env';
import { MailCatcher } from './mail-catcher';

// Drives every flow that handles a secret, then searches everything the platform keeps or
// writes (stored events, outbox, audit rows, log lines) for each secret used: none may appear.
describe('secrets never stored or logged in clear', () => {
  let platform: TestPlatform;
  const mail = new MailCatcher();
  const logs: string[] = [];
  const secrets = new Map<string, string>();
  const keep = (what: string, value: string | undefined | null) => {
    expect(value).toEqual(expect.any(String));
    secrets.set(value!, what);
    return value!;
  };
  const url = (path: string) => `${platform.gatewayUrl}/api/v1${path}`;
  const post = (path: string, body?: unknown, token?: string) => http('POST', url(path), { body, token });
  const tokenFor = (email: string, path: string) =>
    eventually(() => {
      const token = mail.tokenFor(email, path);
      if (!token) throw new Error(`no ${path} mail`);
      return token;
    });

  beforeAll(async () => {
    await mail.start();
    platform = await startTestPlatform({ services: ['auth', 'audit'], env: authTestEnv({ SMTP_URL: mail.url }) });
    // Every logger in this process writes through the root logger: capture it all, most verbose.
    initLogger('secret-scan', 'trace', new Writable({ write: (chunk, _enc, done) => (logs.push(String(chunk)), done()) }));
  });
  afterAll(async () => {
    await platform?.close();
    await mail.stop();
  });

  it('keeps passwords, tokens, TOTP secrets and backup codes out of events, outbox, audit log and logs', async () => {
    const email = 'secretive@example.com';
    const password = keep('password', 'my very secret passphrase 1');
    expect((await post('/auth/register', { email, password })).status).toBe(201);
    keep('verification token', await tokenFor(email, '/verify-email'));
    expect((await post('/auth/verify-email/confirm', { token: mail.tokenFor(email, '/verify-email') })).status).toBe(200);

    const session = (await post('/auth/login', { email, password })).body;
    keep('access token', session.accessToken);
    keep('refresh token', session.refreshToken);
    const refreshed = (await post('/auth/refresh', { refreshToken: session.refreshToken })).body;
    keep('refreshed access token', refreshed.accessToken);
    keep('rotated refresh token', refreshed.refreshToken);

    const setup = (await post('/auth/2fa/setup', undefined, refreshed.accessToken)).body;
    const secret = keep('TOTP secret', setup.secret);
    const step = timeStepAt(new Date());
    const enabled = (await post('/auth/2fa/enable', { code: totpAt(secret, step) }, refreshed.accessToken)).body;
    expect(enabled.backupCodes).toHaveLength(10);
    enabled.backupCodes.forEach((c: string) => {
      keep('backup code', c);
      keep('backup code without dash', c.replace('-', ''));
    });

    const mfa = (await post('/auth/login', { email, password })).body;
    keep('mfa token', mfa.mfaToken);
    const viaTotp = await post('/auth/login/2fa', { mfaToken: mfa.mfaToken, code: totpAt(secret, step + 1) });
    expect(viaTotp.status).toBe(200);
    keep('access token after 2fa', viaTotp.body.accessToken);
    keep('refresh token after 2fa', viaTotp.body.refreshToken);
    const mfa2 = (await post('/auth/login', { email, password })).body;
    keep('second mfa token', mfa2.mfaToken);
    const viaBackup = await post('/auth/login/2fa', { mfaToken: mfa2.mfaToken, backupCode: enabled.backupCodes[0] });
    expect(viaBackup.status).toBe(200);
    keep('access token after backup code', viaBackup.body.accessToken);
    await post('/auth/login/2fa', { mfaToken: mfa2.mfaToken, backupCode: enabled.backupCodes[1].replace(/./, 'x') });

    expect((await post('/auth/password-reset/request', { email })).status).toBe(202);
    const resetToken = keep('reset token', await tokenFor(email, '/reset-password'));
    const resetPassword = keep('password after reset', 'a reset secret passphrase 2');
    expect((await post('/auth/password-reset/confirm', { token: resetToken, newPassword: resetPassword })).status).toBe(200);
    await post('/auth/password-reset/confirm', { token: resetToken, newPassword: 'a reused token passphrase 9' });
    keep('password tried with a spent token', 'a reused token passphrase 9');

    const mfa3 = (await post('/auth/login', { email, password: resetPassword })).body;
    const afterReset = (await post('/auth/login/2fa', { mfaToken: mfa3.mfaToken, backupCode: enabled.backupCodes[2] })).body;
    keep('access token after reset', afterReset.accessToken);
    const changedPassword = keep('changed password', 'a changed secret passphrase 3');
    expect(
      (await post('/auth/password/change', { currentPassword: resetPassword, newPassword: changedPassword }, afterReset.accessToken))
        .status,
    ).toBe(200);
    keep('wrong password tried', 'a wrong secret passphrase 4');
    await post('/auth/login', { email, password: 'a wrong secret passphrase 4' });
    await post('/auth/login', { email: 'nobody@example.com', password: 'a wrong secret passphrase 4' });
    const last = (await post('/auth/login', { email, password: changedPassword })).body;
    keep('last mfa token', last.mfaToken);

    const auth = new Client({ connectionString: platform.databases.auth!.url });
    const audit = new Client({ connectionString: platform.databases.audit!.url });
    await auth.connect();
    await audit.connect();
    try {
      const events = (
        await auth.query(`SELECT event_id::text AS id, payload::text AS payload, metadata::text AS metadata FROM stored_event`)
      ).rows;
      await eventually(
        async () => {
          const ids = new Set((await audit.query('SELECT uuid::text AS id FROM audit_logs')).rows.map((r) => r.id));
          expect(events.filter((e) => !ids.has(e.id))).toEqual([]);
        },
        { timeoutMs: 20_000 },
      );
      const places: [string, string][] = [
        ...events.map((e): [string, string] => [`stored_event ${e.id}`, `${e.payload} ${e.metadata}`]),
        ...(await auth.query('SELECT id, message::text AS m FROM outbox')).rows.map((r): [string, string] => [`outbox ${r.id}`, r.m]),
        ...(await audit.query('SELECT uuid, row_to_json(a)::text AS r FROM audit_logs a')).rows.map((r): [string, string] => [
          `audit_logs ${r.uuid}`,
          r.r,
        ]),
        ...(await auth.query('SELECT row_to_json(u)::text AS r FROM users u')).rows.map((r): [string, string] => ['users row', r.r]),
        ...logs.map((line, i): [string, string] => [`log line ${i}`, line]),
      ];
      expect(logs.length).toBeGreaterThan(20);
      // Controls: the search does see what is meant to be there.
      expect(places.some(([where, text]) => where.startsWith('audit_logs') && text.includes(email))).toBe(true);
      expect(logs.some((line) => line.includes('Mail sent') && line.includes('password-reset'))).toBe(true);
      expect(logs.some((line) => line.includes('/api/v1/auth/password-reset/confirm'))).toBe(true);
      expect(places.length).toBeGreaterThan(100);
      const leaks: string[] = [];
      for (const [value, what] of secrets) {
        for (const [where, text] of places) if (text.includes(value)) leaks.push(`${what} in ${where}`);
      }
      expect(leaks).toEqual([]);
    } finally {
      await auth.end();
      await audit.end();
    }
  });
});
