import { areaKit, createDalsland, enter, useTestApp, verifyWorkflow } from './kit';

// Collaboration areas through the collaboration process (RULEBOOK §3 F, J, §4.2 G1–G6; D7, D10).
describe('collaboration areas: from proposal to operation, inside or outside the collaboration (R-F1..R-F6, R-J5)', () => {
  const ctx = useTestApp();
  const areas = areaKit(ctx);
  const SLUG = 'dalslandssamverkan';
  beforeAll(async () => {
    await createDalsland(ctx);
    for (const code of ['1460', '1461', '1492']) await enter(ctx, code);
  });

  it('R-F1, R-J5, G3, R-F6: Bengtsfors, Mellerud and Åmål decide yes in KF and the area reaches operation', async () => {
    const proposed = await areas.propose(SLUG, ['1460', '1461', '1492']);
    expect(proposed.stage).toMatchObject({ key: 'ide', number: 0, sv: 'Idé / initiativ', proposal: true });
    const id = proposed.id;
    const inDecisions = await areas.toDecisions(id);
    expect(inDecisions.stage.key).toBe('beslut');
    expect(inDecisions.waitingFor.map((w: any) => w.municipalityCode)).toEqual(['1460', '1461', '1492']);
    for (const code of ['1492', '1460', '1461']) {
      const decisionId = await areas.participationDecision(code, SLUG);
      await areas.decide(id, code, 'YES', decisionId);
    }
    const decided = await areas.get(id);
    expect(decided.stage.key).toBe('formalisering');
    expect(decided.outcome).toMatchObject({ inside: true, yes: ['1460', '1461', '1492'], no: [], reason: null });
    for (const p of decided.participants) expect(p.decision.protocolStatus).toBe('JUSTERAT');
  });
});
