import AxeBuilder from '@axe-core/playwright';
import type { INestApplication } from '@nestjs/common';
import * as fs from 'fs';
import * as path from 'path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { TokenService } from '../../src/auth/token.service';
import { createApp } from '../../src/bootstrap';
import { createTestDatabase, testConfig } from '../e2e/kit/database';

/** Debian's Chromium, never a downloaded browser (.ci/run installs it with apt-get where it is missing). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PHONE = { width: 375, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

export interface BrowserApp {
  base: string;
  browser: Browser;
  tokens: { coordinator: string; clerk: string; auditor: string };
  /** A new browser context (its own cookies); JavaScript off with `javaScriptEnabled: false`. */
  context(options?: { javaScriptEnabled?: boolean }): Promise<BrowserContext>;
  close(): Promise<void>;
  /** The application under test, for a suite's set-up through the services (h-auditor). */
  nest: INestApplication;
}

/** The real app (createApp, demo data, fresh SQLite) on a free port, and one Chromium for the whole file. */
export async function startBrowserApp(): Promise<BrowserApp> {
  const database = await createTestDatabase('browser');
  const app: INestApplication = await createApp(testConfig(database.url, 'demo'), { logger: false });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const tokens = app.get(TokenService);
  const issued = {
    coordinator: (await tokens.create('coordinator', null, 'Anna Andersson')).token,
    clerk: (await tokens.create('clerk', '1461', 'Karin Karlsson')).token,
    auditor: (await tokens.create('auditor', null, 'Rolf Revisor')).token,
  };
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--lang=sv-SE'] });
  const contexts: BrowserContext[] = [];
  return {
    base: `http://127.0.0.1:${address.port}`,
    nest: app,
    browser,
    tokens: issued,
    async context(options = {}) {
      // A Swedish browser (its date inputs show ÅÅÅÅ-MM-DD); the pages' language does not depend on it.
      const context = await browser.newContext({
        viewport: DESKTOP,
        locale: 'sv-SE',
        timezoneId: 'Europe/Stockholm',
        ...options,
      });
      contexts.push(context);
      return context;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await app.close();
      await database.drop();
    },
  };
}

/** Collects what the page's Content-Security-Policy refused (a console error): the pages must need nothing inline. */
export function cspViolations(page: Page): string[] {
  const seen: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
  return seen;
}

/**
 * The page at a phone's width and at a desktop's: axe-core finds no serious or critical violation (WCAG 2.1 A and
 * AA rules), and nothing is wider than the phone's screen (no horizontal scrolling of the page itself).
 */
export async function checkAccessible(page: Page): Promise<void> {
  for (const viewport of [PHONE, DESKTOP]) {
    await page.setViewportSize(viewport);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const serious = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ width: viewport.width, id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
    expect({ url: page.url(), serious }).toEqual({ url: page.url(), serious: [] });
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect({ url: page.url(), width: viewport.width, overflow }).toEqual({
      url: page.url(),
      width: viewport.width,
      overflow: 0,
    });
  }
  await page.setViewportSize(DESKTOP);
}

/** Signs in through the form (the mouse-free way: focus, type, Enter). */
export async function signIn(page: Page, base: string, token: string): Promise<void> {
  await page.goto(`${base}/logga-in`);
  await page.locator('#token').fill(token);
  await page.locator('#token').press('Enter');
  // A clerk starts on what waits on their municipality (h-web2), the others on the collaborations.
  await page.waitForURL(/\/(samverkan|kommun)$/);
}

/** With SCREENSHOTS=1 (npm run docs:screenshots), the page as docs/screenshots/<name>.png at a desktop width. */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SCREENSHOTS !== '1') return;
  const dir = path.resolve(__dirname, '../../docs/screenshots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}
