import { apiClient, decisionKit, expectErrorBody, ledamoter, rowCount, useTestApp } from './kit';

// Issue 11 points 4 and 5: a delegationsbeslut (KL 6 kap. 37 §) or ordförandebeslut (6 kap. 39 §) is reported
// (anmält) at a later meeting of the nämnd (6 kap. 40 §), and its appeal period runs from the anslag of that
// meeting's protocol (R-I9, R-H17); the justering is signed by the chair and the justerare (R-I2), the anslag says
// where the protocol is kept and when it comes down (R-I4). Dates in October 2026, before the real today.
describe('delegationsbeslut and their anmälan; justering and anslag as the law writes them (R-I9, R-H17, R-I2, R-I4)', () => {
  const ctx = useTestApp();
  const api = apiClient(ctx);
  const { clerk, post, get, body, para, record, decision } = decisionKit(ctx);
  const CODE = '1438';

  const delegationsbeslut = (extra: Record<string, unknown> = {}) => ({
    kind: 'DELEGATIONSBESLUT',
    number: 'D 2026/12',
    delegate: { name: 'Anna Berg', title: 'Socialchef' },
    point: '3.2',
    decidedOn: '2026-10-05',
    matter: { title: 'Ansökan om bistånd', diarienummer: 'SN 2026/77' },
    decision: 'Bistånd beviljas enligt ansökan.',
    ...extra,
  });

  async function meetingOf(bodyId: string, date: string): Promise<string> {
    const res = await post(`/bodies/${bodyId}/meetings`, { date, attendees: ledamoter(7) }, await clerk(CODE));
    expect(res.status).toBe(201);
    return res.body.id;
  }

  async function recordDelegation(bodyId: string, extra: Record<string, unknown> = {}) {
    const res = await post(`/bodies/${bodyId}/delegation-decisions`, delegationsbeslut(extra), await clerk(CODE));
    expect(res.status).toBe(201);
    return res.body;
  }

  async function expectRefused(
    res: { status: number; body: any },
    expected: { status?: number; code: string; ruleId?: string },
  ) {
    expect({ status: res.status, code: res.body.code, ruleId: res.body.ruleId }).toEqual({
      status: expected.status ?? 422,
      code: expected.code,
      ruleId: expected.ruleId,
    });
    expectErrorBody(res.body);
  }

  async function verifyAll() {
    const started = await api.post('/verify', {}, ctx.tokens.auditor);
    let job = started.body;
    while (job.status === 'running') {
      await new Promise((r) => setImmediate(r));
      job = (await api.get(`/verify/${started.body.id}`, ctx.tokens.auditor)).body;
    }
    return job.report;
  }

  it('acceptance: a delegationsbeslut reported at the next nämnd meeting has its appeal period from that protocol’s anslag', async () => {
    const namnd = await body(CODE, 'NAMND', 9);
    const recorded = await recordDelegation(namnd);
    expect(recorded).toMatchObject({
      kind: 'DELEGATIONSBESLUT',
      delegate: { name: 'Anna Berg', title: 'Socialchef' },
      point: '3.2',
      decidedOn: '2026-10-05',
      status: 'AWAITING_ANMALAN',
      anmalan: null,
    });
    const meetingId = await meetingOf(namnd, '2026-10-20');
    const token = await clerk(CODE);
    await record(meetingId, para({ paragraphNumber: '§ 44' }), token);
    const reported = await post(
      `/delegation-decisions/${recorded.id}/anmalan`,
      { meetingId, paragraphNumber: '§ 45' },
      token,
    );
    expect(reported.status).toBe(201);
    expect(reported.body.status).toBe('DRAFT');
    expect(reported.body.anmalan).toMatchObject({
      id: recorded.id,
      decidedOn: '2026-10-05',
      paragraphNumber: '§ 45: D 2026/12',
      meeting: { id: meetingId, date: '2026-10-20' },
      delegation: { kind: 'DELEGATIONSBESLUT', point: '3.2', delegate: 'Anna Berg', decidedOn: '2026-10-05' },
    });
    // the meeting's protocol holds the anmälan; its justering and anslag reach it like every paragraph
    const meeting = (await get(`/meetings/${meetingId}`)).body;
    expect(meeting.paragraphs.map((p: any) => p.paragraphNumber)).toEqual(['§ 44', '§ 45: D 2026/12']);
    const justerad = await post(
      `/meetings/${meetingId}/justering`,
      { justeradOn: '2026-10-27', chair: 'L1', justerare: ['L2'] },
      token,
    );
    expect(justerad.status).toBe(200);
    const anslag = await post(
      `/meetings/${meetingId}/anslag`,
      { anslagOn: '2026-10-28', keptAt: 'Kommunkansliet, Storgatan 13' },
      token,
    );
    expect(anslag.status).toBe(200);
    expect(anslag.body.paragraphs.map((p: any) => p.status)).toEqual(['ANSLAGET', 'ANSLAGET']);
    const d = await decision(recorded.id);
    expect(d).toMatchObject({
      chair: 'L1',
      justerare: ['L2'],
      anslagOn: '2026-10-28',
      // R-I6: anslag + 21 days (a Wednesday, a vardag)
      appealLastDay: '2026-11-18',
      finalFrom: '2026-11-19',
      keptAt: 'Kommunkansliet, Storgatan 13',
      anslagTakenDownOn: '2026-11-18',
    });
    // the delegationsbeslut shows the anmälan's status and appeal period
    const after = (await get(`/delegation-decisions/${recorded.id}`)).body;
    expect(after.anmalan.appealLastDay).toBe('2026-11-18');
    expect(after.status).toBe(d.status);
    // an appeal after the period is judged by the same protocol machine: recorded as late, the court decides (R-I14)
    const late = await post(
      `/decisions/${recorded.id}/events`,
      { type: 'APPEAL_RECEIVED', receivedOn: '2026-11-19' },
      token,
    );
    expect(late.status).toBe(201);
    // the write fires what is due first: the period ended on 2026-11-18, so the decision is presumed final (R-I7)
    expect(late.body).toMatchObject({
      status: 'PRESUMED_FINAL',
      lateAppeals: [{ receivedOn: '2026-11-19', appealLastDay: '2026-11-18' }],
    });
    // the extract shows the delegationsbeslut, the signers, where the protocol is kept and when the anslag comes down
    const extract = await get(`/decisions/${recorded.id}/extract`);
    expect(extract.text).toContain('Anmälan av delegationsbeslut (KL 6 kap. 37 §) D 2026/12');
    expect(extract.text).toContain('Anna Berg, Socialchef');
    expect(extract.text).toContain('Justerat 2026-10-27 av ordföranden L1 och L2');
    expect(extract.text).toContain('Kommunkansliet, Storgatan 13');
    expect(extract.text).toContain('Datum då anslaget tas ned:');
    // the notice board's archive (the period is over) names where the protocol is kept
    const archive = await ctx.http.get('/anslagstavla/dals-ed/arkiv');
    expect(archive.status).toBe(200);
    expect(archive.text).toContain('Protokollet förvaras: Kommunkansliet, Storgatan 13');
    // already reported
    await expectRefused(
      await post(`/delegation-decisions/${recorded.id}/anmalan`, { meetingId, paragraphNumber: '§ 46' }, token),
      { status: 409, code: 'DELEGATION_ALREADY_REPORTED' },
    );
    const report = await verifyAll();
    expect(report.problems).toEqual([]);
  });

  it('refuses an anmälan at another body, before the decision, or into a justerat protocol (R-I9); writes nothing', async () => {
    const namnd = await body(CODE, 'NAMND', 9);
    const other = await body(CODE, 'NAMND', 9);
    const d = await recordDelegation(namnd);
    const token = await clerk(CODE);
    const before = await rowCount(ctx, 'decision');
    const otherMeeting = await meetingOf(other, '2026-10-20');
    await expectRefused(
      await post(`/delegation-decisions/${d.id}/anmalan`, { meetingId: otherMeeting, paragraphNumber: '§ 5' }, token),
      { code: 'DELEGATION_REPORTED_TO_WRONG_BODY', ruleId: 'R-I9' },
    );
    const earlier = await meetingOf(namnd, '2026-10-01');
    await expectRefused(
      await post(`/delegation-decisions/${d.id}/anmalan`, { meetingId: earlier, paragraphNumber: '§ 5' }, token),
      { code: 'DELEGATION_REPORTED_BEFORE_DECISION', ruleId: 'R-I9' },
    );
    const justerad = await meetingOf(namnd, '2026-10-08');
    await record(justerad, para({ paragraphNumber: '§ 1' }), token);
    expect(
      (await post(`/meetings/${justerad}/justering`, { justeradOn: '2026-10-09', justerare: ['L2'] }, token)).status,
    ).toBe(200);
    await expectRefused(
      await post(`/delegation-decisions/${d.id}/anmalan`, { meetingId: justerad, paragraphNumber: '§ 5' }, token),
      { code: 'DELEGATION_REPORT_AFTER_JUSTERING', ruleId: 'R-I9' },
    );
    expect(await rowCount(ctx, 'decision')).toBe(before + 1);
    expect((await get(`/delegation-decisions/${d.id}`)).body.status).toBe('AWAITING_ANMALAN');
    // reported to the body the delegationsordning names
    const toOther = await recordDelegation(namnd, { reportToBodyId: other, number: 'D 2026/13' });
    const ok = await post(
      `/delegation-decisions/${toOther.id}/anmalan`,
      { meetingId: otherMeeting, paragraphNumber: '§ 5' },
      token,
    );
    expect(ok.status).toBe(201);
  });

  it('an ordförandebeslut is reported at the next meeting; a later one only with its reason, flagged (R-H17)', async () => {
    const namnd = await body(CODE, 'NAMND', 9);
    const d = await recordDelegation(namnd, {
      kind: 'ORDFORANDEBESLUT',
      delegate: { name: 'L1', title: 'Ordförande' },
    });
    const token = await clerk(CODE);
    const next = await meetingOf(namnd, '2026-10-12');
    const later = await meetingOf(namnd, '2026-10-26');
    const refused = await post(
      `/delegation-decisions/${d.id}/anmalan`,
      { meetingId: later, paragraphNumber: '§ 9' },
      token,
    );
    await expectRefused(refused, { code: 'ORDFORANDEBESLUT_NOT_AT_NEXT_MEETING', ruleId: 'R-H17' });
    expect(refused.body.details).toMatchObject({ nextMeetingId: next, nextMeetingDate: '2026-10-12' });
    const withReason = await post(
      `/delegation-decisions/${d.id}/anmalan`,
      { meetingId: later, paragraphNumber: '§ 9', lateReason: 'Förbisågs vid sammanträdet 12 oktober.' },
      token,
    );
    expect(withReason.status).toBe(201);
    expect(withReason.body.anmalan.warnings).toEqual([
      expect.objectContaining({ code: 'ORDFORANDEBESLUT_REPORTED_LATE', ruleId: 'R-H17' }),
    ]);
    expect(withReason.body.anmalan.delegation.lateReason).toBe('Förbisågs vid sammanträdet 12 oktober.');
    const onTime = await recordDelegation(namnd, { kind: 'ORDFORANDEBESLUT', number: 'O 2026/2' });
    expect(
      (await post(`/delegation-decisions/${onTime.id}/anmalan`, { meetingId: next, paragraphNumber: '§ 3' }, token))
        .status,
    ).toBe(201);
  });

  it('fullmäktige delegates no decisions under KL 6 kap. (R-I9, R-H17)', async () => {
    const kf = await body(CODE, 'KF', 31);
    const token = await clerk(CODE);
    const before = await rowCount(ctx, 'delegation_decision');
    await expectRefused(await post(`/bodies/${kf}/delegation-decisions`, delegationsbeslut(), token), {
      code: 'DELEGATION_NOT_IN_FULLMAKTIGE',
      ruleId: 'R-I9',
    });
    await expectRefused(
      await post(`/bodies/${kf}/delegation-decisions`, delegationsbeslut({ kind: 'ORDFORANDEBESLUT' }), token),
      { code: 'DELEGATION_NOT_IN_FULLMAKTIGE', ruleId: 'R-H17' },
    );
    expect(await rowCount(ctx, 'delegation_decision')).toBe(before);
    expect((await post(`/bodies/${kf}/delegation-decisions`, delegationsbeslut(), await clerk('1460'))).status).toBe(
      403,
    );
  });

  it('justering: the chair signs beside at least one justerare, and is not counted as one (R-I2)', async () => {
    const namnd = await body(CODE, 'NAMND', 9);
    const meetingId = await meetingOf(namnd, '2026-10-14');
    const token = await clerk(CODE);
    const p = await record(meetingId, para({ paragraphNumber: '§ 1' }), token);
    const justera = (b: Record<string, unknown>) =>
      post(`/meetings/${meetingId}/justering`, { justeradOn: '2026-10-16', ...b }, token);
    await expectRefused(await justera({ chair: 'L1', justerare: ['L1', 'L2'] }), {
      code: 'CHAIR_COUNTED_AS_JUSTERARE',
      ruleId: 'R-I2',
    });
    await expectRefused(await justera({ chair: 'L3', justerare: ['L2'] }), {
      code: 'JUSTERING_CHAIR_NOT_MEETING_CHAIR',
      ruleId: 'R-I2',
    });
    await expectRefused(await justera({ chair: 'Någon Annan', justerare: ['L2'] }), {
      code: 'JUSTERING_CHAIR_NOT_AT_MEETING',
      ruleId: 'R-I2',
    });
    // the chair alone is no justering: without `chair`, the list is read as the signers, the chair taken out
    await expectRefused(await justera({ justerare: ['L1'] }), { code: 'NO_JUSTERARE', ruleId: 'R-I2' });
    expect((await decision(p.id)).status).toBe('DRAFT');
    const ok = await justera({ justerare: ['L1', 'L3'] });
    expect(ok.status).toBe(200);
    expect(await decision(p.id)).toMatchObject({ status: 'JUSTERAT', chair: 'L1', justerare: ['L3'] });
  });

  it('justering without a chair at the meeting or named is refused (R-I2)', async () => {
    const namnd = await body(CODE, 'NAMND', 9);
    const attendees = ledamoter(7).map(({ chair: _chair, ...a }) => a);
    const token = await clerk(CODE);
    const m = await post(`/bodies/${namnd}/meetings`, { date: '2026-10-14', attendees }, token);
    await record(m.body.id, para({ paragraphNumber: '§ 1' }), token);
    await expectRefused(
      await post(`/meetings/${m.body.id}/justering`, { justeradOn: '2026-10-16', justerare: ['L2'] }, token),
      { code: 'JUSTERING_CHAIR_MISSING', ruleId: 'R-I2' },
    );
    const named = await post(
      `/meetings/${m.body.id}/justering`,
      { justeradOn: '2026-10-16', chair: 'L1', justerare: ['L2'] },
      token,
    );
    expect(named.status).toBe(200);
  });

  it('anslag: it is not taken down before the appeal period ends, and the day it comes down is recorded (R-I4)', async () => {
    const namnd = await body(CODE, 'NAMND', 9);
    const meetingId = await meetingOf(namnd, '2026-10-14');
    const token = await clerk(CODE);
    const p = await record(meetingId, para({ paragraphNumber: '§ 1' }), token);
    expect(
      (await post(`/meetings/${meetingId}/justering`, { justeradOn: '2026-10-16', justerare: ['L2'] }, token)).status,
    ).toBe(200);
    const early = await post(
      `/meetings/${meetingId}/anslag`,
      { anslagOn: '2026-10-19', takenDownOn: '2026-11-08' },
      token,
    );
    await expectRefused(early, { code: 'ANSLAG_TAKEN_DOWN_TOO_EARLY', ruleId: 'R-I4' });
    expect((await decision(p.id)).status).toBe('JUSTERAT');
    const ok = await post(
      `/meetings/${meetingId}/anslag`,
      { anslagOn: '2026-10-19', takenDownOn: '2026-11-10' },
      token,
    );
    expect(ok.status).toBe(200);
    const d = await decision(p.id);
    expect(d).toMatchObject({ appealLastDay: '2026-11-09', anslagTakenDownOn: '2026-11-10' });
    expect(d.keptAt).toBeUndefined();
  });
});
