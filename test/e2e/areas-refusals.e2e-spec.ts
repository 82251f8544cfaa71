import { apiClient, areaKit, clerkToken, createDalsland, enter, rowCount, useTestApp } from './kit';

// Every refusal of the area workflow over HTTP: the code, the rule id, and nothing written (RULEBOOK §3 F, J, §4.2).
describe('collaboration areas: every refusal over HTTP (G1–G6, R-F1..R-F6, R-J5, R-E2, D10)', () => {
  const ctx = useTestApp();
  const areas = areaKit(ctx);
  const SLUG = 'dalslandssamverkan';
  beforeAll(async () => {
    await createDalsland(ctx);
    for (const code of ['1460', '1438', '1461', '1492']) await enter(ctx, code);
  });

  const registration = (extra: Record<string, unknown>) => ({
    type: 'AREA_REGISTERED_EXISTING',
    title: 'Befintlig samverkan',
    purposes: ['EFFEKTIVISERA_OCH_KVALITETSSAKRA'],
    registeredOn: '2025-01-15',
    participants: ['1460', '1461'],
    legalForm: 'AVTALSSAMVERKAN',
    documentVersionIds: [],
    startDate: '2021-06-01',
    noticeTerms: 'Sex månader',
    ...extra,
  });

  it('creation: G6 without a governing document, R-F3 a network or a host outside, 400 and 404 input, 403 roles', async () => {
    const before = await rowCount(ctx, 'area');
    const doc = await areas.documentVersion('Avtal');
    const cases: Array<[Record<string, unknown>, number, string, string?]> = [
      [registration({}), 422, 'AREA_NO_GOVERNING_DOCUMENT', 'G6'],
      [registration({ documentVersionIds: [doc.id], legalForm: 'NATVERK' }), 422, 'AREA_NOT_A_LEGAL_FORM', 'R-F3'],
      [
        registration({ documentVersionIds: [doc.id], hostMunicipality: '1492' }),
        422,
        'AREA_HOST_NOT_PARTICIPANT',
        'R-F3',
      ],
      [registration({ documentVersionIds: ['6f1c2a57-2d1e-4a8e-9d0b-5b0c7f1e2a33'] }), 404, 'NOT_FOUND'],
      [registration({ participants: ['1460', '9999'], documentVersionIds: [doc.id] }), 400, 'VALIDATION_FAILED'],
      [registration({ purposes: [] }), 400, 'VALIDATION_FAILED'],
      [registration({ purposes: ['BILLIGARE'] }), 400, 'VALIDATION_FAILED'],
      [{ type: 'PARTICIPATION_DECIDED' }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code, ruleId] of cases) {
      const res = await areas.create(SLUG, body);
      expect({ status: res.status, code: res.body.code, ruleId: res.body.ruleId }).toEqual({ status, code, ruleId });
    }
    const unknownParticipant = await areas.create(SLUG, registration({ participants: ['1460', '9999'] }));
    expect(unknownParticipant.body.details.fields).toEqual([
      expect.objectContaining({ field: 'participants[1]', reason: 'unknown municipality code 9999' }),
    ]);
    expect((await areas.create('no-such-collaboration', registration({ documentVersionIds: [doc.id] }))).status).toBe(
      404,
    );
    expect(
      (await areas.create(SLUG, registration({ documentVersionIds: [doc.id] }), ctx.tokens.clerk['1460'])).status,
    ).toBe(403);
    expect((await areas.create(SLUG, registration({ documentVersionIds: [doc.id] }), ctx.tokens.auditor)).status).toBe(
      403,
    );
    expect(await rowCount(ctx, 'area')).toBe(before);
  });

  it('G1, G2, G5, R-F3: förankring needs the KDG assignment and the council informed; the förstudie its report', async () => {
    const { id } = await areas.propose(SLUG, ['1460', '1461']);
    await areas.refused(
      id,
      { type: 'KDG_ASSIGNED', assignedOn: '2025-02-17', assignment: 'x' },
      { status: 409, code: 'TRANSITION_NOT_ALLOWED' },
    );
    await areas.step(id, { type: 'FORANKRING_STARTED', startedOn: '2025-02-10' });
    const start = { type: 'FORSTUDIE_STARTED', startedOn: '2025-03-01' };
    await areas.refused(id, start, { status: 422, code: 'AREA_NO_KDG_ASSIGNMENT', ruleId: 'G1' });
    // R-D8: no plan is in force on 2025-02-17 in this collaboration, so the assignment cannot name a focus area.
    const assignment = { type: 'KDG_ASSIGNED', assignedOn: '2025-02-17', assignment: 'Utred' };
    const named = await areas.refused(
      id,
      { ...assignment, focusArea: 'Kompetensförsörjning' },
      { status: 422, code: 'FOCUS_AREA_NOT_IN_PLAN', ruleId: 'R-D8' },
    );
    expect(named.messageSv).toContain('Ingen verksamhetsplan gäller 2025-02-17');
    await areas.step(id, assignment);
    await areas.refused(id, start, { status: 422, code: 'AREA_COUNCIL_NOT_INFORMED', ruleId: 'G1' });
    // G5 (R-E2): a record of Samverkansrådet moves nothing, whoever sends it.
    for (const token of [ctx.tokens.coordinator, ctx.tokens.clerk['1460']])
      await areas.refused(
        id,
        { type: 'COUNCIL_DECIDED', decidedOn: '2025-02-20' },
        { status: 422, code: 'COUNCIL_NOT_DECISION_MAKING', ruleId: 'R-E2' },
        token,
      );
    await areas.step(id, { type: 'COUNCIL_INFORMED', informedOn: '2025-02-20' });
    await areas.step(id, start);
    await areas.refused(
      id,
      { type: 'DECISIONS_REQUESTED', requestedOn: '2025-03-12' },
      { status: 422, code: 'AREA_REPORT_MISSING', ruleId: 'G2' },
    );
    const report = await areas.documentVersion('Rapport');
    const submit = (form: string) => ({
      type: 'REPORT_SUBMITTED',
      submittedOn: '2025-03-10',
      documentVersionId: report.id,
      formAnalysis: 'Analys',
      proposedLegalForm: form,
      costModel: { name: 'Lika delar' },
    });
    await areas.refused(id, submit('NATVERK'), { status: 422, code: 'AREA_NOT_A_LEGAL_FORM', ruleId: 'R-F3' });
    await areas.refused(
      id,
      { ...submit('AVTALSSAMVERKAN'), costModel: {} },
      { status: 400, code: 'VALIDATION_FAILED' },
    );
    await areas.step(id, submit('AVTALSSAMVERKAN'));
    // Paused in the förstudie and resumed to it (stages 0–3 only).
    expect((await areas.step(id, { type: 'AREA_PAUSED', pausedOn: '2025-03-11', reason: 'Budget' })).stage.key).toBe(
      'pausad',
    );
    await areas.refused(
      id,
      { type: 'DECISIONS_REQUESTED', requestedOn: '2025-03-12' },
      { status: 409, code: 'TRANSITION_NOT_ALLOWED' },
    );
    expect((await areas.step(id, { type: 'AREA_RESUMED', resumedOn: '2025-03-12' })).stage.key).toBe('forstudie');
    expect((await areas.step(id, { type: 'DECISIONS_REQUESTED', requestedOn: '2025-03-12' })).stage.key).toBe('beslut');
  });

  it('R-F2, R-J5, D10, G4: who decides, by which organ, on which decision; a clerk only for its own municipality', async () => {
    const { id } = await areas.propose(SLUG, ['1460', '1461', '1492']);
    await areas.toDecisions(id, 'KOMMUNALFORBUND');
    const decide = (code: string, decisionId: string) => ({
      type: 'PARTICIPATION_DECIDED',
      municipalityCode: code,
      answer: 'YES',
      decisionId,
    });
    const clerk = (code: string) => clerkToken(ctx, code);
    // R-J5: joining a kommunalförbund is for fullmäktige, not kommunstyrelsen.
    const ks = await areas.participationDecision('1460', SLUG, { organ: 'KS' });
    await areas.refused(
      id,
      decide('1460', ks),
      { status: 422, code: 'WRONG_DECISION_ORGAN', ruleId: 'R-J5' },
      await clerk('1460'),
    );
    // D10: the decision must be justerat, about taking part in an area, and of that municipality.
    const draft = await areas.participationDecision('1460', SLUG, { justera: false });
    await areas.refused(id, decide('1460', draft), { status: 422, code: 'DECISION_NOT_JUSTERAT' }, await clerk('1460'));
    const other = await areas.participationDecision('1460', SLUG, { subject: 'OTHER' });
    await areas.refused(
      id,
      decide('1460', other),
      { status: 422, code: 'DECISION_WRONG_SUBJECT', ruleId: 'R-F2' },
      await clerk('1460'),
    );
    const mellerud = await areas.participationDecision('1461', SLUG);
    await areas.refused(
      id,
      decide('1460', mellerud),
      { status: 422, code: 'DECISION_WRONG_MUNICIPALITY' },
      ctx.tokens.admin,
    );
    // R-F2: only a participant decides, once.
    const dalsEd = await areas.participationDecision('1438', SLUG);
    await areas.refused(
      id,
      decide('1438', dalsEd),
      { status: 422, code: 'AREA_NOT_PARTICIPANT', ruleId: 'R-F2' },
      await clerk('1438'),
    );
    await areas.refused(id, decide('1461', mellerud), { status: 403, code: 'FORBIDDEN' }, await clerk('1460'));
    await areas.refused(id, decide('1461', mellerud), { status: 403, code: 'FORBIDDEN' }, ctx.tokens.coordinator);
    await areas.step(id, decide('1461', mellerud), await clerk('1461'));
    const again = await areas.participationDecision('1461', SLUG, { date: '2025-04-07' });
    await areas.refused(
      id,
      decide('1461', again),
      { status: 422, code: 'AREA_ALREADY_DECIDED', ruleId: 'R-F2' },
      await clerk('1461'),
    );
    await areas.refused(
      id,
      { ...decide('1461', again), decisionId: 'nope' },
      { status: 400, code: 'VALIDATION_FAILED' },
    );
    await areas.refused(
      id,
      { type: 'DECISION_ANNULLED', decisionId: mellerud, annulledOn: '2025-05-01', cause: 'x' },
      { status: 400, code: 'VALIDATION_FAILED' },
      ctx.tokens.admin,
    );
    expect((await areas.send('6f1c2a57-2d1e-4a8e-9d0b-5b0c7f1e2a33', decide('1461', again))).status).toBe(404);
  });

  it('R-F3, R-J5, R-F6: the formalisation and the signatures of the agreement', async () => {
    const { id } = await areas.propose(SLUG, ['1460', '1461', '1492']);
    await areas.toDecisions(id, 'KOMMUNALFORBUND');
    for (const [code, answer] of [
      ['1460', 'YES'],
      ['1461', 'YES'],
      ['1492', 'NO'],
    ] as const)
      await areas.decide(id, code, answer, await areas.participationDecision(code, SLUG));
    const agreement = await areas.documentVersion('Förbundsordning');
    const formalise = (extra: Record<string, unknown>) => ({
      type: 'AREA_FORMALISED',
      formalisedOn: '2025-05-02',
      legalForm: 'KOMMUNALFORBUND',
      documentVersionIds: [agreement.id],
      hostMunicipality: '1461',
      startDate: '2026-01-01',
      noticeTerms: 'Tolv månader',
      ...extra,
    });
    await areas.refused(id, formalise({ legalForm: 'NATVERK' }), {
      status: 422,
      code: 'AREA_NOT_A_LEGAL_FORM',
      ruleId: 'R-F3',
    });
    await areas.refused(id, formalise({ legalForm: 'GEMENSAM_NAMND' }), {
      status: 422,
      code: 'AREA_LEGAL_FORM_CHANGED',
      ruleId: 'R-J5',
    });
    // Åmål said no and left the area: it cannot host it.
    await areas.refused(id, formalise({ hostMunicipality: '1492' }), {
      status: 422,
      code: 'AREA_HOST_NOT_PARTICIPANT',
      ruleId: 'R-F3',
    });
    await areas.refused(id, formalise({ documentVersionIds: [] }), { status: 400, code: 'VALIDATION_FAILED' });
    await areas.step(id, formalise({}));
    const otherDoc = await areas.documentVersion('Något annat');
    const sign = (extra: Record<string, unknown>) => ({
      type: 'AGREEMENT_SIGNED',
      signedOn: '2025-05-10',
      municipalityCodes: ['1460'],
      signatory: { name: 'Göran Eriksson', office: 'KOMMUNDIREKTOR', title: 'Kommunchef Bengtsfors' },
      authority: { basis: 'Firmatecknare enligt KS delegationsordning' },
      documentVersionId: agreement.id,
      ...extra,
    });
    await areas.refused(
      id,
      { type: 'OPERATION_STARTED', startedOn: '2026-01-01' },
      { status: 422, code: 'AREA_NOT_ALL_SIGNED', ruleId: 'R-F6' },
    );
    await areas.refused(
      id,
      sign({ authority: undefined }),
      { status: 422, code: 'AREA_SIGNATORY_AUTHORITY_MISSING', ruleId: 'R-F6' },
      ctx.tokens.admin,
    );
    await areas.refused(
      id,
      sign({ municipalityCodes: ['1492'] }),
      { status: 422, code: 'AREA_SIGNER_NOT_PARTICIPANT', ruleId: 'R-F6' },
      ctx.tokens.admin,
    );
    await areas.refused(
      id,
      sign({ documentVersionId: otherDoc.id }),
      { status: 422, code: 'AREA_DOCUMENT_NOT_GOVERNING', ruleId: 'R-F6' },
      ctx.tokens.admin,
    );
    await areas.refused(id, sign({}), { status: 403, code: 'FORBIDDEN' }, ctx.tokens.clerk['1461']);
    await areas.step(id, sign({}), ctx.tokens.clerk['1460']);
    await areas.refused(
      id,
      { type: 'OPERATION_STARTED', startedOn: '2026-01-01' },
      { status: 422, code: 'AREA_NOT_ALL_SIGNED', ruleId: 'R-F6' },
    );
    // The area cannot be paused once past stage 3.
    await areas.refused(
      id,
      { type: 'AREA_PAUSED', pausedOn: '2025-05-11', reason: 'x' },
      { status: 409, code: 'TRANSITION_NOT_ALLOWED' },
    );
  });

  it('D10, R-C11: an annulment the area can no longer follow is refused for it; the cause stands', async () => {
    const { id } = await areas.propose(SLUG, ['1460', '1461']);
    await areas.toDecisions(id, 'AVTALSSAMVERKAN');
    const bengtsfors = await areas.participationDecision('1460', SLUG);
    await areas.decide(id, '1460', 'YES', bengtsfors);
    await areas.decide(id, '1461', 'NO', await areas.participationDecision('1461', SLUG));
    await areas.step(id, { type: 'AREA_CLOSED', closedOn: '2025-04-01', reason: 'Mellerud deltar inte' });
    await areas.anslag('1460', bengtsfors, '2025-03-27');
    const clerk = await clerkToken(ctx, '1460');
    await areas.decisions.event(bengtsfors, { type: 'APPEAL_RECEIVED', receivedOn: '2025-04-10' }, clerk);
    const annul = await areas.decisions.event(
      bengtsfors,
      { type: 'APPEAL_DECIDED', outcome: 'ANNULLED', decidedOn: '2025-06-01' },
      clerk,
    );
    expect(annul.status).toBe(201);
    expect(annul.body.compensations).toEqual([
      expect.objectContaining({ refused: expect.objectContaining({ code: 'TRANSITION_NOT_ALLOWED' }) }),
    ]);
    expect((await areas.get(id)).stage.key).toBe('avslutad');
  });

  it('R-D8: a KDG assignment names a focus area of the plan in force on its date; the event records the plan and the key', async () => {
    const api = apiClient(ctx);
    const plan = await api.post(
      `/collaborations/${SLUG}/plans`,
      {
        title: 'Verksamhetsplan 2026',
        draftedOn: '2025-11-10',
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
        focusAreas: [
          { key: 'kompetensforsorjning', name: 'Kompetensförsörjning' },
          { key: 'digitalisering', name: 'Digitalisering' },
        ],
      },
      ctx.tokens.coordinator,
    );
    expect(plan.status).toBe(201);
    const planId = plan.body.id as string;
    for (const e of [
      { type: 'COUNCIL_INFORMED', version: 1, informedAt: '2025-12-01T10:00:00Z' },
      { type: 'KDG_ADOPTED', version: 1, adoptedAt: '2025-12-05T10:00:00Z' },
    ])
      expect((await api.post(`/plans/${planId}/events`, e, ctx.tokens.coordinator)).status).toBe(201);

    const { id } = await areas.propose(SLUG, ['1460', '1461']);
    await areas.step(id, { type: 'FORANKRING_STARTED', startedOn: '2026-02-02' });
    const assignment = { type: 'KDG_ASSIGNED', assignedOn: '2026-02-10', assignment: 'Utred' };
    const unknown = await areas.refused(
      id,
      { ...assignment, focusArea: 'Infrastruktur' },
      { status: 422, code: 'FOCUS_AREA_NOT_IN_PLAN', ruleId: 'R-D8' },
    );
    expect(unknown.message).toContain('Kompetensförsörjning, Digitalisering');
    await areas.refused(
      id,
      { ...assignment, focusArea: 'digitalisering', assignedOn: '2025-12-20' },
      { status: 422, code: 'FOCUS_AREA_NOT_IN_PLAN', ruleId: 'R-D8' },
    );
    await areas.refused(
      id,
      { ...assignment, focusArea: 'digitalisering', planId: '6f1c2a57-2d1e-4a8e-9d0b-5b0c7f1e2a33' },
      { status: 422, code: 'FOCUS_AREA_NOT_IN_PLAN', ruleId: 'R-D8' },
    );
    const r = await areas.step(id, { ...assignment, focusArea: 'Digitalisering' });
    expect(r.transition.payload).toMatchObject({ focusArea: 'digitalisering', planId });
  });
});
