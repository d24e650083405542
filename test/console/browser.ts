import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { Browser, chromium, Page } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: npm run setup (or set CHROMIUM_PATH)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

// A page that records what would show in the browser's console: script errors, CSP violations
// (Chromium reports them as console errors), failed loads. Error answers the page shows to the
// user (a wrong password, a used link) are expected and listed by the test itself.
export type WatchedPage = { page: Page; problems: string[] };

export async function watchedPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => void (m.type() === 'error' && problems.push(m.text())));
  page.on('pageerror', (e) => void problems.push(`page error: ${e.message}`));
  // Which request a "Failed to load resource" line was about (the console line does not say).
  page.on(
    'response',
    (r) => void (r.status() >= 400 && problems.push(`HTTP ${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`)),
  );
  return { page, problems };
}

// Problems besides the expected error answers (status codes listed).
export function unexpected(problems: string[], expectedStatuses: number[] = []): string[] {
  const statuses = expectedStatuses.join('|') || 'none';
  const expected = new RegExp(`^(Failed to load resource: the server responded with a status of|HTTP) (${statuses})\\b`);
  return problems.filter((p) => !expected.test(p));
}

// axe-core's WCAG 2.1 A/AA rules over the page as it is now: serious and critical violations only.
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// Opens a page on a phone-width screen (390 px), once it has loaded, and checks that nothing is
// wider than the screen but the tables, which scroll inside their own box (the elements that
// stick out are named in the failure).
export async function openFittingPhone(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('main h1').waitFor();
  await page.locator('main [aria-busy="true"]').first().waitFor({ state: 'detached' });
  await page.waitForLoadState('networkidle');
  const wide = await page.evaluate<string[]>(
    `[...document.querySelectorAll('body *:not(.table-scroll *)')].filter((e) => e.getBoundingClientRect().right > 391).map((e) => e.tagName + '.' + e.className)`,
  );
  expect([url, wide]).toEqual([url, []]);
  expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
}
