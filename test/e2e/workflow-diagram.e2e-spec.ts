import { areaKit, binaryBody, createDalsland, enter, useTestApp, webSession } from './kit';

// An instance's diagram (issue 12 §6): its machine drawn as SVG with the current state and the path it took
// highlighted, from the API (bearer token) and for the pages (session), and embedded in the area page.
describe('the diagram of a workflow instance as SVG', () => {
  const ctx = useTestApp();
  const areas = areaKit(ctx);
  let workflowId = '';
  let areaId = '';

  beforeAll(async () => {
    await createDalsland(ctx);
    for (const code of ['1460', '1461']) await enter(ctx, code);
    const area = await areas.propose('dalslandssamverkan', ['1460', '1461']);
    areaId = area.id;
    workflowId = area.workflowId;
    await areas.step(areaId, { type: 'FORANKRING_STARTED', startedOn: '2025-02-10' });
    await areas.step(areaId, { type: 'KDG_ASSIGNED', assignedOn: '2025-02-17', assignment: 'Utred organisationen' });
  });

  const svgOf = (res: { body: unknown }) => (res.body as Buffer).toString('utf8');

  it('GET /workflows/:id/diagram.svg draws the machine with the current state and the path taken', async () => {
    const res = await ctx.http
      .get(`/api/v1/workflows/${workflowId}/diagram.svg`)
      .set('Authorization', `Bearer ${ctx.tokens.auditor}`)
      .buffer(true)
      .parse(binaryBody);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    const svg = svgOf(res);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* role="img" aria-labelledby="/);
    expect(svg).toMatch(/<title id="[^"]+">State machine: area v\d<\/title>/);
    // The current state: marked by class, colour and ▶; only it.
    expect([...svg.matchAll(/<g class="state [^"]*\bcurrent\b[^"]*" data-state="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'area.forankring',
    ]);
    expect(svg).toContain('▶ forankring');
    // The path: the transition into förankring is drawn as taken, the targetless KDG_ASSIGNED is listed as taken.
    const taken = [...svg.matchAll(/<g class="edge taken">\n<path[^>]*>\n<text[^>]*>([^<]+)</g)].map((m) => m[1]);
    expect(taken).toContain('FORANKRING_STARTED');
    expect(taken).not.toContain('FORSTUDIE_STARTED');
    expect(svg).toMatch(/font-weight="bold">↺ KDG_ASSIGNED</);
    expect(svg).toMatch(/<desc id="[^"]+">[^<]*Current state: forankring\.[^<]*\(FORANKRING_STARTED\)/);
  });

  it('answers 404 for a workflow that does not exist, and 401 without a token', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const res = await ctx.http
      .get(`/api/v1/workflows/${missing}/diagram.svg`)
      .set('Authorization', `Bearer ${ctx.tokens.auditor}`);
    expect(res.status).toBe(404);
    expect((await ctx.http.get(`/api/v1/workflows/${workflowId}/diagram.svg`)).status).toBe(401);
  });

  it('the pages serve it in the session language, and the area page embeds it with a text alternative', async () => {
    const session = await webSession(ctx, ctx.tokens.coordinator);

    const path = `/arbetsfloden/${workflowId}/diagram.svg`;
    expect((await ctx.http.get(path)).status).toBe(303); // no session: to the sign-in page
    const res = await session.get(path).buffer(true).parse(binaryBody);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svgOf(res)).toMatch(/<title id="[^"]+">Tillståndsdiagram: area v\d<\/title>/);
    expect(svgOf(res)).toContain('Nuvarande tillstånd: forankring.');

    const page = await session.get(`/omraden/${areaId}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(new RegExp(`<img\\s+src="${path}"\\s+alt="[^"]*Nuvarande tillstånd: [^"]+"`));
  });
});
