import {
  apiClient,
  areaKit,
  createCollaboration,
  createDalsland,
  decisionKit,
  getHistory,
  ledamoter,
  MELLERUD_PARAGRAPH,
  postEvent,
  useTestApp,
} from './kit';

// Issue 10, point 7: a history entry reads like a record: who did it (the person behind the token, role,
// municipality), the rule that allowed it, the legal date and the recorded instant, and a working link to the
// decision behind it.
describe('history that reads like a record', () => {
  const ctx = useTestApp();
  const api = apiClient(ctx);
  const { post, body } = decisionKit(ctx);
  const code = '1439';
  let decisionId: string;
  let decisionWorkflowId: string;
  let workflowId: string;

  beforeAll(async () => {
    await createDalsland(ctx);
    const clerk = ctx.tokens.clerk[code];
    const kf = await body(code, 'KF', 31, 'Kommunfullmäktige');
    const meeting = await post(
      `/bodies/${kf}/meetings`,
      { date: '2023-11-22', attendees: ledamoter(20, { prefix: 'F', parties: false }) },
      clerk,
    );
    const decision = await post(
      `/meetings/${meeting.body.id}/paragraphs`,
      {
        ...MELLERUD_PARAGRAPH,
        paragraphNumber: '§ 101',
        subject: 'DECLARATION_ADOPTION',
        collaboration: 'dalslandssamverkan',
        proposals: [{ id: 'A', by: [{ name: 'F1' }], text: 'att anta Avsiktsförklaring Dalslandssamverkan' }],
        reservations: [],
        sendTo: ['Samverkansrådet'],
      },
      clerk,
    );
    expect(decision.status).toBe(201);
    decisionId = decision.body.id;
    decisionWorkflowId = decision.body.workflowId;
    const justering = await post(
      `/meetings/${meeting.body.id}/justering`,
      { justeradOn: '2023-11-24', justerare: ['F2', 'F3'] },
      clerk,
    );
    expect(justering.status).toBe(200);
    const entry = await postEvent(ctx, code, { type: 'FULLMAKTIGE_ADOPTED_DECLARATION', decisionId }, clerk);
    expect(entry.status).toBe(201);
    workflowId = entry.body.workflowId;
    const signed = await postEvent(
      ctx,
      code,
      { type: 'KSO_SIGNED', signedOn: '2023-12-08', signatory: { name: 'Ulla Börjesson', office: 'KSO' } },
      ctx.tokens.admin,
    );
    expect(signed.status).toBe(201);
  });

  it('an entry shows the person behind the token, the role, the municipality and the rule that allowed it', async () => {
    const history = await getHistory(ctx, workflowId);
    const adopted = history.find((e) => e.eventType === 'FULLMAKTIGE_ADOPTED_DECLARATION');
    expect(adopted.actor).toEqual({
      id: adopted.actor.tokenId,
      tokenId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: `e2e clerk ${code}`,
      role: 'clerk',
      municipality: code,
    });
    expect(adopted.rule).toEqual({
      machine: expect.stringMatching(/^membership@\d+$/),
      guards: ['entryDecisionOk'],
      ruleIds: expect.arrayContaining(['R-B2']),
    });
    const signed = history.find((e) => e.eventType === 'KSO_SIGNED');
    expect(signed.actor).toMatchObject({ name: 'e2e admin', role: 'admin', municipality: null });
    expect(signed.rule.ruleIds).toEqual(expect.arrayContaining(['R-B3']));
    expect(signed.legalDate).toBe('2023-12-08');
    // The genesis has no guard, and its creator is named too.
    expect(history[0]).toMatchObject({ seq: 0, rule: { guards: [], ruleIds: [] }, actor: { role: 'admin' } });
  });

  it('an entry shows its legal date and its recorded instant, both as the row holds them', async () => {
    const adopted = (await getHistory(ctx, workflowId)).find((e) => e.eventType === 'FULLMAKTIGE_ADOPTED_DECLARATION');
    expect(adopted.legalDate).toBe(adopted.payload.decision.date);
    expect(adopted.legalDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(adopted.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(adopted.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an entry links to the decision behind it, and the link answers that decision', async () => {
    const adopted = (await getHistory(ctx, workflowId)).find((e) => e.eventType === 'FULLMAKTIGE_ADOPTED_DECLARATION');
    expect(adopted.links).toEqual([{ rel: 'decision', id: decisionId, href: `/api/v1/decisions/${decisionId}` }]);
    const res = await ctx.http.get(adopted.links[0].href).set({ Authorization: `Bearer ${ctx.tokens.auditor}` });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(decisionId);
  });

  it("a decision paragraph's history names the rules of its justering (R-I1 .. R-I3) and its clerk", async () => {
    const justerat = (await getHistory(ctx, decisionWorkflowId)).find((e) => e.eventType === 'JUSTERAT');
    expect(justerat.rule).toEqual({
      machine: 'protocol@3',
      guards: ['justeringOk'],
      ruleIds: ['R-I1', 'R-I2', 'R-I3'],
    });
    expect(justerat.actor).toMatchObject({ name: `e2e clerk ${code}`, role: 'clerk', municipality: code });
    expect(justerat.legalDate).toBe('2023-11-24');
  });

  it('the history view is the same on every history endpoint that answers it (workflow; an unknown id is 404)', async () => {
    const res = await api.get(`/workflows/${workflowId}/history`);
    expect(res.body).toMatchObject({ workflowId, machineId: 'membership' });
    expect((await api.get('/workflows/00000000-0000-4000-8000-000000000000/history')).status).toBe(404);
  });

  // Every machine with rule guards declares their rule ids (machines/*/<machine>.rule-ids.ts, h-rulesdue).
  it("an area's history names the rule of each step: R-F1 for the proposal, G1 for the förstudie", async () => {
    const areas = areaKit(ctx);
    const area = await areas.propose('dalslandssamverkan', ['1460', '1461']);
    await areas.step(area.id, { type: 'FORANKRING_STARTED', startedOn: '2025-02-10' });
    await areas.step(area.id, {
      type: 'KDG_ASSIGNED',
      assignedOn: '2025-02-12',
      assignment: 'Utred gemensam socialtjänst',
    });
    await areas.step(area.id, { type: 'COUNCIL_INFORMED', informedOn: '2025-02-14' });
    await areas.step(area.id, { type: 'FORSTUDIE_STARTED', startedOn: '2025-02-20' });
    const history = await getHistory(ctx, area.workflowId);
    expect(history.find((e) => e.eventType === 'AREA_PROPOSED').rule).toEqual({
      machine: 'area@1',
      guards: ['proposalOk'],
      ruleIds: ['R-F1'],
    });
    expect(history.find((e) => e.eventType === 'FORSTUDIE_STARTED').rule).toEqual({
      machine: 'area@1',
      guards: ['forankringDone'],
      ruleIds: ['G1', 'R-D7'],
    });
    // A step without a rule guard names none.
    expect(history.find((e) => e.eventType === 'FORANKRING_STARTED').rule).toMatchObject({ guards: [], ruleIds: [] });
  });

  it("a plan's history names R-D7 for the council informed and for KDG's adoption", async () => {
    await createCollaboration(ctx, 'history-plan');
    const created = await api.post(
      '/collaborations/history-plan/plans',
      {
        title: 'Verksamhetsplan 2025',
        draftedOn: '2024-11-01',
        validFrom: '2025-01-01',
        validTo: '2026-12-31',
        focusAreas: [{ key: 'digitalisering', name: 'Digitalisering' }],
      },
      ctx.tokens.coordinator,
    );
    expect(created.status).toBe(201);
    const planId = created.body.id;
    for (const event of [
      { type: 'COUNCIL_INFORMED', version: 1, informedAt: '2024-12-05T10:00:00+01:00' },
      { type: 'KDG_ADOPTED', version: 1, adoptedAt: '2024-12-12T14:00:00+01:00' },
    ])
      expect((await api.post(`/plans/${planId}/events`, event, ctx.tokens.coordinator)).status).toBe(201);
    const history = await getHistory(ctx, planId);
    expect(history.find((e) => e.eventType === 'COUNCIL_INFORMED').rule).toEqual({
      machine: 'plan@1',
      guards: ['councilInformedOk'],
      ruleIds: ['R-D7'],
    });
    expect(history.find((e) => e.eventType === 'KDG_ADOPTED').rule).toEqual({
      machine: 'plan@1',
      guards: ['adoptionOk'],
      ruleIds: ['R-D6', 'R-D7', 'R-D8'],
    });
  });
});
