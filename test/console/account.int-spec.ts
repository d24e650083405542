import { Browser, Page } from 'playwright-core';
import { eventually } from '@mindhill/testing';
import { authTestEnv } from '../../apps/auth/test/auth-test-env';
import { timeStepAt, totpAt } from '../../apps/auth/src/users/domain/totp';
import { buildConsole } from '../support/console-build';
import { http } from '../support/http';
import { startTestPlatform, TestPlatform } from '../support/test-platform';
import { launchChromium, seriousViolations, unexpected, watchedPage, WatchedPage, openFittingPhone } from './browser';

const ADMIN = { email: 'chief@mindhill.test', password: 'the head operator passphrase 9' };
const ADA = { email: 'ada@example.com', password: 'account pages passphrase 1' };
const BOB = { email: 'bob@example.com', password: 'account pages passphrase 2' };
const CAROL = { email: 'carol@example.com', password: 'account pages passphrase 4' };
const STORED = 'mindhill.session';

// The account pages of issue 14 in Chromium against auth behind a real gateway: a session that
// outlives its access token (60 s here), sessions listed and revoked, two-factor set up from a
// QR code, an admin changing a role and deactivating an account, settings with a refusal. Every
// page is checked with axe, and the browser's console stays empty but for the errors provoked.
describe('the console account pages in Chromium', () => {
  let platform: TestPlatform;
  let browser: Browser;
  let ada: WatchedPage;
  let admin: WatchedPage;
  const url = (p: string) => `${platform.gatewayUrl}${p}`;

  beforeAll(async () => {
    buildConsole();
    platform = await startTestPlatform({
      services: ['auth'],
      env: authTestEnv({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, JWT_TTL_SECONDS: '60' }),
    });
    for (const user of [ADA, BOB, CAROL]) expect((await http('POST', url('/api/v1/auth/register'), { body: user })).status).toBe(201);
    browser = await launchChromium();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  async function accessible(p: Page) {
    expect(await seriousViolations(p)).toEqual([]);
  }

  async function signIn(p: Page, user: { email: string; password: string }, next = '/account') {
    await p.goto(url(`/sign-in?next=${encodeURIComponent(next)}`));
    await p.getByLabel('E-mail').fill(user.email);
    await p.getByLabel('Password').fill(user.password);
    await p.getByRole('button', { name: 'Sign in' }).click();
  }

  const storedToken = (p: Page) =>
    p.evaluate((key) => (JSON.parse(sessionStorage.getItem(key) ?? 'null') as { accessToken: string } | null)?.accessToken ?? null, STORED);
  const sessionIdOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sid: string }).sid;

  it('keeps the user signed in past the access token’s expiry: refreshed before it, and once for all requests refused after it', async () => {
    ada = await watchedPage(browser);
    const p = ada.page;
    await signIn(p, ADA);
    await p.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
    await p.getByText(`${ADA.email} · user`).waitFor();
    await accessible(p);
    const first = (await storedToken(p))!;

    // The console trades its tokens shortly before the 60 s run out, with nothing on the page.
    await p.waitForFunction(
      ([key, token]) => (JSON.parse(sessionStorage.getItem(key!) ?? 'null') as { accessToken?: string } | null)?.accessToken !== token,
      [STORED, first],
      { timeout: 90_000, polling: 500 },
    );
    // The first token has run out now (the gateway refuses it) ...
    await eventually(async () => expect((await http('GET', url('/api/v1/auth/me'), { token: first })).status).toBe(401), {
      timeoutMs: 30_000,
      intervalMs: 1000,
    });
    // ... and the page goes on working without a new sign-in.
    await p.getByRole('link', { name: 'Account' }).click();
    await p.reload();
    await p.getByText(`${ADA.email} · user`).waitFor();
    expect(p.url()).toBe(url('/account'));

    // A tab that slept past the expiry holds the expired token: its requests (the profile, the
    // sessions, the public settings, side by side) are refused, share one refresh, and are retried.
    const refreshes: string[] = [];
    p.on('request', (r) => void (new URL(r.url()).pathname === '/api/v1/auth/refresh' && refreshes.push(r.method())));
    // The refresh is held until two requests were refused, so both wait on the same one.
    let refused = 0;
    let bothRefused: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (bothRefused = resolve));
    p.on('response', (r) => void (r.status() === 401 && ++refused >= 2 && bothRefused()));
    await p.route('**/api/v1/auth/refresh', async (route) => {
      await held;
      await route.continue();
    });
    await p.evaluate(
      ([key, token]) => {
        const stored = JSON.parse(sessionStorage.getItem(key!)!) as { accessToken: string };
        sessionStorage.setItem(key!, JSON.stringify({ ...stored, accessToken: token }));
      },
      [STORED, first],
    );
    await p.reload();
    await p.getByText(`${ADA.email} · user`).waitFor();
    await p.getByRole('cell', { name: /this session/ }).waitFor();
    expect(refreshes).toEqual(['POST']);
    await p.unroute('**/api/v1/auth/refresh');
    expect(await storedToken(p)).not.toBe(first);
    expect(ada.problems.filter((m) => m.startsWith('HTTP 401')).length).toBeGreaterThanOrEqual(2);
    expect(unexpected(ada.problems, [401])).toEqual([]);
  }, 180_000);

  it('lists the sessions with this one marked, and signs out another, which is refused at its next request', async () => {
    const other = await watchedPage(browser);
    const third = await watchedPage(browser);
    for (const w of [other, third]) {
      await signIn(w.page, ADA);
      await w.page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
    }
    const otherToken = (await storedToken(other.page))!;
    const p = ada.page;
    await p.reload();
    const rows = p.locator('tbody tr[data-session-id]');
    await eventually(async () => expect(await rows.count()).toBe(3));
    const current = p.locator('tbody tr[aria-current="true"]');
    expect(await current.count()).toBe(1);
    expect(await current.innerText()).toContain('(this session)');
    expect(await current.getByRole('button').count()).toBe(0);
    await accessible(p);

    await p
      .locator(`tr[data-session-id="${sessionIdOf(otherToken)}"]`)
      .getByRole('button', { name: /^Sign out/ })
      .click();
    await p.getByRole('status').filter({ hasText: 'Signed out' }).waitFor();
    await eventually(async () => expect(await rows.count()).toBe(2));
    // The gateway learns of the revocation (an event); from then on the token is refused ...
    await eventually(async () => expect((await http('GET', url('/api/v1/auth/me'), { token: otherToken })).status).toBe(401));
    // ... and so is the refresh: the revoked tab lands on the sign-in page at its next request.
    await other.page.reload();
    await other.page.waitForURL(/\/sign-in\?next=%2Faccount$/);
    await other.page.getByRole('alert').filter({ hasText: 'Your session ended' }).waitFor();
    // The third one is untouched until "all other sessions" ends it too, and this one stays.
    await third.page.reload();
    await third.page.getByText(`${ADA.email} · user`).waitFor();
    await p.getByRole('button', { name: 'Sign out all other sessions' }).click();
    await p.getByRole('group', { name: 'Sign out 1 other session?' }).getByRole('button', { name: 'Sign them out' }).click();
    await p.getByRole('status').filter({ hasText: 'Signed out 1 other session.' }).waitFor();
    await eventually(async () => expect(await rows.count()).toBe(1));
    await p.reload();
    await p.getByRole('cell', { name: /this session/ }).waitFor();
    expect(unexpected(other.problems, [401])).toEqual([]);
    expect(unexpected(third.problems)).toEqual([]);
    expect(unexpected(ada.problems, [401])).toEqual([]);
    await other.page.context().close();
    await third.page.context().close();
  });

  it('sets up two-factor sign-in from a QR code, shows the backup codes once, and asks a fresh sign-in for the code', async () => {
    const p = ada.page;
    await p.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    const qr = p.getByRole('img', { name: /QR code/ });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    // Drawn, not blocked: the CSP's img-src allows data: images.
    await p.waitForFunction("document.querySelector('img.qr-code')?.naturalWidth > 0");
    const secret = await p.locator('code.secret').innerText();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await accessible(p);

    const code = p.getByLabel('Code from your authenticator app');
    await code.fill('000000');
    await p.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    await p.getByText(/^AUTH\.INVALID_TWO_FACTOR_CODE/).waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    const step = timeStepAt(new Date());
    await code.fill(totpAt(secret, step));
    await p.getByRole('button', { name: 'Turn on two-factor sign-in' }).click();
    const codes = p.getByRole('list', { name: 'Backup codes' }).getByRole('listitem');
    await codes.first().waitFor();
    expect(await codes.count()).toBeGreaterThanOrEqual(8);
    await accessible(p);
    await p.getByRole('button', { name: 'I have saved them' }).click();
    await p.getByText('Two-factor sign-in is on.', { exact: true }).waitFor();
    expect(await p.getByRole('list', { name: 'Backup codes' }).count()).toBe(0);

    const fresh = await watchedPage(browser);
    await signIn(fresh.page, ADA);
    await fresh.page.getByText('Two-factor sign-in is on for this account.').waitFor();
    await fresh.page.getByLabel('Code from your authenticator app').fill(totpAt(secret, step + 1));
    await fresh.page.getByRole('button', { name: 'Verify' }).click();
    await fresh.page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();

    // Turned off with the password and a code of a step not used yet (a used step is refused):
    // the next step after the one the sign-in took is accepted once the clock is one step on.
    await eventually(() => expect(timeStepAt(new Date())).toBeGreaterThan(step), { timeoutMs: 40_000, intervalMs: 500 });
    await fresh.page.getByText('Two-factor sign-in is on.', { exact: true }).waitFor();
    await fresh.page.getByRole('textbox', { name: 'Password', exact: true }).fill(ADA.password);
    await fresh.page.getByLabel('Current code').fill(totpAt(secret, timeStepAt(new Date()) + 1));
    await fresh.page.getByRole('button', { name: 'Turn off two-factor sign-in' }).click();
    await fresh.page.getByText('Two-factor sign-in is off: a password alone signs in.').waitFor();
    expect((await http('POST', url('/api/v1/auth/login'), { body: ADA })).body.accessToken).toEqual(expect.any(String));
    expect(unexpected(fresh.problems)).toEqual([]);
    expect(unexpected(ada.problems, [400, 401])).toEqual([]);
    await fresh.page.context().close();
  });

  it('saves the profile, and changes the password with a wrong current one refused at its field', async () => {
    const carol = await watchedPage(browser);
    const p = carol.page;
    await signIn(p, CAROL);
    await p.getByText(`${CAROL.email} · user`).waitFor();
    await p.getByLabel('Display name').fill('Carol L.');
    await p.getByLabel('First name').fill('Carol');
    await p.getByRole('button', { name: 'Save profile' }).click();
    await p.getByRole('status').filter({ hasText: 'Profile saved.' }).waitFor();
    const me = await http('GET', url('/api/v1/auth/me'), { token: (await storedToken(p))! });
    expect([me.body.displayName, me.body.firstName, me.body.lastName]).toEqual(['Carol L.', 'Carol', null]);

    const current = p.getByLabel('Current password');
    await current.fill('not my password at all');
    await p.getByLabel('New password', { exact: true }).fill('account pages passphrase 3');
    await p.getByLabel('New password again').fill('account pages passphrase 3');
    await p.getByRole('button', { name: 'Change password' }).click();
    await p.getByText(/^AUTH\.INVALID_CURRENT_PASSWORD/).waitFor();
    expect(await current.getAttribute('aria-invalid')).toBe('true');
    await accessible(p);
    await current.fill(CAROL.password);
    await p.getByRole('button', { name: 'Change password' }).click();
    await p
      .getByRole('status')
      .filter({ hasText: /^Password changed; \d+ other sessions? signed out\.$/ })
      .waitFor();
    // This session goes on; the new password signs in.
    await p.reload();
    await p.getByText(`${CAROL.email} · user`).waitFor();
    const login = await http('POST', url('/api/v1/auth/login'), { body: { ...CAROL, password: 'account pages passphrase 3' } });
    expect(login.status).toBe(200);
    expect(unexpected(carol.problems, [400])).toEqual([]);
    await p.context().close();
  });

  it('lets an admin change a role and deactivate an account, after confirming; never their own', async () => {
    // Bob is signed in meanwhile: his tab follows the new role, then ends with the account.
    const bobTab = await watchedPage(browser);
    await signIn(bobTab.page, BOB);
    await bobTab.page.getByText(`${BOB.email} · user`).waitFor();
    const bobToken = (await storedToken(bobTab.page))!;
    admin = await watchedPage(browser);
    const p = admin.page;
    await signIn(p, ADMIN, '/admin/users');
    await p.getByRole('heading', { name: 'Users', level: 1 }).waitFor();
    await p.getByRole('cell', { name: BOB.email, exact: true }).waitFor();
    expect(await p.getByLabel(`Role of ${ADMIN.email}`).count()).toBe(0);
    await accessible(p);
    const bob = p.getByRole('row').filter({ has: p.getByRole('cell', { name: BOB.email, exact: true }) });

    await p.getByLabel(`Role of ${BOB.email}`).selectOption('viewer');
    const confirm = p.getByRole('group', { name: `Confirm the role of ${BOB.email}` });
    await confirm.getByText(`Make ${BOB.email} a viewer?`).waitFor();
    await accessible(p);
    await confirm.getByRole('button', { name: 'Change role' }).click();
    await bob.getByRole('cell', { name: 'viewer', exact: true }).waitFor();
    const listed = await http('GET', url('/api/v1/users?limit=100'), { token: (await storedToken(p))! });
    expect(listed.body.items.find((u: { email: string }) => u.email === BOB.email).role).toBe('viewer');
    // His token is stale once the gateway knows of the change; the console refreshes it (the new
    // one says viewer) and the page goes on.
    await eventually(async () => expect((await http('GET', url('/api/v1/auth/me'), { token: bobToken })).status).toBe(401));
    await bobTab.page.reload();
    await bobTab.page.getByText(`${BOB.email} · viewer`).waitFor();
    expect(bobTab.page.url()).toBe(url('/account'));
    expect(
      await bobTab.page.evaluate((key) => (JSON.parse(sessionStorage.getItem(key)!) as { user: { role: string } }).user.role, STORED),
    ).toBe('viewer');

    await bob.getByRole('button', { name: 'Deactivate' }).click();
    await bob.getByRole('button', { name: `Deactivate ${BOB.email}` }).click();
    await bob.getByRole('cell', { name: /^deactivated/ }).waitFor();
    await eventually(async () =>
      expect((await http('GET', url('/api/v1/auth/me'), { token: (await storedToken(bobTab.page))! })).status).toBe(401),
    );
    await bobTab.page.reload();
    await bobTab.page.waitForURL(/\/sign-in\?next=%2Faccount$/);
    expect(unexpected(bobTab.problems, [401])).toEqual([]);
    await bobTab.page.context().close();

    const gone = await watchedPage(browser);
    await signIn(gone.page, BOB);
    await gone.page.getByRole('alert').filter({ hasText: 'AUTH.INVALID_CREDENTIALS' }).waitFor();
    expect(gone.page.url()).toMatch(/\/sign-in/);
    expect(unexpected(gone.problems, [401])).toEqual([]);
    await gone.page.context().close();
    expect(unexpected(admin.problems)).toEqual([]);
  });

  it('changes settings by type, shows a refused value at its field, and re-reads what the platform now has', async () => {
    const p = admin.page;
    await p.getByRole('link', { name: 'Settings' }).click();
    await p.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    const workflows = p.getByLabel('Maximum Concurrent Workflows', { exact: true });
    await workflows.waitFor();
    expect(await workflows.inputValue()).toBe('5');
    expect(await p.getByRole('switch', { name: 'Enable Email Notifications' }).isChecked()).toBe(true);
    expect(await p.getByLabel('Application Version', { exact: true }).isDisabled()).toBe(true);
    await accessible(p);

    await workflows.fill('0');
    await p.getByRole('button', { name: 'Save Maximum Concurrent Workflows', exact: true }).click();
    await p.locator('#setting-max_concurrent_workflows-error').filter({ hasText: 'AUTH.INVALID_SETTING_VALUE' }).waitFor();
    expect(await workflows.getAttribute('aria-invalid')).toBe('true');
    await accessible(p);

    await workflows.fill('7');
    await p.getByRole('button', { name: 'Save Maximum Concurrent Workflows', exact: true }).click();
    await p.getByRole('status').filter({ hasText: 'Maximum Concurrent Workflows is now 7.' }).waitFor();
    expect(await workflows.getAttribute('aria-invalid')).toBeNull();
    await p.getByRole('switch', { name: 'Enable Email Notifications' }).uncheck();
    await p.getByRole('button', { name: 'Save Enable Email Notifications' }).click();
    await p.getByRole('status').filter({ hasText: 'Enable Email Notifications is now false.' }).waitFor();
    const token = (await storedToken(p))!;
    const stored = (await http('GET', url('/api/v1/settings'), { token })).body.items as { key: string; value: unknown }[];
    expect(stored.find((s) => s.key === 'max_concurrent_workflows')?.value).toBe(7);
    expect(stored.find((s) => s.key === 'enable_email_notifications')?.value).toBe(false);

    // A public setting shows where everyone sees it: the brand in the header.
    await p.getByLabel('Application Name', { exact: true }).fill('Hill Console');
    await p.getByRole('button', { name: 'Save Application Name' }).click();
    await p.getByRole('navigation', { name: 'Main' }).getByText('Hill Console', { exact: true }).waitFor();
    await p.reload();
    expect(await p.getByLabel('Maximum Concurrent Workflows', { exact: true }).inputValue()).toBe('7');
    await p.getByRole('navigation', { name: 'Main' }).getByText('Hill Console', { exact: true }).waitFor();
    expect(unexpected(admin.problems, [400])).toEqual([]);
  });

  it('fits a phone-width screen', async () => {
    const phone = await watchedPage(browser, { width: 390, height: 844 });
    await signIn(phone.page, ADMIN);
    await phone.page.getByRole('heading', { name: 'Account', level: 1 }).waitFor();
    for (const route of ['/account', '/admin/settings', '/admin/users']) {
      await openFittingPhone(phone.page, url(route));
      await accessible(phone.page);
    }
    expect(unexpected(phone.problems)).toEqual([]);
    await phone.page.context().close();
  });
});
