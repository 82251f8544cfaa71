import type { Page } from 'playwright-core';
import { addDays, toStockholmDate } from '../../machines/calendar/calendar';
import { checkAccessible, cspViolations, screenshot, signIn, startBrowserApp, type BrowserApp } from './kit';

const today = toStockholmDate(new Date().toISOString());
const AREA_TITLE = 'Gemensamt socialt verksamhetsområde Mellerud och Bengtsfors';

/**
 * The coordinator's main flow end to end, in Swedish and then in English: the collaborations, Dalslandssamverkan's
 * five parties today and on a chosen date, the pipeline with its filters, the Mellerud–Bengtsfors area in operation,
 * and an event recorded through the form (refused first, beside its field, with what was typed kept).
 */
describe("the coordinator's pages (Chromium)", () => {
  let app: BrowserApp;
  let page: Page;
  let refused: string[];
  beforeAll(async () => {
    app = await startBrowserApp();
    page = await (await app.context()).newPage();
    refused = cspViolations(page);
  }, 120_000);
  afterAll(async () => app?.close());

  const rows = (selector: string) => page.locator(selector).locator('tbody tr');

  it('in Swedish: five parties, active today and not yet on 2023-06-01 (the date form)', async () => {
    await page.goto(`${app.base}/`);
    await screenshot(page, 'logga-in');
    await signIn(page, app.base, app.tokens.coordinator);
    await checkAccessible(page);
    await screenshot(page, 'samverkan');
    await page.getByRole('link', { name: 'Dalslandssamverkan' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Dalslandssamverkans parter');
    await expect(rows('table[aria-labelledby="parties-heading"]').count()).resolves.toBe(5);
    const statuses = await page.locator('.status').allTextContents();
    expect(statuses).toEqual(Array(5).fill('Aktiv part'));
    await checkAccessible(page);
    await screenshot(page, 'parter');

    await page.locator('#datum').fill('2023-06-01');
    await page.getByRole('button', { name: 'Visa' }).click();
    await expect(page.locator('#parties-heading').textContent()).resolves.toBe('Parterna den 1 juni 2023');
    expect(await page.locator('.status').allTextContents()).toEqual(Array(5).fill('Inte part'));
  });

  it('in Swedish: the pipeline shows the area in operation, its stage marked as a proposal; the filters narrow it', async () => {
    await page.getByRole('link', { name: 'Samverkansområden efter fas' }).click();
    const drift = page.locator('section', { has: page.locator('#stage-drift') });
    await expect(drift.locator('.card h3').allTextContents()).resolves.toEqual([AREA_TITLE]);
    await expect(drift.locator('h2 .tag--proposal').textContent()).resolves.toBe('Förslag');
    await checkAccessible(page);
    await screenshot(page, 'pipeline');

    // Filters with the keyboard alone: the stage select, the municipality select, then the button.
    await page.locator('#fas').focus();
    await page.locator('#fas').selectOption('drift');
    await page.keyboard.press('Tab');
    await page.locator('#vantar-pa').selectOption('1461');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/fas=drift/);
    // The area waits on nobody in operation: filtered by a municipality, nothing is left.
    await expect(page.locator('.card').count()).resolves.toBe(0);
    await page.locator('#vantar-pa').selectOption('');
    await page.getByRole('button', { name: 'Filtrera' }).click();
    await expect(page.locator('.card').count()).resolves.toBe(1);
  });

  it('in Swedish: the area page, and a refused event shown beside its field with the typed date kept', async () => {
    await page.getByRole('link', { name: AREA_TITLE }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe(AREA_TITLE);
    await expect(page.locator('.summary .tag--proposal').textContent()).resolves.toBe('Förslag');
    const participants = await page.locator('table').first().locator('tbody tr td:first-child').allTextContents();
    expect(participants.map((p) => p.split(' ')[0])).toEqual(['Bengtsfors', 'Mellerud']);
    await checkAccessible(page);
    await screenshot(page, 'omrade');

    const future = addDays(today, 30);
    const field = page.locator('#FOLLOW_UP_STARTED-startedOn');
    await field.fill(future);
    await field.press('Enter');
    await expect(page.locator('#FOLLOW_UP_STARTED-startedOn-error').textContent()).resolves.toContain('dagens datum');
    expect(await page.locator('#FOLLOW_UP_STARTED-startedOn').inputValue()).toBe(future);
    await checkAccessible(page);
    await screenshot(page, 'omrade-vagrat');

    await page.locator('#FOLLOW_UP_STARTED-startedOn').fill(today);
    await page.locator('#FOLLOW_UP_STARTED-startedOn').press('Enter');
    await expect(page.locator('.notice--success').textContent()).resolves.toContain('Registrerat: Uppföljning startad');
    await expect(page.locator('table').last().textContent()).resolves.toContain('Uppföljning startad');
  });

  it('in English: the same pages, and the next event recorded through the form', async () => {
    await page.getByRole('link', { name: 'In English' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect(page.locator('.summary').textContent()).resolves.toContain('Proposal');
    // The follow-up is reported next: a summary is required; leaving it empty is refused beside it.
    await page.locator('#FOLLOW_UP_REPORTED-reportedOn').fill(today);
    await page.getByRole('button', { name: 'Record' }).first().click();
    await expect(page.locator('#FOLLOW_UP_REPORTED-summary-error').count()).resolves.toBe(1);
    expect(await page.locator('#FOLLOW_UP_REPORTED-reportedOn').inputValue()).toBe(today);
    await checkAccessible(page);
    await page
      .locator('#FOLLOW_UP_REPORTED-summary')
      .fill('Uppföljningen visar att den gemensamma organisationen fungerar.');
    await page.getByRole('button', { name: 'Record' }).first().click();
    await expect(page.locator('.notice--success').textContent()).resolves.toContain('Recorded: Follow-up reported');

    await page.goto(`${app.base}/samverkan/dalslandssamverkan`);
    await expect(page.locator('h1').textContent()).resolves.toBe("Dalslandssamverkan's parties");
    expect(await page.locator('.status').allTextContents()).toEqual(Array(5).fill('Active party'));
    await checkAccessible(page);
    await page.goto(`${app.base}/samverkan/dalslandssamverkan/omraden`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Collaboration areas – Dalslandssamverkan');
    await checkAccessible(page);
    expect(refused).toEqual([]);
  });

  it('without JavaScript: an event form posts, is refused and comes back with what was typed', async () => {
    const nojs = await (await app.context({ javaScriptEnabled: false })).newPage();
    await signIn(nojs, app.base, app.tokens.coordinator);
    await nojs.goto(`${app.base}/samverkan/dalslandssamverkan/omraden`);
    await nojs.getByRole('link', { name: AREA_TITLE }).click();
    const form = nojs.locator('form.event-form').first();
    const dateInput = form.locator('input[type="date"]').first();
    await dateInput.fill('2099-01-01');
    await form.getByRole('button').click();
    await expect(form.locator('.error-message').count()).resolves.toBeGreaterThan(0);
    expect(await nojs.locator('form.event-form input[type="date"]').first().inputValue()).toBe('2099-01-01');
  });
});
