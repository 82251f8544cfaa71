import {
  accepted,
  apiClient,
  areaKit,
  createCollaboration,
  decisionKit,
  enter,
  ev,
  expectErrorBody,
  testDatabaseKind,
  useTestApp,
} from './kit';

// The past as it stood (issue 10 §6): a collaboration computed from its workflows' logs up to an instant.
const SLUG = 'as-of';
const PARTIES = ['1460', '1438', '1439'];

/** Every ISO date (YYYY-MM-DD, also the date part of an instant) in `value`, with its path; scheduled keys left out. */
function datesIn(value: unknown, path = '$', out: Array<{ path: string; date: string }> = []) {
  if (typeof value === 'string') {
    const m = /^(\d{4}-\d{2}-\d{2})(T|$)/.exec(value);
    if (m) out.push({ path, date: m[1] });
  } else if (Array.isArray(value)) value.forEach((v, i) => datesIn(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) if (!SCHEDULED.has(k)) datesIn(v, `${path}.${k}`, out);
  return out;
}
/**
 * Dates that are plans, not facts: when a recorded exit will take effect, when a due event will fire, the period a
 * plan or amendment governs, and the instant the log was read to (the end of the day asked).
 */
const SCHEDULED = new Set(['exitEffectiveOn', 'dueOn', 'validTo', 'validFrom', 'inForceFrom', 'instant', 'memberFrom']);

describe(`GET /collaborations/{slug}/as-of (${testDatabaseKind()})`, () => {
  const ctx = useTestApp();
  const api = () => apiClient(ctx);
  const asOf = async (query: string) => {
    const res = await api().get(`/collaborations/${SLUG}/as-of?${query}`);
    if (res.status !== 200) throw new Error(`as-of ${query}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const ids = {} as { area: string; plan: string; rule: string; amendment: string; decision: string; meeting: string };

  beforeAll(async () => {
    await createCollaboration(ctx, SLUG, { parties: PARTIES });
    for (const code of PARTIES.slice(0, 2)) await enter(ctx, code, '2023-11-29', '2023-12-08', SLUG);
    // 1438 gives notice: its exit is a deadline that is open at every instant below.
    await accepted(ctx, '1438', ev.requestExit('2025-01-10'), { slug: SLUG });
    await accepted(ctx, '1438', ev.notice('2025-01-13T10:00:00+01:00'), { slug: SLUG });
    ids.area = (await areaKit(ctx).propose(SLUG, ['1460', '1438'])).id;
    const plan = await api().post(
      `/collaborations/${SLUG}/plans`,
      {
        title: 'Verksamhetsplan 2026',
        draftedOn: '2025-09-01',
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
        focusAreas: [{ key: 'digitalisering', name: 'Digitalisering' }],
      },
      ctx.tokens.coordinator,
    );
    expect(plan.status).toBe(201);
    ids.plan = plan.body.id;
    const member = await api().post(
      `/collaborations/${SLUG}/council/members`,
      { municipality: '1460', seat: 'KSO', name: 'Ledamot Ett', from: '2025-01-01' },
      ctx.tokens.coordinator,
    );
    expect(member.status).toBe(201);
    const rule = await api().post(
      `/collaborations/${SLUG}/cost-rules`,
      {
        title: 'Samordnare',
        scope: { kind: 'common', function: 'Samordnare' },
        host: '1460',
        method: 'percent',
        payers: [{ municipality: '1438', sharePercent: '50' }],
        costBase: 'lönekostnad inklusive arbetsgivaravgifter',
        startMonth: '2025-01',
      },
      ctx.tokens.coordinator,
    );
    expect(rule.status).toBe(201);
    ids.rule = rule.body.id;
    const amendment = await api().post(`/collaborations/${SLUG}/amendments`, {
      title: 'Ändring 1',
      version: 'v2',
      text: 'Avsiktsförklaringen ändras.',
    });
    expect(amendment.status).toBe(201);
    ids.amendment = amendment.body.id;
    const decisions = decisionKit(ctx);
    ids.meeting = await decisions.meeting('1460', { date: '2025-05-22' });
    ids.decision = (await decisions.recorded('1460', ids.meeting, decisions.para({ collaboration: SLUG }))).id;
  });

  it('the answer at a past instant is the same after events of every kind are recorded later', async () => {
    const then = await asOf('');
    expect(then).toMatchObject({ collaboration: SLUG, existed: true, instantFrom: 'now' });
    const kinds = (a: any) => ({
      parties: a.parties.length,
      areas: a.areas.length,
      plans: a.plans.length,
      council: a.council !== null,
      costRules: a.costRules.length,
      amendments: a.amendments.length,
      decisions: a.decisions.length,
    });
    expect(kinds(then)).toEqual({
      parties: 3,
      areas: 1,
      plans: 1,
      council: true,
      costRules: 1,
      amendments: 1,
      decisions: 1,
    });
    // The paragraph of 2025-05-22 was recorded today and not justerat: its justering deadline (R-I1, protocol@2) is
    // open, and overdue until the scheduler records it.
    expect(then.openDeadlines).toEqual([
      expect.objectContaining({ machine: 'protocol', eventType: 'JUSTERING_DEADLINE_PASSED', dueOn: '2025-06-06' }),
      expect.objectContaining({ machine: 'membership', eventType: 'EXIT_TOOK_EFFECT', dueOn: '2027-01-01' }),
    ]);
    const at = `instant=${encodeURIComponent(then.instant)}`;
    const before = await asOf(at);
    expect(before).toEqual({ ...then, instantFrom: 'instant' });
    // Rows recorded from here on lie after `then.instant` (the log stamps milliseconds).
    while (new Date().toISOString() <= then.instant);

    // One more event of every kind.
    const coordinator = ctx.tokens.coordinator;
    await accepted(ctx, '1439', ev.adopt('2025-02-03'), { slug: SLUG });
    await accepted(ctx, '1438', ev.informed('2025-02-01'), { slug: SLUG, token: coordinator });
    expect(
      (
        await api().post(
          `/areas/${ids.area}/events`,
          { type: 'FORANKRING_STARTED', startedOn: '2025-03-01' },
          coordinator,
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await api().post(
          `/plans/${ids.plan}/events`,
          { type: 'COUNCIL_INFORMED', version: 1, informedAt: '2025-09-05T10:00:00+02:00' },
          coordinator,
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await api().post(
          `/collaborations/${SLUG}/council/members`,
          { municipality: '1438', seat: 'KSO', name: 'Ledamot Två', from: '2025-01-01' },
          coordinator,
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await api().post(
          `/cost-rules/${ids.rule}/events`,
          { type: 'COST_RULE_ADOPTED', adoptedOn: '2025-01-02', basis: 'Avtal' },
          coordinator,
        )
      ).status,
    ).toBe(201);
    expect(
      (
        await api().post(`/amendments/${ids.amendment}/events`, {
          type: 'AMENDMENT_APPROVED',
          party: '1460',
          decision: { organ: 'KF', date: '2025-06-02' },
        })
      ).status,
    ).toBe(201);
    await decisionKit(ctx).justera('1460', ids.meeting, '2025-05-26');
    expect(
      (
        await api().post(`/collaborations/${SLUG}/organisations`, {
          organisation: { key: 'forening', name: 'Föreningen', form: 'ASSOCIATION' },
          signedOn: '2025-06-01',
        })
      ).status,
    ).toBe(201);

    const now = await asOf('');
    expect(now).not.toEqual(then);
    expect(await asOf(at)).toEqual(before);
  });

  it('a date answers from what was recorded by the end of that Stockholm day, and names the instant', async () => {
    const early = await asOf('date=2023-06-01');
    // Nothing of this collaboration was recorded by then (the log is stamped with the real clock).
    expect(early).toMatchObject({ date: '2023-06-01', instantFrom: 'end-of-date', existed: false, parties: [] });
    expect(early.instant).toBe('2023-06-01T21:59:59.999Z');
    expect((await asOf('date=2024-01-31')).instant).toBe('2024-01-31T22:59:59.999Z');
  });

  it('an as-of answer shows no fact dated after its date', async () => {
    const today = await asOf('');
    for (const date of ['2024-06-01', '2025-01-31', '2025-06-01', today.date]) {
      const answer = await asOf(`instant=${encodeURIComponent(today.instant)}`).then(() =>
        api().get(`/collaborations/${SLUG}/as-of?date=${date}`),
      );
      expect(answer.status).toBe(200);
      const later = datesIn(answer.body).filter((d) => d.date > date);
      expect({ date, later }).toEqual({ date, later: [] });
    }
    // The membership view with asOf too (it showed councilInformedOn 2025-02-01 on 2023-06-01).
    for (const date of ['2023-06-01', '2025-01-31']) {
      const m = await api().get(`/collaborations/${SLUG}/memberships/1438?asOf=${date}`);
      expect(m.status).toBe(200);
      expect({ date, later: datesIn(m.body).filter((d) => d.date > date) }).toEqual({ date, later: [] });
    }
  });

  it('refuses a date and an instant together, an instant in the future, and an unknown collaboration', async () => {
    const both = await api().get(`/collaborations/${SLUG}/as-of?date=2025-01-01&instant=2025-01-01T00:00:00Z`);
    expect(both.status).toBe(400);
    expectErrorBody(both.body, 'VALIDATION_FAILED');
    const future = await api().get(`/collaborations/${SLUG}/as-of?instant=2999-01-01T00:00:00Z`);
    expect(future.status).toBe(400);
    expectErrorBody(future.body);
    const bad = await api().get(`/collaborations/${SLUG}/as-of?date=2025-13-01`);
    expect(bad.status).toBe(400);
    expect((await api().get('/collaborations/none/as-of')).status).toBe(404);
  });
});
