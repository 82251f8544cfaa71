import type { Page } from 'playwright-core';
import { addDays, toStockholmDate } from '../../machines/calendar/calendar';
import { ledamoter, paragraphs } from '../e2e/kit/decisions';
import { checkAccessible, cspViolations, screenshot, signIn, startBrowserApp, type BrowserApp } from './kit';

const today = toStockholmDate(new Date().toISOString());
const SUMMARY = 'Utredningen om Eva Ekströms boendestöd (hemlig i webbläsaren).';

/**
 * A paragraph's secrecy in Chromium (issue 12 §3, h-secrecy): a clerk of Mellerud marks the summary secret on the
 * paragraph's page (R-K7) with the keyboard; a refused provision comes back beside its field; the public extract,
 * read without signing in, does not hold the text; the marking is lifted (R-K13) and the text is public again.
 */
describe('secrecy on the clerk’s pages (Chromium)', () => {
  let app: BrowserApp;
  let page: Page;
  let csp: string[];
  let decisionId: string;

  async function api(path: string, body?: unknown): Promise<any> {
    const res = await fetch(`${app.base}/api/v1${path}`, {
      method: body ? 'POST' : 'GET',
      headers: { Authorization: `Bearer ${app.tokens.clerk}`, 'Content-Type': 'application/json' },
      body: body ? JSON.stringify(body) : undefined,
    });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  beforeAll(async () => {
    app = await startBrowserApp();
    const body = await api('/municipalities/1461/bodies', { kind: 'NAMND', name: 'Sekretessnämnden', memberCount: 9 });
    const meeting = await api(`/bodies/${body.id}/meetings`, { date: addDays(today, -2), attendees: ledamoter(7) });
    const p = await api(
      `/meetings/${meeting.id}/paragraphs`,
      paragraphs({ matter: { title: 'Boendestöd', diarienummer: 'SN 2026/9' }, summary: SUMMARY })(),
    );
    decisionId = p.id;
    await api(`/meetings/${meeting.id}/justering`, { justeradOn: addDays(today, -1), justerare: ['L2', 'L3'] });
    page = await (await app.context()).newPage();
    csp = cspViolations(page);
  }, 120_000);
  afterAll(async () => app?.close());

  async function publicExtract(): Promise<string> {
    const context = await app.context();
    const reader = await context.newPage();
    await reader.goto(`${app.base}/anslagstavla/1461/utdrag/${decisionId}`);
    const text = await reader.locator('main').innerText();
    await checkAccessible(reader);
    await context.close();
    return text;
  }

  it('marks the summary secret with the keyboard; the public extract no longer holds it', async () => {
    expect(await publicExtract()).toContain(SUMMARY);
    await signIn(page, app.base, app.tokens.clerk);
    await page.goto(`${app.base}/protokoll/beslut/${decisionId}`);
    await checkAccessible(page);
    await page.locator('#mark-field').selectOption('summary');
    expect(await page.locator('#mark-field').inputValue()).toBe('summary');
    await page.locator('#mark-provision').fill('sekretess');
    await page.locator('#mark-provision').press('Enter');
    await page.waitForSelector('#mark-provision-error');
    expect(await page.locator('#mark-provision-error a[href="/regler#R-K7"]').count()).toBe(1);
    expect(await page.locator('#mark-provision').inputValue()).toBe('sekretess');
    await checkAccessible(page);
    await page.locator('#mark-provision').fill('OSL 26 kap. 1 §');
    await page.locator('#mark-provision').press('Enter');
    await page.waitForSelector('.notice--success');
    expect(await page.locator('main').innerText()).toContain(SUMMARY);
    await checkAccessible(page);
    await screenshot(page, 'sekretess');
    const extract = await publicExtract();
    expect(extract).not.toContain(SUMMARY);
    expect(extract).toContain('Sekretess enligt OSL 26 kap. 1 §');
  });

  it('lifts the marking (R-K13); the history keeps it, the public extract shows the text again', async () => {
    await page.goto(`${app.base}/protokoll/beslut/${decisionId}?lang=en`);
    await page.locator('#lift-decidedBy').fill('Socialnämndens ordförande');
    await page.locator('#lift-reason').fill('Den enskilde har själv offentliggjort uppgifterna.');
    await page.getByRole('button', { name: 'Lift the marking' }).click();
    await page.waitForSelector('.notice--success');
    const history = await page.locator('table[aria-labelledby="secrecy-heading"]').innerText();
    expect(history).toContain('Socialnämndens ordförande: Den enskilde har själv offentliggjort uppgifterna.');
    await checkAccessible(page);
    expect(await publicExtract()).toContain(SUMMARY);
    expect(csp).toEqual([]);
  });
});
