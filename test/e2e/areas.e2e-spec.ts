import {
  accepted,
  apiClient,
  areaKit,
  clerkToken,
  createCollaboration,
  createDalsland,
  enter,
  ev,
  expectRefused,
  getHistory,
  rowCount,
  setToday,
  useTestApp,
  verifyWorkflow,
} from './kit';

// Collaboration areas through the collaboration process (RULEBOOK §3 F, J, §4.2 G1–G6; D7, D10).
describe('collaboration areas: from proposal to operation, inside or outside the collaboration (R-F1..R-F6, R-J5)', () => {
  const ctx = useTestApp();
  const areas = areaKit(ctx);
  const SLUG = 'dalslandssamverkan';
  beforeAll(async () => {
    await createDalsland(ctx);
    for (const code of ['1460', '1461', '1492']) await enter(ctx, code);
  });

  /** Proposes an area of these participants and records each municipality's KF answer: the area's id. */
  async function decidedArea(answers: Record<string, 'YES' | 'NO'>, slug = SLUG, form = 'KOMMUNALFORBUND') {
    const { id } = await areas.propose(slug, Object.keys(answers));
    await areas.toDecisions(id, form);
    for (const [code, answer] of Object.entries(answers))
      await areas.decide(id, code, answer, await areas.participationDecision(code, slug));
    return id as string;
  }

  /** Formalises a decided area as a kommunalförbund hosted by `host`: the governing document version. */
  async function formalise(id: string, host: string, legalForm = 'KOMMUNALFORBUND') {
    const agreement = await areas.documentVersion('Förbundsordning för det gemensamma förbundet', 'Förbundsordning');
    const r = await areas.step(id, {
      type: 'AREA_FORMALISED',
      formalisedOn: '2025-05-02',
      legalForm,
      documentVersionIds: [agreement.id],
      hostMunicipality: host,
      startDate: '2026-01-01',
      noticeTerms: 'Uppsägning senast tolv månader före ett årsskifte',
    });
    expect(r.state).toBe('formalisering.undertecknande');
    return agreement;
  }

  const sign = (code: string, name: string, documentVersionId: string, office = 'KOMMUNDIREKTOR') => ({
    type: 'AGREEMENT_SIGNED',
    signedOn: '2025-05-10',
    municipalityCodes: [code],
    signatory: { name, office, title: `Kommunchef ${code}` },
    authority: { basis: `Firmatecknare enligt kommunstyrelsens delegationsordning (${code})` },
    documentVersionId,
  });

  it('R-F1, R-J5, G3, G4, R-F6: Bengtsfors, Mellerud and Åmål decide yes in KF and the area reaches operation', async () => {
    const proposed = await areas.propose(SLUG, ['1460', '1461', '1492']);
    expect(proposed.stage).toMatchObject({ key: 'ide', number: 0, sv: 'Idé / initiativ', proposal: true });
    expect(proposed.stage.source).toContain('§4.2');
    const id = proposed.id;
    const inDecisions = await areas.toDecisions(id);
    expect(inDecisions.stage).toMatchObject({ key: 'beslut', number: 3 });
    expect(inDecisions.waitingFor).toEqual(
      ['1460', '1461', '1492'].map((code) =>
        expect.objectContaining({ kind: 'DECISION', municipalityCode: code, since: '2025-03-12' }),
      ),
    );
    // In any order; each a justerat KF decision of that municipality (R-F2, R-J5, G4).
    for (const code of ['1492', '1460', '1461']) {
      const decisionId = await areas.participationDecision(code, SLUG);
      const r = await areas.decide(id, code, 'YES', decisionId);
      expect(r.participants.find((p: any) => p.code === code).decision).toMatchObject({
        decisionId,
        href: `/api/v1/decisions/${decisionId}`,
        organ: 'KF',
        protocolStatus: 'JUSTERAT',
      });
    }
    const decided = await areas.get(id);
    expect(decided.stage.key).toBe('formalisering');
    expect(decided.outcome).toMatchObject({ inside: true, yes: ['1460', '1461', '1492'], no: [], reason: null });
    expect(decided.waitingFor).toEqual([expect.objectContaining({ kind: 'DOCUMENT', what: 'GOVERNING_DOCUMENTS' })]);

    const agreement = await formalise(id, '1492');
    // R-F6: two kommunchefer sign for their municipalities, with the authority they signed under; Åmål's KSO too.
    await areas.step(id, sign('1460', 'Göran Eriksson', agreement.id), await clerkToken(ctx, '1460'));
    await areas.step(id, sign('1461', 'Karl-Olof Petersson', agreement.id), await clerkToken(ctx, '1461'));
    const waiting = await areas.get(id);
    expect(waiting.waitingFor).toEqual([
      expect.objectContaining({ kind: 'SIGNATURE', municipalityCode: '1492', municipalityName: 'Åmål' }),
    ]);
    await areas.step(id, sign('1492', 'Michael Karlsson', agreement.id, 'KSO'), ctx.tokens.admin);
    const running = await areas.step(id, { type: 'OPERATION_STARTED', startedOn: '2026-01-01' });
    expect(running.stage).toMatchObject({ key: 'drift', number: 5, en: 'Implementation / operation' });
    expect(running.record.signatures.map((s: any) => s.authority.basis)).toHaveLength(3);
    expect(running.record.formalisation).toMatchObject({ legalForm: 'KOMMUNALFORBUND', hostMunicipality: '1492' });
    expect(running.record.formalisation.documents[0].sha256).toBe(agreement.sha256);
    expect((await areas.get(id, '2026-06-01')).inside).toMatchObject({
      inside: true,
      partyYes: ['1460', '1461', '1492'],
    });

    // Uppföljning and revidering, then wind-down under the agreement's own terms.
    await areas.step(id, { type: 'FOLLOW_UP_STARTED', startedOn: '2026-09-01' });
    expect(
      (await areas.step(id, { type: 'FOLLOW_UP_REPORTED', reportedOn: '2026-10-01', summary: 'Ekonomisk uppföljning' }))
        .stage.key,
    ).toBe('drift');
    await areas.step(id, { type: 'REVISION_STARTED', startedOn: '2026-10-15', reason: 'Ny förbundsordning' });
    const wound = await areas.step(id, {
      type: 'AREA_WOUND_DOWN',
      woundDownOn: '2026-11-30',
      reason: 'Parterna avvecklar',
      underTerms: 'Förbundsordningen § 20',
    });
    expect(wound.stage).toMatchObject({ key: 'avvecklad' });
    expect(wound.allowedEvents).toEqual([]);
    expect((await verifyWorkflow(ctx, running.workflowId)).ok).toBe(true);
    const history = await areas.api.get(`/areas/${id}/history`);
    expect(history.body.transitions.map((t: any) => t.eventType)).toContain('PARTICIPATION_DECIDED');
  });

  it("G3, R-F1: with two no's the area cannot be formalised inside; the answer says why and who said what", async () => {
    const id = await decidedArea({ '1460': 'YES', '1461': 'NO', '1492': 'NO' });
    const area = await areas.get(id);
    expect(area.stage).toMatchObject({ key: 'utanfor', number: 3 });
    expect(area.outcome).toMatchObject({ inside: false, yes: ['1460'], no: ['1461', '1492'], partyYes: ['1460'] });
    expect(area.outcome.reason).toMatchObject({ code: 'AREA_OUTSIDE_COLLABORATION', ruleId: 'G3' });
    expect(area.outcome.reason.message).toContain('yes: 1460; no: 1461, 1492');
    expect(area.outcome.reason.messageSv).toContain('ja: 1460; nej: 1461, 1492');
    expect(area.participants.map((p: any) => [p.code, p.status])).toEqual([
      ['1460', 'YES'],
      ['1461', 'NO'],
      ['1492', 'NO'],
    ]);
    expect(area.inside).toMatchObject({ inside: false, reason: expect.objectContaining({ ruleId: 'G3' }) });
    await areas.refused(
      id,
      {
        type: 'AREA_FORMALISED',
        formalisedOn: '2025-05-02',
        legalForm: 'KOMMUNALFORBUND',
        documentVersionIds: [(await areas.documentVersion('x')).id],
        hostMunicipality: '1460',
        startDate: '2026-01-01',
        noticeTerms: 'x',
      },
      { status: 409, code: 'TRANSITION_NOT_ALLOWED' },
    );
    expect(
      (await areas.step(id, { type: 'AREA_CLOSED', closedOn: '2025-06-01', reason: 'Färre än två parter' })).stage.key,
    ).toBe('avslutad');
  });

  it('R-F1: Åmål with Vänersborg (not a party) is a valid area, but outside the collaboration', async () => {
    const proposed = await areas.propose(SLUG, ['1492', '1487']);
    expect(proposed.participants.map((p: any) => [p.code, p.name, p.membershipStatus, p.activePartyOnAsOf])).toEqual([
      ['1492', 'Åmål', 'ACTIVE', true],
      ['1487', 'Vänersborg', 'NOT_MEMBER', false],
    ]);
    await areas.toDecisions(proposed.id, 'AVTALSSAMVERKAN');
    // R-J5: avtalssamverkan may be joined by KS or a nämnd.
    await areas.decide(proposed.id, '1492', 'YES', await areas.participationDecision('1492', SLUG, { organ: 'KS' }));
    await areas.decide(proposed.id, '1487', 'YES', await areas.participationDecision('1487', SLUG, { organ: 'NAMND' }));
    const area = await areas.get(proposed.id);
    expect(area.stage.key).toBe('utanfor');
    expect(area.outcome).toMatchObject({
      inside: false,
      yes: ['1492', '1487'],
      partyYes: ['1492'],
      nonPartyYes: ['1487'],
    });
  });

  it('R-F1: one participant is refused (422 with the rule) and nothing is written', async () => {
    const before = { areas: await rowCount(ctx, 'area'), workflows: await rowCount(ctx, 'workflow_instance') };
    for (const participants of [['1460'], ['1460', '1460']]) {
      const res = await areas.create(SLUG, {
        type: 'AREA_PROPOSED',
        title: 'Ensam',
        purposes: ['EFFEKTIVISERA_OCH_KVALITETSSAKRA'],
        proposedOn: '2025-02-03',
        participants,
      });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'AREA_TOO_FEW_PARTICIPANTS', ruleId: 'R-F1' });
      expect(res.body.messageSv).toContain('minst två');
    }
    expect({ areas: await rowCount(ctx, 'area'), workflows: await rowCount(ctx, 'workflow_instance') }).toEqual(before);
  });

  it('D10, R-C11, R-I8: an appeal is shown and does not block; an annulled yes sends the area back to the decisions', async () => {
    const { id } = await areas.propose(SLUG, ['1460', '1461', '1492']);
    await areas.toDecisions(id);
    const ids: Record<string, string> = {};
    for (const code of ['1460', '1461', '1492']) {
      ids[code] = await areas.participationDecision(code, SLUG);
      await areas.decide(id, code, 'YES', ids[code]);
    }
    await areas.anslag('1460', ids['1460'], '2025-03-27');
    const clerk = await clerkToken(ctx, '1460');
    const appeal = await areas.decisions.event(
      ids['1460'],
      { type: 'APPEAL_RECEIVED', receivedOn: '2025-04-10', court: 'Förvaltningsrätten i Göteborg' },
      clerk,
    );
    expect(appeal.status).toBe(201);
    const appealed = await areas.get(id);
    expect(appealed.stage.key).toBe('formalisering');
    expect(appealed.participants[0].decision.protocolStatus).toBe('APPEALED');

    const annul = await areas.decisions.event(
      ids['1460'],
      {
        type: 'APPEAL_DECIDED',
        outcome: 'ANNULLED',
        decidedOn: '2025-06-01',
        court: 'Förvaltningsrätten i Göteborg',
        caseNumber: '77-25',
      },
      clerk,
    );
    expect(annul.status).toBe(201);
    expect(annul.body.compensations).toEqual([
      expect.objectContaining({ workflowId: appealed.workflowId, seq: expect.any(Number) }),
    ]);
    const back = await areas.get(id);
    expect(back.stage.key).toBe('beslut');
    expect(back.participants.map((p: any) => p.status)).toEqual(['UNDECIDED', 'YES', 'YES']);
    expect(back.waitingFor).toEqual([expect.objectContaining({ kind: 'DECISION', municipalityCode: '1460' })]);
    expect(back.record.compensations).toEqual([
      expect.objectContaining({
        decisionId: ids['1460'],
        municipalityCode: '1460',
        annulledOn: '2025-06-01',
        stageBefore: 'formalisering',
      }),
    ]);
    expect(back.record.compensations[0].cause).toContain('77-25');
    expect(back.outcome).toBeUndefined();
    const rows = await getHistory(ctx, back.workflowId);
    expect(rows[rows.length - 1]).toMatchObject({
      eventType: 'DECISION_ANNULLED',
      actor: expect.objectContaining({ role: 'system' }),
    });
    // A new decision of Bengtsfors completes the stage again.
    await areas.decide(id, '1460', 'YES', await areas.participationDecision('1460', SLUG, { date: '2025-06-16' }));
    expect((await areas.get(id)).stage.key).toBe('formalisering');
    expect((await verifyWorkflow(ctx, back.workflowId)).ok).toBe(true);
  });

  it("R-C9, R-C8: after a participant's exit takes effect the area is outside for later dates; its agreement goes on", async () => {
    const slug = 'exit-omrade';
    await createCollaboration(ctx, slug, { parties: ['1460', '1461', '1492'] });
    for (const code of ['1460', '1461', '1492']) await enter(ctx, code, '2023-11-29', '2023-12-08', slug);
    const id = await decidedArea({ '1460': 'YES', '1461': 'YES' }, slug);
    const agreement = await formalise(id, '1461');
    await areas.step(id, sign('1460', 'Göran Eriksson', agreement.id), ctx.tokens.admin);
    await areas.step(id, sign('1461', 'Karl-Olof Petersson', agreement.id), ctx.tokens.admin);
    await areas.step(id, { type: 'OPERATION_STARTED', startedOn: '2026-01-01' });
    await accepted(ctx, '1461', ev.requestExit('2025-03-10'), { slug });
    await accepted(ctx, '1461', ev.notice('2025-03-20T09:00:00+01:00'), { slug });

    const lastDay = await areas.get(id, '2026-12-31');
    expect(lastDay.inside).toMatchObject({ inside: true, partyYes: ['1460', '1461'] });
    const after = await areas.get(id, '2027-01-01');
    expect(after.inside).toMatchObject({ inside: false, partyYes: ['1460'], nonPartyYes: ['1461'] });
    expect(after.inside.reason).toMatchObject({ code: 'AREA_OUTSIDE_COLLABORATION', ruleId: 'G3' });
    expect(after.participants.find((p: any) => p.code === '1461').membershipStatus).toBe('EXITED');
    // R-C8: the area's own agreement and stage are untouched by the exit.
    expect(after.stage.key).toBe('drift');
    expect(after.record.formalisation.noticeTerms).toContain('tolv månader');
    expect(after.version).toBe(lastDay.version);

    // R-G7, R-C8: its cost rule goes on invoicing the exited municipality, a party of the area's agreement, for a month
    // after the exit took effect (played on its dates: the exit is recorded as taken effect by then).
    const api = apiClient(ctx);
    const rule = await api.post(
      `/collaborations/${slug}/cost-rules`,
      {
        title: 'Gemensamt förbund: kostnadsfördelning',
        scope: { kind: 'area', areaWorkflowId: after.workflowId },
        host: '1460',
        method: 'percent',
        payers: [{ municipality: '1461', sharePercent: '40' }],
        costBase: 'förbundets nettokostnad',
        startMonth: '2026-01',
        adoption: { adoptedOn: '2025-12-01', basis: 'Förbundsordningen' },
      },
      ctx.tokens.coordinator,
    );
    expect(rule.status).toBe(201);
    setToday(ctx, '2027-02-15');
    const run = await api.post(
      `/cost-rules/${rule.body.id}/invoice-runs`,
      { from: '2027-01', issuedOn: '2027-02-15', costs: [{ amount: '10000.00' }] },
      ctx.tokens.coordinator,
    );
    expect({ status: run.status, body: run.body }).toMatchObject({ status: 201 });
    expect(run.body.invoices.map((i: any) => [i.municipality.code, i.amount])).toEqual([['1461', '4 000,00']]);
    const exited = (await apiClient(ctx).get(`/collaborations/${slug}/memberships/1461`)).body;
    expect(exited.status).toBe('EXITED');
  });

  it("the coordinator's view lists every area by stage, what it waits for and since when; waitingOn filters for a clerk", async () => {
    const { id } = await areas.propose(SLUG, ['1460', '1492']);
    await areas.toDecisions(id, 'AVTALSSAMVERKAN');
    await areas.decide(id, '1460', 'YES', await areas.participationDecision('1460', SLUG));
    const all = await areas.api.get(`/collaborations/${SLUG}/areas`);
    expect(all.status).toBe(200);
    expect(all.body.stages.map((s: any) => s.stage.key)).toEqual([
      'ny',
      'ide',
      'forankring',
      'forstudie',
      'beslut',
      'utanfor',
      'formalisering',
      'drift',
      'uppfoljning',
      'revidering',
      'avvecklad',
      'avslutad',
      'pausad',
    ]);
    const waiting = await areas.api.get(
      `/collaborations/${SLUG}/areas?waitingOn=1492&stage=beslut`,
      ctx.tokens.clerk['1492'],
    );
    expect(waiting.status).toBe(200);
    const listed = waiting.body.stages.flatMap((s: any) => s.areas);
    expect(listed.map((a: any) => a.id)).toContain(id);
    for (const a of listed) expect(a.waitingFor.some((w: any) => w.municipalityCode === '1492')).toBe(true);
    const mine = listed.find((a: any) => a.id === id);
    expect(mine.waitingFor).toEqual([
      {
        kind: 'DECISION',
        what: 'PARTICIPATION_DECISION',
        municipalityCode: '1492',
        municipalityName: 'Åmål',
        since: '2025-03-12',
      },
    ]);
    expect(mine.participants[0].decision.href).toMatch(/^\/api\/v1\/decisions\//);
    const none = await areas.api.get(`/collaborations/${SLUG}/areas?waitingOn=1438`);
    expect(none.body.stages.flatMap((s: any) => s.areas)).toEqual([]);
  });

  it('G6, R-F6: an existing collaboration is registered straight into operation and its signatures recorded', async () => {
    const doc = await areas.documentVersion('Avsiktsförklaring version 1.2', 'Avsiktsförklaring sociala området');
    const res = await areas.create(SLUG, {
      type: 'AREA_REGISTERED_EXISTING',
      title: 'Gemensamt socialt verksamhetsområde',
      purposes: ['KOMPETENSFORSORJNING_OCH_SARBARHET'],
      registeredOn: '2025-01-15',
      participants: ['1460', '1461'],
      legalForm: 'AVTALSSAMVERKAN',
      documentVersionIds: [doc.id],
      startDate: '2021-06-01',
      noticeTerms: 'Anges inte i dokumentet',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ state: 'drift', flags: ['REGISTERED_EXISTING'] });
    expect(res.body.inside).toMatchObject({ inside: true });
    const joint = {
      type: 'AGREEMENT_SIGNED',
      signedOn: '2024-05-01',
      municipalityCodes: ['1460', '1461'],
      signatory: { name: 'Tanja Mattsson', office: 'OTHER', title: 'Socialchef Bengtsfors och Mellerud' },
      authority: { basis: 'Undertecknat som gemensam socialchef' },
      documentVersionId: doc.id,
    };
    expect((await areas.send(res.body.id, joint, ctx.tokens.admin)).status).toBe(201);
  });

  it('R-B3: the declaration is still signed only by the KSO; a kommunchef signing it is refused', async () => {
    await expectRefused(ctx, '1438', ev.sign('2023-12-08', 'KOMMUNDIREKTOR'), {
      status: 422,
      code: 'WRONG_SIGNATORY',
      ruleId: 'R-B3',
    });
  });
});
