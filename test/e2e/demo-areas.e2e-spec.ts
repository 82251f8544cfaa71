import { apiClient, getHistory, useTestApp, verifyWorkflow } from './kit';

// SEED=demo: the areas of the demo data (src/seed/demo-areas.ts), facts as the seeds give them, the rest DEMODATA.
describe('demo areas (SEED=demo)', () => {
  const ctx = useTestApp({ seed: 'demo' });
  const api = apiClient(ctx);
  const areasOf = async (slug: string) => {
    const res = await api.get(`/collaborations/${slug}/areas`);
    expect(res.status).toBe(200);
    return res.body.stages.flatMap((s: any) => s.areas);
  };

  it('G6, R-F6: the Mellerud–Bengtsfors social services area is in operation, signed by the kommunchefer and the socialchef (SEED-MEL)', async () => {
    const [area] = await areasOf('dalslandssamverkan');
    expect(area).toMatchObject({
      stage: { key: 'drift', proposal: true },
      flags: ['REGISTERED_EXISTING'],
      inside: { inside: true, partyYes: ['1460', '1461'] },
    });
    expect(area.record.formalisation.documents).toEqual([
      expect.objectContaining({ documentKey: 'mellerud-bengtsfors-socialt-verksamhetsomrade', version: '1.2' }),
    ]);
    expect(area.record.signatures.map((s: any) => [s.signatory.name, s.signatory.title, s.municipalityCodes])).toEqual([
      ['Göran Eriksson', 'Kommunchef Bengtsfors', ['1460']],
      ['Karl-Olof Petersson', 'Kommunchef Mellerud', ['1461']],
      ['Tanja Mattsson', 'Socialchef Bengtsfors och Mellerud', ['1460', '1461']],
    ]);
    const doc = await api.get('/documents/mellerud-bengtsfors-socialt-verksamhetsomrade');
    expect(doc.body.title).toBe(
      'Avsiktsförklaring version 1.2 för ett gemensamt socialt verksamhetsområde Mellerud och Bengtsfors kommun',
    );
  });

  it('Västra Mälardalen has the six areas of SEED-VM in förstudie, each waiting for its report', async () => {
    const areas = await areasOf('vastra-malardalen');
    expect(areas.map((a: any) => a.title)).toEqual([
      'Gemensam rekryteringsenhet där näringslivet inkluderas',
      'Ta fram strategi för näringsliv och besöksnäring tillsammans med näringslivet',
      'Samordna all utbildningsverksamhet efter grundskolan',
      'Gemensam VA-organisation',
      'Samordna hemtjänst',
      'Samordna socialtjänst',
    ]);
    for (const a of areas) {
      expect(a.stage.key).toBe('forstudie');
      expect(a.waitingFor).toEqual([{ kind: 'DOCUMENT', what: 'FORSTUDIE_REPORT', since: '2017-02-13' }]);
      expect(a.participants.map((p: any) => p.name)).toEqual(['Arboga', 'Köping', 'Kungsör']);
    }
  });

  it('every demo area verifies, and what the seeds do not give is marked DEMODATA in the record itself', async () => {
    for (const slug of ['dalslandssamverkan', 'vastra-malardalen']) {
      for (const area of await areasOf(slug)) {
        expect((await verifyWorkflow(ctx, area.workflowId)).ok).toBe(true);
        const rows = await getHistory(ctx, area.workflowId);
        for (const row of rows.slice(1)) expect(JSON.stringify(row.payload)).toContain('DEMODATA');
      }
    }
  });
});
