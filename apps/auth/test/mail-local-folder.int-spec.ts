import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { Client } from 'pg';
import { eventually, testEnv } from '@mindhill/testing';
import { http } from '../../../test/support/http';
import { startTestPlatform, TestPlatform } from '../../../test/support/test-platform';
import { authTestEnv } from './auth-test-env';

const PASSWORD = 'a passphrase for the eml files 1';

// Without SMTP_URL every mail is one .eml file in MAIL_LOCAL_DIR, named by its mail id, and the
// answers say so: never "sent".
describe('account mail without an SMTP server', () => {
  let platform: TestPlatform;
  let db: Client;
  const mailDir = testEnv().MAIL_LOCAL_DIR!;
  const url = (p: string) => `${platform.gatewayUrl}/api/v1${p}`;
  const login = (email: string, password = PASSWORD) => http('POST', url('/auth/login'), { body: { email, password } });
  // The newest .eml to this address with a link to this path, and the link's token.
  const mailFor = async (address: string, linkPath: string) => {
    const found: { name: string; token: string; at: number }[] = [];
    for (const name of await readdir(mailDir)) {
      if (!name.endsWith('.eml')) continue;
      const file = path.join(mailDir, name);
      const raw = (await readFile(file, 'utf8')).replace(/=\r?\n/g, '').replace(/=3D/g, '=');
      const token = new RegExp(`${linkPath}\\?token=([A-Za-z0-9_-]{20,})`).exec(raw)?.[1];
      if (raw.includes(`To: ${address}`) && token) found.push({ name, token, at: (await stat(file)).mtimeMs });
    }
    const newest = found.sort((a, b) => b.at - a.at)[0];
    if (!newest) throw new Error(`no ${linkPath} mail for ${address} in ${mailDir}`);
    return newest;
  };

  beforeAll(async () => {
    platform = await startTestPlatform({
      services: ['auth'],
      env: authTestEnv({ MAIL_LOCAL_DIR: mailDir, PUBLIC_APP_URL: 'https://app.mindhill.test' }),
    });
    db = new Client({ connectionString: platform.databases.auth!.url });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await platform?.close();
  });

  it('writes the reset mail to the local folder, says so, and its link resets the password', async () => {
    expect((await http('POST', url('/auth/register'), { body: { email: 'folder@example.com', password: PASSWORD } })).status).toBe(201);
    const answer = await http('POST', url('/auth/password-reset/request'), { body: { email: 'folder@example.com' } });
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ accepted: true, status: 'queued', delivery: 'written to the local mail folder' });
    const unknown = await http('POST', url('/auth/password-reset/request'), { body: { email: 'nobody@example.com' } });
    expect(unknown.body).toEqual(answer.body);

    const reset = await eventually(() => mailFor('folder@example.com', 'https://app.mindhill.test/reset-password'));
    const { rows } = await db.query(
      `SELECT payload FROM stored_event WHERE type = 'auth.mail.sent' AND payload->>'kind' = 'password-reset'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].payload).toMatchObject({ where: 'written to the local mail folder', attempts: 1 });
    expect(reset.name).toBe(`${rows[0].payload.mailId}.eml`);

    const done = await http('POST', url('/auth/password-reset/confirm'), {
      body: { token: reset.token, newPassword: 'another quite long phrase 2' },
    });
    expect(done.status).toBe(200);
    expect((await login('folder@example.com', 'another quite long phrase 2')).status).toBe(200);
  });

  it('answers a verification request with "written to the local mail folder", and the mailed link verifies', async () => {
    await http('POST', url('/auth/register'), { body: { email: 'folder-verify@example.com', password: PASSWORD } });
    const access = (await login('folder-verify@example.com')).body.accessToken;
    const answer = await http('POST', url('/auth/verify-email/request'), { token: access });
    expect([answer.status, answer.body]).toEqual([202, { status: 'queued', delivery: 'written to the local mail folder' }]);
    await eventually(async () => {
      const files = (await readdir(mailDir)).filter((n) => n.endsWith('.eml'));
      const mine = await Promise.all(files.map((n) => readFile(path.join(mailDir, n), 'utf8')));
      expect(mine.filter((raw) => raw.includes('To: folder-verify@example.com'))).toHaveLength(2);
    });
    const { token } = await mailFor('folder-verify@example.com', 'https://app.mindhill.test/verify-email');
    const confirmed = await http('POST', url('/auth/verify-email/confirm'), { body: { token } });
    expect(confirmed.body).toMatchObject({ verified: true, email: 'folder-verify@example.com' });
  });
});
