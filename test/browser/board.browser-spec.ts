import type { INestApplication } from '@nestjs/common';
import type { Page } from 'playwright-core';
import { addDays, appealLastDay, toStockholmDate } from '../../machines/calendar/calendar';
import { DecisionService } from '../../src/decision/decision.service';
import { MELLERUD_PARAGRAPH, SOCIALNAMNDEN_ATTENDEES } from '../../src/seed/mellerud-example';
import type { Actor } from '../../src/workflow/actor';
import { Clock } from '../../src/workflow/clock';
import { checkAccessible, cspViolations, screenshot, startBrowserApp, type BrowserApp } from './kit';

const today = toStockholmDate(new Date().toISOString());
const lastDay = appealLastDay(today).date;
const TITLE = 'Ny taxa för bygglov (webbtest)';

/**
 * The public notice board (issue 12 §5): after a clerk of Mellerud records the anslag, Mellerud's board shows the
 * tillkännagivande with its appeal information to a browser that never signed in; after the appeal period it is gone
 * from the board and still in the archive. In Swedish and English, at a phone's width and a desktop's.
 */
describe('the public notice board (Chromium)', () => {
  let app: BrowserApp;
  let page: Page;
  let refused: string[];
  let nest: INestApplication;
  beforeAll(async () => {
    app = await startBrowserApp();
    nest = app.nest;
    // The clerk's anslag, through the service the clerk's API and pages use (the clerk's pages are another suite's).
    const clerk: Actor = { id: 'browser-clerk', role: 'clerk', municipality: '1461' };
    const decisions = nest.get(DecisionService);
    const body = (await decisions.listBodies('1461'))[0];
    const meeting = await decisions.createMeeting(
      body.id,
      { date: today, place: 'Kommunhuset', attendees: SOCIALNAMNDEN_ATTENDEES },
      clerk,
    );
    await decisions.recordParagraph(
      meeting.id,
      { ...MELLERUD_PARAGRAPH, paragraphNumber: '§ 99', matter: { title: TITLE } },
      clerk,
    );
    await decisions.justeraMeeting(meeting.id, { justeradOn: today, justerare: ['Marianne Sand Wallin'] }, clerk);
    await decisions.anslaMeeting(meeting.id, { anslagOn: today }, clerk);
    page = await (await app.context()).newPage();
    refused = cspViolations(page);
  }, 120_000);
  afterAll(async () => app?.close());

  it('in Swedish, without sign-in: the tillkännagivande with its appeal date, how to appeal, and no cookie', async () => {
    await page.goto(`${app.base}/anslagstavla/mellerud`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Melleruds kommuns officiella anslagstavla');
    const notice = page.locator('article', { hasText: TITLE });
    await expect(notice.count()).resolves.toBe(1);
    const [y, m, d] = lastDay.split('-').map(Number);
    const months = 'januari februari mars april maj juni juli augusti september oktober november december'.split(' ');
    await expect(notice.textContent()).resolves.toContain(`Sista dag att överklaga: ${d} ${months[m - 1]} ${y}`);
    await expect(page.locator('#appeal').textContent()).resolves.toContain('laglighetsprövning');
    expect(await page.context().cookies()).toEqual([]);
    await checkAccessible(page);
    await screenshot(page, 'anslagstavla');
  });

  it('in English by the switch (with the keyboard), then the archive and the feed link', async () => {
    await page.getByRole('link', { name: 'In English' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/lang=en/);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect(page.locator('h1').textContent()).resolves.toBe('The official notice board of Mellerud municipality');
    await expect(page.locator('article', { hasText: TITLE }).textContent()).resolves.toContain('Last day to appeal');
    await checkAccessible(page);
    await page.getByRole('link', { name: 'Archive: earlier notices' }).click();
    await expect(page.locator('article', { hasText: TITLE }).count()).resolves.toBe(0);
    await expect(page.locator('article', { hasText: 'Socialnämnden' }).count()).resolves.toBeGreaterThan(0);
    await checkAccessible(page);
    expect(await page.context().cookies()).toEqual([]);
  });

  it('after the appeal period: gone from the board, still in the archive', async () => {
    const clock = nest.get(Clock) as Clock & { todayInStockholm: () => string };
    clock.todayInStockholm = () => addDays(lastDay, 1);
    try {
      await page.goto(`${app.base}/anslagstavla/mellerud`);
      await expect(page.locator('article', { hasText: TITLE }).count()).resolves.toBe(0);
      await expect(page.locator('#appeal').count()).resolves.toBe(1);
      await checkAccessible(page);
      await page.goto(`${app.base}/anslagstavla/mellerud/arkiv`);
      await expect(page.locator('article', { hasText: TITLE }).count()).resolves.toBe(1);
      await checkAccessible(page);
      await screenshot(page, 'anslagstavla-arkiv');
    } finally {
      delete (clock as unknown as Record<string, unknown>).todayInStockholm;
    }
    expect(refused).toEqual([]);
  });
});
