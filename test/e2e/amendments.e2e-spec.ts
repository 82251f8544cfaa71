import {
  accepted,
  apiClient,
  clerkToken,
  createCollaboration,
  decisionKit,
  enter,
  expectErrorBody,
  getMembership,
  ledamoter,
  postEvent,
  useTestApp,
  workflowFootprint,
} from './kit';

// Amendments of the declaration (avsiktsförklaringen §15; R-D1..R-D5; DECISIONS D2..D4), over HTTP on a fresh database.
describe('amendments of the declaration', () => {
  const ctx = useTestApp();
  const api = () => apiClient(ctx);

  /** A collaboration of these parties, each entered (KF 2023-11-29, KSO 2023-12-08; in force 2024-01-01). */
  async function collaboration(slug: string, parties: string[], settings?: Record<string, unknown>) {
    await createCollaboration(ctx, slug, { parties, settings: settings as Record<string, string> });
    for (const code of parties) await enter(ctx, code, '2023-11-29', '2023-12-08', slug);
  }

  async function propose(slug: string, body: Record<string, unknown> = {}) {
    const res = await api().post(`/collaborations/${slug}/amendments`, {
      title: 'Ändring av §11',
      version: `${slug}-${Math.random().toString(36).slice(2, 8)}`,
      text: `Avsiktsförklaringen ändras: ${slug} ${JSON.stringify(body)}`,
      ...body,
    });
    if (res.status !== 201) throw new Error(`propose: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  const approve = (id: string, party: string, date: string, organ = 'KF', token?: string) =>
    api().post(`/amendments/${id}/events`, { type: 'AMENDMENT_APPROVED', party, decision: { organ, date } }, token);

  async function approved(id: string, party: string, date: string, organ = 'KF') {
    const res = await approve(id, party, date, organ, await clerkToken(ctx, party));
    if (res.status !== 201) throw new Error(`approve ${party}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  const amendment = async (id: string, asOf?: string) =>
    (await api().get(`/amendments/${id}${asOf ? `?asOf=${asOf}` : ''}`)).body;
  const view = async (slug: string, asOf: string) => (await api().get(`/collaborations/${slug}?asOf=${asOf}`)).body;

  /** A refusal that writes nothing to the amendment's workflow. */
  async function refused(id: string, body: Record<string, unknown>, expected: Record<string, unknown>, token?: string) {
    const { workflowId } = await amendment(id);
    const before = await workflowFootprint(ctx, workflowId);
    const res = await api().post(`/amendments/${id}/events`, body, token);
    expect({ status: res.status, code: res.body.code, ruleId: res.body.ruleId }).toEqual(expected);
    expectErrorBody(res.body);
    expect(await workflowFootprint(ctx, workflowId)).toEqual(before);
    return res.body;
  }

  const FIVE = ['1460', '1438', '1439', '1461', '1492'];

  it('R-D1, R-D3: four of five approvals are not enough; the fifth puts it in force on its date, and the view shows that version from then', async () => {
    await collaboration('amend-five', FIVE);
    const a = await propose('amend-five', { version: '2025-1' });
    expect(a).toMatchObject({ status: 'PROPOSED', approvals: [], awaitingApprovalOf: [...FIVE].sort() });
    expect(a.document.sha256).toMatch(/^[0-9a-f]{64}$/);
    const version = await api().get(`/document-versions/${a.document.versionId}`);
    expect(version.body).toMatchObject({ version: '2025-1', sha256: a.document.sha256 });

    const dates = ['2025-02-03', '2025-02-10', '2025-02-17', '2025-02-24'];
    for (const [i, code] of FIVE.slice(0, 4).entries()) await approved(a.id, code, dates[i]);
    const four = await amendment(a.id, '2025-06-01');
    expect(four).toMatchObject({ status: 'PROPOSED', state: 'proposed', awaitingApprovalOf: ['1492'] });
    expect(four.inForceFrom).toBeUndefined();
    expect((await view('amend-five', '2025-06-01')).declarationInForce).toEqual({
      version: '2023-12-08',
      inForceFrom: '2024-01-01',
    });

    const fifth = await approved(a.id, '1492', '2025-03-10');
    expect(fifth).toMatchObject({ state: 'adopted', status: 'IN_FORCE', inForceFrom: '2025-03-10' });
    expect(fifth.transition).toMatchObject({ eventType: 'AMENDMENT_APPROVED', legalDate: '2025-03-10' });
    expect(fifth.transition.payload.countingParties.map((p: any) => p.code).sort()).toEqual([...FIVE].sort());
    expect((await amendment(a.id, '2025-03-09')).status).toBe('PROPOSED');
    expect((await amendment(a.id, '2025-03-10')).status).toBe('IN_FORCE');
    const before = await view('amend-five', '2025-03-09');
    const on = await view('amend-five', '2025-03-10');
    expect(before.declarationInForce.version).toBe('2023-12-08');
    expect(on.declarationInForce).toMatchObject({
      version: '2025-1',
      inForceFrom: '2025-03-10',
      amendmentId: a.id,
      sha256: a.document.sha256,
    });
    expect(on.amendments).toHaveLength(1);
    expect(on.amendments[0].approvals.map((x: any) => x.party)).toEqual(FIVE);
    const listed = await api().get('/collaborations/amend-five/amendments?asOf=2025-03-10');
    expect(listed.status).toBe(200);
    expect(listed.body.map((x: any) => [x.id, x.status])).toEqual([[a.id, 'IN_FORCE']]);
    const verify = await api().post(`/workflows/${a.workflowId}/verify`, undefined, ctx.tokens.auditor);
    expect(verify.body).toMatchObject({ ok: true, machine: 'amendment@1' });
  });

  it('D3: a later date stated in the amendment: approved by all, in force only from that date', async () => {
    await collaboration('amend-later', ['1460', '1438']);
    const a = await propose('amend-later', { version: 'later-1', statedEffectiveDate: '2027-01-01' });
    await approved(a.id, '1460', '2025-05-05');
    const last = await approved(a.id, '1438', '2025-05-12');
    expect(last).toMatchObject({ state: 'adopted', status: 'ADOPTED_NOT_IN_FORCE', inForceFrom: '2027-01-01' });
    expect((await amendment(a.id, '2026-12-31')).status).toBe('ADOPTED_NOT_IN_FORCE');
    expect((await amendment(a.id, '2027-01-01')).status).toBe('IN_FORCE');
    expect((await view('amend-later', '2026-12-31')).declarationInForce.version).toBe('2023-12-08');
    expect((await view('amend-later', '2027-01-01')).declarationInForce.version).toBe('later-1');
  });

  it('R-D4: a party with a pending exit counts; one whose exit has taken effect does not, and cannot approve', async () => {
    const slug = 'amend-exit';
    await collaboration(slug, ['1460', '1438', '1439']);
    await accepted(
      ctx,
      '1439',
      { type: 'FULLMAKTIGE_REQUESTED_EXIT', decision: { organ: 'KF', date: '2024-03-01' } },
      { slug },
    );
    await accepted(ctx, '1439', { type: 'EXIT_NOTICE_DELIVERED', arrivedAt: '2024-03-05T10:00:00+01:00' }, { slug });
    expect((await getMembership(ctx, '1439', '2025-06-01', slug)).body).toMatchObject({
      status: 'LEAVING',
      exitEffectiveOn: '2025-12-31',
    });

    const pending = await propose(slug, { version: 'exit-a' });
    await approved(pending.id, '1460', '2025-06-01');
    const two = await approved(pending.id, '1438', '2025-06-02');
    expect(two).toMatchObject({ state: 'proposed', status: 'PROPOSED' });
    expect(two.transition.payload.countingParties.map((p: any) => p.code)).toEqual(['1438', '1439', '1460']);

    const after = await propose(slug, { version: 'exit-b' });
    await approved(after.id, '1460', '2026-01-10');
    await refused(
      after.id,
      { type: 'AMENDMENT_APPROVED', party: '1439', decision: { organ: 'KF', date: '2026-01-11' } },
      { status: 422, code: 'NOT_PARTY_ON_DATE', ruleId: 'R-D4' },
    );
    const done = await approved(after.id, '1438', '2026-01-12');
    expect(done).toMatchObject({ state: 'adopted', status: 'IN_FORCE', inForceFrom: '2026-01-12' });
    expect(done.transition.payload.countingParties.map((p: any) => p.code)).toEqual(['1438', '1460']);
    // The pending one still waits for 1439, which approves while it is still a party (before its exit took effect).
    const third = await approved(pending.id, '1439', '2025-11-20');
    expect(third).toMatchObject({ state: 'adopted', inForceFrom: '2025-11-20' });
  });

  it('R-D5: Samverkansrådet or KDG approving is refused NOT_COMPETENT, in Swedish and English; nothing is written', async () => {
    await collaboration('amend-council', ['1460', '1438']);
    const a = await propose('amend-council');
    for (const body of ['SAMVERKANSRADET', 'KDG']) {
      const res = await refused(
        a.id,
        { type: 'JOINT_BODY_APPROVED', body, decidedOn: '2025-04-02' },
        { status: 422, code: 'NOT_COMPETENT', ruleId: 'R-D5' },
        ctx.tokens.coordinator,
      );
      expect(res.message).toMatch(/cannot approve an amendment/);
      expect(res.messageSv).toMatch(/kan inte godkänna en ändring/);
    }
    expect((await amendment(a.id)).allowedEvents).toEqual(['AMENDMENT_APPROVED']);
  });

  it('R-D2 (D2): the organ per municipality; a second approval, another municipality’s clerk and both decision forms are refused', async () => {
    await collaboration('amend-organ', ['1460', '1438'], { amendmentOrgan: { '1438': 'KS' } });
    const a = await propose('amend-organ');
    const wrong = await refused(
      a.id,
      { type: 'AMENDMENT_APPROVED', party: '1460', decision: { organ: 'KS', date: '2025-04-01' } },
      { status: 422, code: 'WRONG_DECISION_ORGAN', ruleId: 'R-D2' },
    );
    expect(wrong.details).toMatchObject({ requiredOrgan: 'KF', organ: 'KS' });
    await refused(
      a.id,
      { type: 'AMENDMENT_APPROVED', party: '1438', decision: { organ: 'KF', date: '2025-04-01' } },
      { status: 422, code: 'WRONG_DECISION_ORGAN', ruleId: 'R-D2' },
    );
    await approved(a.id, '1460', '2025-04-01');
    await refused(
      a.id,
      { type: 'AMENDMENT_APPROVED', party: '1460', decision: { organ: 'KF', date: '2025-04-02' } },
      { status: 422, code: 'AMENDMENT_ALREADY_APPROVED', ruleId: 'R-D1' },
    );
    const foreign = await approve(a.id, '1438', '2025-04-03', 'KS', await clerkToken(ctx, '1460'));
    expect(foreign.status).toBe(403);
    const both = await api().post(`/amendments/${a.id}/events`, {
      type: 'AMENDMENT_APPROVED',
      party: '1438',
      decision: { organ: 'KS', date: '2025-04-03' },
      decisionId: '00000000-0000-4000-8000-000000000000',
    });
    expect(both.status).toBe(400);
    expect((await approved(a.id, '1438', '2025-04-03', 'KS')).status).toBe('IN_FORCE');
  });

  it('D4, R-B6: a new party only through an amendment in force, then its own entry', async () => {
    const slug = 'amend-sixth';
    await collaboration(slug, ['1460', '1438']);
    const notYet = await postEvent(
      ctx,
      '1487',
      { type: 'ENTRY_DECIDED', decision: { organ: 'KF', date: '2025-09-01' } },
      ctx.tokens.admin,
      slug,
    );
    expect(notYet.status).toBe(404);
    expect(notYet.body.code).toBe('NOT_A_PARTY');
    const existing = await api().post(`/collaborations/${slug}/amendments`, {
      title: 'Tillägg',
      version: 'sixth-0',
      text: 'Bengtsfors blir part',
      addsParty: '1460',
    });
    expect({ status: existing.status, code: existing.body.code }).toEqual({ status: 409, code: 'ALREADY_A_PARTY' });

    const a = await propose(slug, {
      version: 'sixth-1',
      addsParty: '1487',
      title: 'Tillägg: Vänersborgs kommun blir part',
    });
    const first = await approved(a.id, '1460', '2025-08-18');
    expect(first.addedParty).toBeUndefined();
    expect(
      (
        await postEvent(
          ctx,
          '1487',
          { type: 'KSO_SIGNED', signedOn: '2025-09-01', signatory: { name: 'KSO', office: 'KSO' } },
          ctx.tokens.admin,
          slug,
        )
      ).status,
    ).toBe(404);
    const last = await approved(a.id, '1438', '2025-08-25');
    expect(last).toMatchObject({ status: 'IN_FORCE', addedParty: '1487' });

    const joined = await getMembership(ctx, '1487', '2025-08-25', slug);
    expect(joined.status).toBe(200);
    expect(joined.body).toMatchObject({ status: 'NOT_MEMBER', state: 'notMember' });
    await accepted(
      ctx,
      '1487',
      { type: 'ENTRY_DECIDED', decision: { organ: 'KF', date: '2025-09-22' } },
      { slug, token: await clerkToken(ctx, '1487') },
    );
    await accepted(
      ctx,
      '1487',
      {
        type: 'KSO_SIGNED',
        signedOn: '2025-10-01',
        signatory: { name: 'KSO', office: 'KSO' },
        declarationVersion: 'sixth-1',
      },
      { slug },
    );
    const member = await getMembership(ctx, '1487', '2025-10-01', slug);
    expect(member.body).toMatchObject({ status: 'ACTIVE', memberFrom: '2025-10-01' });
    const collaborationView = await view(slug, '2025-10-01');
    expect(collaborationView.members.map((m: any) => m.municipality.code)).toContain('1487');
    expect(collaborationView.declarationInForce.version).toBe('sixth-1');
  });

  it('R-C11: an annulled approval is compensated: the amendment is in force no more from the annulment, and verifies', async () => {
    const slug = 'amend-annul';
    await collaboration(slug, ['1460', '1438']);
    const a = await propose(slug, { version: 'annul-1' });
    await approved(a.id, '1460', '2025-02-03');
    const kit = decisionKit(ctx);
    const code = '1438';
    const kf = await kit.body(code, 'KF', 31, 'Kommunfullmäktige');
    const meeting = await kit.post(
      `/bodies/${kf}/meetings`,
      { date: '2025-03-03', attendees: ledamoter(20) },
      await kit.clerk(code),
    );
    const paragraph = kit.para({
      subject: 'AMENDMENT_APPROVAL',
      collaboration: slug,
      documentVersionId: a.document.versionId,
    });
    const decision = await kit.recorded(code, meeting.body.id, paragraph);
    await kit.justera(code, meeting.body.id, '2025-03-05');
    const driven = await api().post(
      `/amendments/${a.id}/events`,
      { type: 'AMENDMENT_APPROVED', party: code, decisionId: decision.id },
      await kit.clerk(code),
    );
    expect(driven.status).toBe(201);
    expect(driven.body).toMatchObject({ status: 'IN_FORCE', inForceFrom: '2025-03-03' });
    await kit.anslå(code, meeting.body.id, '2025-03-06');
    expect(
      (
        await kit.event(
          decision.id,
          { type: 'APPEAL_RECEIVED', receivedOn: '2025-03-20', court: 'Förvaltningsrätten i Göteborg' },
          await kit.clerk(code),
        )
      ).status,
    ).toBe(201);
    const annul = await kit.event(
      decision.id,
      { type: 'APPEAL_DECIDED', outcome: 'ANNULLED', decidedOn: '2025-06-10', court: 'Förvaltningsrätten i Göteborg' },
      await kit.clerk(code),
    );
    expect(annul.status).toBe(201);
    expect(annul.body.compensations).toHaveLength(1);
    const after = await amendment(a.id, '2025-06-10');
    expect(after).toMatchObject({ state: 'proposed', status: 'PROPOSED', awaitingApprovalOf: ['1438'] });
    expect(after.inForce).toEqual([{ from: '2025-03-03', lastApprovalOn: '2025-03-03', until: '2025-06-10' }]);
    expect((await amendment(a.id, '2025-06-09')).status).toBe('IN_FORCE');
    expect((await view(slug, '2025-06-10')).declarationInForce.version).toBe('2023-12-08');
    const history = await api().get(`/workflows/${a.workflowId}/history`);
    expect(history.body.transitions.at(-1)).toMatchObject({
      eventType: 'DECISION_ANNULLED',
      actor: { role: 'system' },
    });
    expect((await api().post(`/workflows/${a.workflowId}/verify`, undefined, ctx.tokens.auditor)).body.ok).toBe(true);
    // A decision about another text is refused (R-D1): its document version is not the amendment's.
    const other = await propose(slug, { version: 'annul-2' });
    const meeting2 = await kit.post(
      `/bodies/${kf}/meetings`,
      { date: '2025-07-01', attendees: ledamoter(20) },
      await kit.clerk(code),
    );
    const wrongText = await kit.recorded(
      code,
      meeting2.body.id,
      kit.para({ subject: 'AMENDMENT_APPROVAL', collaboration: slug, documentVersionId: other.document.versionId }),
    );
    await kit.justera(code, meeting2.body.id, '2025-07-02');
    await refused(
      a.id,
      { type: 'AMENDMENT_APPROVED', party: code, decisionId: wrongText.id },
      { status: 422, code: 'VERSION_MISMATCH', ruleId: 'R-D1' },
    );
  });

  it('input: unknown collaboration 404, unknown amendment 404, bad fields 400 naming the field', async () => {
    expect(
      (await api().post('/collaborations/no-such/amendments', { title: 't', version: 'v', text: 'x' })).status,
    ).toBe(404);
    expect((await api().get('/amendments/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    await collaboration('amend-input', ['1460']);
    const bad = await api().post('/collaborations/amend-input/amendments', {
      title: 't',
      version: 'v',
      text: 'x',
      addsParty: '12',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.details.fields.map((f: any) => f.field)).toContain('addsParty');
    const a = await propose('amend-input');
    const badEvent = await api().post(`/amendments/${a.id}/events`, {
      type: 'AMENDMENT_APPROVED',
      party: '1460',
      decision: { organ: 'KDG', date: '2025-01-01' },
    });
    expect(badEvent.status).toBe(400);
    expect(badEvent.body.details.fields.map((f: any) => f.field)).toContain('decision.organ');
  });
});
