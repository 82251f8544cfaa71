import {
  accepted,
  apiClient,
  createCollaboration,
  enter,
  ev,
  getHistory,
  membershipWorkflowId,
  postEvent,
  startTestInstances,
  testDatabaseKind,
  verifyWorkflow,
  workflowFootprint,
  type TestContext,
  type TestInstances,
} from './kit';

// Many writers on one workflow at once. A write without expectedVersion means "apply it to whatever is current": the
// service takes turns or runs the unit again itself, so every such writer succeeds. A write with expectedVersion
// answers 409 as soon as its version is not current. On PostgreSQL the writers go through two instances of the
// application on one database (two processes of the service, each with its own pool); on SQLite through one (one
// service process per database file), whose group commit shares transactions between them.
const INSTANCES = testDatabaseKind() === 'postgres' ? 2 : 1;
const WRITERS = 20;

describe(`concurrent writers on one workflow (${INSTANCES} instance(s) of the application)`, () => {
  let apps: TestInstances;
  beforeAll(async () => {
    apps = await startTestInstances(INSTANCES);
  });
  afterAll(async () => {
    if (apps) await apps.close();
  });
  const first = (): TestContext => apps.instances[0];
  const days = (month: string) =>
    Array.from({ length: WRITERS }, (_, i) => `2025-${month}-${String(i + 1).padStart(2, '0')}`);

  /** A membership that is `member.leaving`, where COUNCIL_INFORMED is a harmless, repeatable event. */
  async function leavingMembership(slug: string): Promise<string> {
    await createCollaboration(first(), slug, { parties: ['1460'] });
    await enter(first(), '1460', '2023-11-29', '2023-12-08', slug);
    await accepted(first(), '1460', ev.requestExit('2025-01-15', '2099-12-31'), { slug });
    await accepted(first(), '1460', ev.notice('2025-01-20T10:00:00+01:00'), { slug });
    return membershipWorkflowId(first(), '1460', slug);
  }

  /** The log has no gap and no duplicate: seq 0..n-1, each row linked to the previous; verify replays it. */
  async function expectWholeLog(workflowId: string, events: number) {
    const history = await getHistory(first(), workflowId);
    expect(history.map((t) => t.seq)).toEqual(Array.from({ length: events }, (_, i) => i));
    for (let i = 1; i < history.length; i++) expect(history[i].prevHash).toBe(history[i - 1].hash);
    expect(await verifyWorkflow(first(), workflowId)).toMatchObject({ ok: true, events, problems: [] });
    return history;
  }

  it(`${WRITERS} writers without expectedVersion all succeed, in some order, with no gap in the log`, async () => {
    const slug = 'writers-current';
    const workflowId = await leavingMembership(slug);
    const before = (await getHistory(first(), workflowId)).length;
    const dates = days('02');
    const responses = await Promise.all(
      dates.map((d, i) => postEvent(apps.instanceFor(i), '1460', ev.informed(d), first().tokens.admin, slug)),
    );
    expect(responses.map((r) => [r.status, r.body.code])).toEqual(responses.map(() => [201, undefined]));
    const seqs = responses.map((r) => r.body.transition.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: WRITERS }, (_, i) => before + i));
    const history = await expectWholeLog(workflowId, before + WRITERS);
    const written = history.slice(before);
    expect(written.map((t) => t.eventType)).toEqual(dates.map(() => 'COUNCIL_INFORMED'));
    expect(written.map((t) => t.payload.informedOn).sort()).toEqual(dates);
    // Each answer is the row it wrote (the history entry adds the person, the rule and the links).
    for (const r of responses) expect(history[r.body.transition.seq]).toMatchObject(r.body.transition);
  });

  it(`${WRITERS} writers with the same expectedVersion: one succeeds, the others get 409 VERSION_CONFLICT`, async () => {
    const slug = 'writers-expected';
    const workflowId = await leavingMembership(slug);
    const before = await workflowFootprint(first(), workflowId);
    const responses = await Promise.all(
      days('03').map((d, i) =>
        postEvent(
          apps.instanceFor(i),
          '1460',
          { ...ev.informed(d), expectedVersion: before.version },
          first().tokens.admin,
          slug,
        ),
      ),
    );
    const statuses = responses.map((r) => `${r.status} ${r.body.code ?? ''}`.trim()).sort();
    expect(statuses).toEqual(['201', ...Array.from({ length: WRITERS - 1 }, () => '409 VERSION_CONFLICT')]);
    await expectWholeLog(workflowId, before.events + 1);
  });

  it(`${WRITERS} retries with the same Idempotency-Key racing write one row and all answer with it`, async () => {
    const slug = 'writers-same-key';
    const workflowId = await leavingMembership(slug);
    const before = (await getHistory(first(), workflowId)).length;
    const responses = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        postEvent(apps.instanceFor(i), '1460', ev.informed('2025-04-01'), first().tokens.admin, slug, {
          idempotencyKey: 'racing-retries',
        }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 201));
    expect(responses.filter((r) => !r.body.replayed)).toHaveLength(1);
    for (const r of responses) expect(r.body.transition).toEqual(responses[0].body.transition);
    await expectWholeLog(workflowId, before + 1);
  });

  it(`${WRITERS} concurrent settings changes (admin, no expectedVersion): no 500 and no conflict; each is applied or refused as no change, logged without a gap`, async () => {
    const slug = 'writers-settings';
    await createCollaboration(first(), slug, { parties: ['1460', '1438'] });
    const workflowId = (await apiClient(first()).get(`/collaborations/${slug}`)).body.workflowId as string;
    const choices = ['fullmaktigeDecision', 'noticeArrival'] as const;
    const responses = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        apiClient(apps.instanceFor(i)).patch(
          `/collaborations/${slug}/settings`,
          { settings: { exitRequestDate: choices[i % 2] }, reason: `Jurister ${i}`, changedOn: '2025-03-11' },
          first().tokens.admin,
        ),
      ),
    );
    // Each write applies to whatever is current (the engine retries a lost race): a change to the value another
    // writer has just set changes nothing and is refused as such (NOTHING_CHANGED, D1); nothing else may happen.
    for (const r of responses)
      expect([r.status, r.body.code]).toEqual(r.status === 200 ? [200, undefined] : [422, 'NOTHING_CHANGED']);
    const applied = responses
      .map((r, i) => (r.status === 200 ? `Jurister ${i}` : null))
      .filter((x): x is string => !!x);
    expect(applied.length).toBeGreaterThan(0);
    const history = await expectWholeLog(workflowId, 1 + applied.length);
    expect(
      history
        .slice(1)
        .map((t) => t.payload.reason)
        .sort(),
    ).toEqual(applied.sort());
    // Applied changes alternate: each one changed the value in force.
    const values = history.slice(1).map((t) => t.payload.settings.exitRequestDate);
    values.forEach((v, i) => expect(v).not.toBe(i === 0 ? 'noticeArrival' : values[i - 1]));
    // The collaboration's row follows the workflow: it holds the settings of the change logged last.
    const last = history[history.length - 1].payload.settings.exitRequestDate;
    const collaboration = await apiClient(first()).get(`/collaborations/${slug}`);
    expect(collaboration.body.settings.exitRequestDate).toBe(last);
    const head = await apiClient(first()).get(`/workflows/${workflowId}`);
    expect(head.body.context.settings).toEqual(collaboration.body.settings);
  });
});
