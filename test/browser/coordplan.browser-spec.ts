import type { Page } from 'playwright-core';
import { toStockholmDate } from '../../machines/calendar/calendar';
import { checkAccessible, cspViolations, screenshot, signIn, startBrowserApp, type BrowserApp } from './kit';

const today = toStockholmDate(new Date().toISOString());
const PLAN_TITLE = 'Verksamhetsplan Dalslandssamverkan';

/**
 * The coordinator's operational plan and an amendment's approval, end to end (issue 12 §2, h-coordplan), in Swedish
 * and then in English: a plan refused beside its field with what was typed kept, then recorded; the council informed
 * with the keyboard alone; KDG's adoption; the plan in force; an amendment registered by the coordinator and
 * approved by Mellerud's registrar, first refused for the wrong organ (R-D2). Every page through axe-core at a phone's
 * width and a desktop's, with no horizontal overflow and no CSP violation.
 */
describe("the coordinator's plan, council and amendment pages (Chromium)", () => {
  let app: BrowserApp;
  let page: Page;
  let clerk: Page;
  let refused: string[];
  let clerkRefused: string[];
  beforeAll(async () => {
    app = await startBrowserApp();
    page = await (await app.context()).newPage();
    clerk = await (await app.context()).newPage();
    refused = cspViolations(page);
    clerkRefused = cspViolations(clerk);
  }, 120_000);
  afterAll(async () => app?.close());

  /** Waits for the answer of a form's post (303 and the page again): the note of an earlier post may be shown already. */
  const submitted = async (p: Page, act: () => Promise<void>) => {
    await Promise.all([p.waitForEvent('framenavigated'), act()]);
    await p.waitForLoadState();
  };
  const form = (p: Page, suffix: string) => p.locator(`form[id$="${suffix}"]`);

  it('in Swedish: a plan refused beside its field with what was typed kept, then recorded', async () => {
    await signIn(page, app.base, app.tokens.coordinator);
    await page.goto(`${app.base}/samverkan/dalslandssamverkan`);
    await page.getByRole('link', { name: 'Verksamhetsplanen' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Verksamhetsplan – Dalslandssamverkan');
    await checkAccessible(page);

    const create = page.locator('#plan-new');
    await create.locator('#plan-new-title').fill(PLAN_TITLE);
    await create.locator('#plan-new-validFrom').fill('2026-12-31');
    await create.locator('#plan-new-validTo').fill('2025-01-01');
    await create
      .locator('#plan-new-focusAreas')
      .fill('kompetensforsorjning: Kompetensförsörjning\nsocialtjanst: Socialtjänst');
    await create.getByRole('button', { name: 'Registrera' }).click();
    await expect(page.locator('#plan-new-validTo-error').textContent()).resolves.toContain('slutar');
    await expect(page.locator('#plan-new-validTo-error a').getAttribute('href')).resolves.toBe('/regler#R-D8');
    expect(await page.locator('#plan-new-title').inputValue()).toBe(PLAN_TITLE);
    expect(await page.locator('#plan-new-focusAreas').inputValue()).toContain('socialtjanst: Socialtjänst');
    await checkAccessible(page);

    await page.locator('#plan-new-validFrom').fill('2025-01-01');
    await page.locator('#plan-new-validTo').fill('2026-12-31');
    await page.locator('#plan-new').getByRole('button', { name: 'Registrera' }).click();
    await expect(page.locator('.notice--success').textContent()).resolves.toContain('Registrerat.');
    await expect(page.locator('table').first().textContent()).resolves.toContain('Första versionen');
  });

  it('in Swedish: the council informed with the keyboard alone, then KDG adopts; the plan is in force', async () => {
    // The keyboard only: the informed-at field, then Tab through the record and the note to the button, and Enter.
    const informedAt = form(page, '-COUNCIL_INFORMED').locator('input[name="informedAt"]');
    await informedAt.focus();
    await page.keyboard.type('2024-12-05 10:00');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.textContent.trim()')).resolves.toBe('Registrera');
    await submitted(page, () => page.keyboard.press('Enter'));
    await expect(page.locator('table').first().textContent()).resolves.toContain('2024-12-05 10:00');

    const adopt = form(page, '-KDG_ADOPTED');
    await adopt.locator('input[name="adoptedAt"]').fill('2024-12-12 14:00');
    await submitted(page, () => adopt.getByRole('button', { name: 'Registrera' }).click());
    await expect(page.locator('.notice--success').count()).resolves.toBe(1);
    await expect(page.locator('table').first().textContent()).resolves.toContain('2024-12-12 14:00 (KDG)');
    if (today >= '2025-01-01' && today <= '2026-12-31')
      await expect(page.locator('main').textContent()).resolves.toContain(`${PLAN_TITLE}, version 1, gäller`);
    await page.locator('#datum').fill('2025-06-01');
    await page.getByRole('button', { name: 'Visa' }).click();
    await expect(page.locator('#in-force-on').textContent()).resolves.toBe('Plan i kraft den 1 juni 2025');
    await checkAccessible(page);
    await screenshot(page, 'verksamhetsplan');

    await page.goto(`${app.base}/samverkan/dalslandssamverkan/rad`);
    await expect(page.locator('#not-appealable').textContent()).resolves.toContain('laglighetsprövning');
    await checkAccessible(page);
    await screenshot(page, 'samverkansradet');
  });

  /** The coordinator registers an amendment; Mellerud's registrar approves it, first with the wrong organ. */
  async function amendmentFlow(lang: 'sv' | 'en', title: string, texts: { record: string; wrong: string }) {
    await page.goto(`${app.base}/samverkan/dalslandssamverkan/andringar?lang=${lang}`);
    const create = page.locator('#amendment-new');
    await create.locator('#amendment-new-title').fill(title);
    await create.locator('#amendment-new-version').fill(`${lang}-1`);
    await create.locator('#amendment-new-text').fill('Avsiktsförklaringen ändras.');
    await submitted(page, () => create.getByRole('button', { name: texts.record }).click());
    await expect(page.locator('.notice--success').count()).resolves.toBe(1);
    await checkAccessible(page);

    await clerk.goto(`${app.base}/samverkan/dalslandssamverkan/andringar?lang=${lang}`);
    const section = clerk.locator('section', { has: clerk.locator('h2', { hasText: title }) });
    const approval = section.locator('form');
    await approval.locator('select[name="decision_organ"]').selectOption('KS');
    await approval.locator('input[name="decision_date"]').fill('2025-02-03');
    await approval.locator('input[name="decision_paragraph"]').fill('§ 12');
    await submitted(clerk, () => approval.getByRole('button', { name: texts.record }).click());
    const organError = clerk.locator('[id$="-decision_organ-error"]');
    await expect(organError.textContent()).resolves.toContain(texts.wrong);
    await expect(organError.locator('a').getAttribute('href')).resolves.toBe('/regler#R-D2');
    const refusedForm = clerk.locator('section', { has: clerk.locator('h2', { hasText: title }) }).locator('form');
    expect(await refusedForm.locator('input[name="decision_paragraph"]').inputValue()).toBe('§ 12');
    await checkAccessible(clerk);

    await refusedForm.locator('select[name="decision_organ"]').selectOption('KF');
    await submitted(clerk, () => refusedForm.getByRole('button', { name: texts.record }).click());
    await expect(clerk.locator('.notice--success').count()).resolves.toBe(1);
    const approvals = clerk.locator('section', { has: clerk.locator('h2', { hasText: title }) }).locator('table');
    await expect(approvals.textContent()).resolves.toContain('Mellerud');
    await checkAccessible(clerk);
  }

  it('in Swedish: an amendment registered, and Mellerud’s approval refused for the wrong organ (R-D2), then recorded', async () => {
    await signIn(clerk, app.base, app.tokens.clerk);
    await amendmentFlow('sv', 'Ändring av §12', { record: 'Registrera', wrong: 'En ändring godkänns för 1461 av' });
    await screenshot(clerk, 'andring-godkand');
  });

  it('in English: the plan in force, the council, and an amendment approved', async () => {
    await page.goto(`${app.base}/samverkan/dalslandssamverkan/verksamhetsplan?lang=en&datum=2025-06-01`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect(page.locator('h1').textContent()).resolves.toBe('Operational plan – Dalslandssamverkan');
    await expect(page.locator('#in-force-on').textContent()).resolves.toBe('Plan in force on 1 June 2025');
    await expect(page.locator('main').textContent()).resolves.toContain('not a decision of an elected body');
    await checkAccessible(page);
    await page.goto(`${app.base}/samverkan/dalslandssamverkan/rad?lang=en`);
    await expect(page.locator('#not-appealable').textContent()).resolves.toContain('cannot be appealed');
    await checkAccessible(page);
    await amendmentFlow('en', 'Amendment of §13', { record: 'Record', wrong: 'An amendment is approved for 1461 by' });
    expect([...refused, ...clerkRefused]).toEqual([]);
  });

  it('without JavaScript: the council record form posts, is refused beside its date and keeps what was typed', async () => {
    const nojs = await (await app.context({ javaScriptEnabled: false })).newPage();
    await signIn(nojs, app.base, app.tokens.coordinator);
    await nojs.goto(`${app.base}/samverkan/dalslandssamverkan/rad`);
    const record = nojs.locator('#council-record');
    await record.locator('#council-record-title').fill('Minnesanteckningar');
    await record.locator('#council-record-recordedOn').fill('2099-01-01');
    await record.getByRole('button').click();
    await expect(nojs.locator('#council-record-recordedOn-error').count()).resolves.toBe(1);
    expect(await nojs.locator('#council-record-title').inputValue()).toBe('Minnesanteckningar');
  });
});
