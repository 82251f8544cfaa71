import * as fs from 'fs';
import type { Page } from 'playwright-core';
import { checkAccessible, cspViolations, PHONE, screenshot, signIn, startBrowserApp, type BrowserApp } from './kit';

/**
 * The coordinator's cost pages in Chromium (issue 12 §2, h-coordcost): a cost rule created through its form (at a
 * phone's width), an invoice run refused beside its field, then previewed (each party's invoice, the host's part)
 * and issued, its invoices downloaded as CSV; the run form with the keyboard alone; the same in English; axe-core
 * finds nothing serious or critical and nothing overflows on any page; the CSP refuses nothing.
 */
describe("the coordinator's cost pages (Chromium)", () => {
  let app: BrowserApp;
  let page: Page;
  let refused: string[];
  beforeAll(async () => {
    app = await startBrowserApp();
    page = await (await app.context()).newPage();
    refused = cspViolations(page);
  }, 120_000);
  afterAll(async () => app?.close());

  const text = async (selector: string) =>
    ((await page.locator(selector).first().textContent()) ?? '').replace(/\u00a0/g, ' ');

  /** Tab until `id` has the focus (the keyboard's way through a form), at most `max` presses. */
  async function tabTo(id: string, max = 12): Promise<void> {
    for (let i = 0; i < max; i++) {
      if ((await page.evaluate<string>('document.activeElement && document.activeElement.id')) === id) return;
      await page.keyboard.press('Tab');
    }
    throw new Error(`Tab never reached #${id}`);
  }

  it('in Swedish: a rule created through the form at a phone width', async () => {
    await signIn(page, app.base, app.tokens.coordinator);
    await page.goto(`${app.base}/samverkan/dalslandssamverkan`);
    await page.getByRole('link', { name: 'Kostnader och fakturering' }).click();
    await expect(text('h1')).resolves.toBe('Kostnader – Dalslandssamverkan');
    await checkAccessible(page);
    await screenshot(page, 'kostnader');

    await page.setViewportSize(PHONE);
    await page.locator('#rule-title').fill('Gemensam IT-samordnare');
    await page.locator('#rule-function').fill('IT-samordnare');
    await page.locator('#rule-host').selectOption('1461');
    for (const code of ['1460', '1438']) {
      await page.locator(`#rule-pay_${code}`).check();
      await page.locator(`#rule-share_${code}`).fill('25');
    }
    await page.locator('#rule-costBase').fill('Lönekostnad inklusive arbetsgivaravgifter');
    await page.locator('#rule-startMonth').fill('2023-01');
    await page.locator('#rule-adoptedOn').fill('2022-12-15');
    await page.locator('#rule-basis').fill('Avtal om gemensam IT-samordnare');
    await page.getByRole('button', { name: 'Skapa kostnadsregeln' }).click();
    await expect(text('.notice--success')).resolves.toContain('Registrerat: Kostnadsregeln skapad.');
    await expect(text('h1')).resolves.toBe('Gemensam IT-samordnare');
    await expect(text('.summary')).resolves.toContain('värdkommunen Mellerud bär 50,00 %');
    await checkAccessible(page);
  });

  it('in Swedish: a run before the rule starts is refused beside its field, with what was typed kept', async () => {
    await page.locator('#run-from').fill('2022-12');
    await page.locator('#run-amount').fill('40 000,00');
    await page.getByRole('button', { name: 'Förhandsgranska fakturorna' }).click();
    await expect(text('#run-from-error')).resolves.toContain('före kostnadsregelns start');
    await expect(page.locator('#run-from-error a[href="/regler#R-G1"]').count()).resolves.toBe(1);
    expect(await page.locator('#run-from').inputValue()).toBe('2022-12');
    expect(await page.locator('#run-amount').inputValue()).toBe('40 000,00');
    await checkAccessible(page);
    await screenshot(page, 'kostnader-vagrat');
  });

  it('in Swedish, with the keyboard alone: the preview shows each invoice and the host, then the run is issued', async () => {
    await page.locator('#run-from').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('2023-01');
    await tabTo('run-amount');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('40 000,00');
    await page.keyboard.press('Enter');
    await page.waitForURL(/forhandsgranskning/);
    await expect(text('.notice')).resolves.toContain('inget är registrerat ännu');
    const rows = await page.locator('table tbody tr').allTextContents();
    const flat = rows.map((r) =>
      r
        .replace(/\u00a0/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    );
    expect(flat[0]).toContain('10 000,00 kr');
    expect(flat[1]).toContain('10 000,00 kr');
    expect(flat[2]).toMatch(/Mellerud \(värdkommun, faktureras inte\) 50,00 % 20 000,00 kr/);
    expect(flat[3]).toContain('40 000,00 kr');
    await checkAccessible(page);
    await screenshot(page, 'faktura-forhandsgranskning');

    await tabTo('confirm-run', 60);
    await page.keyboard.press('Enter');
    await page.waitForURL(/registrerat=INVOICE_RUN_ISSUED/);
    await expect(text('.notice--success')).resolves.toContain('Registrerat: Fakturor utfärdade.');
    await expect(text('#run-1')).resolves.toContain('Körning 1: 2023-01');
    await checkAccessible(page);
  });

  it('in Swedish: the run’s invoices download as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Fakturorna i körning 1 som CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^fakturor-.*-1\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    expect(csv.startsWith('\ufeffFakturanummer;')).toBe(true);
    expect(csv).toContain('1-1460;');
    expect(csv).toContain('10 000,00');
  });

  it('in English: the pages, a second month previewed and issued', async () => {
    await page.getByRole('link', { name: 'In English' }).click();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await expect(text('#run-heading')).resolves.toBe('Invoice a period');
    await page.locator('#run-from').fill('2023-02');
    await page.locator('#run-amount').fill('40000');
    await page.getByRole('button', { name: 'Preview the invoices' }).click();
    await expect(text('.notice')).resolves.toContain('nothing has been recorded yet');
    await expect(text('table')).resolves.toContain('(host, not invoiced)');
    await checkAccessible(page);
    await page.getByRole('button', { name: 'Confirm and issue 2 invoices' }).click();
    await expect(text('.notice--success')).resolves.toContain('Recorded: Invoices issued.');
    await checkAccessible(page);
    await page.getByRole('link', { name: 'The cost rules' }).click();
    await expect(text('h1')).resolves.toBe('Costs – Dalslandssamverkan');
    await checkAccessible(page);
    expect(refused).toEqual([]);
  });
});
