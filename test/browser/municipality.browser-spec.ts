import type { Page } from 'playwright-core';
import { PersonService } from '../../src/auth/person.service';
import { checkAccessible, cspViolations, PHONE, screenshot, startBrowserApp, type BrowserApp } from './kit';

/**
 * The clerk's municipality pages in Chromium (issue 12 §1, §3; h-web2): a person set up by an admin signs in with
 * user name and password (the keyboard alone), starts on what waits on Mellerud, opens the membership of
 * Dalslandssamverkan, has a refused exit request shown beside its field with what was typed kept, then records it;
 * in Swedish and in English; axe-core and the phone's width on every page; no CSP violation.
 */
const PASSWORD = 'ett långt lösenord för Karin';
const TEXTS = {
  sv: {
    waiting: 'Det som väntar på Mellerud',
    membership: 'Mellerud i Dalslandssamverkan: medlemskap',
    refusedSignIn: 'Användarnamnet eller lösenordet stämmer inte',
    recorded: 'Händelsen är registrerad.',
  },
  en: {
    waiting: 'What waits on Mellerud',
    membership: 'Mellerud in Dalslandssamverkan: membership',
    refusedSignIn: 'The user name or the password is not right',
    recorded: 'The event is recorded.',
  },
};

describe('the municipality pages in the browser', () => {
  let app: BrowserApp;

  beforeAll(async () => {
    app = await startBrowserApp();
    const persons = app.nest.get(PersonService);
    for (const [userName, name] of [
      ['karin', 'Karin Karlsson'],
      ['kerstin', 'Kerstin Kvist'],
    ])
      await persons.create({
        userName,
        name,
        role: 'clerk',
        municipalityCode: '1461',
        password: PASSWORD,
        createdBy: 'e2e',
      });
  });

  afterAll(async () => {
    await app?.close();
  });

  /** Signs in through the user name form with the keyboard alone: Tab from the user name, type, Enter. */
  async function signInByName(page: Page, userName: string, password: string): Promise<void> {
    await page.locator('#userName').focus();
    await page.keyboard.type(userName);
    await page.keyboard.press('Tab');
    await expect(page.evaluate<string>('document.activeElement && document.activeElement.id')).resolves.toBe(
      'password',
    );
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
  }

  for (const lang of ['sv', 'en'] as const) {
    it(`a clerk signs in by name, sees what waits, and records a membership event (${lang})`, async () => {
      const text = TEXTS[lang];
      const userName = lang === 'sv' ? 'karin' : 'kerstin';
      const context = await app.context();
      const page = await context.newPage();
      const csp = cspViolations(page);
      await page.goto(`${app.base}/logga-in?lang=${lang}`);
      await signInByName(page, userName, 'inte lösenordet');
      await page.waitForSelector('#password-error');
      expect(await page.locator('#password-error').innerText()).toContain(text.refusedSignIn);
      expect(await page.locator('#userName').inputValue()).toBe(userName);
      expect(await page.locator('#password').inputValue()).toBe('');
      await checkAccessible(page);
      await page.locator('#userName').fill('');
      await signInByName(page, userName, PASSWORD);
      await page.waitForURL(/\/kommun$/);
      expect(await page.locator('h1').innerText()).toBe(text.waiting);
      await checkAccessible(page);
      if (lang === 'sv') await screenshot(page, 'kommun');

      await page.locator(`a[href="/kommun/medlemskap/dalslandssamverkan?kommun=1461"]`).first().press('Enter');
      await page.waitForURL(/\/kommun\/medlemskap\/dalslandssamverkan/);
      expect(await page.locator('h1').innerText()).toBe(text.membership);
      await checkAccessible(page);

      const form = page.locator('section[aria-labelledby="FULLMAKTIGE_REQUESTED_EXIT-heading"]');
      if (lang === 'sv') {
        // A refusal by a rule (R-C1: fullmäktige decides an exit), beside the organ, the typed values kept.
        await form.locator('#FULLMAKTIGE_REQUESTED_EXIT-decision_organ').selectOption('KS');
        await form.locator('#FULLMAKTIGE_REQUESTED_EXIT-decision_date').fill('2025-03-01');
        await form.locator('#FULLMAKTIGE_REQUESTED_EXIT-desiredExitDate').fill('2026-12-31');
        await form.locator('#FULLMAKTIGE_REQUESTED_EXIT-desiredExitDate').press('Enter');
        await page.waitForSelector('#FULLMAKTIGE_REQUESTED_EXIT-decision_organ-error');
        const error = page.locator('#FULLMAKTIGE_REQUESTED_EXIT-decision_organ-error');
        expect(await error.locator('a[href="/regler#R-C1"]').count()).toBe(1);
        // The error summary takes focus (the script), and names the field.
        await expect(
          page.evaluate<string>('document.activeElement && document.activeElement.className'),
        ).resolves.toContain('error-summary');
        expect(await page.locator('#FULLMAKTIGE_REQUESTED_EXIT-decision_date').inputValue()).toBe('2025-03-01');
        expect(await page.locator('#FULLMAKTIGE_REQUESTED_EXIT-desiredExitDate').inputValue()).toBe('2026-12-31');
        await checkAccessible(page);
        await screenshot(page, 'medlemskap-vagrat');
        await page.locator('#FULLMAKTIGE_REQUESTED_EXIT-decision_organ').selectOption('KF');
        await page.locator('#FULLMAKTIGE_REQUESTED_EXIT-decision_date').press('Enter');
      } else {
        // The exit request is recorded (in Swedish); the workflow now takes the notice of it.
        const notice = page.locator('#EXIT_NOTICE_DELIVERED-arrivedAt');
        await notice.fill('2025-03-05 10:00');
        await notice.press('Enter');
      }
      await page.waitForSelector('.notice[role="status"]');
      expect(await page.locator('.notice[role="status"]').innerText()).toContain(text.recorded);
      await checkAccessible(page);
      expect(csp).toEqual([]);
      await context.close();
    });
  }

  it('the membership form works without JavaScript at a phone’s width', async () => {
    const context = await app.context({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.setViewportSize(PHONE);
    await page.goto(`${app.base}/logga-in`);
    await page.locator('#userName').fill('karin');
    await page.locator('#password').fill(PASSWORD);
    await page.locator('#password').press('Enter');
    await page.waitForURL(/\/kommun$/);
    await page.goto(`${app.base}/kommun/medlemskap/dalslandssamverkan`);
    await page.locator('#COUNCIL_INFORMED-informedOn').fill('2024-02-30');
    await page.locator('#COUNCIL_INFORMED-informedOn').press('Enter');
    await page.waitForSelector('#COUNCIL_INFORMED-informedOn-error');
    expect(await page.locator('#COUNCIL_INFORMED-informedOn').getAttribute('aria-invalid')).toBe('true');
    await context.close();
  });
});
