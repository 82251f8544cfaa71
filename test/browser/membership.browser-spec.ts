import type { Page } from 'playwright-core';
import { checkAccessible, cspViolations, screenshot, signIn, startBrowserApp, type BrowserApp } from './kit';

/**
 * A party's membership page (issue 11 §7): from the parties table to Mellerud's membership, whose exit notice shows
 * its sender, recipient, channel and diarienummer, beside the events of its log; in Swedish and in English, with the
 * keyboard alone, accessible at 375 px and 1280 px, and no CSP violation. The exit is recorded through the API by
 * Mellerud's clerk (the pages do not record membership events yet).
 */
describe("a party's membership page (Chromium)", () => {
  let app: BrowserApp;
  let page: Page;
  let refused: string[];

  async function api(path: string, body: unknown) {
    const res = await fetch(`${app.base}/api/v1${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${app.tokens.clerk}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  }

  beforeAll(async () => {
    app = await startBrowserApp();
    const events = '/collaborations/dalslandssamverkan/memberships/1461/events';
    await api(events, {
      type: 'FULLMAKTIGE_REQUESTED_EXIT',
      decision: { organ: 'KF', date: '2025-03-10' },
      desiredExitDate: '2030-12-31',
    });
    await api(events, {
      type: 'EXIT_NOTICE_DELIVERED',
      arrivedAt: '2025-03-20T09:15:00+01:00',
      sender: { name: 'Kerstin Kso', office: 'KSO' },
      recipient: { name: 'Rolf Ordförande', office: 'COUNCIL_CHAIR', municipality: '1460' },
      channel: 'E_SIGNATURE',
      registrations: [{ municipality: '1461', diarienummer: 'KS 2025/87' }],
    });
    page = await (await app.context()).newPage();
    refused = cspViolations(page);
  }, 120_000);
  afterAll(async () => app?.close());

  it('in Swedish: the notice with what it records and lacks, and the events of the membership', async () => {
    await signIn(page, app.base, app.tokens.coordinator);
    await page.goto(`${app.base}/samverkan/dalslandssamverkan`);
    const link = page.getByRole('link', { name: 'Mellerud', exact: true });
    await link.focus();
    await link.press('Enter');
    await page.waitForURL(/\/parter\/1461$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Medlemskap: Mellerud (1461)');
    const notice = (await page.locator('#exit-notice + dl').innerText()).replace(/\s+/g, ' ');
    for (const text of [
      'Kom in 2025-03-20 09:15',
      'Avsändare Kerstin Kso (kommunstyrelsens ordförande)',
      'Mottagare Rolf Ordförande (Samverkansrådets ordförande, 1460)',
      'Hur det kom in e-underskrift',
      'Diarienummer KS 2025/87 i 1461',
      'Inte registrerat i meddelandet diarienummer i den mottagande kommunen',
    ])
      expect(notice).toContain(text);
    const events = await page
      .locator('table[aria-labelledby="events-heading"] tbody tr td:nth-child(2)')
      .allTextContents();
    expect(events).toEqual(
      expect.arrayContaining(['Fullmäktige begärde utträde', 'Meddelande om utträde kom in till rådets ordförande']),
    );
    await checkAccessible(page);
    await screenshot(page, 'medlemskap');
  });

  it('in English, and without CSP violations', async () => {
    await page.goto(`${app.base}/samverkan/dalslandssamverkan/parter/1461?lang=en`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Membership: Mellerud (1461)');
    await expect(page.locator('#exit-notice').textContent()).resolves.toBe('Exit notice');
    expect(await page.locator('#exit-notice + dl').innerText()).toContain('e-signature');
    await checkAccessible(page);
    expect(refused).toEqual([]);
  });
});
