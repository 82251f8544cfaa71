import { apiClient, binaryBody, expectErrorBody, tableCounts, useTestApp, verifyWorkflow } from './kit';

// Cost sharing (kostnadsfördelning, RULEBOOK §3 G, R-K9, DECISIONS D11) over HTTP, on SQLite (npm test) and
// PostgreSQL (npm run test:pg). The demo data holds the SEED-SAM coordinator rule; each test here makes its own rules.
describe('cost rules, invoice runs, invoices and credits', () => {
  const ctx = useTestApp({ seed: 'demo' });
  const api = apiClient(ctx);
  const SLUG = 'dalslandssamverkan';
  const PAYERS = ['1460', '1438', '1439', '1461'];

  /** The SEED-SAM arrangement (R-G2): host Åmål, four parties at 10 % each of the coordinator's salary cost. */
  const coordinatorRule = (over: Record<string, unknown> = {}) => ({
    title: 'Samordnare för samverkan inom socialtjänst',
    scope: { kind: 'common', function: 'Samordnare socialtjänst' },
    host: '1492',
    method: 'percent',
    payers: PAYERS.map((municipality) => ({ municipality, sharePercent: '10' })),
    costBase: 'lönekostnad inklusive arbetsgivaravgifter',
    startMonth: '2022-11',
    adoption: { adoptedOn: '2022-10-31', basis: 'SEED-SAM' },
    ...over,
  });

  const createRule = async (over: Record<string, unknown> = {}) => {
    const res = await api.post(`/collaborations/${SLUG}/cost-rules`, coordinatorRule(over), ctx.tokens.coordinator);
    expect({ status: res.status, body: res.body }).toEqual({ status: 201, body: expect.anything() });
    return res.body;
  };

  const march = (over: Record<string, unknown> = {}) => ({
    from: '2023-03',
    issuedOn: '2023-04-05',
    costs: [{ amount: '50000.00' }],
    ...over,
  });

  const runFor = (id: string, body: unknown, preview = false) =>
    api.post(`/cost-rules/${id}/invoice-runs?preview=${preview}`, body, ctx.tokens.coordinator);

  const refusedWithNothingWritten = async (
    send: () => Promise<{ status: number; body: any }>,
    status: number,
    code: string,
  ) => {
    const before = await tableCounts(ctx);
    const res = await send();
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expectErrorBody(res.body, code);
    expect(await tableCounts(ctx)).toEqual(before);
    return res.body;
  };

  it('R-G4: a cost rule of an area invoices only the parties of its agreement; an area of another collaboration is 404', async () => {
    const areas = (await api.get(`/collaborations/${SLUG}/areas`)).body.stages.flatMap((s: any) => s.areas);
    const social = areas.find((a: any) => a.participants.some((p: any) => (p.code ?? p.municipality?.code) === '1460'));
    const scope = { kind: 'area', areaWorkflowId: social.workflowId };
    const areaRule = (payers: string[]) =>
      coordinatorRule({
        scope,
        host: '1461',
        payers: payers.map((municipality) => ({ municipality, sharePercent: '50' })),
      });
    const refused = await refusedWithNothingWritten(
      () => api.post(`/collaborations/${SLUG}/cost-rules`, areaRule(['1492']), ctx.tokens.coordinator),
      422,
      'NOT_A_PARTY',
    );
    expect(refused).toMatchObject({ ruleId: 'R-G4', details: { municipality: '1492' } });
    const ok = await api.post(`/collaborations/${SLUG}/cost-rules`, areaRule(['1460']), ctx.tokens.coordinator);
    expect(ok.status).toBe(201);
    await refusedWithNothingWritten(
      () => api.post(`/collaborations/vastra-malardalen/cost-rules`, areaRule(['1460']), ctx.tokens.coordinator),
      404,
      'NOT_FOUND',
    );
  });

  it('R-G2, R-G3, R-G6: the coordinator run for March 2023 on 50 000 SEK gives four invoices of 5 000,00; Åmål carries 30 000,00', async () => {
    const rule = await createRule();
    expect(rule).toMatchObject({ state: 'inForce', host: { code: '1492' }, hostShare: { percent: '60,00 %' } });
    const res = await runFor(rule.id, march());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ preview: false, run: 1, totalCost: '50 000,00', hostAmount: '30 000,00' });
    expect(res.body.invoices.map((i: any) => [i.municipality.code, i.amount, i.amountOre])).toEqual(
      PAYERS.map((code) => [code, '5 000,00', 500_000]),
    );
    expect(res.body.invoices[0]).toMatchObject({
      number: '1-1460',
      costBase: 'lönekostnad inklusive arbetsgivaravgifter',
    });
    // Every invoice is in the hashed log: the run is an event on the rule's workflow, which verifies by replay.
    expect(res.body.transition).toMatchObject({ eventType: 'INVOICE_RUN_ISSUED', legalDate: '2023-04-05' });
    expect(await verifyWorkflow(ctx, rule.id)).toMatchObject({ ok: true });
    const listed = await api.get(`/cost-rules/${rule.id}/invoices`);
    expect(listed.body.invoices.map((i: any) => i.id)).toEqual(res.body.invoices.map((i: any) => i.id));
  });

  it('R-G7: the rule starts November 2022, before Åmål was a party of the declaration (2024-01-01): nothing asks its membership', async () => {
    const rule = await createRule();
    const res = await runFor(rule.id, march({ from: '2022-11', issuedOn: '2022-12-05' }));
    expect(res.status).toBe(201);
    expect(res.body.invoices).toHaveLength(4);
  });

  it('R-G3: shares over 100 % are refused (SHARES_EXCEED_100) and nothing is written', async () => {
    const payers = PAYERS.map((municipality) => ({ municipality, sharePercent: '25,01' }));
    const body = await refusedWithNothingWritten(
      () => api.post(`/collaborations/${SLUG}/cost-rules`, coordinatorRule({ payers }), ctx.tokens.coordinator),
      422,
      'SHARES_EXCEED_100',
    );
    expect(body).toMatchObject({ ruleId: 'R-G3', details: { totalBp: 10_004 } });
    // Exactly 100 % is allowed: the host then carries nothing.
    const full = await createRule({ payers: PAYERS.map((municipality) => ({ municipality, sharePercent: '25' })) });
    expect(full.hostShare.percent).toBe('0,00 %');
  });

  it('R-G4: invoicing a non-party is refused (NOT_A_PARTY): a rule naming one, a run naming one, a run naming the host', async () => {
    const payers = [{ municipality: '1984', sharePercent: '10' }];
    const created = await refusedWithNothingWritten(
      () => api.post(`/collaborations/${SLUG}/cost-rules`, coordinatorRule({ payers }), ctx.tokens.coordinator),
      422,
      'NOT_A_PARTY',
    );
    expect(created).toMatchObject({ ruleId: 'R-G4', details: { municipality: '1984' } });
    const rule = await createRule();
    const stranger = await refusedWithNothingWritten(
      () => runFor(rule.id, march({ parties: ['1984'] })),
      422,
      'NOT_A_PARTY',
    );
    expect(stranger).toMatchObject({ ruleId: 'R-G4', details: { municipality: '1984', host: false } });
    const host = await refusedWithNothingWritten(
      () => runFor(rule.id, march({ parties: ['1492'] })),
      422,
      'NOT_A_PARTY',
    );
    expect(host.details).toMatchObject({ municipality: '1492', host: true });
  });

  it('R-G1: a period before the start (PERIOD_BEFORE_START) or after the end (PERIOD_AFTER_END) is refused', async () => {
    const rule = await createRule({ endMonth: '2023-12' });
    const before = await refusedWithNothingWritten(
      () => runFor(rule.id, march({ from: '2022-10' })),
      422,
      'PERIOD_BEFORE_START',
    );
    expect(before).toMatchObject({ ruleId: 'R-G1', details: { from: '2022-10', startMonth: '2022-11' } });
    await refusedWithNothingWritten(
      () => runFor(rule.id, march({ from: '2023-12', to: '2024-01' })),
      422,
      'PERIOD_AFTER_END',
    );
    // The same refusal in a preview.
    await refusedWithNothingWritten(
      () => runFor(rule.id, march({ from: '2022-10' }), true),
      422,
      'PERIOD_BEFORE_START',
    );
  });

  it('R-G6: the costs are one amount for the period or one for each month (COSTS_DO_NOT_MATCH_PERIOD)', async () => {
    const rule = await createRule();
    await refusedWithNothingWritten(
      () => runFor(rule.id, march({ to: '2023-04', costs: [{ month: '2023-03', amount: '1' }] })),
      422,
      'COSTS_DO_NOT_MATCH_PERIOD',
    );
    const quarter = await runFor(
      rule.id,
      march({
        to: '2023-05',
        costs: [
          { month: '2023-03', amount: '50000' },
          { month: '2023-04', amount: '50000,05' },
          { month: '2023-05', amount: '0.15' },
        ],
      }),
    );
    expect(quarter.status).toBe(201);
    // 10 % of 5 000 005 öre is 500 000,5 → 500 001 (half away from zero); of 15 öre 1,5 → 2.
    expect(quarter.body.invoices[0].lines.map((l: any) => l.amountOre)).toEqual([500_000, 500_001, 2]);
    const invoiced = quarter.body.invoices.reduce((s: number, i: any) => s + i.amountOre, 0);
    expect(invoiced + quarter.body.hostOre).toBe(quarter.body.totalCostOre);
  });

  it('R-K9: a second run for an invoiced period is refused; an invoice is credited, never edited, and then invoiced again', async () => {
    const rule = await createRule();
    const first = (await runFor(rule.id, march())).body;
    const again = await refusedWithNothingWritten(() => runFor(rule.id, march()), 422, 'PERIOD_ALREADY_INVOICED');
    expect(again.details).toMatchObject({ invoice: '1-1460', municipality: '1460' });
    const bengtsfors = first.invoices.find((i: any) => i.municipality.code === '1460');
    // No route edits an invoice.
    expect((await api.patch(`/invoices/${bengtsfors.id}`, { amount: '1' })).status).toBe(404);
    // A partial credit first, then the rest.
    const partial = await api.post(
      `/invoices/${bengtsfors.id}/credit`,
      { amount: '1000', reason: 'Fel underlag', issuedOn: '2023-04-20' },
      ctx.tokens.coordinator,
    );
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({
      number: 'K1',
      creditOf: '1-1460',
      creditOfId: bengtsfors.id,
      amount: '1 000,00',
    });
    await refusedWithNothingWritten(
      () =>
        api.post(
          `/invoices/${bengtsfors.id}/credit`,
          { amount: '4000.01', reason: 'x', issuedOn: '2023-04-20' },
          ctx.tokens.coordinator,
        ),
      422,
      'CREDIT_EXCEEDS_INVOICE',
    );
    await refusedWithNothingWritten(
      () =>
        api.post(`/invoices/${bengtsfors.id}/credit`, { reason: 'x', issuedOn: '2023-04-04' }, ctx.tokens.coordinator),
      422,
      'CREDIT_BEFORE_INVOICE',
    );
    await refusedWithNothingWritten(
      () => runFor(rule.id, march({ parties: ['1460'] })),
      422,
      'PERIOD_ALREADY_INVOICED',
    );
    const rest = await api.post(
      `/invoices/${bengtsfors.id}/credit`,
      { reason: 'Fel underlag', issuedOn: '2023-04-20' },
      ctx.tokens.coordinator,
    );
    expect(rest.body).toMatchObject({ number: 'K2', amount: '4 000,00' });
    // Fully credited: no more credit; a credit invoice is not an invoice to credit.
    await refusedWithNothingWritten(
      () =>
        api.post(`/invoices/${bengtsfors.id}/credit`, { reason: 'x', issuedOn: '2023-04-20' }, ctx.tokens.coordinator),
      422,
      'CREDIT_EXCEEDS_INVOICE',
    );
    await refusedWithNothingWritten(
      () =>
        api.post(`/invoices/${rest.body.id}/credit`, { reason: 'x', issuedOn: '2023-04-20' }, ctx.tokens.coordinator),
      422,
      'NO_SUCH_INVOICE',
    );
    // The other parties still stand for March; Bengtsfors alone may be invoiced again.
    await refusedWithNothingWritten(() => runFor(rule.id, march()), 422, 'PERIOD_ALREADY_INVOICED');
    const reissued = await runFor(
      rule.id,
      march({ parties: ['1460'], costs: [{ amount: '48000' }], issuedOn: '2023-04-21' }),
    );
    expect(reissued.status).toBe(201);
    expect(reissued.body.invoices.map((i: any) => [i.number, i.amount])).toEqual([['2-1460', '4 800,00']]);
    const all = (await api.get(`/cost-rules/${rule.id}/invoices`)).body;
    expect(all.invoices.find((i: any) => i.number === '1-1460')).toMatchObject({
      amount: '5 000,00',
      creditedOre: 500_000,
      standing: false,
      credits: ['K1', 'K2'],
    });
    expect(all.credits.map((k: any) => k.number)).toEqual(['K1', 'K2']);
    expect(await verifyWorkflow(ctx, rule.id)).toMatchObject({ ok: true });
  });

  it('a preview answers the same invoices and writes nothing (row counts unchanged)', async () => {
    const rule = await createRule();
    const before = await tableCounts(ctx);
    const preview = await runFor(rule.id, march(), true);
    expect(preview.status).toBe(200);
    expect(await tableCounts(ctx)).toEqual(before);
    expect(preview.body.preview).toBe(true);
    const recorded = await runFor(rule.id, march());
    expect(recorded.status).toBe(201);
    const { preview: _p, transition: _t, ...recordedRun } = recorded.body;
    const { preview: _q, ...previewedRun } = preview.body;
    expect(previewedRun).toEqual(recordedRun);
  });

  it('the issued invoices of a run as CSV (UTF-8 with BOM, semicolons, 5 000,00) and as PDF (one page per invoice)', async () => {
    const rule = await createRule();
    await runFor(rule.id, march());
    const csv = await api.get(`/cost-rules/${rule.id}/invoice-runs/1/invoices.csv`).buffer(true).parse(binaryBody);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const bytes: Buffer = csv.body;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0].split(';')).toEqual(
      expect.arrayContaining(['Fakturanummer', 'Kommun', 'Belopp (SEK)', 'Kostnadsunderlag']),
    );
    expect(lines.filter((l) => l.startsWith('1-'))).toHaveLength(4);
    expect(lines[1]).toContain(';5 000,00;');
    expect(lines[1]).toContain('Bengtsfors');
    const pdf = await api.get(`/cost-rules/${rule.id}/invoice-runs/1/invoices.pdf`).buffer(true).parse(binaryBody);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (pdf.body as Buffer).toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text.match(/\/Type \/Page\b/g)).toHaveLength(4);
    expect((await api.get(`/cost-rules/${rule.id}/invoice-runs/2/invoices.csv`)).status).toBe(404);
    expect((await api.get(`/cost-rules/${rule.id}/invoice-runs/x/invoices.pdf`)).status).toBe(400);
  });

  it('a drafted rule is not invoiced (409) until adopted; the council informed is recorded and adopts nothing (R-G8)', async () => {
    const rule = await createRule({ adoption: undefined });
    expect(rule.state).toBe('drafted');
    await refusedWithNothingWritten(() => runFor(rule.id, march()), 409, 'TRANSITION_NOT_ALLOWED');
    await refusedWithNothingWritten(() => runFor(rule.id, march(), true), 409, 'TRANSITION_NOT_ALLOWED');
    const informed = await api.post(
      `/cost-rules/${rule.id}/events`,
      { type: 'COUNCIL_INFORMED', informedOn: '2022-10-20' },
      ctx.tokens.coordinator,
    );
    expect(informed.status).toBe(201);
    expect(informed.body).toMatchObject({ state: 'drafted', councilInformedOn: ['2022-10-20'] });
    const adopted = await api.post(
      `/cost-rules/${rule.id}/events`,
      { type: 'COST_RULE_ADOPTED', adoptedOn: '2022-10-31', basis: 'Avtal' },
      ctx.tokens.coordinator,
    );
    expect(adopted.body).toMatchObject({ state: 'inForce', adoption: { adoptedOn: '2022-10-31' } });
    expect((await runFor(rule.id, march())).status).toBe(201);
  });

  it('ending a rule: not before its start (END_BEFORE_START), not before a standing invoice (INVOICED_AFTER_END)', async () => {
    const rule = await createRule();
    await runFor(rule.id, march());
    const end = (endMonth: string) =>
      api.post(
        `/cost-rules/${rule.id}/events`,
        { type: 'COST_RULE_ENDED', endMonth, endedOn: '2023-04-30', reason: 'Ny modell' },
        ctx.tokens.coordinator,
      );
    await refusedWithNothingWritten(() => end('2022-10'), 422, 'END_BEFORE_START');
    await refusedWithNothingWritten(() => end('2023-02'), 422, 'INVOICED_AFTER_END');
    const ended = await end('2023-04');
    expect(ended.body).toMatchObject({ state: 'ended', endMonth: '2023-04' });
    // Months before the end are still invoiced after the rule ended; later months are not.
    expect((await runFor(rule.id, march({ from: '2023-04' }))).status).toBe(201);
    await refusedWithNothingWritten(() => runFor(rule.id, march({ from: '2023-05' })), 422, 'PERIOD_AFTER_END');
  });

  it('equal and population shares: the invoices and the host part add up to the cost to the öre', async () => {
    const equal = await createRule({ method: 'equal', payers: PAYERS.map((municipality) => ({ municipality })) });
    const e = (await runFor(equal.id, march({ costs: [{ amount: '1000.01' }] }))).body;
    expect(e.invoices.map((i: any) => i.amountOre)).toEqual([20_000, 20_000, 20_000, 20_000]);
    expect(e.hostOre).toBe(20_001);
    const population = await createRule({
      method: 'population',
      payers: PAYERS.map((municipality) => ({ municipality })),
      population: {
        figures: [
          { municipality: '1460', inhabitants: 3 },
          { municipality: '1438', inhabitants: 1 },
          { municipality: '1439', inhabitants: 1 },
          { municipality: '1461', inhabitants: 1 },
          { municipality: '1492', inhabitants: 2 },
        ],
        source: 'DEMODATA: invented figures for the test',
        asOf: '2022-12-31',
      },
    });
    const p = (await runFor(population.id, march({ costs: [{ amount: '1' }] }))).body;
    // 100 öre × 3/8 = 37,5 → 38; × 1/8 = 12,5 → 13 each; the host carries 100 − 77 = 23.
    expect(p.invoices.map((i: any) => i.amountOre)).toEqual([38, 13, 13, 13]);
    expect(p.hostOre).toBe(23);
  });

  it('input that the rules cannot use is a 400 naming the field; nothing is written', async () => {
    const post = (body: unknown) => () => api.post(`/collaborations/${SLUG}/cost-rules`, body, ctx.tokens.coordinator);
    const fields = async (body: unknown) =>
      (await refusedWithNothingWritten(post(body), 400, 'VALIDATION_FAILED')).details.fields.map((f: any) => f.field);
    expect(await fields(coordinatorRule({ startMonth: '2022-13' }))).toContain('startMonth');
    expect(await fields(coordinatorRule({ payers: [{ municipality: '1460', sharePercent: '10.001' }] }))).toContain(
      'payers.0.sharePercent',
    );
    expect(await fields(coordinatorRule({ payers: [{ municipality: '1460' }] }))).toEqual(['payers[0].sharePercent']);
    expect(await fields(coordinatorRule({ payers: [{ municipality: '1492', sharePercent: '10' }] }))).toEqual([
      'payers[0].municipality',
    ]);
    expect(await fields(coordinatorRule({ method: 'population', payers: [{ municipality: '1460' }] }))).toContain(
      'population',
    );
    expect(await fields(coordinatorRule({ endMonth: '2022-10' }))).toEqual(['endMonth']);
    const rule = await createRule();
    await refusedWithNothingWritten(() => runFor(rule.id, march({ to: '2023-02' })), 400, 'VALIDATION_FAILED');
    await refusedWithNothingWritten(
      () => runFor(rule.id, march({ costs: [{ amount: '50 000,00' }] })),
      400,
      'VALIDATION_FAILED',
    );
    await refusedWithNothingWritten(
      () => api.post(`/cost-rules/${rule.id}/invoice-runs?preview=yes`, march(), ctx.tokens.coordinator),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('coordinator and admin write; a clerk and an auditor read only', async () => {
    const rule = await createRule();
    for (const token of [ctx.tokens.clerk['1492'], ctx.tokens.auditor]) {
      await refusedWithNothingWritten(
        () => api.post(`/collaborations/${SLUG}/cost-rules`, coordinatorRule(), token),
        403,
        'FORBIDDEN',
      );
      await refusedWithNothingWritten(
        () => api.post(`/cost-rules/${rule.id}/invoice-runs`, march(), token),
        403,
        'FORBIDDEN',
      );
      expect((await api.get(`/cost-rules/${rule.id}`, token)).status).toBe(200);
    }
    expect((await api.post(`/cost-rules/${rule.id}/invoice-runs`, march(), ctx.tokens.admin)).status).toBe(201);
    expect((await api.get('/collaborations/nowhere/cost-rules')).status).toBe(404);
  });

  it('demo data: the SEED-SAM rule with its cost base as the seed words it, and its invented amounts marked DEMODATA', async () => {
    const rules = (await api.get(`/collaborations/${SLUG}/cost-rules`)).body;
    const seeded = rules.find((r: any) => r.note?.includes('SEED-SAM'));
    expect(seeded).toMatchObject({ host: { code: '1492' }, startMonth: '2022-11', state: 'inForce' });
    expect(seeded.costBase).toContain('arbetsgivaravgifter');
    expect(seeded.payers.map((p: any) => [p.municipality.code, p.share.percent])).toEqual(
      PAYERS.map((code) => [code, '10,00 %']),
    );
    expect(seeded.runs).toEqual([expect.objectContaining({ run: 1, note: expect.stringContaining('DEMODATA') })]);
    expect(await verifyWorkflow(ctx, seeded.id)).toMatchObject({ ok: true });
  });
});
