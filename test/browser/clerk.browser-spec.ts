import * as fs from 'fs';
import type { Page } from 'playwright-core';
import { addDays, toStockholmDate } from '../../machines/calendar/calendar';
import { pdfPlainText } from '../e2e/kit/pdf';
import { checkAccessible, cspViolations, screenshot, signIn, startBrowserApp, type BrowserApp } from './kit';

const today = toStockholmDate(new Date().toISOString());
const yesterday = addDays(today, -1);

/** Socialnämnden of Mellerud (9 ledamöter, quorum 5, seeded): five ledamöter serve, one ersättare does not (R-H3). */
const ATTENDEES = [
  { name: 'Daniel Jensen', party: 'KD', role: 'LEDAMOT', chair: true },
  { name: 'Marianne Sand Wallin', party: 'S', role: 'LEDAMOT' },
  { name: 'Sara Kanyinda', party: 'S', role: 'LEDAMOT' },
  { name: 'Anna Berg', party: 'C', role: 'LEDAMOT' },
  { name: 'Per Olsson', party: 'M', role: 'LEDAMOT' },
  { name: 'Lisa Ek', party: 'L', role: 'ERSATTARE' },
];

/** The texts the flow looks for, per language (the pages' own catalogue words). */
const TEXTS = {
  sv: {
    nav: 'Protokoll',
    meetings: 'Sammanträden – kommun 1461',
    meetingRecorded: 'Sammanträdet är registrerat.',
    paragraphRecorded: 'Paragrafen är registrerad.',
    justerat: 'Protokollet är justerat.',
    anslag: 'Anslaget om justeringen är uppsatt',
    appeal: 'Sista dag att överklaga',
    pdf: 'Ladda ned protokollsutdrag',
  },
  en: {
    nav: 'Protocols',
    meetings: 'Meetings – municipality 1461',
    meetingRecorded: 'The meeting is recorded.',
    paragraphRecorded: 'The paragraph is recorded.',
    justerat: 'The protocol is justerat.',
    anslag: 'The notice of the justering is posted',
    appeal: 'Last day to appeal',
    pdf: 'Download protokollsutdrag',
  },
};

/** Records a meeting through the form, typing and pressing Enter (the keyboard alone). */
async function recordMeeting(page: Page): Promise<void> {
  await page.locator('#mf-date').fill(yesterday);
  await page.locator('#mf-place').fill('Kommunhuset, Mellerud');
  await page.locator('#mf-closedAt').fill(`${yesterday} 16:30`);
  for (const [i, a] of ATTENDEES.entries()) {
    await page.locator(`#mf-att${i}_name`).fill(a.name);
    await page.locator(`#mf-att${i}_party`).fill(a.party);
    await page.locator(`#mf-att${i}_role`).selectOption(a.role);
    if (a.chair) await page.locator(`#mf-att${i}_chair`).press('Space');
  }
  await page.locator('#mf-place').press('Enter');
}

/** Fills the paragraph form as a protocol is written; `reserving` names who reserves in favour of proposal B. */
async function fillParagraph(page: Page, number: string, reserving: string): Promise<void> {
  await page.locator('#pf-paragraphNumber').fill(number);
  await page.locator('#pf-matterTitle').fill('Gemensam upphandling av hemtjänstsystem');
  await page.locator('#pf-diarienummer').fill(`SN ${today.slice(0, 4)}/${number.replace(/\D/g, '')}`);
  await page.locator('#pf-subject').selectOption('OTHER');
  await page.locator('#pf-beslutsunderlag').fill('Tjänsteskrivelse från socialchefen');
  await page.locator('#pf-p0_by').fill('Daniel Jensen');
  await page.locator('#pf-p0_text').fill('Socialnämnden beslutar att delta i upphandlingen.');
  await page.locator('#pf-p1_by').fill('Sara Kanyinda, Marianne Sand Wallin');
  await page.locator('#pf-p1_text').fill('Ärendet återremitteras.');
  await page
    .locator('#pf-beslutsgang')
    .fill('Ordföranden ställer förslagen mot varandra och finner att nämnden bifaller förslag A.');
  await page.locator('#pf-method_kind').selectOption('ACKLAMATION');
  await page.locator('#pf-method_adopted').selectOption('A');
  await page.locator('#pf-decision_att').fill('delta i den gemensamma upphandlingen.');
  await page.locator('#pf-r0_members').fill(reserving);
  await page.locator('#pf-r0_for').selectOption('B');
  await page.locator('#pf-sendTo').fill('Kommunstyrelsen');
}

/**
 * The clerk's main flow (issue 12, the clerk's acceptance line) in the browser, in Swedish and in English: a clerk of
 * Mellerud (1461) records a meeting with a paragraph, justerar it, posts the anslag and downloads the
 * protokollsutdrag PDF; a refused reservation is shown beside its field with what was typed kept; the forms work
 * with the keyboard alone and without JavaScript; axe-core on every clerk page at phone and desktop width.
 */
describe("the clerk's pages (Chromium)", () => {
  let app: BrowserApp;
  let page: Page;
  let refused: string[];
  beforeAll(async () => {
    app = await startBrowserApp();
    page = await (await app.context()).newPage();
    refused = cspViolations(page);
  }, 120_000);
  afterAll(async () => app?.close());

  async function flow(lang: 'sv' | 'en', number: string): Promise<void> {
    const t = TEXTS[lang];
    await page.getByRole('link', { name: t.nav, exact: true }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe(t.meetings);
    await checkAccessible(page);
    await screenshot(page, `protokoll-${lang}`);

    await recordMeeting(page);
    await expect(page.locator('.notice--success').textContent()).resolves.toContain(t.meetingRecorded);
    await expect(page.locator('table').first().textContent()).resolves.toContain('Lisa Ek');
    await checkAccessible(page);

    if (lang === 'sv') {
      // R-H13: Lisa Ek is present but does not serve, so her reservation is refused beside its field, in Swedish.
      await fillParagraph(page, number, 'Lisa Ek');
      await page.locator('#pf-paragraphNumber').press('Enter');
      const error = page.locator('#pf-r0_members-error');
      await expect(error.textContent()).resolves.toContain('Lisa Ek deltog inte i beslutet');
      await expect(error.locator('a[href="/regler#R-H13"]').count()).resolves.toBe(1);
      await expect(page.locator('.error-summary a[href="#pf-r0_members"]').count()).resolves.toBe(1);
      expect(await page.locator('#pf-r0_members').inputValue()).toBe('Lisa Ek');
      expect(await page.locator('#pf-p0_text').inputValue()).toBe('Socialnämnden beslutar att delta i upphandlingen.');
      expect(await page.locator('#pf-r0_for').inputValue()).toBe('B');
      await checkAccessible(page);
      await screenshot(page, 'sammantrade-vagrat');
      await page.locator('#pf-r0_members').fill('Sara Kanyinda, Marianne Sand Wallin');
    } else {
      await fillParagraph(page, number, 'Sara Kanyinda, Marianne Sand Wallin');
    }
    await page.locator('#pf-paragraphNumber').press('Enter');
    await expect(page.locator('.notice--success').textContent()).resolves.toContain(t.paragraphRecorded);
    await expect(page.locator('#paragraphs-heading + .table-wrap').textContent()).resolves.toContain(number);

    // Justering: the date and the chair are filled in (today, the meeting's chair, R-I2); the clerk types the
    // justerare chosen at the meeting, then Enter in the date sends the form.
    await expect(page.locator('#justering-chair').inputValue()).resolves.toBe('Daniel Jensen');
    await page.locator('#justering-justerare').fill('Marianne Sand Wallin');
    await page.locator('#justering-justeradOn').press('Enter');
    await expect(page.locator('.notice--success').textContent()).resolves.toContain(t.justerat);
    await checkAccessible(page);
    await screenshot(page, `justering-${lang}`);
    await page.locator('#anslag-anslagOn').press('Enter');
    await expect(page.locator('.notice--success').textContent()).resolves.toContain(t.anslag);
    await expect(page.locator('#paragraphs-heading + .table-wrap').textContent()).resolves.toContain(t.appeal);
    await checkAccessible(page);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: `${t.pdf} ${number} (PDF)` }).click();
    const file = await (await download).path();
    const pdf = fs.readFileSync(file);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPlainText(pdf)).toContain(number);
  }

  it('in Swedish: a meeting, a paragraph refused for its reservation and then recorded, justering, anslag, the PDF', async () => {
    await signIn(page, app.base, app.tokens.clerk);
    await flow('sv', '§ 12');
  }, 120_000);

  it('in English: the same flow', async () => {
    await page.getByRole('link', { name: 'In English' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await flow('en', '§ 13');
  }, 120_000);

  it('an återremiss with the keyboard alone: the matter goes on undecided (R-H6, R-H22); the form passes axe', async () => {
    await page.goto(`${app.base}/protokoll?lang=sv`);
    await recordMeeting(page);
    await expect(page.locator('.notice--success').textContent()).resolves.toContain(TEXTS.sv.meetingRecorded);
    await page.locator('#pf-paragraphNumber').fill('§ 15');
    await page.locator('#pf-matterTitle').fill('Ny taxa för färdtjänst');
    await page.locator('#pf-diarienummer').fill(`SN ${today.slice(0, 4)}/15`);
    await page.locator('#pf-subject').selectOption('OTHER');
    await page.locator('#pf-p0_by').fill('Daniel Jensen');
    await page.locator('#pf-p0_text').fill('Socialnämnden antar taxan.');
    await page
      .locator('#pf-beslutsgang')
      .fill('Ordföranden ställer proposition på återremissyrkandet och finner bifall.');
    await page.locator('#pf-fq0_kind').selectOption('ATERREMISS');
    await page.locator('#pf-fq0_by').fill('Sara Kanyinda');
    await page.locator('#pf-fq0_reason').fill('Konsekvenserna för brukarna ska utredas.');
    await page.locator('#pf-fq0_decidedBy').selectOption('MAJORITY');
    await page.locator('#pf-fq0_method').selectOption('ACKLAMATION');
    await page.locator('#pf-fq0_outcome').selectOption('GRANTED');
    await checkAccessible(page);
    await page.locator('#pf-fq0_by').press('Enter');
    await expect(page.locator('.notice--success').textContent()).resolves.toContain(TEXTS.sv.paragraphRecorded);
    await expect(page.locator('#paragraphs-heading + .table-wrap').textContent()).resolves.toContain('§ 15');
    await page.getByRole('link', { name: 'Protokollsutdrag § 15', exact: true }).click();
    await expect(page.locator('main').textContent()).resolves.toContain('återremitterat');
  });

  it('the deadline calculator with the keyboard alone: the dates the calendar computes, a moved one explained', async () => {
    await page.goto(`${app.base}/protokoll/frister?lang=sv`);
    await checkAccessible(page);
    // 2024-12-06 + 14 days is Friday 20 December; a justering on Friday 2024-12-20 gives an anslag by Sunday 22nd → Monday 23rd.
    await page.locator('#calc-sammantrade').fill('2024-12-06');
    await page.locator('#calc-justering').fill('2024-12-20');
    await page.locator('#calc-anslag').fill('2024-12-04');
    await page.locator('#calc-anslag').press('Enter');
    const answer = page.locator('dl[aria-labelledby="answer-heading"]');
    await expect(answer.textContent()).resolves.toContain('2024-12-20');
    await expect(answer.textContent()).resolves.toContain('2024-12-23');
    await expect(answer.locator('a[href="/regler#R-I4"]').count()).resolves.toBe(1);
    await checkAccessible(page);
    await screenshot(page, 'fristraknare');
    // An impossible date (typed into a browser without a date picker) is refused beside its field, in words.
    await page.goto(`${app.base}/protokoll/frister?sammantrade=2024-02-30`);
    await expect(page.locator('#calc-sammantrade-error').textContent()).resolves.toContain('ÅÅÅÅ-MM-DD');
    await expect(page.locator('.error-summary a[href="#calc-sammantrade"]').count()).resolves.toBe(1);
    expect(refused).toEqual([]);
  });

  it('without JavaScript: a refused paragraph comes back with what was typed, and the meeting form posts', async () => {
    const nojs = await (await app.context({ javaScriptEnabled: false })).newPage();
    await signIn(nojs, app.base, app.tokens.clerk);
    await nojs.goto(`${app.base}/protokoll`);
    await recordMeeting(nojs);
    await expect(nojs.locator('.notice--success').count()).resolves.toBe(1);
    await fillParagraph(nojs, '§ 14', 'Lisa Ek');
    await nojs.getByRole('button', { name: 'Registrera paragrafen' }).click();
    await expect(nojs.locator('#pf-r0_members-error').count()).resolves.toBe(1);
    expect(await nojs.locator('#pf-r0_members').inputValue()).toBe('Lisa Ek');
    expect(await nojs.locator('#pf-paragraphNumber').inputValue()).toBe('§ 14');
  });
});
