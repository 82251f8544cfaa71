import {
  apiClient,
  createCollaboration,
  enter,
  ev,
  expectRefused,
  membershipWorkflowId,
  postEvent,
  rowCount,
  sql,
  useTestApp,
  workflowFootprint,
} from './kit';

// Issue 10, point 7: a refused attempt is kept outside the hash chain, after its transaction rolled back, and an
// auditor reads it, filtered by workflow, rule and time, newest first, a page at a time.
describe('refused attempts', () => {
  const ctx = useTestApp();
  const api = apiClient(ctx);
  const slug = 'refused-attempts';
  const code = '1460';
  let workflowId: string;

  beforeAll(async () => {
    await createCollaboration(ctx, slug);
    await enter(ctx, code, '2023-11-29', '2023-12-08', slug);
    workflowId = await membershipWorkflowId(ctx, code, slug);
  });

  const attempts = async (query = '', token = ctx.tokens.auditor) => {
    const res = await api.get(`/refused-attempts${query}`, token);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('R-C4: a refused exit is kept with its rule, who tried it and when; nothing was written to the log', async () => {
    const before = await rowCount(ctx, 'refused_attempt');
    const startedAt = new Date().toISOString();
    await expectRefused(
      ctx,
      code,
      ev.requestExit('2024-03-01', '2026-06-30'),
      { status: 422, code: 'EXIT_NOT_ON_31_DEC', ruleId: 'R-C4' },
      { slug, token: ctx.tokens.clerk[code] },
    );
    expect(await rowCount(ctx, 'refused_attempt')).toBe(before + 1);
    const page = await attempts(`?rule=R-C4&workflowId=${workflowId}`);
    expect(page.attempts).toHaveLength(1);
    const [a] = page.attempts;
    expect(a).toMatchObject({
      workflowId,
      workflowHref: `/api/v1/workflows/${workflowId}`,
      eventType: 'FULLMAKTIGE_REQUESTED_EXIT',
      actor: { name: `e2e clerk ${code}`, role: 'clerk', municipality: code },
      refusal: { code: 'EXIT_NOT_ON_31_DEC', ruleId: 'R-C4' },
    });
    expect(a.actor.tokenId).toBe(a.actor.id);
    expect(a.input.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(a.input.fields).toEqual(expect.arrayContaining(['decision', 'desiredExitDate']));
    // The input's values are not kept, only its hash and the names of its fields.
    expect(Object.keys(a.input).sort()).toEqual(['fields', 'sha256']);
    expect(a.recordedAt >= startedAt).toBe(true);
    expect((await api.get(a.workflowHref.replace('/api/v1', ''))).status).toBe(200);
  });

  it('filters: another rule, another workflow, a time window before or after leave it out', async () => {
    const otherWorkflow = await membershipWorkflowId(ctx, '1438', slug);
    expect((await attempts('?rule=R-B2')).attempts.filter((a: any) => a.workflowId === workflowId)).toEqual([]);
    expect((await attempts(`?workflowId=${otherWorkflow}`)).attempts).toEqual([]);
    expect((await attempts('?rule=EXIT_NOT_ON_31_DEC')).attempts).toHaveLength(1);
    expect((await attempts('?rule=R-C4&to=2020-01-01T00:00:00Z')).attempts).toEqual([]);
    expect((await attempts('?rule=R-C4&from=2090-01-01T00:00:00Z')).attempts).toEqual([]);
    expect((await attempts('?rule=R-C4&from=2020-01-01T00:00:00Z&to=2090-01-01T00:00:00Z')).attempts).toHaveLength(1);
  });

  it("FORBIDDEN: an event the role may not send (the engine's policy) is kept", async () => {
    const policy = await postEvent(ctx, code, ev.requestExit('2024-03-01'), ctx.tokens.coordinator, slug);
    expect(policy.status).toBe(403);
    const forbidden = (await attempts(`?rule=FORBIDDEN&workflowId=${workflowId}`)).attempts;
    expect(forbidden.map((a: any) => [a.actor.role, a.actor.name, a.eventType, a.refusal.ruleId])).toEqual([
      ['coordinator', 'e2e coordinator', 'FULLMAKTIGE_REQUESTED_EXIT', null],
    ]);
  });

  it('TRANSITION_NOT_ALLOWED: an event the state has no transition for is kept', async () => {
    const res = await postEvent(ctx, code, ev.informed('2024-03-05'), ctx.tokens.admin, slug);
    expect(res.status).toBe(409);
    const kept = (await attempts(`?rule=TRANSITION_NOT_ALLOWED&workflowId=${workflowId}`)).attempts;
    expect(kept.map((a: any) => [a.actor.role, a.eventType])).toEqual([['admin', 'COUNCIL_INFORMED']]);
  });

  it('a successful write and a malformed one (400) keep no attempt', async () => {
    const before = await rowCount(ctx, 'refused_attempt');
    expect((await postEvent(ctx, '1438', ev.adopt('2023-11-29'), ctx.tokens.admin, slug)).status).toBe(201);
    expect((await postEvent(ctx, '1438', { type: 'KSO_SIGNED' }, ctx.tokens.admin, slug)).status).toBe(400);
    expect(await rowCount(ctx, 'refused_attempt')).toBe(before);
  });

  it('newest first, a page at a time', async () => {
    const all = (await attempts()).attempts;
    expect(all.length).toBeGreaterThanOrEqual(3);
    const ids = all.map((a: any) => a.id);
    expect(ids).toEqual([...ids].sort((x: number, y: number) => y - x));
    const first = await attempts('?limit=2');
    expect(first.attempts.map((a: any) => a.id)).toEqual(ids.slice(0, 2));
    const second = await attempts(`?limit=2&cursor=${first.nextCursor}`);
    expect(second.attempts.map((a: any) => a.id)).toEqual(ids.slice(2, 4));
    const last = await attempts(`?limit=200`);
    expect(last.nextCursor).toBeNull();
  });

  it('auditors and admins read them; a clerk or coordinator does not; a bad filter is a 400 naming it', async () => {
    expect((await api.get('/refused-attempts', ctx.tokens.admin)).status).toBe(200);
    expect((await api.get('/refused-attempts', ctx.tokens.clerk[code])).status).toBe(403);
    expect((await api.get('/refused-attempts', ctx.tokens.coordinator)).status).toBe(403);
    const bad = await api.get('/refused-attempts?rule=x%20y&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: any) => f.field).sort()).toEqual(['limit', 'rule']);
  });

  it('a refusal still answers its 4xx when the attempts table cannot be written, and writes nothing', async () => {
    await sql(ctx, 'DROP TABLE refused_attempt');
    const before = await workflowFootprint(ctx, workflowId);
    await expectRefused(
      ctx,
      code,
      ev.requestExit('2024-03-01', '2026-06-30'),
      { status: 422, code: 'EXIT_NOT_ON_31_DEC', ruleId: 'R-C4' },
      { slug },
    );
    expect((await postEvent(ctx, code, ev.requestExit('2024-03-01'), ctx.tokens.coordinator, slug)).status).toBe(403);
    expect(await workflowFootprint(ctx, workflowId)).toEqual(before);
    // A successful write is untouched by it.
    expect((await postEvent(ctx, '1439', ev.adopt('2023-11-29'), ctx.tokens.admin, slug)).status).toBe(201);
  });
});
