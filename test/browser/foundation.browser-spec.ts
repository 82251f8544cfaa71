import { checkAccessible, cspViolations, startBrowserApp, type BrowserApp } from './kit';

/**
 * The pages' foundation in Chromium: the sign-in page is the first screen, sessions and their cookie, the language
 * switch, sign-out, CSRF, the strict CSP, a form used with the keyboard alone and a form without JavaScript.
 */
describe('web foundation (Chromium)', () => {
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp();
  }, 120_000);
  afterAll(async () => app?.close());

  it('/ shows the sign-in page, in Swedish, accessible at both widths, nothing refused by the CSP', async () => {
    const page = await (await app.context()).newPage();
    const refused = cspViolations(page);
    await page.goto(`${app.base}/`);
    expect(new URL(page.url()).pathname).toBe('/logga-in');
    expect(await page.locator('html').getAttribute('lang')).toBe('sv');
    await expect(page.locator('h1').textContent()).resolves.toBe('Logga in');
    // The stylesheet is a file that loaded (the skip link is moved off screen by it).
    expect(await page.locator('.skip-link').evaluate((e) => (globalThis as any).getComputedStyle(e).position)).toBe(
      'absolute',
    );
    await checkAccessible(page);
    expect(refused).toEqual([]);
  });

  it('a refused token is shown beside its field, in words, and the page stays accessible', async () => {
    const page = await (await app.context()).newPage();
    await page.goto(`${app.base}/logga-in`);
    await page.locator('#token').fill('svk_not-a-token');
    await page.getByRole('form', { name: 'Med en token' }).getByRole('button', { name: 'Logga in' }).click();
    await expect(page.locator('#token-error').textContent()).resolves.toContain('Token gäller inte');
    expect(await page.locator('#token').getAttribute('aria-invalid')).toBe('true');
    await checkAccessible(page);
  });

  it('signs in with the keyboard alone; the cookie is HttpOnly and SameSite=Strict; signing out ends the session', async () => {
    const context = await app.context();
    const page = await context.newPage();
    await page.goto(`${app.base}/logga-in`);
    // Tab from the top of the page to the token field: skip link, service name, language switch, then the field.
    let focused = '';
    for (let i = 0; i < 10 && focused !== 'token'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate<string>("document.activeElement ? document.activeElement.id : ''");
    }
    expect(focused).toBe('token');
    await page.keyboard.type(app.tokens.coordinator);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/samverkan$/);
    await expect(page.locator('.header__person').textContent()).resolves.toContain('Anna Andersson, samordnare');
    const cookie = (await context.cookies()).find((c) => c.name === 'svk_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

    // Sign out with the keyboard: Tab to the button, Enter.
    await page.locator('button', { hasText: 'Logga ut' }).focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/logga-in\?ut=1$/);
    await page.goto(`${app.base}/samverkan`);
    expect(new URL(page.url()).pathname).toBe('/logga-in');
  });

  it('switches to English by the link, sets <html lang>, and keeps the choice', async () => {
    const page = await (await app.context()).newPage();
    await page.goto(`${app.base}/logga-in`);
    await page.getByRole('link', { name: 'In English' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect(page.locator('h1').textContent()).resolves.toBe('Sign in');
    await page.locator('#token').fill(app.tokens.coordinator);
    await page.getByRole('form', { name: 'With a token' }).getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/samverkan$/);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect(page.locator('h1').textContent()).resolves.toBe('Collaborations');
    await checkAccessible(page);
  });

  it('refuses a form posted without the session’s CSRF token (403), and writes nothing', async () => {
    const context = await app.context();
    const page = await context.newPage();
    await page.goto(`${app.base}/logga-in`);
    await page.locator('#token').fill(app.tokens.coordinator);
    await page.locator('#token').press('Enter');
    await page.waitForURL(/\/samverkan$/);
    const res = await page.request.post(`${app.base}/logga-ut`, { form: { _csrf: 'forged' }, maxRedirects: 0 });
    expect(res.status()).toBe(403);
    // Still signed in: the forged sign-out did nothing.
    await page.goto(`${app.base}/samverkan`);
    expect(new URL(page.url()).pathname).toBe('/samverkan');
  });

  it('signs in without JavaScript (a plain form post and redirects)', async () => {
    const page = await (await app.context({ javaScriptEnabled: false })).newPage();
    await page.goto(`${app.base}/samverkan/dalslandssamverkan`);
    expect(new URL(page.url()).pathname).toBe('/logga-in');
    await page.locator('#token').fill(app.tokens.auditor);
    await page.getByRole('form', { name: 'Med en token' }).getByRole('button', { name: 'Logga in' }).click();
    // Back to the page asked for.
    await page.waitForURL(/\/samverkan\/dalslandssamverkan$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Dalslandssamverkans parter');
  });

  it('the rules page (linked from every refusal) has each rule id as an anchor', async () => {
    const page = await (await app.context()).newPage();
    await page.goto(`${app.base}/regler#R-F1`);
    expect(await page.locator('[id="R-F1"]').count()).toBe(1);
    await checkAccessible(page);
  });
});
