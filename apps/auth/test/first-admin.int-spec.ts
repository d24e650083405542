import { Client } from 'pg';
import { HEADER } from '@mindhill/platform';
import { http } from '../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { authTestEnv } from './auth-test-env';

describe('first admin without configuration', () => {
  let platform: TestPlatform;
  let printed = '';
  const url = (path: string) => `${platform.gatewayUrl}/api/v1${path}`;

  beforeAll(async () => {
    const write = process.stdout.write.bind(process.stdout);
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: any, ...rest: any[]) => {
      printed += String(chunk);
      return write(chunk, ...rest);
    });
    try {
      platform = await startTestPlatform({ services: ['auth'], env: authTestEnv() });
    } finally {
      spy.mockRestore();
    }
  });
  afterAll(() => platform?.close());

  it('creates admin@mindhill.local with a one-time password printed once, which must be changed before any access token', async () => {
    const password = /one-time password:\s+(\S+)/.exec(printed)?.[1];
    expect(password).toEqual(expect.any(String));
    expect(printed.match(/one-time password/g)).toHaveLength(1);

    const first = await http('POST', url('/auth/login'), { body: { email: 'admin@mindhill.local', password } });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ passwordChangeRequired: true, changeToken: expect.any(String) });
    expect(first.body.accessToken).toBeUndefined();
    // The change token opens nothing at the gateway.
    expect((await http('GET', url('/users'), { token: first.body.changeToken })).status).toBe(401);

    // The gateway declares password/change for signed-in users only, so the change-token form
    // is called on the auth service's internal API here (see the README: the route needs to
    // become public at the gateway for this step).
    const internal = (body: unknown) =>
      http('POST', `${platform.urls.auth}/api/v1/auth/password/change`, {
        body,
        headers: { [HEADER.internalToken]: platform.env.INTERNAL_API_TOKEN! },
      });
    expect((await internal({ currentPassword: password, newPassword: 'short' })).status).toBe(401);
    expect(
      (
        await internal({
          changeToken: 'forged.change.token-xxxxxxxxxxxx',
          currentPassword: password,
          newPassword: 'a chosen keeper passphrase 1',
        })
      ).body.error.code,
    ).toBe('AUTH.INVALID_CHANGE_TOKEN');
    const changed = await internal({
      changeToken: first.body.changeToken,
      currentPassword: password,
      newPassword: 'a chosen keeper passphrase 1',
    });
    expect(changed.status).toBe(200);

    expect((await http('POST', url('/auth/login'), { body: { email: 'admin@mindhill.local', password } })).status).toBe(401);
    const signedIn = await http('POST', url('/auth/login'), {
      body: { email: 'admin@mindhill.local', password: 'a chosen keeper passphrase 1' },
    });
    expect(signedIn.body.user).toMatchObject({ role: 'admin' });
    expect((await http('GET', url('/users'), { token: signedIn.body.accessToken })).status).toBe(200);

    const db = new Client({ connectionString: platform.databases.auth!.url });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT payload::text AS p FROM stored_event UNION ALL SELECT message::text FROM outbox`);
      for (const row of rows) expect(row.p).not.toContain(password);
      expect(
        (await db.query(`SELECT must_change_password FROM users WHERE email = 'admin@mindhill.local'`)).rows[0].must_change_password,
      ).toBe(false);
    } finally {
      await db.end();
    }
  });
});
