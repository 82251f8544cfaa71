import { EXAMPLE_LABEL } from '../../src/seed/demo-marks';
import { apiClient, getHistory, useTestApp, verifyWorkflow } from './kit';

// SEED=demo: Dalslandssamverkan (SEED-AF §9: in force 2024-01-01; SEED-PR: the five KSOs signed 2023-12-08) and
// Västra Mälardalen (SEED-VM: signed 2016-08-31, then decided by each kommunstyrelse), recorded through the same
// service path as the API, so every record is in the log and verifies. Every record carries an example mark naming
// the facts the seeds do not give (src/seed/demo-marks.ts; the marks themselves: demo-marks.e2e-spec.ts).
describe('demo seed (SEED=demo)', () => {
  const ctx = useTestApp({ seed: 'demo' });
  const api = apiClient(ctx);

  const describeCollaboration = async (slug: string, asOf?: string) => {
    const res = await api.get(`/collaborations/${slug}${asOf ? `?asOf=${asOf}` : ''}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('GET /collaborations lists both demo collaborations with their number of parties', async () => {
    const res = await api.get('/collaborations');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      expect.objectContaining({
        slug: 'dalslandssamverkan',
        name: 'Dalslandssamverkan',
        parties: 5,
        declaration: { version: expect.any(String), effectiveDate: '2024-01-01' },
      }),
      expect.objectContaining({
        slug: 'vastra-malardalen',
        parties: 3,
        declaration: { version: expect.any(String), effectiveDate: '2016-08-31' },
      }),
    ]);
  });

  it('R-A1, R-A2: Dalslandssamverkan has the five parties, ACTIVE on 2024-01-01 and SIGNED_NOT_IN_FORCE on 2023-12-20', async () => {
    const active = await describeCollaboration('dalslandssamverkan', '2024-01-01');
    expect(active.settings).toEqual({ exitRequestDate: 'noticeArrival', entryDecisionOrgan: 'KF' });
    expect(active.members.map((m: any) => m.municipality.code).sort()).toEqual([
      '1438',
      '1439',
      '1460',
      '1461',
      '1492',
    ]);
    expect(active.members.map((m: any) => m.municipality.name).sort()).toEqual([
      'Bengtsfors',
      'Dals-Ed',
      'Färgelanda',
      'Mellerud',
      'Åmål',
    ]);
    for (const m of active.members)
      expect(m).toMatchObject({
        status: 'ACTIVE',
        memberFrom: '2024-01-01',
        state: 'member.active',
        asOf: '2024-01-01',
      });
    const before = await describeCollaboration('dalslandssamverkan', '2023-12-20');
    for (const m of before.members)
      expect(m).toMatchObject({ status: 'SIGNED_NOT_IN_FORCE', memberFrom: '2024-01-01' });
    const today = await describeCollaboration('dalslandssamverkan');
    for (const m of today.members) expect(m.status).toBe('ACTIVE');
  });

  it('Västra Mälardalen has its three parties (Arboga, Köping, Kungsör), entered by KS decisions (SEED-VM)', async () => {
    const body = await describeCollaboration('vastra-malardalen');
    // Its own rules as data (src/seed/demo-amendments.ts): no exit rule, amendments approved by each kommunstyrelse.
    expect(body.settings).toEqual({
      exitRequestDate: 'noticeArrival',
      entryDecisionOrgan: 'KS',
      exitRule: null,
      amendmentOrgan: { '1984': 'KS', '1983': 'KS', '1960': 'KS' },
    });
    expect(body.rules.exit).toBeNull();
    expect(body.organisations.map((o: any) => [o.name, o.countsAsSignatory])).toEqual([
      ['Västra Mälardalen i Samverkan', false],
      ['Industriföreningen Västra Mälardalen', false],
    ]);
    for (const o of body.organisations) expect(o.note).toContain('DEMODATA');
    expect(body.members.map((m: any) => m.municipality.name).sort()).toEqual(['Arboga', 'Kungsör', 'Köping']);
    for (const m of body.members)
      expect(m).toMatchObject({ status: 'ACTIVE', memberFrom: '2016-09-26', state: 'member.active' });
    const signedOnly = await describeCollaboration('vastra-malardalen', '2016-09-01');
    for (const m of signedOnly.members) expect(m.status).toBe('NOT_MEMBER');
  });

  it('every demo membership and both collaboration workflows verify ok', async () => {
    for (const slug of ['dalslandssamverkan', 'vastra-malardalen']) {
      const body = await describeCollaboration(slug);
      for (const id of [body.workflowId, ...body.members.map((m: any) => m.workflowId)]) {
        const report = await verifyWorkflow(ctx, id);
        expect({ id, ok: report.ok, problems: report.problems }).toEqual({ id, ok: true, problems: [] });
      }
    }
  });

  it('every demo event carries an example mark naming its invented facts, and a note, in its history payload', async () => {
    const expected: Record<string, string[]> = {
      dalslandssamverkan: ['xstate.init', 'FULLMAKTIGE_ADOPTED_DECLARATION', 'KSO_SIGNED'],
      'vastra-malardalen': ['xstate.init', 'KSO_SIGNED', 'FULLMAKTIGE_ADOPTED_DECLARATION'],
    };
    for (const slug of Object.keys(expected)) {
      const body = await describeCollaboration(slug);
      for (const m of body.members) {
        const history = await getHistory(ctx, m.workflowId);
        expect(history.map((t) => t.eventType)).toEqual(expected[slug]);
        for (const t of history.slice(1)) {
          expect(t.payload.example).toMatchObject({ example: true, note: expect.stringContaining(EXAMPLE_LABEL.sv) });
          expect(t.payload.note).toEqual(expect.any(String));
        }
        // No source gives the date of any of these fullmäktige or kommunstyrelse decisions.
        const decision = history.find((t) => t.eventType === 'FULLMAKTIGE_ADOPTED_DECLARATION');
        expect(decision.payload.example.fictitious).toEqual(['decision.date']);
        // The seed's signatures are the KSO's (R-B3), dated as the sources say.
        const signature = history.find((t) => t.eventType === 'KSO_SIGNED');
        expect(signature.payload).toMatchObject({
          signedOn: slug === 'dalslandssamverkan' ? '2023-12-08' : '2016-08-31',
          signatory: { office: 'KSO' },
        });
        expect(signature.payload.note).toMatch(/SEED-(PR|VM)/);
      }
    }
  });

  it('SEED-PR: Åmål’s KSO who signed on 2023-12-08 is Michael Karlsson; no other KSO is named by the seeds, and each such name is a marked placeholder', async () => {
    const names: Record<string, { name: string; fictitious: string[] }> = {};
    for (const slug of ['dalslandssamverkan', 'vastra-malardalen']) {
      for (const m of (await describeCollaboration(slug)).members) {
        const signature = (await getHistory(ctx, m.workflowId)).find((t) => t.eventType === 'KSO_SIGNED');
        names[m.municipality.code] = {
          name: signature.payload.signatory.name,
          fictitious: signature.payload.example.fictitious,
        };
      }
    }
    expect(names['1492']).toEqual({ name: 'Michael Karlsson', fictitious: [] });
    for (const [code, n] of Object.entries(names)) {
      if (code === '1492') continue;
      expect({ code, name: n.name }).toEqual({ code, name: expect.stringContaining('namnet anges inte i källorna') });
      expect(n.fictitious).toContain('signatory.name');
    }
    // SEED-VM does not say who signed for Arboga, Köping and Kungsör, so the office is marked too.
    for (const code of ['1984', '1983', '1960']) expect(names[code].fictitious).toContain('signatory.office');
  });

  it('the KF decision dates of Dalslandssamverkan are recorded as legal dates in the log', async () => {
    const body = await describeCollaboration('dalslandssamverkan');
    const dates: Record<string, string> = {};
    for (const m of body.members) {
      const history = await getHistory(ctx, m.workflowId);
      dates[m.municipality.code] = history.find((t) => t.eventType === 'FULLMAKTIGE_ADOPTED_DECLARATION').legalDate;
      expect(history.find((t) => t.eventType === 'KSO_SIGNED').legalDate).toBe('2023-12-08');
    }
    expect(dates).toEqual({
      '1460': '2023-11-27',
      '1438': '2023-11-29',
      '1439': '2023-11-22',
      '1461': '2023-11-29',
      '1492': '2023-11-29',
    });
  });
});
