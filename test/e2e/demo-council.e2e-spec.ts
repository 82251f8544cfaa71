import { apiClient, getHistory, useTestApp, verifyWorkflow } from './kit';

// SEED=demo: Dalslandssamverkan's Samverkansrådet as far as the seeds name it (SEED-PR: Åmål's KSO Michael Karlsson (M)
// and oppositionsråd Maria Bertilsson Sandin (S)); every other seat a placeholder marked DEMODATA; SEED-SAM, the
// coordinator cost note, as a council record of type INFORMATION with no approval effect (R-G8).
describe('demo council (SEED=demo)', () => {
  const ctx = useTestApp({ seed: 'demo' });
  const api = apiClient(ctx);

  it('R-E1: ten seats on 2024-01-01, Åmål’s two as SEED-PR names them, the others marked DEMODATA', async () => {
    const res = await api.get('/collaborations/dalslandssamverkan/council?asOf=2024-01-01');
    expect(res.status).toBe(200);
    const seats = res.body.parties.flatMap((p: any) => [p.kso, p.oppositionsrad]);
    expect(seats).toHaveLength(10);
    expect(seats.every((s: any) => s !== null)).toBe(true);
    const amal = res.body.parties.find((p: any) => p.municipality.code === '1492');
    expect(amal.kso).toMatchObject({ name: 'Michael Karlsson', politicalParty: 'M', from: '2023-12-08' });
    expect(amal.oppositionsrad).toMatchObject({ name: 'Maria Bertilsson Sandin', politicalParty: 'S' });
    for (const s of seats) {
      if (s.municipality === '1492') expect(s.note).toMatch(/SEED-PR/);
      else expect(s.note).toMatch(/DEMODATA/);
    }
  });

  it('R-G8: SEED-SAM is a council record of type INFORMATION about a cost arrangement, approving nothing; the log verifies', async () => {
    const body = (await api.get('/collaborations/dalslandssamverkan/council')).body;
    expect(body.records).toEqual([
      expect.objectContaining({
        kind: 'INFORMATION',
        subject: 'COST_ARRANGEMENT',
        legalEffect: 'NONE',
        title: expect.stringContaining('samordnare för samverkan inom socialtjänst'),
        text: expect.stringContaining('10% av samordnares lönekostnad'),
        note: expect.stringContaining('DEMODATA'),
      }),
    ]);
    expect(body.records[0].legalEffectNote.en).toMatch(/R-G8/);
    expect((await verifyWorkflow(ctx, body.workflowId)).ok).toBe(true);
    const history = await getHistory(ctx, body.workflowId);
    expect(history.map((t: any) => t.eventType)).toEqual([
      'xstate.init',
      ...Array(10).fill('MEMBER_SEATED'),
      'RECORD_ADDED',
    ]);
  });

  it('the demo data has no verksamhetsplan (the seeds give none)', async () => {
    const res = await api.get('/collaborations/dalslandssamverkan/plans?asOf=2024-06-01');
    expect(res.body).toMatchObject({ inForce: null, plans: [] });
  });
});
