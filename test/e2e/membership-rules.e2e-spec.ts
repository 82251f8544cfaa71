import {
  accepted,
  apiClient,
  createCollaboration,
  enter,
  ev,
  expectRefused,
  getHistory,
  membershipOf,
  membershipWorkflowId,
  sql,
  setToday,
  useTestApp,
  verifyWorkflow,
  workflowFootprint,
} from './kit';

// Every membership rule through the API (RULEBOOK B, C, L; DECISIONS D1, D5, D6, D12). Each describe block has its own
// collaboration, so the blocks do not share state. A refusal must write nothing (expectRefused checks the head and log).
// Exits that must stay pending use a 31 December years ahead, so that no due event fires while the tests run.
describe('membership rules through the API', () => {
  const ctx = useTestApp();
  const api = apiClient(ctx);

  // ------------------------------------------------------------------------------------------------ entry (B)

  describe('entry (R-B1 .. R-B4, D12)', () => {
    const slug = 'rules-entry';
    beforeAll(() => createCollaboration(ctx, slug));

    it.each(['KS', 'NAMND'])('R-B2: an entry decision by %s is refused with WRONG_DECISION_ORGAN', async (organ) => {
      const res = await expectRefused(
        ctx,
        '1460',
        ev.adopt('2023-11-27', organ),
        { status: 422, code: 'WRONG_DECISION_ORGAN', ruleId: 'R-B2' },
        { slug },
      );
      expect(res.body.details).toMatchObject({ requiredOrgan: 'KF', organ });
      expect(res.body.messageSv).toMatch(/kommunfullmäktige/);
    });

    it('R-B2: a KS decision is refused also after the KSO has signed (awaitingDecision)', async () => {
      await accepted(ctx, '1438', ev.sign('2023-12-08'), { slug });
      await expectRefused(
        ctx,
        '1438',
        ev.adopt('2023-11-29', 'KS'),
        { status: 422, code: 'WRONG_DECISION_ORGAN', ruleId: 'R-B2' },
        { slug },
      );
      expect((await membershipOf(ctx, slug, '1438', '2024-06-01')).status).toBe('NOT_MEMBER');
    });

    it.each(['OPPOSITIONSRAD', 'KOMMUNDIREKTOR', 'OTHER'])(
      'R-B3: a signature by %s is refused with WRONG_SIGNATORY',
      async (office) => {
        const res = await expectRefused(
          ctx,
          '1439',
          ev.sign('2023-12-08', office),
          { status: 422, code: 'WRONG_SIGNATORY', ruleId: 'R-B3' },
          { slug },
        );
        expect(res.body.details).toMatchObject({ office });
      },
    );

    it('R-B3: a wrong signatory is refused also after the KF decision (awaitingSignature)', async () => {
      await accepted(ctx, '1461', ev.adopt('2023-11-29'), { slug });
      await expectRefused(
        ctx,
        '1461',
        ev.sign('2023-12-08', 'KOMMUNDIREKTOR'),
        { status: 422, code: 'WRONG_SIGNATORY', ruleId: 'R-B3' },
        { slug },
      );
      expect((await membershipOf(ctx, slug, '1461')).state).toBe('awaitingSignature');
    });

    it('D12: only an admin may record a stand-in for the KSO: a clerk gets 403 and nothing is written', async () => {
      const standIn = { legalBasis: 'KS 2023-11-20 § 201: vice ordförande undertecknar i KSO:s ställe' };
      const res = await expectRefused(
        ctx,
        '1461',
        ev.sign('2023-12-08', 'OTHER', { standIn }),
        { status: 403, code: 'FORBIDDEN' },
        { slug, token: ctx.tokens.clerk['1461'] },
      );
      expect(res.body.message).toMatch(/D12/);
    });

    it('D12 (R-B3): a stand-in without a legal basis (blank) is refused: a blank text is refused at the input (400 naming standIn.legalBasis); the rule WRONG_SIGNATORY stays in the machine for every other caller', async () => {
      const res = await expectRefused(
        ctx,
        '1461',
        ev.sign('2023-12-08', 'OTHER', { standIn: { legalBasis: '   ' } }),
        { status: 400, code: 'VALIDATION_FAILED' },
        { slug },
      );
      expect(res.body.details.fields).toEqual([expect.objectContaining({ field: 'standIn.legalBasis' })]);
    });

    it('D12: an admin records a stand-in with its legal basis; it is accepted and kept with the signature', async () => {
      const legalBasis = 'KS 2023-11-20 § 201: vice ordförande undertecknar i KSO:s ställe';
      const body = await accepted(ctx, '1461', ev.sign('2023-12-08', 'OTHER', { standIn: { legalBasis } }), { slug });
      expect(body).toMatchObject({ state: 'member.active', memberFrom: '2024-01-01' });
      expect(body.transition.payload).toMatchObject({ signatory: { office: 'OTHER' }, standIn: { legalBasis } });
      const workflow = await api.get(`/workflows/${body.workflowId}`);
      expect(workflow.body.context.periods[0].signature).toMatchObject({
        signedOn: '2023-12-08',
        signatory: { office: 'OTHER' },
        standIn: { legalBasis },
      });
    });

    it('R-B1, R-B4: entry in either order gives the same membership (decision first, or signature first)', async () => {
      const s = 'rules-order';
      await createCollaboration(ctx, s);
      await accepted(ctx, '1460', ev.adopt('2023-11-27'), { slug: s });
      expect((await membershipOf(ctx, s, '1460', '2024-06-01')).status).toBe('NOT_MEMBER'); // R-B1: the signature is missing
      await accepted(ctx, '1460', ev.sign('2023-12-08'), { slug: s });
      await accepted(ctx, '1438', ev.sign('2023-12-08'), { slug: s });
      expect((await membershipOf(ctx, s, '1438', '2024-06-01')).status).toBe('NOT_MEMBER'); // R-B1: the decision is missing
      expect((await membershipOf(ctx, s, '1438')).state).toBe('awaitingDecision');
      const last = await accepted(ctx, '1438', ev.adopt('2023-11-29'), { slug: s });
      expect(last.state).toBe('member.active');
      for (const code of ['1460', '1438']) {
        expect(await membershipOf(ctx, s, code, '2023-12-20')).toMatchObject({
          status: 'SIGNED_NOT_IN_FORCE',
          memberFrom: '2024-01-01',
        });
        expect(await membershipOf(ctx, s, code, '2024-01-01')).toMatchObject({
          status: 'ACTIVE',
          memberFrom: '2024-01-01',
        });
      }
    });

    it('R-B4: a decision after the declaration took effect: member from the later of decision and signature', async () => {
      const s = 'rules-order';
      await accepted(ctx, '1439', ev.sign('2023-12-08'), { slug: s });
      await accepted(ctx, '1439', ev.adopt('2024-02-12'), { slug: s });
      expect((await membershipOf(ctx, s, '1439', '2024-02-11')).status).toBe('NOT_MEMBER');
      expect(await membershipOf(ctx, s, '1439', '2024-02-12')).toMatchObject({
        status: 'ACTIVE',
        memberFrom: '2024-02-12',
      });
    });

    it('TRANSITION_NOT_ALLOWED (409) names the state and the allowed events: an exit request before entry', async () => {
      const res = await expectRefused(
        ctx,
        '1492',
        ev.requestExit('2025-03-10'),
        { status: 409, code: 'TRANSITION_NOT_ALLOWED' },
        { slug },
      );
      expect(res.body.details).toMatchObject({
        state: 'notMember',
        allowedEvents: ['FULLMAKTIGE_ADOPTED_DECLARATION', 'KSO_SIGNED'],
      });
      expect(res.body.ruleId).toBeUndefined();
      expect((await membershipOf(ctx, slug, '1492')).allowedEvents).toEqual(res.body.details.allowedEvents);
    });

    it('TRANSITION_NOT_ALLOWED: a second KF decision while awaiting the signature; only KSO_SIGNED is allowed', async () => {
      await accepted(ctx, '1492', ev.adopt('2023-11-29'), { slug });
      const res = await expectRefused(
        ctx,
        '1492',
        ev.adopt('2023-11-30'),
        { status: 409, code: 'TRANSITION_NOT_ALLOWED' },
        { slug },
      );
      expect(res.body.details).toMatchObject({ state: 'awaitingSignature', allowedEvents: ['KSO_SIGNED'] });
    });

    it('TRANSITION_NOT_ALLOWED: a member cannot sign again, inform the council or withdraw without a request', async () => {
      await accepted(ctx, '1492', ev.sign('2023-12-08'), { slug });
      for (const body of [
        ev.sign('2023-12-09'),
        ev.informed('2025-04-01'),
        ev.withdraw('2025-04-01', '2025-04-02T10:00:00+02:00'),
      ]) {
        const res = await expectRefused(ctx, '1492', body, { status: 409, code: 'TRANSITION_NOT_ALLOWED' }, { slug });
        expect(res.body.details).toMatchObject({
          state: 'member.active',
          allowedEvents: ['FULLMAKTIGE_REQUESTED_EXIT'],
        });
      }
    });
  });

  // ------------------------------------------------------------------------------------------------ exit (C)

  describe('exit (R-C1 .. R-C6, R-E2)', () => {
    const slug = 'rules-exit';
    beforeAll(async () => {
      await createCollaboration(ctx, slug);
      for (const code of ['1460', '1438', '1439', '1461', '1492'])
        await enter(ctx, code, '2023-11-29', '2023-12-08', slug);
    });

    it.each(['KS', 'NAMND'])(
      'R-C1: an exit request decided by %s is refused with WRONG_DECISION_ORGAN',
      async (organ) => {
        const res = await expectRefused(
          ctx,
          '1460',
          ev.requestExit('2025-03-10', undefined, organ),
          { status: 422, code: 'WRONG_DECISION_ORGAN', ruleId: 'R-C1' },
          { slug },
        );
        expect(res.body.details).toMatchObject({ requiredOrgan: 'KF', organ });
      },
    );

    it.each(['2026-06-30', '2027-12-30', '2027-01-01'])(
      'R-C4: a desired exit date %s is refused with EXIT_NOT_ON_31_DEC',
      async (desired) => {
        const res = await expectRefused(
          ctx,
          '1460',
          ev.requestExit('2025-03-10', desired),
          { status: 422, code: 'EXIT_NOT_ON_31_DEC', ruleId: 'R-C4' },
          { slug },
        );
        expect(res.body.details).toMatchObject({ desiredExitDate: desired });
      },
    );

    it('R-C2: a desired exit on 31 December of the request year is refused with EXIT_NOTICE_TOO_SHORT (earliest given)', async () => {
      const res = await expectRefused(
        ctx,
        '1460',
        ev.requestExit('2025-03-10', '2025-12-31'),
        { status: 422, code: 'EXIT_NOTICE_TOO_SHORT', ruleId: 'R-C2' },
        { slug },
      );
      expect(res.body.details).toMatchObject({ desiredExitDate: '2025-12-31', earliestExitDate: '2026-12-31' });
    });

    it('R-C2, R-C5: a notice arriving in the next year makes the desired date too early: EXIT_NOTICE_TOO_SHORT at the notice', async () => {
      await accepted(ctx, '1438', ev.requestExit('2025-11-10', '2026-12-31'), { slug });
      const res = await expectRefused(
        ctx,
        '1438',
        ev.notice('2026-01-05T10:00:00+01:00'),
        { status: 422, code: 'EXIT_NOTICE_TOO_SHORT', ruleId: 'R-C2' },
        { slug },
      );
      expect(res.body.details).toMatchObject({
        requestedOn: '2026-01-05',
        desiredExitDate: '2026-12-31',
        earliestExitDate: '2027-12-31',
      });
      expect((await membershipOf(ctx, slug, '1438')).state).toBe('member.exitDecided');
    });

    it('R-C1: an exit notice without a fullmäktige decision is refused with NO_FULLMAKTIGE_DECISION', async () => {
      await expectRefused(
        ctx,
        '1439',
        ev.notice('2025-03-20T10:00:00+01:00'),
        { status: 422, code: 'NO_FULLMAKTIGE_DECISION', ruleId: 'R-C1' },
        { slug },
      );
    });

    it('R-C5 (D1): a notice that arrived before the decision is refused with NO_FULLMAKTIGE_DECISION', async () => {
      await accepted(ctx, '1439', ev.requestExit('2025-03-10', '2035-12-31'), { slug });
      const res = await expectRefused(
        ctx,
        '1439',
        ev.notice('2025-03-05T12:00:00+01:00'),
        { status: 422, code: 'NO_FULLMAKTIGE_DECISION', ruleId: 'R-C5' },
        { slug },
      );
      expect(res.body.details).toMatchObject({ noticeOn: '2025-03-05', decisionOn: '2025-03-10' });
      // One second before midnight in Stockholm is still the day before the decision.
      await expectRefused(
        ctx,
        '1439',
        ev.notice('2025-03-09T22:59:59Z'),
        { status: 422, code: 'NO_FULLMAKTIGE_DECISION', ruleId: 'R-C5' },
        { slug },
      );
    });

    it('R-C5, R-L2: a notice at 00:30 Stockholm time on the decision day (23:30 UTC the day before) is on or after the decision', async () => {
      const body = await accepted(ctx, '1439', ev.notice('2025-03-09T23:30:00Z'), { slug });
      expect(body).toMatchObject({
        state: 'member.leaving',
        exitRequestedOn: '2025-03-10',
        exitEffectiveOn: '2035-12-31',
      });
      expect(body.transition.legalDate).toBe('2025-03-10');
    });

    it('R-C4: a later 31 December than the earliest is accepted and becomes the exit date', async () => {
      await accepted(ctx, '1461', ev.requestExit('2025-03-10', '2028-12-31'), { slug });
      const body = await accepted(ctx, '1461', ev.notice('2025-03-20T10:00:00+01:00'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2025-03-20', exitEffectiveOn: '2028-12-31' });
      expect((await membershipOf(ctx, slug, '1461', '2027-12-31')).status).toBe('LEAVING');
      expect((await membershipOf(ctx, slug, '1461', '2028-12-31')).status).toBe('LEAVING');
      expect((await membershipOf(ctx, slug, '1461', '2029-01-01')).status).toBe('EXITED');
    });

    it('R-C6: the coordinator records that the council was informed; informing before the notice is refused', async () => {
      const res = await expectRefused(
        ctx,
        '1461',
        ev.informed('2025-03-19'),
        { status: 422, code: 'COUNCIL_INFORMED_BEFORE_NOTICE', ruleId: 'R-C6' },
        { slug, token: ctx.tokens.coordinator },
      );
      expect(res.body.details).toMatchObject({ informedOn: '2025-03-19', noticeOn: '2025-03-20' });
      const body = await accepted(ctx, '1461', ev.informed('2025-04-02'), { slug, token: ctx.tokens.coordinator });
      expect(body).toMatchObject({ state: 'member.leaving', councilInformedOn: '2025-04-02' });
      expect(body.transition.actor.role).toBe('coordinator');
    });

    it('R-E2, R-C6: COUNCIL_APPROVED_EXIT is always refused with COUNCIL_NOT_DECISION_MAKING, in every state and for every writer', async () => {
      const s = 'rules-council';
      await createCollaboration(ctx, s);
      await accepted(ctx, '1438', ev.adopt('2023-11-29'), { slug: s }); // awaitingSignature
      await accepted(ctx, '1439', ev.sign('2023-12-08'), { slug: s }); // awaitingDecision
      await enter(ctx, '1461', '2023-11-29', '2023-12-08', s);
      await accepted(ctx, '1461', ev.requestExit('2025-03-10', '2035-12-31'), { slug: s }); // exitDecided
      const cases: Array<[string, string, string]> = [
        ['1460', s, 'notMember'],
        ['1438', s, 'awaitingSignature'],
        ['1439', s, 'awaitingDecision'],
        ['1461', s, 'member.exitDecided'],
        ['1460', slug, 'member.active'],
        ['1439', slug, 'member.leaving'],
      ];
      for (const [code, sl, state] of cases) {
        expect((await membershipOf(ctx, sl, code)).state).toBe(state);
        for (const token of [ctx.tokens.admin, ctx.tokens.coordinator, ctx.tokens.clerk[code]]) {
          const res = await expectRefused(
            ctx,
            code,
            ev.councilApproved('2025-04-02'),
            { status: 422, code: 'COUNCIL_NOT_DECISION_MAKING', ruleId: 'R-E2' },
            { slug: sl, token },
          );
          expect(res.body.messageSv).toMatch(/inte ett beslutande organ/);
        }
        // Not offered as an allowed event anywhere.
        expect((await membershipOf(ctx, sl, code)).allowedEvents).not.toContain('COUNCIL_APPROVED_EXIT');
      }
    });
  });

  // ------------------------------------------------------------------------------------------------ time (L)

  describe('calendar and time zone (R-L1, R-L2, R-L9, R-C2)', () => {
    const slug = 'rules-time';
    beforeAll(async () => {
      await createCollaboration(ctx, slug);
      for (const code of ['1460', '1438', '1439', '1461', '1492'])
        await enter(ctx, code, '2023-11-29', '2023-12-08', slug);
    });

    it('R-L2, R-C2: a notice at 2025-12-31T23:30:00Z is 2026-01-01 in Stockholm: exit 2027-12-31 (with REQUEST_YEAR_AMBIGUOUS)', async () => {
      await accepted(ctx, '1460', ev.requestExit('2025-12-15'), { slug });
      const body = await accepted(ctx, '1460', ev.notice('2025-12-31T23:30:00Z'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2026-01-01', exitEffectiveOn: '2027-12-31' });
      expect(body.transition.legalDate).toBe('2026-01-01');
      expect(body.warnings).toEqual([expect.objectContaining({ code: 'REQUEST_YEAR_AMBIGUOUS', ruleId: 'R-C5' })]);
    });

    it('R-L9, R-C2: a notice at 2025-12-31T22:59:59Z is still nyårsafton in Stockholm: exit 2026-12-31', async () => {
      await accepted(ctx, '1438', ev.requestExit('2025-12-15'), { slug });
      const body = await accepted(ctx, '1438', ev.notice('2025-12-31T22:59:59Z'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2025-12-31', exitEffectiveOn: '2026-12-31', warnings: [] });
      expect(body.transition.legalDate).toBe('2025-12-31');
      expect((await membershipOf(ctx, slug, '1438', '2026-12-31')).status).toBe('LEAVING');
      expect((await membershipOf(ctx, slug, '1438', '2027-01-01')).status).toBe('EXITED');
    });

    it('R-L1: the same instant written with an offset gives the same local date (2026-01-01T00:30:00+01:00)', async () => {
      await accepted(ctx, '1492', ev.requestExit('2025-12-15'), { slug });
      const body = await accepted(ctx, '1492', ev.notice('2026-01-01T00:30:00+01:00'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2026-01-01', exitEffectiveOn: '2027-12-31' });
    });

    it('R-L1: in summer time (CEST, UTC+2) 22:30Z on 25 October 2025 is already 26 October; the council cannot be informed on the 25th', async () => {
      await accepted(ctx, '1439', ev.requestExit('2025-10-01', '2035-12-31'), { slug });
      const body = await accepted(ctx, '1439', ev.notice('2025-10-25T22:30:00Z'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2025-10-26' });
      expect(body.transition.legalDate).toBe('2025-10-26');
      await expectRefused(
        ctx,
        '1439',
        ev.informed('2025-10-25'),
        { status: 422, code: 'COUNCIL_INFORMED_BEFORE_NOTICE', ruleId: 'R-C6' },
        { slug, token: ctx.tokens.coordinator },
      );
      expect(
        (await accepted(ctx, '1439', ev.informed('2025-10-26'), { slug, token: ctx.tokens.coordinator }))
          .councilInformedOn,
      ).toBe('2025-10-26');
    });

    it('R-L1: the spring switch: 23:30Z on 29 March 2025 (CET) is 30 March; 22:30Z on 30 March (CEST) is 31 March', async () => {
      await accepted(ctx, '1461', ev.requestExit('2025-03-01', '2035-12-31'), { slug });
      expect((await accepted(ctx, '1461', ev.notice('2025-03-29T23:30:00Z'), { slug })).exitRequestedOn).toBe(
        '2025-03-30',
      );
      const s = 'rules-time-2';
      await createCollaboration(ctx, s, { parties: ['1461'] });
      await enter(ctx, '1461', '2023-11-29', '2023-12-08', s);
      await accepted(ctx, '1461', ev.requestExit('2025-03-01', '2035-12-31'), { slug: s });
      const body = await accepted(ctx, '1461', ev.notice('2025-03-30T22:30:00Z'), { slug: s });
      expect(body.exitRequestedOn).toBe('2025-03-31');
      expect(body.transition.legalDate).toBe('2025-03-31');
    });
  });

  // ------------------------------------------------------------------------------------------------ D1 setting

  describe('D1: the exit request date setting, switched through PATCH /settings', () => {
    const slug = 'rules-d1';
    let collaborationWorkflowId: string;
    beforeAll(async () => {
      collaborationWorkflowId = (await createCollaboration(ctx, slug)).workflowId;
      for (const code of ['1460', '1438', '1439', '1461', '1492'])
        await enter(ctx, code, '2023-11-29', '2023-12-08', slug);
    });

    const patch = (body: unknown, token = ctx.tokens.admin) =>
      api.patch(`/collaborations/${slug}/settings`, body, token);

    it("D1 default 'noticeArrival' (R-C5): decision 2025-12-15, notice 2026-01-10 → request 2026-01-10, exit 2027-12-31, REQUEST_YEAR_AMBIGUOUS", async () => {
      await accepted(ctx, '1460', ev.requestExit('2025-12-15'), { slug });
      const body = await accepted(ctx, '1460', ev.notice('2026-01-10T10:00:00+01:00'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2026-01-10', exitEffectiveOn: '2027-12-31' });
      expect(body.warnings).toEqual([
        expect.objectContaining({
          code: 'REQUEST_YEAR_AMBIGUOUS',
          ruleId: 'R-C5',
          messageSv: expect.any(String),
          details: { decisionOn: '2025-12-15', noticeOn: '2026-01-10', requestedOn: '2026-01-10' },
        }),
      ]);
      // The settings in force are logged with the event.
      expect(body.transition.payload.settings).toMatchObject({ exitRequestDate: 'noticeArrival' });
    });

    it('D1: no warning when decision and notice fall in the same year', async () => {
      await accepted(ctx, '1492', ev.requestExit('2025-03-10', '2035-12-31'), { slug });
      expect((await accepted(ctx, '1492', ev.notice('2025-03-20T10:00:00+01:00'), { slug })).warnings).toEqual([]);
    });

    it('D1: a blank reason is refused (at the input, 400 naming reason; REASON_REQUIRED in the machine) and nothing is logged in the collaboration workflow', async () => {
      const before = await workflowFootprint(ctx, collaborationWorkflowId);
      const res = await patch({
        settings: { exitRequestDate: 'fullmaktigeDecision' },
        reason: '   ',
        changedOn: '2025-12-01',
      });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ field: 'reason' }] } });
      expect(await workflowFootprint(ctx, collaborationWorkflowId)).toEqual(before);
      expect((await api.get(`/collaborations/${slug}`)).body.settings.exitRequestDate).toBe('noticeArrival');
    });

    it("D1: an admin switches to 'fullmaktigeDecision'; the change is logged (SETTINGS_CHANGED, reason, date, actor) and verifies", async () => {
      const res = await patch({
        settings: { exitRequestDate: 'fullmaktigeDecision' },
        reason: 'Beslut av parternas jurister',
        changedOn: '2025-12-01',
      });
      expect(res.status).toBe(200);
      expect(res.body.settings).toEqual({ exitRequestDate: 'fullmaktigeDecision', entryDecisionOrgan: 'KF' });
      const history = await getHistory(ctx, collaborationWorkflowId);
      expect(history.map((t) => t.eventType)).toEqual(['xstate.init', 'SETTINGS_CHANGED']);
      expect(history[1]).toMatchObject({
        payload: {
          settings: { exitRequestDate: 'fullmaktigeDecision' },
          reason: 'Beslut av parternas jurister',
          changedOn: '2025-12-01',
        },
        legalDate: '2025-12-01',
        actor: { role: 'admin' },
      });
      expect((await verifyWorkflow(ctx, collaborationWorkflowId)).ok).toBe(true);
    });

    it("D1 'fullmaktigeDecision': the same dates give request 2025-12-15, exit 2026-12-31, still with REQUEST_YEAR_AMBIGUOUS", async () => {
      await accepted(ctx, '1438', ev.requestExit('2025-12-15'), { slug });
      const body = await accepted(ctx, '1438', ev.notice('2026-01-10T10:00:00+01:00'), { slug });
      expect(body).toMatchObject({ exitRequestedOn: '2025-12-15', exitEffectiveOn: '2026-12-31' });
      expect(body.warnings).toEqual([
        expect.objectContaining({
          code: 'REQUEST_YEAR_AMBIGUOUS',
          details: expect.objectContaining({ requestedOn: '2025-12-15' }),
        }),
      ]);
      expect(body.transition.payload.settings).toMatchObject({ exitRequestDate: 'fullmaktigeDecision' });
    });

    it('D1: an exit recorded under the earlier setting keeps its dates', async () => {
      expect(await membershipOf(ctx, slug, '1460')).toMatchObject({
        exitRequestedOn: '2026-01-10',
        exitEffectiveOn: '2027-12-31',
      });
    });

    it("D1, R-C2: a desired 2026-12-31 with the notice in 2026 passes under 'fullmaktigeDecision' and is EXIT_NOTICE_TOO_SHORT under 'noticeArrival'", async () => {
      await accepted(ctx, '1439', ev.requestExit('2025-12-15', '2026-12-31'), { slug });
      await accepted(ctx, '1461', ev.requestExit('2025-12-15', '2026-12-31'), { slug });
      expect((await accepted(ctx, '1439', ev.notice('2026-01-10T10:00:00+01:00'), { slug })).exitEffectiveOn).toBe(
        '2026-12-31',
      );
      const res = await patch({
        settings: { exitRequestDate: 'noticeArrival' },
        reason: 'Tillbaka till standard',
        changedOn: '2026-01-15',
      });
      expect(res.status).toBe(200);
      expect(res.body.settings.exitRequestDate).toBe('noticeArrival');
      await expectRefused(
        ctx,
        '1461',
        ev.notice('2026-01-10T10:00:00+01:00'),
        { status: 422, code: 'EXIT_NOTICE_TOO_SHORT', ruleId: 'R-C2' },
        { slug },
      );
      expect((await getHistory(ctx, collaborationWorkflowId)).map((t) => t.eventType)).toEqual([
        'xstate.init',
        'SETTINGS_CHANGED',
        'SETTINGS_CHANGED',
      ]);
    });
  });

  // ------------------------------------------------------------------------------------------------ D6, D5, due events

  describe('withdrawal (D6, R-C10), exit taking effect (R-C7) and re-entry (D5, R-B7)', () => {
    const slug = 'rules-wd';
    beforeAll(async () => {
      await createCollaboration(ctx, slug);
      for (const code of ['1460', '1438', '1439', '1461', '1492'])
        await enter(ctx, code, '2023-11-22', '2023-12-08', slug);
      await accepted(ctx, '1460', ev.requestExit('2025-03-10', '2030-12-31'), { slug });
      await accepted(ctx, '1460', ev.notice('2025-03-20T10:00:00+01:00'), { slug });
    });

    it('R-C10: a withdrawal decided by KS is refused with WRONG_DECISION_ORGAN', async () => {
      await expectRefused(
        ctx,
        '1460',
        ev.withdraw('2025-09-01', '2025-09-05T10:00:00+02:00', 'KS'),
        { status: 422, code: 'WRONG_DECISION_ORGAN', ruleId: 'R-C10' },
        { slug },
      );
    });

    it('R-C10: a withdrawal decided before the exit decision is refused with WITHDRAWAL_BEFORE_REQUEST', async () => {
      await expectRefused(
        ctx,
        '1460',
        ev.withdraw('2025-03-01', '2025-09-05T10:00:00+02:00'),
        { status: 422, code: 'WITHDRAWAL_BEFORE_REQUEST', ruleId: 'R-C10' },
        { slug },
      );
    });

    it('D6 (R-C10): a withdrawal notice arriving on the exit date (also 23:30Z the day before) is WITHDRAWAL_TOO_LATE', async () => {
      setToday(ctx, '2030-12-31'); // recorded on the exit date itself (EXIT_TOOK_EFFECT is due the day after)
      const res = await expectRefused(
        ctx,
        '1460',
        ev.withdraw('2030-12-01', '2030-12-31T10:00:00+01:00'),
        { status: 422, code: 'WITHDRAWAL_TOO_LATE', ruleId: 'R-C10' },
        { slug },
      );
      expect(res.body.details).toMatchObject({ noticeOn: '2030-12-31', exitEffectiveOn: '2030-12-31' });
      await expectRefused(
        ctx,
        '1460',
        ev.withdraw('2030-12-01', '2030-12-30T23:30:00Z'),
        { status: 422, code: 'WITHDRAWAL_TOO_LATE', ruleId: 'R-C10' },
        { slug },
      );
    });

    it('D6: a timely withdrawal (KF decision, KSO notice) cancels the pending exit and its due event', async () => {
      const workflowId = await membershipWorkflowId(ctx, '1460', slug);
      expect(await sql(ctx, 'SELECT due_on FROM workflow_due_event WHERE instance_id = ?', [workflowId])).toEqual([
        { due_on: '2031-01-01' },
      ]);
      const body = await accepted(ctx, '1460', ev.withdraw('2025-09-01', '2025-09-05T10:00:00+02:00'), { slug });
      expect(body.state).toBe('member.active');
      expect(body.exitEffectiveOn).toBeUndefined();
      expect(await sql(ctx, 'SELECT due_on FROM workflow_due_event WHERE instance_id = ?', [workflowId])).toEqual([]);
      expect((await membershipOf(ctx, slug, '1460', '2025-04-01')).status).toBe('LEAVING'); // the request stood until withdrawn
      expect((await membershipOf(ctx, slug, '1460', '2025-09-05')).status).toBe('ACTIVE');
      expect((await membershipOf(ctx, slug, '1460', '2031-01-01')).status).toBe('ACTIVE');
      expect((await getHistory(ctx, workflowId)).map((t) => t.eventType).slice(-3)).toEqual([
        'FULLMAKTIGE_REQUESTED_EXIT',
        'EXIT_NOTICE_DELIVERED',
        'EXIT_REQUEST_WITHDRAWN',
      ]);
    });

    it('D6: an exit request can be withdrawn before its notice, and a new request made afterwards', async () => {
      await accepted(ctx, '1438', ev.requestExit('2025-03-10'), { slug });
      expect(
        (await accepted(ctx, '1438', ev.withdraw('2025-04-01', '2025-04-02T10:00:00+02:00'), { slug })).state,
      ).toBe('member.active');
      expect((await accepted(ctx, '1438', ev.requestExit('2025-05-10'), { slug })).state).toBe('member.exitDecided');
    });

    it('R-C7: due events fire an exit whose 31 December has passed (2024-12-31), not earlier (asOf 2024-12-31)', async () => {
      // Exit requested in December 2023: it took effect after 2024-12-31, which has passed by the real clock.
      await accepted(ctx, '1439', ev.requestExit('2023-12-11'), { slug });
      const notice = await accepted(ctx, '1439', ev.notice('2023-12-13T10:00:00+01:00'), { slug });
      expect(notice).toMatchObject({ exitRequestedOn: '2023-12-13', exitEffectiveOn: '2024-12-31' });
      const workflowId = notice.workflowId;

      const early = await api.post('/workflows/due-events/run', { asOf: '2024-12-31' });
      expect(early.status).toBe(200);
      expect(early.body).toEqual({ fired: 0, refused: 0 });
      expect((await membershipOf(ctx, slug, '1439')).state).toBe('member.leaving');

      const run = await api.post('/workflows/due-events/run', {});
      expect(run.status).toBe(200);
      expect(run.body.fired).toBeGreaterThanOrEqual(1);
      const history = await getHistory(ctx, workflowId);
      expect(history[history.length - 1]).toMatchObject({
        eventType: 'EXIT_TOOK_EFFECT',
        payload: { on: '2025-01-01' },
        legalDate: '2025-01-01',
        fromState: 'member.leaving',
        toState: 'exited',
        actor: { role: 'system' },
      });
      expect((await membershipOf(ctx, slug, '1439', '2024-12-31')).status).toBe('LEAVING');
      expect(await membershipOf(ctx, slug, '1439', '2025-01-01')).toMatchObject({
        status: 'EXITED',
        exitEffectiveOn: '2024-12-31',
        state: 'exited',
      });
      // Running again fires nothing more for it.
      await api.post('/workflows/due-events/run', {});
      expect(await getHistory(ctx, workflowId)).toHaveLength(history.length);
      expect((await verifyWorkflow(ctx, workflowId)).ok).toBe(true);
    });

    it('D6 (R-C10): after the exit took effect a withdrawal is WITHDRAWAL_TOO_LATE', async () => {
      await expectRefused(
        ctx,
        '1439',
        ev.withdraw('2025-01-05', '2025-01-10T10:00:00+01:00'),
        { status: 422, code: 'WITHDRAWAL_TOO_LATE', ruleId: 'R-C10' },
        { slug },
      );
    });

    it('D5 (R-B7): re-entry after the exit is a new entry (KF decision and KSO signature), in force from the later date', async () => {
      const exited = await membershipOf(ctx, slug, '1439');
      expect(exited.allowedEvents).toEqual(expect.arrayContaining(['FULLMAKTIGE_ADOPTED_DECLARATION', 'KSO_SIGNED']));
      await expectRefused(
        ctx,
        '1439',
        ev.adopt('2025-02-10', 'KS'),
        { status: 422, code: 'WRONG_DECISION_ORGAN', ruleId: 'R-B2' },
        { slug },
      );
      expect((await accepted(ctx, '1439', ev.adopt('2025-02-10'), { slug })).state).toBe('awaitingSignature');
      const body = await accepted(ctx, '1439', ev.sign('2025-02-20'), { slug });
      expect(body).toMatchObject({ state: 'member.active', memberFrom: '2025-02-20' });
      expect((await membershipOf(ctx, slug, '1439', '2025-02-19')).status).toBe('EXITED');
      expect(await membershipOf(ctx, slug, '1439', '2025-02-20')).toMatchObject({
        status: 'ACTIVE',
        memberFrom: '2025-02-20',
      });
      expect((await membershipOf(ctx, slug, '1439', '2024-06-01')).status).toBe('LEAVING'); // the first period, exit pending
      const workflow = await api.get(`/workflows/${body.workflowId}`);
      expect(workflow.body.context.periods).toHaveLength(2);
      expect((await verifyWorkflow(ctx, body.workflowId)).ok).toBe(true);
    });

    it('R-C7: an event sent to an instance whose exit is due meets the state as it stands today (EXIT_TOOK_EFFECT first)', async () => {
      await accepted(ctx, '1461', ev.requestExit('2023-12-11'), { slug });
      await accepted(ctx, '1461', ev.notice('2023-12-14T09:00:00+01:00'), { slug });
      // No due-event run: the engine fires the due exit before applying the client's re-entry decision.
      const body = await accepted(ctx, '1461', ev.adopt('2025-05-05'), { slug });
      expect(body.state).toBe('awaitingSignature');
      const history = await getHistory(ctx, body.workflowId);
      expect(history.slice(-2).map((t) => [t.eventType, t.fromState, t.toState])).toEqual([
        ['EXIT_TOOK_EFFECT', 'member.leaving', 'exited'],
        ['FULLMAKTIGE_ADOPTED_DECLARATION', 'exited', 'awaitingSignature'],
      ]);
      expect(history.map((t) => t.seq)).toEqual(history.map((_, i) => i));
    });
  });
});
