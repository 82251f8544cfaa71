import type { Page } from 'playwright-core';
import { addDays, toStockholmDate } from '../../machines/calendar/calendar';
import { checkAccessible, cspViolations, screenshot, signIn, startBrowserApp, type BrowserApp } from './kit';

const today = toStockholmDate(new Date().toISOString());
const yesterday = addDays(today, -1);
const decidedOn = addDays(today, -2);

/**
 * The clerk's delegationsbeslut (issue 12 §3, R-I9) in the browser: a clerk of Mellerud records a delegationsbeslut
 * of Socialnämnden with the keyboard alone (a refusal beside its field first, what was typed kept), reports it at a
 * meeting, and sees its status; axe-core at phone and desktop width on each page, no CSP violation.
 */
describe("the clerk's delegation pages (Chromium)", () => {
  let app: BrowserApp;
  let page: Page;
  let refused: string[];
  beforeAll(async () => {
    app = await startBrowserApp();
    page = await (await app.context()).newPage();
    refused = cspViolations(page);
  }, 120_000);
  afterAll(async () => app?.close());

  /** A meeting of Socialnämnden yesterday, through the meeting form (the anmälan needs one). */
  async function recordMeeting(): Promise<void> {
    await page.goto(`${app.base}/protokoll`);
    await page.locator('#mf-bodyId').selectOption({ label: 'Socialnämnden' });
    await page.locator('#mf-date').fill(yesterday);
    const names = ['Daniel Jensen', 'Marianne Sand Wallin', 'Sara Kanyinda', 'Anna Berg', 'Per Olsson'];
    for (const [i, name] of names.entries()) {
      await page.locator(`#mf-att${i}_name`).fill(name);
      await page.locator(`#mf-att${i}_role`).selectOption('LEDAMOT');
    }
    await page.locator('#mf-att0_chair').press('Space');
    await page.locator('#mf-date').press('Enter');
    await expect(page.locator('.notice--success').count()).resolves.toBe(1);
  }

  it('records a delegationsbeslut with the keyboard alone, reports it at a meeting, and shows its status', async () => {
    await signIn(page, app.base, app.tokens.clerk);
    await recordMeeting();
    await page.goto(`${app.base}/protokoll?lang=sv`);
    await page.locator('#delegations-heading + ul').getByRole('link', { name: 'Socialnämnden', exact: true }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Delegationsbeslut – Socialnämnden');
    await checkAccessible(page);

    // The record form by the keyboard: typed, Enter; the date left out is refused beside its field, nothing lost.
    await page.locator('#df-kind').selectOption('DELEGATIONSBESLUT');
    await page.locator('#df-number').fill('D 2026/77');
    await page.locator('#df-delegate').fill('Eva Lind');
    await page.locator('#df-delegateTitle').fill('Socialchef');
    await page.locator('#df-point').fill('3.2');
    await page.locator('#df-matterTitle').fill('Ansökan om bistånd');
    await page.locator('#df-decision').fill('Bistånd beviljas enligt ansökan.');
    await page.locator('#df-number').press('Enter');
    await expect(page.locator('#df-decidedOn-error').count()).resolves.toBe(1);
    await expect(page.locator('.error-summary a[href="#df-decidedOn"]').count()).resolves.toBe(1);
    expect(await page.locator('#df-number').inputValue()).toBe('D 2026/77');
    expect(await page.locator('#df-decision').inputValue()).toBe('Bistånd beviljas enligt ansökan.');
    await checkAccessible(page);
    await page.locator('#df-decidedOn').fill(decidedOn);
    await page.locator('#df-decidedOn').press('Enter');
    await expect(page.locator('.notice--success').textContent()).resolves.toContain(
      'Delegationsbeslutet är registrerat.',
    );
    await expect(page.locator('table').textContent()).resolves.toContain('Väntar på anmälan');
    await checkAccessible(page);

    // Report it at yesterday's meeting.
    const form = page.locator('form[action$="/anmalan"]').first();
    await form.locator('select[name="meetingId"]').selectOption({ label: `${yesterday} Socialnämnden` });
    await form.locator('input[name="paragraphNumber"]').fill('§ 45');
    await form.getByRole('button', { name: 'Anmäl' }).click();
    await expect(page.locator('.notice--success').textContent()).resolves.toContain('Delegationsbeslutet är anmält.');
    await expect(page.locator('table').textContent()).resolves.toContain('Anmält vid § 45: D 2026/77');
    await checkAccessible(page);
    await screenshot(page, 'delegationsbeslut');
    expect(refused).toEqual([]);
  }, 120_000);
});
