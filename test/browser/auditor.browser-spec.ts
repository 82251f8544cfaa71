import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { createKeyFile } from '../../src/checkpoint/key-file';
import { ALG_ED25519 } from '../../src/checkpoint/note';
import { AppConfig } from '../../src/config/app-config';
import { LANGS, longDate, type Lang } from '../../src/web/i18n/messages';
import { checkAccessible, cspViolations, screenshot, signIn, startBrowserApp, type BrowserApp } from './kit';

/** The whole of Dalslandssamverkan (issue 12's acceptance line for the auditor). */
const DALSLAND = 'Dalslandssamverkan';

/** Presses Enter on the form's submit button, reached from the keyboard (focus, not a click). */
async function submitWith(page: Page, button: string): Promise<void> {
  const target = page.getByRole('button', { name: button, exact: true });
  await target.focus();
  await target.press('Enter');
}

/**
 * The auditor's flow in Chromium (issue 12: "An auditor verifies the whole of Dalslandssamverkan with a progress bar,
 * and sees it as it stood on 2024-01-01"), in Swedish and in English, with the keyboard alone; the timeline of a
 * party's history, refused attempts and the evidence package (refused in words without a checkpoint key, then
 * downloaded); verify without JavaScript (the page reloads itself); axe-core and the phone width on every page.
 */
describe("the auditor's pages (Chromium)", () => {
  let app: BrowserApp;
  let page: Page;
  let refused: string[];
  const keys = fs.mkdtempSync(path.join(os.tmpdir(), 'auditor-browser-keys-'));

  beforeAll(async () => {
    app = await startBrowserApp();
    // No checkpoint key yet: the evidence package is refused in words until one is made (below).
    app.nest.get(AppConfig).CHECKPOINT_KEY_FILE = path.join(keys, 'checkpoint.key');
    page = await (await app.context()).newPage();
    refused = cspViolations(page);
  }, 120_000);
  afterAll(async () => app?.close());

  async function flow(lang: Lang): Promise<void> {
    const t = LANGS[lang];
    await page.getByRole('navigation').getByRole('link', { name: t.navAudit, exact: true }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe(t.auditTitle);
    await checkAccessible(page);
    await screenshot(page, `granskning-${lang}`);

    // Verify the whole of Dalslandssamverkan: the radio chosen with Space, the form sent with Enter.
    const scope = page.getByLabel(t.auditScopeCollaboration(DALSLAND), { exact: true });
    await scope.focus();
    await scope.press('Space');
    expect(await scope.isChecked()).toBe(true);
    await submitWith(page, t.auditStartVerify);
    await expect(page.locator('h1').textContent()).resolves.toBe(t.verifyTitle);
    await expect(page.locator('progress#verify-progress').count()).resolves.toBe(1);
    // The script polls the job's page and shows the result in place.
    await page.locator('#verify-status .notice--success').waitFor({ timeout: 90_000 });
    const done = (await page.locator('#verify-status').textContent()) ?? '';
    expect(done).toMatch(
      lang === 'sv' ? /Klart: inga problem i \d+ arbetsflöden/ : /Done: no problems in \d+ workflows/,
    );
    const bar = page.locator('progress#verify-progress');
    expect(await bar.getAttribute('value')).toBe(await bar.getAttribute('max'));
    expect(await page.locator('main').textContent()).toContain(t.auditScopeCollaboration(DALSLAND));
    await checkAccessible(page);
    await screenshot(page, `verifiering-${lang}`);

    // As it stood on 2024-01-01: a GET form, sent with Enter from the date field.
    await page.getByRole('link', { name: t.verifyAgain }).click();
    await page.locator('#a-samverkan').selectOption('dalslandssamverkan');
    await page.locator('#a-datum').fill('2024-01-01');
    await page.locator('#a-datum').press('Enter');
    await page.waitForURL(/som-den-stod\?samverkan=dalslandssamverkan&datum=2024-01-01/);
    const main = page.locator('main');
    await expect(main.locator('h2#asof-result').textContent()).resolves.toBe(
      t.asOfTitle(DALSLAND, longDate('2024-01-01', lang)),
    );
    await expect(main.textContent()).resolves.toContain(t.asOfTodayRecord(longDate('2024-01-01', lang)));
    await expect(main.getByText(t.status_ACTIVE, { exact: true }).count()).resolves.toBe(5);
    await checkAccessible(page);
    await screenshot(page, `som-den-stod-${lang}`);

    // A party's history as a timeline: the rule ids link to /regler.
    await main.getByRole('link', { name: t.historyLinkText }).first().click();
    await expect(page.locator('ol.timeline > li').count()).resolves.toBeGreaterThan(1);
    await expect(page.locator('ol.timeline a[href^="/regler#"]').count()).resolves.toBeGreaterThan(0);
    await expect(page.locator('ol.timeline').textContent()).resolves.toContain(
      t.historyEvent('FULLMAKTIGE_ADOPTED_DECLARATION'),
    );
    await checkAccessible(page);
    await screenshot(page, `historik-${lang}`);

    // Refused attempts, filtered with the keyboard: a rule id that is not one is refused beside its field.
    await page.goto(`${app.base}/granskning/vagrade-forsok`);
    await page.locator('#r-regel').fill('R C4');
    await page.locator('#r-regel').press('Enter');
    await expect(page.locator('#r-regel-error').count()).resolves.toBe(1);
    await expect(page.locator('.error-summary a[href="#r-regel"]').count()).resolves.toBe(1);
    expect(await page.locator('#r-regel').inputValue()).toBe('R C4');
    await checkAccessible(page);
    await page.locator('#r-regel').fill('R-C4');
    await page.locator('#r-regel').press('Enter');
    await expect(page.locator('main').textContent()).resolves.toContain(t.refusedNone);
    // an impossible date (typed where the browser has no date picker) is refused beside its field
    await page.goto(`${app.base}/granskning/vagrade-forsok?fran=2024-02-30`);
    await expect(page.locator('#r-fran-error').count()).resolves.toBe(1);
  }

  it('in Swedish: verify Dalslandssamverkan with a progress bar, as it stood on 2024-01-01, a history, refused attempts', async () => {
    await signIn(page, app.base, app.tokens.auditor);
    await flow('sv');
  }, 180_000);

  it('in English: the same flow', async () => {
    await page.getByRole('link', { name: 'In English' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await flow('en');
  }, 180_000);

  it('the evidence package: refused in words without a checkpoint key, downloaded once there is one', async () => {
    const t = LANGS.sv;
    await page.goto(`${app.base}/granskning?lang=sv#evidence-heading`);
    await page.locator('#e-samverkan').selectOption('dalslandssamverkan');
    await submitWith(page, t.auditDownload);
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('Ett bevispaket bevisar varje rad');
    await checkAccessible(page);
    createKeyFile(path.join(keys, 'checkpoint.key'), 'samverkan.example/default', ALG_ED25519);
    await page.locator('#e-samverkan').selectOption('dalslandssamverkan');
    const download = page.waitForEvent('download');
    await submitWith(page, t.auditDownload);
    const file = await (await download).path();
    // a POSIX tar: "ustar" at offset 257 of its first header
    expect(fs.readFileSync(file).subarray(257, 262).toString('latin1')).toBe('ustar');
    expect(refused).toEqual([]);
  }, 120_000);

  it('without JavaScript: verify starts with the form and its page reloads itself until the result is shown', async () => {
    const nojs = await (await app.context({ javaScriptEnabled: false })).newPage();
    await signIn(nojs, app.base, app.tokens.auditor);
    await nojs.goto(`${app.base}/granskning?lang=sv`);
    await nojs.getByLabel(LANGS.sv.auditScopeCollaboration(DALSLAND), { exact: true }).check();
    await nojs.getByRole('button', { name: LANGS.sv.auditStartVerify }).click();
    await expect(nojs.locator('progress#verify-progress').count()).resolves.toBe(1);
    await nojs.locator('#verify-status .notice--success').waitFor({ timeout: 90_000 });
    await expect(nojs.locator('#verify-status').textContent()).resolves.toContain('Klart: inga problem');
  }, 120_000);
});
