import { apiClient, areaKit, createDalsland, enter, useTestApp, verifyWorkflow } from './kit';

// RULEBOOK §J over HTTP (R-J1, R-J3, R-J4, R-J6): area@3 judges the legal form at formalisation. New areas still
// start on area@1 (docs/machines/area.md), so each area here is moved to area@3 by the admin's migration first.
describe('the legal forms as the law writes them (area@3)', () => {
  const ctx = useTestApp();
  const api = apiClient(ctx);
  const areas = areaKit(ctx);
  const SLUG = 'dalslandssamverkan';
  const CODES = ['1460', '1461', '1492'];

  beforeAll(async () => {
    await createDalsland(ctx);
    for (const code of CODES) await enter(ctx, code);
  });

  /** An area with `form` proposed, every participant's KF saying yes (1492's on `lastDate`), moved to area@3. */
  async function decidedOnV3(form: string, lastDate = '2025-03-24') {
    const { id } = await areas.propose(SLUG, CODES);
    await areas.toDecisions(id, form);
    for (const code of CODES) {
      const date = code === '1492' ? lastDate : '2025-03-24';
      await areas.decide(id, code, 'YES', await areas.participationDecision(code, SLUG, { date }));
    }
    const { workflowId } = await areas.get(id);
    const res = await api.post(
      '/machines/area/migrations',
      { from: 1, to: 3, stateMapping: { 'formalisering.villkor': 'formalisering.villkor' }, only: [workflowId] },
      ctx.tokens.admin,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ machine: 'area', from: 1, to: 3, migrated: 1, refused: 0 });
    return { id, workflowId };
  }

  const seats = CODES.map((municipalityCode) => ({ municipalityCode, members: 1, substitutes: 1 }));

  it('R-J6, R-J1: a kommunalförbund needs its förbundsordning, a body, every member seated, and all adoptions', async () => {
    const { id, workflowId } = await decidedOnV3('KOMMUNALFORBUND', '2025-04-10');
    const ordning = await areas.documentVersion('Förbundsordning för Dalslands miljöförbund', 'Förbundsordning');
    const declaration = await areas.documentVersion('Vi avser att samverka', 'Avsiktsförklaring');
    const formalise = (extra: Record<string, unknown>) => ({
      type: 'AREA_FORMALISED',
      formalisedOn: '2025-05-02',
      legalForm: 'KOMMUNALFORBUND',
      documentVersionIds: [ordning.id],
      documentKinds: ['FORBUNDSORDNING'],
      hostMunicipality: '1461',
      startDate: '2026-01-01',
      noticeTerms: 'Tolv månader',
      forbundBody: 'FORBUNDSDIREKTION',
      representation: seats,
      ...extra,
    });
    const r6 = {
      documentVersionIds: [ordning.id, declaration.id],
      documentKinds: ['FORBUNDSORDNING', 'AVSIKTSFORKLARING'],
    };
    const declared = await areas.refused(id, formalise(r6), {
      status: 422,
      code: 'AREA_DECLARATION_NOT_A_FORM',
      ruleId: 'R-J6',
    });
    expect(declared.details).toMatchObject({ documentVersionId: declaration.id, kind: 'AVSIKTSFORKLARING' });
    const missing = await areas.refused(id, formalise({ documentKinds: ['OTHER'] }), {
      status: 422,
      code: 'AREA_FORM_DOCUMENT_MISSING',
      ruleId: 'R-J1',
    });
    expect(missing.details).toMatchObject({ legalForm: 'KOMMUNALFORBUND', missing: ['FORBUNDSORDNING'] });
    await areas.refused(id, formalise({ documentKinds: ['FORBUNDSORDNING', 'AVTAL'] }), {
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    await areas.refused(id, formalise({ forbundBody: undefined }), {
      status: 422,
      code: 'AREA_FORBUND_BODY_MISSING',
      ruleId: 'R-J1',
    });
    const unseated = await areas.refused(
      id,
      formalise({ representation: seats.map((s) => (s.municipalityCode === '1460' ? { ...s, substitutes: 0 } : s)) }),
      { status: 422, code: 'AREA_MEMBER_NOT_REPRESENTED', ruleId: 'R-J1' },
    );
    expect(unseated.details).toMatchObject({ unrepresented: ['1460'] });
    // Åmål's fullmäktige adopted on 2025-04-10: the förbund cannot be formed the day before, but on that day.
    const early = await areas.refused(id, formalise({ startDate: '2025-04-09' }), {
      status: 422,
      code: 'AREA_FORMATION_BEFORE_ADOPTION',
      ruleId: 'R-J1',
    });
    expect(early.details).toMatchObject({ lastAdoption: '2025-04-10', municipalityCode: '1492' });
    await areas.step(id, formalise({ startDate: '2025-04-10' }));
    expect(await verifyWorkflow(ctx, workflowId)).toMatchObject({ ok: true, machine: 'area@3', problems: [] });
  });

  it('R-J3: an avtalssamverkan starting before 2018-07-01 is refused', async () => {
    const { id } = await decidedOnV3('AVTALSSAMVERKAN');
    const avtal = await areas.documentVersion('Avtal om gemensam lönehantering');
    const formalise = (extra: Record<string, unknown>) => ({
      type: 'AREA_FORMALISED',
      formalisedOn: '2025-05-02',
      legalForm: 'AVTALSSAMVERKAN',
      documentVersionIds: [avtal.id],
      documentKinds: ['AVTAL'],
      hostMunicipality: '1461',
      startDate: '2025-06-01',
      noticeTerms: 'Tolv månader',
      ...extra,
    });
    const before = await areas.refused(id, formalise({ startDate: '2018-06-30' }), {
      status: 422,
      code: 'AREA_AVTALSSAMVERKAN_BEFORE_2018',
      ruleId: 'R-J3',
    });
    expect(before.details).toMatchObject({ from: '2018-07-01', fields: ['startDate'] });
    await areas.refused(id, formalise({ documentKinds: ['REGLEMENTE'] }), {
      status: 422,
      code: 'AREA_FORM_DOCUMENT_MISSING',
      ruleId: 'R-J3',
    });
    await areas.step(id, formalise({}));
  });

  it('R-J4: a company needs its bolagsordning and ägardirektiv, its purpose, and a legal basis for authority', async () => {
    const { id } = await decidedOnV3('GEMENSAMT_BOLAG');
    const ordning = await areas.documentVersion('Bolagsordning för Dalslands Vatten AB', 'Bolagsordning');
    const direktiv = await areas.documentVersion('Ägardirektiv för Dalslands Vatten AB', 'Ägardirektiv');
    const formalise = (extra: Record<string, unknown>) => ({
      type: 'AREA_FORMALISED',
      formalisedOn: '2025-05-02',
      legalForm: 'GEMENSAMT_BOLAG',
      documentVersionIds: [ordning.id, direktiv.id],
      documentKinds: ['BOLAGSORDNING', 'AGARDIREKTIV'],
      hostMunicipality: '1461',
      startDate: '2026-01-01',
      noticeTerms: 'Tolv månader',
      municipalPurpose: 'Att tillhandahålla vatten och avlopp åt ägarkommunerna',
      ...extra,
    });
    const missing = await areas.refused(
      id,
      formalise({ documentVersionIds: [ordning.id], documentKinds: ['BOLAGSORDNING'] }),
      { status: 422, code: 'AREA_FORM_DOCUMENT_MISSING', ruleId: 'R-J4' },
    );
    expect(missing.details).toMatchObject({ missing: ['AGARDIREKTIV'] });
    await areas.refused(id, formalise({ municipalPurpose: undefined }), {
      status: 422,
      code: 'AREA_COMPANY_PURPOSE_MISSING',
      ruleId: 'R-J4',
    });
    await areas.refused(id, formalise({ myndighetsutovning: true }), {
      status: 422,
      code: 'AREA_COMPANY_AUTHORITY_WITHOUT_BASIS',
      ruleId: 'R-J4',
    });
    await areas.step(
      id,
      formalise({ myndighetsutovning: true, legalBasis: 'Lag (2006:412) om allmänna vattentjänster' }),
    );
  });
  it('a v2 area moved to area@3 gets v1 names back, replays and verifies across both migrations, and is judged by §J', async () => {
    const { id } = await areas.propose(SLUG, CODES);
    await areas.toDecisions(id, 'GEMENSAM_NAMND');
    const { workflowId } = await areas.get(id);
    const migrate = (from: number, to: number, stateMapping: Record<string, string>) =>
      api.post('/machines/area/migrations', { from, to, stateMapping, only: [workflowId] }, ctx.tokens.admin);
    expect((await migrate(1, 2, { beslut: 'beredning' })).body).toMatchObject({ migrated: 1, refused: 0 });
    expect((await api.get(`/workflows/${workflowId}`)).body.context).toMatchObject({ stage: 'beredning' });
    expect((await migrate(2, 3, { beredning: 'beslut' })).body).toMatchObject({ migrated: 1, refused: 0 });
    const head = (await api.get(`/workflows/${workflowId}`)).body;
    expect(head).toMatchObject({ machineVersion: 3, state: 'beslut' });
    expect(head.context).toMatchObject({ stage: 'beslut' }); // area@3's context upgrade from v2's names
    expect(await verifyWorkflow(ctx, workflowId)).toMatchObject({ ok: true, machine: 'area@3', problems: [] });
    for (const code of CODES) await areas.decide(id, code, 'YES', await areas.participationDecision(code, SLUG));
    const avtal = await areas.documentVersion('Överenskommelse om gemensam nämnd', 'Överenskommelse');
    const reglemente = await areas.documentVersion('Reglemente för den gemensamma nämnden', 'Reglemente');
    const formalise = (extra: Record<string, unknown>) => ({
      type: 'AREA_FORMALISED',
      formalisedOn: '2025-05-02',
      legalForm: 'GEMENSAM_NAMND',
      documentVersionIds: [avtal.id, reglemente.id],
      documentKinds: ['OVERENSKOMMELSE', 'REGLEMENTE'],
      hostMunicipality: '1461',
      startDate: '2026-01-01',
      noticeTerms: 'Tolv månader',
      representation: CODES.map((municipalityCode) => ({ municipalityCode, members: 1, substitutes: 0 })),
      ...extra,
    });
    const missing = await areas.refused(
      id,
      formalise({ documentVersionIds: [avtal.id], documentKinds: ['OVERENSKOMMELSE'] }),
      { status: 422, code: 'AREA_FORM_DOCUMENT_MISSING', ruleId: 'R-J2' },
    );
    expect(missing.details).toMatchObject({ missing: ['REGLEMENTE'] });
    const unseated = await areas.refused(
      id,
      formalise({ representation: [{ municipalityCode: '1460', members: 2, substitutes: 0 }] }),
      { status: 422, code: 'AREA_MEMBER_NOT_REPRESENTED', ruleId: 'R-J2' },
    );
    expect(unseated.details).toMatchObject({ unrepresented: ['1461', '1492'] });
    await areas.step(id, formalise({}));
    expect(await verifyWorkflow(ctx, workflowId)).toMatchObject({ ok: true, machine: 'area@3', problems: [] });
  });
});
