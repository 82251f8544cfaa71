import { today } from './fuzz';
import {
  binaryBody,
  formBody,
  hiddenOf,
  pdfArchiveFacts,
  pdfPlainText,
  tableCounts,
  useTestApp,
  webSession,
  type FormFields,
  type WebSession,
} from './kit';

/**
 * The coordinator's cost pages (issue 12 §2, §7; h-coordcost): a collaboration's cost rules, a rule created and its
 * events, the invoice run previewed (computed, nothing written: every row count unchanged) and then confirmed, the
 * issued invoices with their CSV and PDF/A-3b, credit invoices; each refusal beside its field with the rule linked and
 * what was typed kept. The demo data's SEED-SAM rule (R-G2): Åmål hosts, four parties at 10 %, run 1 for 2022-11–12.
 */
/** The page's text with its no-break spaces as plain spaces (amounts are written `12 345,67 kr`). */
const plain = (text: string) => text.replace(/\u00a0/g, ' ');
const BASE = '/samverkan/dalslandssamverkan/kostnader';
const PAYERS = ['1460', '1438', '1439', '1461'];

describe("web: the coordinator's cost pages", () => {
  const ctx = useTestApp({ seed: 'demo' });
  const sessions: Record<string, WebSession> = {};
  let seedRule = '';

  const get = (path: string, who = 'coordinator') => sessions[who].get(path);
  /** Posts `fields` to `path` with the CSRF token of the page `from`. */
  const post = (path: string, fields: FormFields, from = path, who = 'coordinator') =>
    sessions[who].post(from, path, fields);
  /** A new rule through the page: host Åmål, the four parties at `share` % each, from 2020-01. */
  async function createRule(over: Record<string, string> = {}, share = '10') {
    const fields: Record<string, string> = {
      title: `Regel ${Math.random().toString(36).slice(2, 8)}`,
      scope: 'common',
      function: 'Samordnare',
      host: '1492',
      method: 'percent',
      costBase: 'lönekostnad inklusive arbetsgivaravgifter',
      startMonth: '2020-01',
      adoptedOn: '2019-12-20',
      basis: 'Avtal om samordnare',
      ...Object.fromEntries(
        PAYERS.flatMap((c) => [
          [`pay_${c}`, 'ja'],
          [`share_${c}`, share],
        ]),
      ),
      ...over,
    };
    return post(BASE, fields);
  }
  const ruleIdOf = (location: string) => /kostnader\/([0-9a-f-]{36})/.exec(location)![1];

  beforeAll(async () => {
    sessions.coordinator = await webSession(ctx, ctx.tokens.coordinator);
    sessions.auditor = await webSession(ctx, ctx.tokens.auditor);
    const rules = await ctx.http
      .get('/api/v1/collaborations/dalslandssamverkan/cost-rules')
      .set('Authorization', `Bearer ${ctx.tokens.admin}`);
    seedRule = rules.body[0].id;
  });

  it('lists the rules with their key, period, host and state, in Swedish and English; linked from the collaboration', async () => {
    const collaboration = await get('/samverkan/dalslandssamverkan');
    expect(collaboration.text).toContain(`href="${BASE}"`);
    const res = await get(BASE);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const text = plain(res.text);
    expect(text).toContain('<h1>Kostnader – Dalslandssamverkan</h1>');
    expect(text).toContain('<h2>Gemensam funktion</h2>');
    expect(text).toContain(`href="${BASE}/${seedRule}"`);
    expect(text).toMatch(
      /Procent:\s+Bengtsfors 10,00 %, Dals-Ed 10,00 %, Färgelanda 10,00 %, Mellerud 10,00 %;\s+värdkommunen Åmål bär 60,00 %/,
    );
    expect(text).toContain('från 2022-11, tills vidare');
    expect(text).toContain('I kraft');
    expect(text).toContain('Ny kostnadsregel');
    const en = plain((await get(`${BASE}?lang=en`)).text);
    expect(en).toContain('<h1>Costs – Dalslandssamverkan</h1>');
    expect(en).toContain('the host Åmål carries 60,00 %');
    // An auditor reads the rules but gets no form (the API's writers are admin and coordinator).
    const auditor = await get(BASE, 'auditor');
    expect(auditor.status).toBe(200);
    expect(auditor.text).not.toContain('Ny kostnadsregel');
  });

  it("a rule's page: the seeded run with its invoices, the CSV and the PDF/A-3b, and the history with its rules", async () => {
    const res = await get(`${BASE}/${seedRule}`);
    expect(res.status).toBe(200);
    const text = plain(res.text);
    expect(text).toContain('Körning 1: 2022-11 – 2022-12, fakturadatum 2023-01-16');
    expect(text).toContain('Kostnad 97 000,00 kr; värdkommunen bär 58 200,00 kr.');
    expect(text).toContain('9 700,00 kr');
    expect(text).toContain('Kostnadsregeln skapad');
    expect(text).toContain('Fakturor utfärdade');
    expect(text).toContain('href="/regler#R-G6"');
    const csv = await get(`${BASE}/${seedRule}/korningar/1/fakturor.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toMatch(/^attachment; filename="fakturor-.*-1\.csv"$/);
    expect(csv.text.split('\r\n')[1]).toContain('1-1460;2023-01-16;Åmål;1460;Bengtsfors');
    const pdf = await get(`${BASE}/${seedRule}/korningar/1/fakturor.pdf`).buffer(true).parse(binaryBody);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = pdf.body as Buffer;
    const facts = pdfArchiveFacts(bytes);
    expect(facts.fonts.length).toBeGreaterThan(0);
    expect(facts.fonts.every((f) => f.embedded && /^[A-Z]{6}\+DejaVuSans/.test(f.name))).toBe(true);
    expect([facts.pdfaPart, facts.pdfaConformance, facts.outputIntent, facts.encrypted]).toEqual([
      '3',
      'B',
      true,
      false,
    ]);
    expect({ ok: facts.qpdfOk, out: facts.qpdfOutput }).toEqual({ ok: true, out: expect.any(String) });
    expect(pdfPlainText(bytes)).toContain('Nr 1-1460');
    // Another collaboration's path, or a run that does not exist, is no page.
    expect((await get(`/samverkan/nosuch/kostnader/${seedRule}`)).status).toBe(404);
    expect((await get(`${BASE}/${seedRule}/korningar/9/fakturor.csv`)).status).toBe(404);
  });

  it('the preview shows each invoice and the host’s residue and writes nothing; the confirmation issues them', async () => {
    const created = await createRule();
    expect(created.status).toBe(303);
    const id = ruleIdOf(created.headers.location);
    const before = await tableCounts(ctx);
    const query = formBody({ from: '2023-01', issuedOn: '2023-02-05', amount: '33 333,33' });
    const preview = await get(`${BASE}/${id}/forhandsgranskning?${query}`);
    expect(preview.status).toBe(200);
    const text = plain(preview.text);
    expect(text).toContain('inget är registrerat ännu');
    // 10 % of 33 333,33 kr is 3 333,333 → 3 333,33 kr each; Åmål carries the rest: 20 000,01 kr.
    expect(text.match(/>3 333,33 kr</g)?.length).toBe(4);
    expect(text).toContain('20 000,01 kr');
    expect(text).toContain('33 333,33 kr');
    expect(await tableCounts(ctx)).toEqual(before);
    // The same preview again writes nothing either.
    await get(`${BASE}/${id}/forhandsgranskning?${query}`);
    expect(await tableCounts(ctx)).toEqual(before);

    const hidden = hiddenOf(preview.text);
    expect(hidden).toMatchObject({ from: '2023-01', issuedOn: '2023-02-05', amount: '33 333,33' });
    const confirmed = await sessions.coordinator.send(`${BASE}/${id}/korningar`, hidden);
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.location).toBe(`${BASE}/${id}?registrerat=INVOICE_RUN_ISSUED#run-1`);
    const after = await tableCounts(ctx);
    expect(after.workflow_transition).toBe(before.workflow_transition + 1);
    expect(after.cost_invoice).toBe(before.cost_invoice + 4);
    const page = plain((await get(confirmed.headers.location)).text);
    expect(page).toContain('Registrerat: Fakturor utfärdade.');
    expect(page).toContain('Körning 1: 2023-01, fakturadatum 2023-02-05');
    // Sent twice (a double click): the form's key answers with the first run, nothing more is written.
    const again = await sessions.coordinator.send(`${BASE}/${id}/korningar`, hidden);
    expect(again.status).toBe(303);
    expect(await tableCounts(ctx)).toEqual(after);
  });

  it('a refused preview is shown beside its field, the rule linked, every typed value kept; nothing written', async () => {
    const before = await tableCounts(ctx);
    const early = await get(
      `${BASE}/${seedRule}/forhandsgranskning?${formBody({ from: '2022-10', amount: '48 500,00' })}`,
    );
    expect(early.status).toBe(422);
    const error = /id="run-from-error"[^]*?<\/p>/.exec(early.text)?.[0] ?? '';
    expect(error).toContain('före kostnadsregelns start');
    expect(error).toContain('href="/regler#R-G1"');
    expect(early.text).toMatch(/id="run-from"[^>]*value="2022-10"/);
    expect(early.text).toMatch(/id="run-amount"[^>]*value="48 500,00"/);
    // A month already invoiced to the parties (R-K9), beside the parties.
    const twice = await get(`${BASE}/${seedRule}/forhandsgranskning?${formBody({ from: '2022-12', amount: '1' })}`);
    expect(twice.status).toBe(422);
    expect(/id="run-parties-error"[^]*?<\/p>/.exec(twice.text)?.[0]).toContain('href="/regler#R-K9"');
    // A malformed month: the DTO's 400 beside it.
    const bad = await get(`${BASE}/${seedRule}/forhandsgranskning?${formBody({ from: '2023-13', amount: '1' })}`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('id="run-from-error"');
    expect(await tableCounts(ctx)).toEqual(before);
    // The auditor may not preview (the API's writers only).
    expect((await get(`${BASE}/${seedRule}/forhandsgranskning?from=2023-01&amount=1`, 'auditor')).status).toBe(403);
  });

  it('a stale preview is not issued: something recorded on the rule since answers 409 on the form', async () => {
    const id = ruleIdOf((await createRule()).headers.location);
    const preview = await get(`${BASE}/${id}/forhandsgranskning?${formBody({ from: '2021-01', amount: '1000' })}`);
    const hidden = hiddenOf(preview.text);
    const informed = await post(
      `${BASE}/${id}/handelser`,
      { type: 'COUNCIL_INFORMED', version: '1', informedOn: today },
      `${BASE}/${id}`,
    );
    expect(informed.status).toBe(303);
    const before = await tableCounts(ctx);
    const stale = await sessions.coordinator.send(`${BASE}/${id}/korningar`, hidden);
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('error-summary');
    expect(await tableCounts(ctx)).toEqual(before);
  });

  it('creates a rule; a refused one comes back beside its fields with what was typed (R-G3, 400)', async () => {
    const over = await createRule({ title: 'För stora andelar' }, '30');
    expect(over.status).toBe(422);
    const error = /id="rule-payers-error"[^]*?<\/p>/.exec(over.text)?.[0] ?? '';
    expect(error).toContain('120,00 %');
    expect(error).toContain('href="/regler#R-G3"');
    expect(over.text).toMatch(/id="rule-title"[^>]*value="För stora andelar"/);
    expect(over.text).toMatch(/id="rule-share_1460"[^>]*value="30"/);
    expect(over.text).toMatch(/id="rule-pay_1460"[^>]*checked/);
    const month = await createRule({ startMonth: '2020-13' });
    expect(month.status).toBe(400);
    expect(month.text).toContain('id="rule-startMonth-error"');
    expect(month.text).toMatch(/id="rule-startMonth"[^>]*value="2020-13"/);
    // The host among the payers: beside the host's row.
    const host = await createRule({ pay_1492: 'ja', share_1492: '5' });
    expect(host.status).toBe(400);
    expect(host.text).toContain('id="rule-pay_1492-error"');

    const drafted = await createRule({ adoptedOn: '', basis: '' });
    expect(drafted.status).toBe(303);
    const id = ruleIdOf(drafted.headers.location);
    const page = plain((await get(drafted.headers.location)).text);
    expect(page).toContain('Registrerat: Kostnadsregeln skapad.');
    expect(page).toContain('Utkast, inte i kraft');
    // Adopted through its form; an end before the start refused beside the month (R-G1).
    const adopted = await post(
      `${BASE}/${id}/handelser`,
      { type: 'COST_RULE_ADOPTED', version: '0', adoptedOn: today, basis: 'Avtal' },
      `${BASE}/${id}`,
    );
    expect(adopted.status).toBe(303);
    const ended = await post(
      `${BASE}/${id}/handelser`,
      { type: 'COST_RULE_ENDED', version: '1', endMonth: '2019-01', endedOn: today, reason: 'Ny modell' },
      `${BASE}/${id}`,
    );
    expect(ended.status).toBe(422);
    expect(/id="event-COST_RULE_ENDED-endMonth-error"[^]*?<\/p>/.exec(ended.text)?.[0]).toContain(
      'href="/regler#R-G1"',
    );
    expect(ended.text).toMatch(/id="event-COST_RULE_ENDED-reason"[^>]*>Ny modell</);
    // Only the API's writers post.
    const auditor = await sessions.auditor.post(BASE, BASE, { title: 'x' });
    expect(auditor.status).toBe(403);
  });

  it('credits an invoice in part; more than remains is refused beside the amount (R-K9)', async () => {
    const id = ruleIdOf((await createRule()).headers.location);
    const preview = await get(
      `${BASE}/${id}/forhandsgranskning?${formBody({ from: '2020-01', amount: '50000', issuedOn: '2020-02-05' })}`,
    );
    const hidden = hiddenOf(preview.text);
    await sessions.coordinator.send(`${BASE}/${id}/korningar`, hidden);
    const page = (await get(`${BASE}/${id}`)).text;
    const action = /Kreditera faktura 1-1460[^]*?action="([^"]+\/kreditering)"/.exec(page)![1];
    const tooMuch = await post(action, { version: '2', amount: '6 000,00', reason: 'Fel underlag' }, `${BASE}/${id}`);
    expect(tooMuch.status).toBe(422);
    const error = /id="credit-1-1460-amount-error"[^]*?<\/p>/.exec(plain(tooMuch.text))?.[0] ?? '';
    expect(error).toContain('5 000,00 kr');
    expect(error).toContain('href="/regler#R-K9"');
    expect(tooMuch.text).toMatch(/id="credit-1-1460-amount"[^>]*value="6 000,00"/);
    const credited = await post(action, { version: '2', amount: '1 000', reason: 'Fel underlag' }, `${BASE}/${id}`);
    expect(credited.status).toBe(303);
    const after = plain((await get(credited.headers.location)).text);
    expect(after).toContain('Registrerat: Faktura krediterad.');
    expect(after).toContain('Kreditfakturor');
    expect(after).toMatch(/K1<\/td>\s*<td>1-1460/);
    expect(after).toContain('1 000,00 kr (K1)');
  });
});
