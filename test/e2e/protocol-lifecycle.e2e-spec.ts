import { decisionKit, expectErrorBody, getHistory, paragraphs, setToday, useTestApp, verifyWorkflow } from './kit';

// Issue 3: the protocol lifecycle of one decision paragraph through the API (RULEBOOK I, L; DECISIONS D8, D9, D10).
// The real clock is used (today 2026-11-24): paragraphs anslagna in the past have their APPEAL_PERIOD_ENDED due,
// fired by POST /workflows/due-events/run (admin) or lazily before the next write on that paragraph. Where the appeal
// period must still be running, the test plays in 2040 with the application's today set to the day of each step
// (setToday): a meeting, a justering or an appeal cannot be recorded before its day has come.
describe('protocol lifecycle of a decision paragraph (R-I1..R-I7, R-K9, R-H14, D8, D9)', () => {
  const ctx = useTestApp();

  /** Bodies and meetings (a nämnd of 9 with 7 serving members) by the clerk of the municipality; each test uses its own. */
  const { clerk, post, get, meeting, record, decision, event } = decisionKit(ctx);

  /** A valid paragraph decided by acklamation; overrides replace whole keys. */
  const para = paragraphs({
    paragraphNumber: '§ 1',
    matter: { title: 'Revidering av riktlinjer' },
    beslutsunderlag: ['Tjänsteskrivelse'],
    proposals: [
      {
        id: 'A',
        by: [{ name: 'L1', party: 'M' }],
        text: 'Nämnden beslutar att:',
        attSatser: ['anta reviderade riktlinjer.'],
      },
      {
        id: 'B',
        by: [
          { name: 'L2', party: 'S' },
          { name: 'L4', party: 'S' },
        ],
        text: 'Nämnden avslår förslaget.',
      },
    ],
    decision: { text: 'Nämnden beslutar att:', attSatser: ['anta reviderade riktlinjer.'] },
    sendTo: ['Kommunstyrelsen'],
  });

  const eventTypes = async (workflowId: string) => (await getHistory(ctx, workflowId)).map((t) => t.eventType);

  /** Expects a refusal with the standard body; the paragraph's workflow (version, log) is unchanged. */
  async function expectRefusedEvent(
    id: string,
    body: Record<string, unknown>,
    token: string,
    status: number,
    code: string,
    ruleId?: string,
  ) {
    // A write fires what is due first (a justering deadline that passed, R-I1, protocol version 2): fire it now, so
    // that what is compared is the refused event alone.
    expect((await post('/workflows/due-events/run', {}, ctx.tokens.admin)).status).toBe(200);
    const before = await decision(id);
    const history = await getHistory(ctx, before.workflowId);
    const res = await event(id, body, token);
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expectErrorBody(res.body);
    if (ruleId) expect(res.body.ruleId).toBe(ruleId);
    const after = await decision(id);
    expect({ version: after.version, state: after.state, paragraph: after.paragraph }).toEqual({
      version: before.version,
      state: before.state,
      paragraph: before.paragraph,
    });
    expect(await getHistory(ctx, before.workflowId)).toEqual(history);
    return res.body;
  }

  // ------------------------------------------------------------------------------------------------ the whole lifecycle

  it('R-I1, R-I4, R-I6, R-I7, D9: draft → justerat → anslaget → due-events/run → PRESUMED_FINAL → NO_APPEAL_CONFIRMED → FINAL; verify ok', async () => {
    const meetingId = await meeting('1401', { date: '2018-11-07' });
    const token = await clerk('1401');
    const p = await record(meetingId, para(), token);
    expect(p).toMatchObject({
      status: 'DRAFT',
      state: 'draft',
      minimal: false,
      decidedOn: '2018-11-07',
      organ: 'NAMND',
      warnings: [],
      corrections: [],
    });
    expect(p.deadlines).toEqual({ justeringDeadline: '2018-11-21' });
    expect(p.allowedEvents).toEqual(expect.arrayContaining(['JUSTERAT', 'PARAGRAPH_AMENDED']));
    expect(p.allowedEvents).not.toContain('ANSLAG_POSTED');

    // The meeting shows the same deadline, in the same shape, as the decision (R-I1).
    expect((await get(`/meetings/${meetingId}`)).body.deadlines).toEqual({ justeringDeadline: '2018-11-21' });
    const j = await post(
      `/meetings/${meetingId}/justering`,
      { justeradOn: '2018-11-12', justerare: ['L1', 'L2'] },
      token,
    );
    expect(j.status).toBe(200);
    expect(j.body.paragraphs).toEqual([expect.objectContaining({ id: p.id, status: 'JUSTERAT' })]);
    expect(await decision(p.id)).toMatchObject({
      status: 'JUSTERAT',
      justeradOn: '2018-11-12',
      chair: 'L1',
      justerare: ['L2'],
      immediate: false,
      deadlines: { justeringDeadline: '2018-11-21', anslagDeadline: '2018-11-14' },
      warnings: [],
    });

    const a = await post(
      `/meetings/${meetingId}/anslag`,
      { anslagOn: '2018-11-14', noticeBoard: 'https://kommun.example/anslagstavla' },
      token,
    );
    expect(a.status).toBe(200);
    expect(a.body.paragraphs).toEqual([expect.objectContaining({ id: p.id, status: 'ANSLAGET' })]);
    const anslaget = await decision(p.id);
    expect(anslaget).toMatchObject({
      status: 'ANSLAGET',
      anslagOn: '2018-11-14',
      noticeBoard: 'https://kommun.example/anslagstavla',
      appealLastDay: '2018-12-05',
      finalFrom: '2018-12-06',
      warnings: [],
    });

    // Only an admin runs the due events.
    expect((await post('/workflows/due-events/run', {}, token)).status).toBe(403);
    const run = await post('/workflows/due-events/run', {}, ctx.tokens.admin);
    expect(run.status).toBe(200);
    expect(run.body.fired).toBeGreaterThanOrEqual(1);

    const presumed = await decision(p.id);
    expect(presumed).toMatchObject({ status: 'PRESUMED_FINAL', state: 'presumedFinal', version: anslaget.version + 1 });
    const history = await getHistory(ctx, p.workflowId);
    expect(history[history.length - 1]).toMatchObject({
      eventType: 'APPEAL_PERIOD_ENDED',
      actor: { role: 'system' },
      legalDate: '2018-12-06',
      fromState: 'anslaget',
      toState: 'presumedFinal',
    });

    // D9: "no appeal arrived" only once the period is over (R-I7).
    await expectRefusedEvent(
      p.id,
      { type: 'NO_APPEAL_CONFIRMED', confirmedOn: '2018-12-05' },
      token,
      422,
      'APPEAL_PERIOD_RUNNING',
      'R-I7',
    );
    const final = await event(
      p.id,
      { type: 'NO_APPEAL_CONFIRMED', confirmedOn: '2019-01-15', basis: 'Lagakraftbevis från förvaltningsrätten' },
      token,
    );
    expect(final.status).toBe(201);
    expect(final.body).toMatchObject({
      status: 'FINAL',
      state: 'final',
      outcome: { kind: 'FINAL', on: '2018-12-06', basis: 'Lagakraftbevis från förvaltningsrätten' },
      compensations: [],
    });
    expect(await eventTypes(p.workflowId)).toEqual([
      'xstate.init',
      'JUSTERAT',
      'ANSLAG_POSTED',
      'APPEAL_PERIOD_ENDED',
      'NO_APPEAL_CONFIRMED',
    ]);
    expect((await get(`/meetings/${meetingId}`)).body.paragraphs).toEqual([
      expect.objectContaining({ id: p.id, status: 'FINAL' }),
    ]);
    expect(await verifyWorkflow(ctx, p.workflowId)).toMatchObject({ ok: true, problems: [] });
  });

  it('D8, R-L7: a justering deadline on annandag jul (2024-12-12 + 14 = Thu 2024-12-26) moves to Fri 2024-12-27, with a note on the decision', async () => {
    const meetingId = await meeting('1498', { date: '2024-12-12' });
    const token = await clerk('1498');
    const p = await record(meetingId, para(), token);
    expect(p.deadlines.justeringDeadline).toBe('2024-12-27');
    expect(p.deadlines.notes).toEqual([
      expect.objectContaining({
        deadline: 'justeringDeadline',
        date: '2024-12-27',
        code: 'DEADLINE_MOVED',
        ruleId: 'R-L7',
      }),
    ]);
    expect(p.deadlines.notes[0].messageSv).toContain('annandag jul');
    expect((await get(`/meetings/${meetingId}`)).body.deadlines).toEqual({ justeringDeadline: '2024-12-27' });
    const ordinary = await record(await meeting('1498', { date: '2024-11-12' }), para(), token);
    expect(ordinary.deadlines).toEqual({ justeringDeadline: '2024-11-26' });
  });

  it('R-I7, D9: the due APPEAL_PERIOD_ENDED fires lazily before the next write on the paragraph (no run needed)', async () => {
    const meetingId = await meeting('1402', { date: '2018-11-07' });
    const token = await clerk('1402');
    const p = await record(meetingId, para(), token);
    await post(`/meetings/${meetingId}/justering`, { justeradOn: '2018-11-12', justerare: ['L1', 'L3'] }, token);
    await post(`/meetings/${meetingId}/anslag`, { anslagOn: '2018-11-14' }, token);
    expect((await decision(p.id)).status).toBe('ANSLAGET');
    const res = await event(p.id, { type: 'NO_APPEAL_CONFIRMED', confirmedOn: '2018-12-06' }, token);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'FINAL', outcome: { kind: 'FINAL', on: '2018-12-06' } });
    expect(await eventTypes(p.workflowId)).toEqual([
      'xstate.init',
      'JUSTERAT',
      'ANSLAG_POSTED',
      'APPEAL_PERIOD_ENDED',
      'NO_APPEAL_CONFIRMED',
    ]);
    expect(await verifyWorkflow(ctx, p.workflowId)).toMatchObject({ ok: true });
  });

  // ------------------------------------------------------------------------------------------------ appeals

  it('R-I5, R-I7: an appeal in time → APPEALED; judgment before the appeal refused; REJECTED → FINAL; nothing more after FINAL', async () => {
    const meetingId = await meeting('1407', { date: '2018-11-07' });
    const token = await clerk('1407');
    const p = await record(meetingId, para(), token);
    await post(`/meetings/${meetingId}/justering`, { justeradOn: '2018-11-12', justerare: ['L1', 'L2'] }, token);
    await post(`/meetings/${meetingId}/anslag`, { anslagOn: '2018-11-14' }, token);
    // Received on the last day (2018-12-05): in time, even though the municipality learns of it after the period.
    const appealed = await event(
      p.id,
      {
        type: 'APPEAL_RECEIVED',
        receivedOn: '2018-12-05',
        court: 'Förvaltningsrätten i Göteborg',
        caseNumber: '1234-18',
      },
      token,
    );
    expect(appealed.status).toBe(201);
    expect(appealed.body).toMatchObject({
      status: 'APPEALED',
      appeal: { receivedOn: '2018-12-05', court: 'Förvaltningsrätten i Göteborg', caseNumber: '1234-18' },
    });
    await expectRefusedEvent(
      p.id,
      { type: 'APPEAL_DECIDED', outcome: 'REJECTED', decidedOn: '2018-12-01' },
      token,
      422,
      'JUDGMENT_BEFORE_APPEAL',
      'R-I5',
    );
    await expectRefusedEvent(
      p.id,
      { type: 'NO_APPEAL_CONFIRMED', confirmedOn: '2019-01-10' },
      token,
      409,
      'TRANSITION_NOT_ALLOWED',
    );
    const rejected = await event(
      p.id,
      {
        type: 'APPEAL_DECIDED',
        outcome: 'REJECTED',
        decidedOn: '2019-02-20',
        court: 'Förvaltningsrätten i Göteborg',
        caseNumber: '1234-18',
      },
      token,
    );
    expect(rejected.status).toBe(201);
    expect(rejected.body).toMatchObject({
      status: 'FINAL',
      outcome: { kind: 'FINAL', on: '2019-02-20', court: 'Förvaltningsrätten i Göteborg', caseNumber: '1234-18' },
      compensations: [],
    });
    await expectRefusedEvent(
      p.id,
      { type: 'APPEAL_RECEIVED', receivedOn: '2018-12-01' },
      token,
      422,
      'APPEAL_ALREADY_JUDGED',
      'R-I7',
    );
    expect(await eventTypes(p.workflowId)).toEqual([
      'xstate.init',
      'JUSTERAT',
      'ANSLAG_POSTED',
      'APPEAL_PERIOD_ENDED',
      'APPEAL_RECEIVED',
      'APPEAL_DECIDED',
    ]);
    expect(await verifyWorkflow(ctx, p.workflowId)).toMatchObject({ ok: true });
  });

  it('R-I5, R-I14: an appeal that arrived after the last day is recorded as late, not refused; the court dismisses it and the decision still becomes FINAL', async () => {
    const meetingId = await meeting('1415', { date: '2018-11-07' });
    const token = await clerk('1415');
    const p = await record(meetingId, para(), token);
    await post(`/meetings/${meetingId}/justering`, { justeradOn: '2018-11-12', justerare: ['L1', 'L2'] }, token);
    await post(`/meetings/${meetingId}/anslag`, { anslagOn: '2018-11-14' }, token);
    const late = await event(
      p.id,
      { type: 'APPEAL_RECEIVED', receivedOn: '2018-12-06', court: 'Förvaltningsrätten i Göteborg' },
      token,
    );
    expect(late.status).toBe(201);
    // The due event (fired before the write), then the late appeal: recorded, the state as it was.
    expect(await eventTypes(p.workflowId)).toEqual([
      'xstate.init',
      'JUSTERAT',
      'ANSLAG_POSTED',
      'APPEAL_PERIOD_ENDED',
      'APPEAL_RECEIVED',
    ]);
    const d = await decision(p.id);
    expect(d).toMatchObject({
      status: 'PRESUMED_FINAL',
      lateAppeals: [{ receivedOn: '2018-12-06', court: 'Förvaltningsrätten i Göteborg', appealLastDay: '2018-12-05' }],
    });
    expect(d.appeal).toBeUndefined();
    const dismissed = await event(
      p.id,
      { type: 'APPEAL_DECIDED', outcome: 'DISMISSED', decidedOn: '2019-01-10' },
      token,
    );
    expect(dismissed.body).toMatchObject({ status: 'PRESUMED_FINAL' });
    expect(dismissed.body.lateAppeals[0].decided).toEqual({ outcome: 'DISMISSED', decidedOn: '2019-01-10' });
    expect((await event(p.id, { type: 'NO_APPEAL_CONFIRMED', confirmedOn: '2018-12-07' }, token)).body.status).toBe(
      'FINAL',
    );
  });

  it('R-I7: while the appeal period runs (anslag 2040-03-06) NO_APPEAL_CONFIRMED → 422 APPEAL_PERIOD_RUNNING; an appeal → APPEALED → ANNULLED, then nothing more', async () => {
    setToday(ctx, '2040-03-27');
    const meetingId = await meeting('1419', { date: '2040-03-01' });
    const token = await clerk('1419');
    const p = await record(meetingId, para(), token);
    await post(`/meetings/${meetingId}/justering`, { justeradOn: '2040-03-05', justerare: ['L1', 'L2'] }, token);
    await post(`/meetings/${meetingId}/anslag`, { anslagOn: '2040-03-06' }, token);
    const d = await decision(p.id);
    expect(d).toMatchObject({ status: 'ANSLAGET', appealLastDay: '2040-03-27', finalFrom: '2040-03-28' });
    const running = await expectRefusedEvent(
      p.id,
      { type: 'NO_APPEAL_CONFIRMED', confirmedOn: '2040-03-27' },
      token,
      422,
      'APPEAL_PERIOD_RUNNING',
      'R-I7',
    );
    expect(running.details).toMatchObject({ appealLastDay: '2040-03-27', finalFrom: '2040-03-28' });
    expect((await post('/workflows/due-events/run', {}, ctx.tokens.admin)).status).toBe(200);
    expect((await decision(p.id)).status).toBe('ANSLAGET');
    const appealed = await event(p.id, { type: 'APPEAL_RECEIVED', receivedOn: '2040-03-27' }, token);
    expect(appealed.body).toMatchObject({ status: 'APPEALED', appeal: { receivedOn: '2040-03-27' } });
    setToday(ctx, '2040-06-02');
    const annulled = await event(
      p.id,
      {
        type: 'APPEAL_DECIDED',
        outcome: 'ANNULLED',
        decidedOn: '2040-06-01',
        court: 'Förvaltningsrätten i Göteborg',
        caseNumber: '99-40',
      },
      token,
    );
    expect(annulled.status).toBe(201);
    expect(annulled.body).toMatchObject({
      status: 'ANNULLED',
      outcome: { kind: 'ANNULLED', on: '2040-06-01', court: 'Förvaltningsrätten i Göteborg', caseNumber: '99-40' },
      compensations: [],
      allowedEvents: [],
    });
    await expectRefusedEvent(
      p.id,
      { type: 'CORRECTION_RECORDED', correctedOn: '2040-06-02', reason: 'x', text: 'y' },
      token,
      409,
      'TRANSITION_NOT_ALLOWED',
    );
    await expectRefusedEvent(
      p.id,
      { type: 'PARAGRAPH_AMENDED', paragraph: para(), reason: 'x' },
      token,
      409,
      'TRANSITION_NOT_ALLOWED',
    );
  });

  // ------------------------------------------------------------------------------------------------ late flags (D8)

  it('R-I1, R-I4, D8: justering after meeting + 14 (a vardag, not moved) is flagged JUSTERING_LATE, anslag after justering + 2 ANSLAG_LATE; neither is blocked', async () => {
    const meetingId = await meeting('1421', { date: '2018-10-01' });
    const token = await clerk('1421');
    const p = await record(meetingId, para(), token);
    const j = await post(
      `/meetings/${meetingId}/justering`,
      { justeradOn: '2018-10-16', justerare: ['L1', 'L2'] },
      token,
    );
    expect(j.status).toBe(200);
    const justerat = await decision(p.id);
    expect(justerat.status).toBe('JUSTERAT');
    expect(justerat.warnings).toEqual([
      expect.objectContaining({ code: 'JUSTERING_LATE', ruleId: 'R-I1', details: { deadline: '2018-10-15' } }),
    ]);
    expect(justerat.warnings[0].message).toEqual(expect.any(String));
    expect(justerat.warnings[0].messageSv).toContain('2018-10-15');
    const a = await post(`/meetings/${meetingId}/anslag`, { anslagOn: '2018-10-19' }, token);
    expect(a.status).toBe(200);
    const anslaget = await decision(p.id);
    expect(anslaget).toMatchObject({ status: 'ANSLAGET', appealLastDay: '2018-11-09' });
    expect(anslaget.warnings.map((w: any) => [w.code, w.ruleId, w.details])).toEqual([
      ['JUSTERING_LATE', 'R-I1', { deadline: '2018-10-15' }],
      ['ANSLAG_LATE', 'R-I4', { deadline: '2018-10-18' }],
    ]);
  });

  it('R-I1, R-I4, D8: justering on the 14th day and anslag on the 2nd day are on time (no warnings); before the meeting / before justering refused', async () => {
    const meetingId = await meeting('1427', { date: '2018-10-01' });
    const token = await clerk('1427');
    const p = await record(meetingId, para(), token);
    const early = await post(
      `/meetings/${meetingId}/justering`,
      { justeradOn: '2018-09-30', justerare: ['L1', 'L2'] },
      token,
    );
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'JUSTERING_BEFORE_MEETING', ruleId: 'R-I1' });
    expect((await decision(p.id)).status).toBe('DRAFT');
    expect(
      (await post(`/meetings/${meetingId}/justering`, { justeradOn: '2018-10-15', justerare: ['L1', 'L2'] }, token))
        .status,
    ).toBe(200);
    const again = await post(
      `/meetings/${meetingId}/justering`,
      { justeradOn: '2018-10-15', justerare: ['L1', 'L2'] },
      token,
    );
    expect(again.status).toBe(409);
    expectErrorBody(again.body, 'NOTHING_TO_JUSTERA');
    const beforeJustering = await post(`/meetings/${meetingId}/anslag`, { anslagOn: '2018-10-14' }, token);
    expect(beforeJustering.status).toBe(422);
    expect(beforeJustering.body).toMatchObject({ code: 'ANSLAG_BEFORE_JUSTERING', ruleId: 'R-I4' });
    expect((await decision(p.id)).status).toBe('JUSTERAT');
    expect((await post(`/meetings/${meetingId}/anslag`, { anslagOn: '2018-10-17' }, token)).status).toBe(200);
    const d = await decision(p.id);
    expect(d).toMatchObject({ status: 'ANSLAGET', appealLastDay: '2018-11-07', warnings: [] });
    const twice = await post(`/meetings/${meetingId}/anslag`, { anslagOn: '2018-10-17' }, token);
    expect(twice.status).toBe(409);
    expectErrorBody(twice.body, 'NOTHING_TO_ANSLA');
  });

  // ------------------------------------------------------------------------------------------------ omedelbar justering

  it('R-I3: an omedelbart justerad paragraph is justerad at the meeting and its appeal period runs from its own anslag', async () => {
    const meetingId = await meeting('1430', { date: '2018-11-07' });
    const token = await clerk('1430');
    const urgent = await record(meetingId, para({ paragraphNumber: '§ 1', immediateJustering: true }), token);
    const ordinary = await record(meetingId, para({ paragraphNumber: '§ 2' }), token);
    await expectRefusedEvent(
      ordinary.id,
      { type: 'JUSTERAT', justeradOn: '2018-11-07', justerare: ['L1', 'L2'], immediate: true },
      token,
      422,
      'IMMEDIATE_JUSTERING_NOT_DECIDED',
      'R-I3',
    );
    await expectRefusedEvent(
      urgent.id,
      { type: 'JUSTERAT', justeradOn: '2018-11-08', justerare: ['L1', 'L2'], immediate: true },
      token,
      422,
      'IMMEDIATE_JUSTERING_NOT_AT_MEETING',
      'R-I3',
    );
    const j = await event(
      urgent.id,
      { type: 'JUSTERAT', justeradOn: '2018-11-07', justerare: ['L1', 'L2'], immediate: true },
      token,
    );
    expect(j.status).toBe(201);
    expect(j.body).toMatchObject({
      status: 'JUSTERAT',
      justeradOn: '2018-11-07',
      immediate: true,
      deadlines: { anslagDeadline: '2018-11-09' },
    });
    expect((await decision(ordinary.id)).status).toBe('DRAFT');
    const a = await event(urgent.id, { type: 'ANSLAG_POSTED', anslagOn: '2018-11-08' }, token);
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({
      status: 'ANSLAGET',
      anslagOn: '2018-11-08',
      appealLastDay: '2018-11-29',
      finalFrom: '2018-11-30',
    });

    // The rest of the protocol: the meeting's justering and anslag reach only § 2.
    const mj = await post(
      `/meetings/${meetingId}/justering`,
      { justeradOn: '2018-11-19', justerare: ['L1', 'L3'] },
      token,
    );
    expect(mj.status).toBe(200);
    const statuses = Object.fromEntries(mj.body.paragraphs.map((x: any) => [x.paragraphNumber, x.status]));
    expect(statuses).toEqual({ '§ 1': 'ANSLAGET', '§ 2': 'JUSTERAT' });
    expect((await post(`/meetings/${meetingId}/anslag`, { anslagOn: '2018-11-20' }, token)).status).toBe(200);
    expect(await decision(ordinary.id)).toMatchObject({
      justeradOn: '2018-11-19',
      immediate: false,
      anslagOn: '2018-11-20',
      appealLastDay: '2018-12-11',
      finalFrom: '2018-12-12',
    });
    expect(await decision(urgent.id)).toMatchObject({
      justeradOn: '2018-11-07',
      immediate: true,
      anslagOn: '2018-11-08',
      appealLastDay: '2018-11-29',
    });
    // Protocol version 2: entered in 2026, the 2018 paragraph's deadlines had passed before its acts were recorded
    // (R-I1, R-I4 due events); the acts are dated on time, so the record keeps no late warning.
    expect(await eventTypes(urgent.workflowId)).toEqual([
      'xstate.init',
      'JUSTERING_DEADLINE_PASSED',
      'JUSTERAT',
      'ANSLAG_DEADLINE_PASSED',
      'ANSLAG_POSTED',
    ]);
    expect((await decision(urgent.id)).late).toMatchObject({ justering: { onTime: true }, anslag: { onTime: true } });
    expect((await decision(urgent.id)).warnings).toEqual([]);
  });

  // ------------------------------------------------------------------------------------------------ amendments and corrections

  it('R-K9: PARAGRAPH_AMENDED is accepted in draft (still checked against the meeting); after justering → 422 PARAGRAPH_JUSTERAD', async () => {
    const meetingId = await meeting('1435', { date: '2018-11-07' });
    const token = await clerk('1435');
    const original = para({ paragraphNumber: '§ 7' });
    const p = await record(meetingId, original, token);
    const amendedParagraph = para({
      paragraphNumber: '§ 7',
      decision: {
        text: 'Nämnden beslutar att:',
        attSatser: ['anta reviderade riktlinjer.', 'uppdra åt förvaltningen att följa upp.'],
      },
    });
    const amended = await event(
      p.id,
      { type: 'PARAGRAPH_AMENDED', paragraph: amendedParagraph, reason: 'Att-sats 2 föll bort vid renskrivningen' },
      token,
    );
    expect(amended.status).toBe(201);
    expect(amended.body.paragraph).toEqual(amendedParagraph);
    expect(amended.body.status).toBe('DRAFT');
    expect((await decision(p.id)).paragraph).toEqual(amendedParagraph);
    // An amendment must still satisfy RULEBOOK H: with five jäviga only two take part (R-H2).
    const notQuorate = para({
      paragraphNumber: '§ 7',
      jav: ['L3', 'L4', 'L5', 'L6', 'L7'].map((member) => ({ member, reason: 'Närstående' })),
    });
    await expectRefusedEvent(
      p.id,
      { type: 'PARAGRAPH_AMENDED', paragraph: notQuorate, reason: 'Jäv' },
      token,
      422,
      'NOT_QUORATE',
      'R-H2',
    );

    await post(`/meetings/${meetingId}/justering`, { justeradOn: '2018-11-12', justerare: ['L1', 'L2'] }, token);
    const refused = await expectRefusedEvent(
      p.id,
      { type: 'PARAGRAPH_AMENDED', paragraph: original, reason: 'Ändring efter justering' },
      token,
      422,
      'PARAGRAPH_JUSTERAD',
      'R-K9',
    );
    expect(refused.message).toContain('CORRECTION_RECORDED');
    expect((await decision(p.id)).paragraph).toEqual(amendedParagraph);
    expect((await decision(p.id)).allowedEvents).not.toContain('PARAGRAPH_AMENDED');
  });

  it('R-K9: an amendment in draft that changes the paragraph number and subject is what GET /decisions/:id and the meeting show', async () => {
    const meetingId = await meeting('1440', { date: '2018-11-07' });
    const token = await clerk('1440');
    const p = await record(meetingId, para({ paragraphNumber: '§ 8' }), token);
    await record(meetingId, para({ paragraphNumber: '§ 10' }), token);
    // The meeting's § 10 is taken: 409, nothing written.
    await expectRefusedEvent(
      p.id,
      { type: 'PARAGRAPH_AMENDED', paragraph: para({ paragraphNumber: '§ 10' }), reason: 'Fel nummer' },
      token,
      409,
      'PARAGRAPH_EXISTS',
    );
    const amendedParagraph = para({ paragraphNumber: '§ 9', subject: 'AMENDMENT_APPROVAL' });
    expect(
      (
        await event(
          p.id,
          { type: 'PARAGRAPH_AMENDED', paragraph: amendedParagraph, reason: 'Fel paragrafnummer och ärendetyp' },
          token,
        )
      ).status,
    ).toBe(201);
    const d = await decision(p.id);
    expect(d.paragraph).toEqual(amendedParagraph);
    expect({ paragraphNumber: d.paragraphNumber, subject: d.subject }).toEqual({
      paragraphNumber: '§ 9',
      subject: 'AMENDMENT_APPROVAL',
    });
    expect((await get(`/meetings/${meetingId}`)).body.paragraphs).toContainEqual(
      expect.objectContaining({ id: p.id, paragraphNumber: '§ 9', subject: 'AMENDMENT_APPROVAL' }),
    );
    expect((await get('/municipalities/1440/decisions')).body).toContainEqual(
      expect.objectContaining({ id: p.id, paragraphNumber: '§ 9', subject: 'AMENDMENT_APPROVAL', status: 'DRAFT' }),
    );
  });

  it('R-K9: CORRECTION_RECORDED refers to a justerat paragraph without editing it; not in draft, not dated before the justering', async () => {
    const meetingId = await meeting('1441', { date: '2018-11-07' });
    const token = await clerk('1441');
    const original = para({ paragraphNumber: '§ 3' });
    const p = await record(meetingId, original, token);
    await expectRefusedEvent(
      p.id,
      { type: 'CORRECTION_RECORDED', correctedOn: '2018-11-08', reason: 'Skrivfel', text: 'Rätt lydelse' },
      token,
      409,
      'TRANSITION_NOT_ALLOWED',
    );
    await post(`/meetings/${meetingId}/justering`, { justeradOn: '2018-11-12', justerare: ['L1', 'L2'] }, token);
    await expectRefusedEvent(
      p.id,
      { type: 'CORRECTION_RECORDED', correctedOn: '2018-11-11', reason: 'Skrivfel', text: 'Rätt lydelse' },
      token,
      422,
      'CORRECTION_BEFORE_JUSTERING',
      'R-K9',
    );
    const c1 = await event(
      p.id,
      {
        type: 'CORRECTION_RECORDED',
        correctedOn: '2018-11-13',
        reason: 'Skrivfel i att-sats 1',
        text: 'anta reviderade riktlinjer för 2019.',
      },
      token,
    );
    expect(c1.status).toBe(201);
    const c2 = await event(
      p.id,
      {
        type: 'CORRECTION_RECORDED',
        correctedOn: '2018-11-20',
        reason: 'Fel mottagare',
        text: 'Beslutet skickas även till Socialnämnden.',
      },
      token,
    );
    expect(c2.status).toBe(201);
    const d = await decision(p.id);
    expect(d.paragraph).toEqual(original);
    expect(d.status).toBe('JUSTERAT');
    expect(d.corrections).toEqual([
      {
        correctedOn: '2018-11-13',
        reason: 'Skrivfel i att-sats 1',
        text: 'anta reviderade riktlinjer för 2019.',
        index: 1,
      },
      {
        correctedOn: '2018-11-20',
        reason: 'Fel mottagare',
        text: 'Beslutet skickas även till Socialnämnden.',
        index: 2,
      },
    ]);
    // Corrections go on after laga kraft too (lazily PRESUMED_FINAL, then FINAL).
    await post(`/meetings/${meetingId}/anslag`, { anslagOn: '2018-11-14' }, token);
    expect((await event(p.id, { type: 'NO_APPEAL_CONFIRMED', confirmedOn: '2018-12-10' }, token)).body.status).toBe(
      'FINAL',
    );
    const c3 = await event(
      p.id,
      {
        type: 'CORRECTION_RECORDED',
        correctedOn: '2019-01-02',
        reason: 'Fel datum',
        text: 'Rätt datum är 2018-11-07.',
      },
      token,
    );
    expect(c3.body).toMatchObject({
      status: 'FINAL',
      corrections: [expect.anything(), expect.anything(), expect.objectContaining({ index: 3 })],
    });
    expect(await verifyWorkflow(ctx, p.workflowId)).toMatchObject({ ok: true });
  });

  it('R-K9: Idempotency-Key and expectedVersion on protocol events: a retry is replayed, a reused key refused, a stale version 409', async () => {
    const meetingId = await meeting('1442', { date: '2018-11-07' });
    const token = await clerk('1442');
    const p = await record(meetingId, para(), token);
    await post(`/meetings/${meetingId}/justering`, { justeradOn: '2018-11-12', justerare: ['L1', 'L2'] }, token);
    const body = { type: 'CORRECTION_RECORDED', correctedOn: '2018-11-13', reason: 'Skrivfel', text: 'Rätt lydelse' };
    const first = await event(p.id, body, token, { idempotencyKey: 'korr-1' });
    expect(first.status).toBe(201);
    const retry = await event(p.id, body, token, { idempotencyKey: 'korr-1' });
    expect(retry.status).toBe(201);
    expect(retry.body.corrections).toHaveLength(1);
    expect(retry.body.version).toBe(first.body.version);
    const reused = await event(p.id, { ...body, text: 'Annan lydelse' }, token, { idempotencyKey: 'korr-1' });
    expect(reused.status).toBe(422);
    expectErrorBody(reused.body, 'IDEMPOTENCY_KEY_REUSED');
    await expectRefusedEvent(
      p.id,
      { ...body, expectedVersion: first.body.version - 1 },
      token,
      409,
      'VERSION_CONFLICT',
    );
    const ok = await event(p.id, { ...body, expectedVersion: first.body.version }, token);
    expect(ok.status).toBe(201);
    expect(ok.body.corrections).toHaveLength(2);
  });

  // ------------------------------------------------------------------------------------------------ motivations (R-H14)

  it('R-H14: a written motivation before meeting.justeringAt is accepted; after it → 422 MOTIVATION_TOO_LATE and the reservation stands', async () => {
    const meetingId = await meeting('1443', {
      date: '2018-11-07',
      closedAt: '2018-11-07T20:30:00+01:00',
      justeringAt: '2018-11-12T10:00:00+01:00',
    });
    const token = await clerk('1443');
    const reservation = {
      members: [
        { name: 'L2', party: 'S' },
        { name: 'L4', party: 'S' },
      ],
      inFavourOf: 'B',
      announcedAt: '2018-11-07T20:00:00+01:00',
    };
    const p = await record(
      meetingId,
      para({
        reservations: [reservation],
        protokollsanteckningar: [
          { member: { name: 'L3', party: 'S' }, text: 'Jag vill se en uppföljning.', allowedByChair: true },
        ],
      }),
      token,
    );
    const inTime = await event(
      p.id,
      {
        type: 'RESERVATION_MOTIVATION_SUBMITTED',
        member: 'L2',
        text: 'Vi anser att riktlinjerna saknar mätbara mål.',
        submittedAt: '2018-11-12T09:59:00+01:00',
      },
      token,
    );
    expect(inTime.status).toBe(201);
    expect(inTime.body.motivations).toEqual([
      { member: 'L2', text: 'Vi anser att riktlinjerna saknar mätbara mål.', submittedAt: '2018-11-12T09:59:00+01:00' },
    ]);
    // 09:30Z is 10:30 in Stockholm (CET): after the time set for justering.
    const late = await expectRefusedEvent(
      p.id,
      {
        type: 'RESERVATION_MOTIVATION_SUBMITTED',
        member: 'L4',
        text: 'Sen motivering.',
        submittedAt: '2018-11-12T09:30:00Z',
      },
      token,
      422,
      'MOTIVATION_TOO_LATE',
      'R-H14',
    );
    expect(late.details).toMatchObject({
      justeringAt: '2018-11-12T10:00:00+01:00',
      submittedAt: '2018-11-12T09:30:00Z',
    });
    const d = await decision(p.id);
    expect(d.paragraph.reservations).toEqual([reservation]);
    expect(d.motivations.map((m: any) => m.member)).toEqual(['L2']);
    // Someone who did not reserve has no motivation to give (a protokollsanteckning is not a reservation, R-H15).
    await expectRefusedEvent(
      p.id,
      { type: 'RESERVATION_MOTIVATION_SUBMITTED', member: 'L3', text: 'x', submittedAt: '2018-11-08T09:00:00+01:00' },
      token,
      422,
      'NO_SUCH_RESERVATION',
      'R-H14',
    );
  });

  it('R-H14: without a justering time set, a motivation is accepted through the justering day and refused after it', async () => {
    const meetingId = await meeting('1444', { date: '2018-11-07' });
    const token = await clerk('1444');
    const p = await record(meetingId, para({ reservations: [{ members: [{ name: 'L2', party: 'S' }] }] }), token);
    await post(`/meetings/${meetingId}/justering`, { justeradOn: '2018-11-12', justerare: ['L1', 'L3'] }, token);
    await expectRefusedEvent(
      p.id,
      {
        type: 'RESERVATION_MOTIVATION_SUBMITTED',
        member: 'L2',
        text: 'För sent.',
        submittedAt: '2018-11-13T08:00:00+01:00',
      },
      token,
      422,
      'MOTIVATION_TOO_LATE',
      'R-H14',
    );
    const ok = await event(
      p.id,
      {
        type: 'RESERVATION_MOTIVATION_SUBMITTED',
        member: 'L2',
        text: 'I tid.',
        submittedAt: '2018-11-12T15:00:00+01:00',
      },
      token,
    );
    expect(ok.status).toBe(201);
    expect(ok.body.motivations).toEqual([{ member: 'L2', text: 'I tid.', submittedAt: '2018-11-12T15:00:00+01:00' }]);
  });

  // ------------------------------------------------------------------------------------------------ appeal periods (R-I6)

  it.each([
    ['2024-12-04', '2024-12-27', '2024-12-28', '2024-11-20', '2024-12-02', '1445'],
    ['2025-12-10', '2026-01-02', '2026-01-03', '2025-12-01', '2025-12-08', '1446'],
    ['2026-03-13', '2026-04-07', '2026-04-08', '2026-03-02', '2026-03-11', '1447'],
    ['2018-11-14', '2018-12-05', '2018-12-06', '2018-11-05', '2018-11-12', '1452'],
  ])(
    'R-I6, R-L4: a recorded paragraph anslagen %s (POST /meetings/:id/anslag) → GET /decisions/:id appealLastDay %s, finalFrom %s',
    async (anslag, last, finalFrom, meetingDate, justering, code) => {
      const meetingId = await meeting(code, { date: meetingDate });
      const token = await clerk(code);
      const p = await record(meetingId, para(), token);
      expect(
        (await post(`/meetings/${meetingId}/justering`, { justeradOn: justering, justerare: ['L1', 'L2'] }, token))
          .status,
      ).toBe(200);
      expect((await post(`/meetings/${meetingId}/anslag`, { anslagOn: anslag }, token)).status).toBe(200);
      const d = await decision(p.id);
      expect({
        anslagOn: d.anslagOn,
        appealLastDay: d.appealLastDay,
        finalFrom: d.finalFrom,
        warnings: d.warnings,
      }).toEqual({ anslagOn: anslag, appealLastDay: last, finalFrom, warnings: [] });
      const calendar = await get(`/calendar/deadlines?anslagDate=${anslag}`);
      expect({ appealLastDay: calendar.body.appealLastDay, finalFrom: calendar.body.finalFrom }).toEqual({
        appealLastDay: last,
        finalFrom,
      });
    },
  );

  // ------------------------------------------------------------------------------------------------ the calendar endpoint

  it.each([
    ['2024-12-04', '2024-12-27', '2024-12-28', ['juldagen', 'annandag jul'], ['Christmas Day', 'Boxing Day']],
    ['2025-12-10', '2026-01-02', '2026-01-03', ['nyårsafton', 'nyårsdagen'], ["New Year's Eve", "New Year's Day"]],
    [
      '2026-03-13',
      '2026-04-07',
      '2026-04-08',
      ['långfredagen', 'lördag', 'påskdagen', 'annandag påsk'],
      ['Good Friday', 'Easter Sunday', 'Easter Monday'],
    ],
  ])(
    'R-I6, R-L4, R-L5: GET /calendar/deadlines?anslagDate=%s → %s, with a note naming each day moved past',
    async (anslag, last, finalFrom, sv, en) => {
      const res = await get(`/calendar/deadlines?anslagDate=${anslag}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ appealLastDay: last, finalFrom });
      expect(res.body.justeringDeadline).toBeUndefined();
      expect(res.body.anslagDeadline).toBeUndefined();
      const note = res.body.notes?.appealLastDay;
      expect(note).toMatchObject({ date: last, code: 'MOVED_TO_NEXT_VARDAG' });
      for (const name of sv) expect(note.messageSv).toContain(name);
      for (const name of en) expect(note.message).toContain(name);
    },
  );

  it('R-I6: GET /calendar/deadlines?anslagDate=2018-11-14 → 2018-12-05, not moved, no notes', async () => {
    const res = await get('/calendar/deadlines?anslagDate=2018-11-14');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ appealLastDay: '2018-12-05', finalFrom: '2018-12-06' });
    expect(res.body.notes).toBeUndefined();
  });

  it('R-I1, R-L7, D8: a justering deadline on a Saturday (2025-03-01 + 14 = 2025-03-15) moves to Mon 2025-03-17 with a note; a vardag deadline has none', async () => {
    const sat = await get('/calendar/deadlines?meetingDate=2025-03-01');
    expect(sat.status).toBe(200);
    expect(sat.body.justeringDeadline).toBe('2025-03-17');
    expect(sat.body.notes).toEqual({
      justeringDeadline: expect.objectContaining({ date: '2025-03-17', code: 'DEADLINE_MOVED' }),
    });
    expect(sat.body.notes.justeringDeadline.messageSv).toContain('(2025-03-15)');
    expect(sat.body.notes.justeringDeadline.messageSv).toContain('lördag');
    expect(sat.body.notes.justeringDeadline.message).toContain('Saturday');
    expect(sat.body.appealLastDay).toBeUndefined();
    const mon = await get('/calendar/deadlines?meetingDate=2025-03-03');
    expect(mon.body.justeringDeadline).toBe('2025-03-17');
    expect(mon.body.notes).toBeUndefined();
  });

  it('R-I4, R-L7, D8: an anslag deadline on julafton (Tue 2024-12-24) moves past juldagen and annandag jul to Fri 2024-12-27, with a note; all three dates at once give all deadlines', async () => {
    const jul = await get('/calendar/deadlines?justeringDate=2024-12-22');
    expect(jul.status).toBe(200);
    expect(jul.body.anslagDeadline).toBe('2024-12-27');
    expect(jul.body.notes.anslagDeadline).toMatchObject({ date: '2024-12-27', code: 'DEADLINE_MOVED' });
    for (const name of ['julafton', 'juldagen', 'annandag jul'])
      expect(jul.body.notes.anslagDeadline.messageSv).toContain(name);
    expect(jul.body.notes.anslagDeadline.message).toContain('Christmas Eve');
    const all = await get('/calendar/deadlines?meetingDate=2024-11-20&justeringDate=2024-12-02&anslagDate=2024-12-04');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({
      justeringDeadline: '2024-12-04',
      anslagDeadline: '2024-12-04',
      appealLastDay: '2024-12-27',
      finalFrom: '2024-12-28',
    });
    expect(Object.keys(all.body.notes)).toEqual(['appealLastDay']);
    const leap = await get('/calendar/deadlines?meetingDate=2024-02-29');
    expect(leap.body.justeringDeadline).toBe('2024-03-14');
  });

  it.each([
    ['no date at all', '', 'meetingDate'],
    ['meetingDate=2025-02-30 (no such day)', '?meetingDate=2025-02-30', 'meetingDate'],
    ['justeringDate=2025-13-01', '?justeringDate=2025-13-01', 'justeringDate'],
    ['anslagDate=20241204 (not YYYY-MM-DD)', '?anslagDate=20241204', 'anslagDate'],
    ['an unknown parameter', '?anslagDate=2024-12-04&foo=1', 'foo'],
  ])('calendar bad input: %s → 400 VALIDATION_FAILED naming the field', async (_name, query, field) => {
    const res = await get(`/calendar/deadlines${query}`);
    expect(res.status).toBe(400);
    expectErrorBody(res.body, 'VALIDATION_FAILED');
    expect(res.body.details.fields.map((f: any) => f.field)).toContain(field);
    expect(res.body.message).toContain(field);
  });
});
