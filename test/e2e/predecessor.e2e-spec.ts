import { apiClient, expectErrorBody, useTestApp, webSession } from './kit';

// R-A5: Dalslandssamverkan's history shows 4D as its predecessor, with its four parties and without dates the sources
// do not give; through the API (recorded in the collaboration's genesis row) and on the coordinator's page.
describe('R-A5: a collaboration’s predecessor', () => {
  const ctx = useTestApp({ seed: 'demo' });
  const api = apiClient(ctx);

  it('R-A5: the demo Dalslandssamverkan names 4D, its four parties, Åmål as joined, and no revocation', async () => {
    const res = await api.get('/collaborations/dalslandssamverkan');
    expect(res.status).toBe(200);
    expect(res.body.predecessor).toEqual({
      name: 'Avsiktsförklaring avseende kommunal samverkan 4D',
      parties: [
        { code: '1460', name: 'Bengtsfors' },
        { code: '1438', name: 'Dals-Ed' },
        { code: '1439', name: 'Färgelanda' },
        { code: '1461', name: 'Mellerud' },
      ],
      decided: 'våren 2022',
      note: expect.stringContaining('SEED-PR'),
      joined: [{ code: '1492', name: 'Åmål' }],
      left: [],
      followedFrom: '2024-01-01',
      revocationRecorded: false,
    });
    // In the log: the collaboration's genesis row carries it, so it verifies like everything else.
    const workflow = await api.get(`/workflows/${res.body.workflowId}`);
    expect(workflow.body.context.predecessor.parties).toEqual(['1460', '1438', '1439', '1461']);
    expect((await api.get('/collaborations/vastra-malardalen')).body.predecessor).toBeNull();
  });

  it('R-A5: a predecessor party that is not a municipality is refused with 400 naming the field', async () => {
    const res = await api.post('/collaborations', {
      slug: 'med-foregangare',
      name: 'Med föregångare',
      parties: ['1460', '1438'],
      declarationVersion: 'v1',
      declarationEffectiveDate: '2025-01-01',
      predecessor: { name: 'Gamla samverkan', parties: ['1460', '9999'] },
    });
    expect(res.status).toBe(400);
    expectErrorBody(res.body, 'VALIDATION_FAILED');
    expect(res.body.details.fields).toEqual([expect.objectContaining({ field: 'predecessor.parties[1]' })]);
    expect((await api.get('/collaborations/med-foregangare')).status).toBe(404);
  });

  it('R-A5: the coordinator’s page of the collaboration shows the background, in Swedish and in English', async () => {
    const page = await webSession(ctx, ctx.tokens.coordinator);
    const sv = (await page.get('/samverkan/dalslandssamverkan?lang=sv')).text;
    expect(sv).toContain('<h2 id="predecessor-heading">Bakgrund</h2>');
    expect(sv).toContain(
      'Dalslandssamverkan bygger vidare på Avsiktsförklaring avseende kommunal samverkan 4D, med Bengtsfors, Dals-Ed, Färgelanda och Mellerud som parter.',
    );
    expect(sv).toContain('Ny part sedan dess: Åmål.');
    expect(sv).toContain('Den antogs våren 2022; exakta datum finns inte i källorna.');
    expect(sv).toContain('href="/regler#R-A5"');
    const en = (await page.get('/samverkan/dalslandssamverkan?lang=en')).text;
    expect(en).toContain('whose parties were Bengtsfors, Dals-Ed, Färgelanda and Mellerud.');
    expect(en).toContain('A new party since then: Åmål.');
  });
});
