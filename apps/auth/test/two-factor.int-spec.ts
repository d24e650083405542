import { Client } from 'pg';
import { http } from '../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { timeStepAt, totpAt } from '../src/users/domain/totp';
import { authTestEnv } from './auth-test-env';

const PASSWORD = 'two factor passphrase 77';

describe('TOTP two-factor sign-in', () => {
  let platform: TestPlatform;
  let db: Client;
  const url = (path: string) => `${platform.gatewayUrl}/api/v1${path}`;
  const login = (email: string) => http('POST', url('/auth/login'), { body: { email, password: PASSWORD } });
  const second = (body: unknown) => http('POST', url('/auth/login/2fa'), { body });
  const now = () => timeStepAt(new Date());

  // Registers, signs in and turns 2FA on; returns the secret, the backup codes and the step spent.
  async function enrolled(email: string) {
    await http('POST', url('/auth/register'), { body: { email, password: PASSWORD } });
    const access = (await login(email)).body.accessToken;
    const setup = await http('POST', url('/auth/2fa/setup'), { token: access });
    expect(setup.status).toBe(200);
    expect(setup.body.otpauthUrl).toContain(`secret=${setup.body.secret}`);
    const step = now();
    const enabled = await http('POST', url('/auth/2fa/enable'), { token: access, body: { code: totpAt(setup.body.secret, step) } });
    expect(enabled.status).toBe(200);
    expect(enabled.body.backupCodes).toHaveLength(10);
    return { access, secret: setup.body.secret as string, backupCodes: enabled.body.backupCodes as string[], step };
  }

  beforeAll(async () => {
    platform = await startTestPlatform({ services: ['auth'], env: authTestEnv({ AUTH_LOCKOUT_THRESHOLD: '3' }) });
    db = new Client({ connectionString: platform.databases.auth!.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  it('enrols with a confirmed code, keeps the secret encrypted and the backup codes hashed', async () => {
    await http('POST', url('/auth/register'), { body: { email: 'wrongcode@example.com', password: PASSWORD } });
    const access = (await login('wrongcode@example.com')).body.accessToken;
    expect((await http('POST', url('/auth/2fa/enable'), { token: access, body: { code: '123456' } })).body.error.code).toBe(
      'AUTH.TWO_FACTOR_NOT_SET_UP',
    );
    const setup = await http('POST', url('/auth/2fa/setup'), { token: access });
    const wrong = String((Number(totpAt(setup.body.secret, now())) + 1) % 1_000_000).padStart(6, '0');
    expect((await http('POST', url('/auth/2fa/enable'), { token: access, body: { code: wrong } })).body.error.code).toBe(
      'AUTH.INVALID_TWO_FACTOR_CODE',
    );

    const { secret, backupCodes } = await enrolled('enrolled@example.com');
    const { rows } = await db.query(
      `SELECT two_factor_enabled, two_factor_secret, backup_codes FROM users WHERE email = 'enrolled@example.com'`,
    );
    expect(rows[0].two_factor_enabled).toBe(true);
    expect(rows[0].two_factor_secret).toMatch(/^v1\./);
    expect(rows[0].two_factor_secret).not.toContain(secret);
    expect(rows[0].backup_codes).toHaveLength(10);
    for (const code of backupCodes) expect(rows[0].backup_codes.join(' ')).not.toContain(code);
  });

  it('asks for the second factor, refuses a replayed code, accepts one step of drift and each backup code once', async () => {
    const { secret, backupCodes, step } = await enrolled('mfa@example.com');
    const first = await login('mfa@example.com');
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ mfaRequired: true, mfaToken: expect.any(String) });
    // The mfa token is no access token.
    expect((await http('GET', url('/auth/sessions'), { token: first.body.mfaToken })).status).toBe(401);

    const replay = await second({ mfaToken: first.body.mfaToken, code: totpAt(secret, step) });
    expect([replay.status, replay.body.error.code]).toEqual([401, 'AUTH.INVALID_TWO_FACTOR_CODE']);
    const drift = await second({ mfaToken: first.body.mfaToken, code: totpAt(secret, step + 1) });
    expect(drift.status).toBe(200);
    expect(drift.body).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String), refreshToken: expect.any(String) });
    expect((await http('GET', url('/auth/sessions'), { token: drift.body.accessToken })).status).toBe(200);
    expect((await second({ mfaToken: first.body.mfaToken, code: totpAt(secret, step + 1) })).status).toBe(401);

    const withBackup = await second({
      mfaToken: (await login('mfa@example.com')).body.mfaToken,
      backupCode: backupCodes[3]!.toUpperCase(),
    });
    expect(withBackup.status).toBe(200);
    const spent = await second({ mfaToken: (await login('mfa@example.com')).body.mfaToken, backupCode: backupCodes[3] });
    expect(spent.status).toBe(401);
    const { rows } = await db.query(
      `SELECT cardinality(backup_codes) AS n, failed_login_attempts FROM users WHERE email = 'mfa@example.com'`,
    );
    expect(rows[0].n).toBe(9);
    expect((await second({ mfaToken: 'not.a.token-at-all-really', code: '123456' })).body.error.code).toBe('AUTH.INVALID_MFA_TOKEN');
    expect((await second({ mfaToken: first.body.mfaToken, code: '123456', backupCode: backupCodes[0] })).status).toBe(400);
  });

  it('counts wrong codes toward the lockout', async () => {
    const { secret } = await enrolled('guesser@example.com');
    const { mfaToken } = (await login('guesser@example.com')).body;
    for (let i = 0; i < 3; i++) expect((await second({ mfaToken, code: '000000' })).status).toBe(401);
    const right = await second({ mfaToken, code: totpAt(secret, now() + 1) });
    expect([right.status, right.body.error.code]).toEqual([401, 'AUTH.INVALID_CREDENTIALS']);
    expect((await login('guesser@example.com')).status).toBe(401);
    const { rows } = await db.query(`SELECT locked_until > now() AS locked FROM users WHERE email = 'guesser@example.com'`);
    expect(rows[0].locked).toBe(true);
  });

  it('disables with the password and a fresh code; login is one step again', async () => {
    const { access, secret, step } = await enrolled('leaver@example.com');
    const disable = (body: unknown) => http('POST', url('/auth/2fa/disable'), { token: access, body });
    expect((await disable({ password: 'wrong password here', code: totpAt(secret, step + 1) })).body.error.code).toBe(
      'AUTH.INVALID_CURRENT_PASSWORD',
    );
    expect((await disable({ password: PASSWORD, code: totpAt(secret, step) })).body.error.code).toBe('AUTH.INVALID_TWO_FACTOR_CODE');
    const off = await disable({ password: PASSWORD, code: totpAt(secret, step + 1) });
    expect(off.status).toBe(200);
    expect((await login('leaver@example.com')).body.accessToken).toEqual(expect.any(String));
    const { rows } = await db.query(
      `SELECT two_factor_enabled, two_factor_secret, backup_codes FROM users WHERE email = 'leaver@example.com'`,
    );
    expect(rows[0]).toEqual({ two_factor_enabled: false, two_factor_secret: null, backup_codes: null });
  });
});
