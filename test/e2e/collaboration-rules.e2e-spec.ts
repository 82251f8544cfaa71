import {
  accepted,
  apiClient,
  clerkToken,
  createCollaboration,
  enter,
  expectRefused,
  getMembership,
  membershipWorkflowId,
  postEvent,
  useTestApp,
} from './kit';

// Each collaboration's own rules as data (entry, exit, amendments) and its parties of two kinds.
describe("each collaboration's own rules", () => {
  const ctx = useTestApp();
  const api = () => apiClient(ctx);
  const VM = ['1984', '1983', '1960'];

  beforeAll(async () => {
    // SEED-VM: signed by the KSOs, decided by each kommunstyrelse; the declaration states no exit rule.
    await createCollaboration(ctx, 'vm', {
      parties: VM,
      declarationVersion: '2016-08-31',
      declarationEffectiveDate: '2016-08-31',
      settings: { entryDecisionOrgan: 'KS', exitRule: null } as unknown as Record<string, string>,
    });
    await createCollaboration(ctx, 'dalsland', { parties: ['1460', '1438'] });
  });

  it('the rules are data of each collaboration: Dalslandssamverkan’s by default, Västra Mälardalen’s as recorded', async () => {
    const dalsland = (await api().get('/collaborations/dalsland')).body;
    expect(dalsland.settings).toEqual({ exitRequestDate: 'noticeArrival', entryDecisionOrgan: 'KF' });
    expect(dalsland.rules).toEqual({
      entry: { decisionOrgan: 'KF', signatory: 'KSO' },
      exit: { decisionOrgan: 'KF', noticeTo: 'COUNCIL_CHAIR', effective: 'DEC_31_YEAR_AFTER' },
      amendment: { defaultOrgan: 'KF', byMunicipality: {} },
    });
    const vm = (await api().get('/collaborations/vm')).body;
    expect(vm.settings).toEqual({ exitRequestDate: 'noticeArrival', entryDecisionOrgan: 'KS', exitRule: null });
    expect(vm.rules).toMatchObject({ entry: { decisionOrgan: 'KS', signatory: 'KSO' }, exit: null });
  });

  it('R-B2: the entry event offered is named after the organ of the rule: ENTRY_DECIDED in Västra Mälardalen, the fullmäktige event in Dalsland', async () => {
    const vm = (await getMembership(ctx, '1960', undefined, 'vm')).body;
    expect(vm.allowedEvents).toContain('ENTRY_DECIDED');
    expect(vm.allowedEvents).not.toContain('FULLMAKTIGE_ADOPTED_DECLARATION');
    const members = (await api().get('/collaborations/vm')).body.members as Array<{ allowedEvents: string[] }>;
    for (const m of members.filter((x) => x.allowedEvents.length)) {
      expect(m.allowedEvents).not.toContain('FULLMAKTIGE_ADOPTED_DECLARATION');
    }
    const dalsland = (await getMembership(ctx, '1460', undefined, 'dalsland')).body;
    expect(dalsland.allowedEvents).toContain('FULLMAKTIGE_ADOPTED_DECLARATION');
    expect(dalsland.allowedEvents).not.toContain('ENTRY_DECIDED');
  });

  it('R-B2: the neutral ENTRY_DECIDED takes the organ of the rule (KS in Västra Mälardalen), KF is refused there', async () => {
    await expectRefused(
      ctx,
      '1984',
      { type: 'ENTRY_DECIDED', decision: { organ: 'KF', date: '2016-09-26' } },
      { status: 422, code: 'WRONG_DECISION_ORGAN', ruleId: 'R-B2' },
      { slug: 'vm' },
    );
    for (const code of VM) {
      await accepted(
        ctx,
        code,
        { type: 'KSO_SIGNED', signedOn: '2016-08-31', signatory: { name: 'KSO', office: 'KSO' } },
        { slug: 'vm' },
      );
      const r = await accepted(
        ctx,
        code,
        { type: 'ENTRY_DECIDED', decision: { organ: 'KS', date: '2016-09-26' } },
        { slug: 'vm', token: await clerkToken(ctx, code) },
      );
      expect(r).toMatchObject({ status: 'ACTIVE', memberFrom: '2016-09-26' });
      expect(r.transition).toMatchObject({ eventType: 'ENTRY_DECIDED', machineId: 'membership', machineVersion: 2 });
    }
  });

  it('R-C1: a Västra Mälardalen party asking to leave is told that no exit rule is recorded for that collaboration', async () => {
    const res = await expectRefused(
      ctx,
      '1983',
      { type: 'FULLMAKTIGE_REQUESTED_EXIT', decision: { organ: 'KS', date: '2025-03-01' } },
      { status: 422, code: 'NO_EXIT_RULE', ruleId: 'R-C1' },
      { slug: 'vm' },
    );
    expect(res.body.message).toContain("No exit rule is recorded for the collaboration 'vm'");
    expect(res.body.messageSv).toContain("Ingen regel för utträde är registrerad för samverkan 'vm'");
    await expectRefused(
      ctx,
      '1983',
      { type: 'FULLMAKTIGE_REQUESTED_EXIT', decision: { organ: 'KF', date: '2025-03-01' } },
      { status: 422, code: 'NO_EXIT_RULE', ruleId: 'R-C1' },
      { slug: 'vm' },
    );
  });

  it('an exit rule the collaboration records (a logged settings change) is the one its parties leave under', async () => {
    const change = await api().patch('/collaborations/vm/settings', {
      settings: { exitRule: { decisionOrgan: 'KS', noticeTo: 'COUNCIL_CHAIR', effective: 'DEC_31_YEAR_AFTER' } },
      reason: 'Parterna har kommit överens om en regel för utträde (demodata)',
      changedOn: '2025-01-15',
    });
    expect(change.status).toBe(200);
    expect(change.body.rules.exit).toEqual({
      decisionOrgan: 'KS',
      noticeTo: 'COUNCIL_CHAIR',
      effective: 'DEC_31_YEAR_AFTER',
    });
    const same = await api().patch('/collaborations/vm/settings', {
      settings: { exitRule: { effective: 'DEC_31_YEAR_AFTER', noticeTo: 'COUNCIL_CHAIR', decisionOrgan: 'KS' } },
      reason: 'Samma regel igen',
      changedOn: '2025-01-16',
    });
    expect({ status: same.status, code: same.body.code }).toEqual({ status: 422, code: 'NOTHING_CHANGED' });
    await expectRefused(
      ctx,
      '1983',
      { type: 'FULLMAKTIGE_REQUESTED_EXIT', decision: { organ: 'KF', date: '2025-03-01' } },
      { status: 422, code: 'WRONG_DECISION_ORGAN', ruleId: 'R-C1' },
      { slug: 'vm' },
    );
    await accepted(
      ctx,
      '1983',
      { type: 'FULLMAKTIGE_REQUESTED_EXIT', decision: { organ: 'KS', date: '2025-03-01' } },
      { slug: 'vm' },
    );
    const notice = await accepted(
      ctx,
      '1983',
      { type: 'EXIT_NOTICE_DELIVERED', arrivedAt: '2025-03-05T10:00:00+01:00' },
      { slug: 'vm' },
    );
    expect(notice).toMatchObject({ status: 'LEAVING', exitEffectiveOn: '2026-12-31' });
  });

  it('Dalslandssamverkan keeps today’s behaviour: FULLMAKTIGE_ADOPTED_DECLARATION and ENTRY_DECIDED by KF, exit by KF, 31 December of the year after', async () => {
    await enter(ctx, '1460', '2023-11-29', '2023-12-08', 'dalsland');
    await accepted(
      ctx,
      '1438',
      { type: 'ENTRY_DECIDED', decision: { organ: 'KF', date: '2023-11-29' } },
      { slug: 'dalsland' },
    );
    await expectRefused(
      ctx,
      '1438',
      { type: 'KSO_SIGNED', signedOn: '2023-12-08', signatory: { name: 'Kommundirektör', office: 'KOMMUNDIREKTOR' } },
      { status: 422, code: 'WRONG_SIGNATORY', ruleId: 'R-B3' },
      { slug: 'dalsland' },
    );
    await accepted(
      ctx,
      '1438',
      { type: 'KSO_SIGNED', signedOn: '2023-12-08', signatory: { name: 'KSO', office: 'KSO' } },
      { slug: 'dalsland' },
    );
    await expectRefused(
      ctx,
      '1460',
      { type: 'FULLMAKTIGE_REQUESTED_EXIT', decision: { organ: 'KS', date: '2025-03-01' } },
      { status: 422, code: 'WRONG_DECISION_ORGAN', ruleId: 'R-C1' },
      { slug: 'dalsland' },
    );
    await accepted(
      ctx,
      '1460',
      { type: 'FULLMAKTIGE_REQUESTED_EXIT', decision: { organ: 'KF', date: '2025-03-01' } },
      { slug: 'dalsland' },
    );
    const r = await accepted(
      ctx,
      '1460',
      { type: 'EXIT_NOTICE_DELIVERED', arrivedAt: '2025-03-05T10:00:00+01:00' },
      { slug: 'dalsland' },
    );
    expect(r).toMatchObject({ status: 'LEAVING', exitEffectiveOn: '2026-12-31' });
  });

  it('non-municipal signatories are shown, never counted: not members, not approvers of an amendment', async () => {
    for (const organisation of [
      { key: 'vastra-malardalen-i-samverkan', name: 'Västra Mälardalen i Samverkan', form: 'ASSOCIATION' },
      {
        key: 'industriforeningen-vastra-malardalen',
        name: 'Industriföreningen Västra Mälardalen',
        form: 'ASSOCIATION',
      },
    ]) {
      const res = await api().post(
        '/collaborations/vm/organisations',
        { organisation, signedOn: '2016-08-31' },
        ctx.tokens.coordinator,
      );
      expect(res.status).toBe(201);
    }
    const again = await api().post('/collaborations/vm/organisations', {
      organisation: {
        key: 'vastra-malardalen-i-samverkan',
        name: 'Västra Mälardalen i Samverkan',
        form: 'ASSOCIATION',
      },
      signedOn: '2016-08-31',
    });
    expect({ status: again.status, code: again.body.code, ruleId: again.body.ruleId }).toEqual({
      status: 422,
      code: 'ORGANISATION_ALREADY_SIGNED',
      ruleId: 'R-A1',
    });
    const vm = (await api().get('/collaborations/vm?asOf=2025-06-01')).body;
    expect(vm.organisations.map((o: any) => [o.name, o.kind, o.countsAsSignatory])).toEqual([
      ['Västra Mälardalen i Samverkan', 'organisation', false],
      ['Industriföreningen Västra Mälardalen', 'organisation', false],
    ]);
    expect(vm.members.map((m: any) => m.municipality.code).sort()).toEqual([...VM].sort());
    const amendment = await api().post('/collaborations/vm/amendments', {
      title: 'Ändring',
      version: 'vm-1',
      text: 'Ny text',
    });
    expect(amendment.body.awaitingApprovalOf.sort()).toEqual([...VM].sort());
    const bad = await api().post('/collaborations/vm/organisations', {
      organisation: { key: 'X Y', name: 'x', form: 'CLUB' },
      signedOn: '2016-08-31',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: any) => f.field).sort()).toEqual(['organisation.form', 'organisation.key']);
  });

  it('input: a settings exitRule or amendmentOrgan that is not one names the field (400)', async () => {
    for (const [settings, field] of [
      [
        { exitRule: { decisionOrgan: 'NAMND', noticeTo: 'COUNCIL_CHAIR', effective: 'DEC_31_YEAR_AFTER' } },
        'settings.exitRule.decisionOrgan',
      ],
      [{ amendmentOrgan: { '1460': 'NAMND' } }, 'settings.amendmentOrgan'],
      [{ amendmentOrgan: { x: 'KF' } }, 'settings.amendmentOrgan'],
    ] as const) {
      const res = await api().patch('/collaborations/dalsland/settings', {
        settings,
        reason: 'test',
        changedOn: '2025-01-01',
      });
      expect(res.status).toBe(400);
      expect(res.body.details.fields.map((f: any) => f.field)).toContain(field);
    }
    const workflowId = await membershipWorkflowId(ctx, '1460', 'dalsland');
    expect((await api().post(`/workflows/${workflowId}/verify`, undefined, ctx.tokens.auditor)).body).toMatchObject({
      ok: true,
      machine: 'membership@2',
    });
    expect((await getMembership(ctx, '1460', '2025-06-01', 'dalsland')).body.status).toBe('LEAVING');
    expect(
      (
        await postEvent(
          ctx,
          '1460',
          { type: 'ENTRY_DECIDED', decision: { organ: 'KF', date: '2025-01-01' } },
          ctx.tokens.admin,
          'dalsland',
        )
      ).status,
    ).toBe(409);
  });
});
