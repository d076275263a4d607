import { execFileSync } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { TEST_PASSWORD } from '../api/sign-in.ts';

/** Where the browser tests put their screenshots (ignored by git; docs/ holds the chosen few). */
export const SCREENSHOTS = path.join(import.meta.dirname, '..', '..', 'screenshots');

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Debian's Chromium (`apt-get install chromium`): no browser download works on these machines. */
function chromiumPath(): string {
  try {
    return execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('找不到 chromium，请执行 apt-get install -y chromium fonts-noto-cjk / chromium is missing: apt-get install -y chromium fonts-noto-cjk');
  }
}

export interface TestBrowser {
  readonly browser: Browser;
  close(): Promise<void>;
}

/**
 * Headless Chromium kept off the network beyond the app under test. Each launch gets a fresh
 * profile: playwright-core makes a temporary user-data dir of its own and removes it on close.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  await mkdir(SCREENSHOTS, { recursive: true });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** The serious and critical accessibility violations axe-core finds on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, not as a <script>: the page's CSP stays as served.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(await readFile(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    // Runs in the page (no DOM types in this project's compiler settings): axe-core's own shape.
    const { axe, document } = globalThis as unknown as {
      axe: { run(context: unknown, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> };
      document: unknown;
    };
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
  });
  return violations;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** What the browser tests do with the app under test: open pages in it, sign in, check them. */
export interface Workbench {
  /** `http://127.0.0.1:<port>`, where the app listens. */
  readonly base: string;
  /** A fresh context (own cookies) and page, in Chinese, its script errors and CSP refusals recorded. */
  newPage(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  /** Opens `next` (sent to sign-in first) and signs in as `username` with the test password. */
  signIn(page: Page, username: string, next?: string): Promise<void>;
  /** Fails on any serious or critical axe-core finding on the page as it is now. */
  expectAccessible(page: Page): Promise<void>;
  /** Closes the browser; fails if any page reported a script error or an unexpected console error. */
  close(): Promise<void>;
}

/** The one thing the browser tests need of the app: to listen on a port (a Fastify instance). */
interface Listening {
  listen(options: { port: number; host: string }): Promise<unknown>;
  readonly server: { address(): AddressInfo | string | null };
}

/**
 * Starts `app` on a free port and Chromium beside it. `expectedConsoleErrors` names the console
 * errors a file's pages cause on purpose (the API's 4xx answers they show beside their fields);
 * anything else a page logs as an error, and every uncaught script error, fails the file on close.
 */
export async function openWorkbench(app: Listening, expectedConsoleErrors = /status of 40[0-4]/): Promise<Workbench> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const launched = await launchBrowser();
  const pageErrors: string[] = [];
  return {
    base,
    async newPage(viewport = { width: 1280, height: 900 }) {
      const context = await launched.browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Europe/London' });
      const page = await context.newPage();
      page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && !expectedConsoleErrors.test(message.text())) pageErrors.push(`${page.url()}: ${message.text()}`);
      });
      return { context, page };
    },
    async signIn(page, username, next = '/') {
      await page.goto(`${base}${next}`);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(TEST_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    },
    async expectAccessible(page) {
      expect(await seriousViolations(page)).toEqual([]);
    },
    async close() {
      await launched.close();
      expect(pageErrors).toEqual([]);
    },
  };
}

/** Closes the browser and then the app (with its harness) even when the browser's check fails. */
export async function closeWorkbench(web: Workbench | undefined, app: { close(): Promise<void> } | undefined): Promise<void> {
  try {
    await web?.close();
  } finally {
    await app?.close();
  }
}

/**
 * From the inbox: finds the one row of `taskName` (of the case `caseKey`, and showing `also`, when
 * given), claims it if it is a group's, and opens the task's page. The page waits for the task,
 * its case and what the decision rests on: more than the poll's default second under load.
 */
export async function openFromInbox(page: Page, taskName: string, caseKey?: string, also?: string): Promise<void> {
  const named = page.locator('#main tbody tr', { hasText: taskName });
  const ofCase = caseKey === undefined ? named : named.filter({ hasText: caseKey });
  const row = also === undefined ? ofCase : ofCase.filter({ hasText: also });
  await expect.poll(() => row.count(), { timeout: 20_000 }).toBe(1);
  const claim = row.getByRole('button', { name: /^认领/ });
  if (await claim.count()) {
    await claim.click();
    await expect.poll(() => row.textContent()).toContain('我 / me');
  }
  await row.getByRole('link', { name: '办理' }).click();
  await page.waitForURL(/\/tasks\/\d+$/);
  await expect.poll(() => page.locator('h1').first().textContent(), { timeout: 15_000 }).toContain(taskName);
}
