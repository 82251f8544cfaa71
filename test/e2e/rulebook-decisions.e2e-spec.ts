import {
  accepted,
  createCollaboration,
  decisionKit,
  enter,
  expectErrorBody,
  expectRefused,
  getHistory,
  getMembership,
  membershipWorkflowId,
  useTestApp,
  verifyWorkflow,
} from './kit';

// Acceptance scenarios from RULEBOOK §3 E, H, I, L and DECISIONS D8–D10 that the other e2e files do not cover:
// quorum on even-sized bodies and with odd jäv lists, ties in fullmäktige and kommunstyrelsen, reservation and
// motivation times written with other offsets, deadlines that fall on non-vardagar while recorded on a real protocol,
// appeal periods moved by söndagsregeln, annulment of a withdrawal and of an exit that has already taken effect, and
// what the council (Samverkansrådet) cannot be. Every expected date below was worked out by hand from the rule text
// (weekdays and påskdagen 2040 with the Gregorian computus), not read from the service.
describe('rulebook decisions: quorum, votes, reservations, protocol deadlines, appeals and annulment (R-H, R-I, R-L, R-E)', () => {
  const ctx = useTestApp();

  const { clerk, post, get, ledamoter, para, meeting, refusedParagraph, recorded, decision, event, justera, anslå } =
    decisionKit(ctx);
  const runDue = async (asOf?: string) => {
    const res = await post('/workflows/due-events/run', asOf ? { asOf } : {}, ctx.tokens.admin);
    if (res.status !== 200) throw new Error(`due-events/run ${asOf}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  // ------------------------------------------------------------------------------------------------ the appeal period ends by the due event (R-I6, R-I7)

  it('R-I6, R-I7, R-L5: anslag Thu 2026-04-23 → raw last day Kristi himmelsfärdsdag 2026-05-14 → last day Fri 2026-05-15; the period ends (PRESUMED_FINAL) only from Sat 2026-05-16', async () => {
    // Påskdagen 2026 is 5 April, so Kristi himmelsfärdsdag (påsk + 39) is Thursday 14 May 2026.
    const code = '1401';
    const m = await meeting(code, { date: '2026-04-20' });
    const p = await recorded(code, m, para());
    await justera(code, m, '2026-04-22');
    await anslå(code, m, '2026-04-23');
    expect(await decision(p.id)).toMatchObject({
      status: 'ANSLAGET',
      anslagOn: '2026-04-23',
      appealLastDay: '2026-05-15',
      finalFrom: '2026-05-16',
      warnings: [],
    });
    // On the last day the period still runs: the due event does not fire for asOf = the last day.
    await runDue('2026-05-15');
    expect((await decision(p.id)).status).toBe('ANSLAGET');
    await runDue('2026-05-16');
    expect((await decision(p.id)).status).toBe('PRESUMED_FINAL');
    const history = await getHistory(ctx, p.workflowId);
    expect(history[history.length - 1]).toMatchObject({
      eventType: 'APPEAL_PERIOD_ENDED',
      legalDate: '2026-05-16',
      fromState: 'anslaget',
      toState: 'presumedFinal',
    });
    // An appeal that reached the court on the (moved) last day was in time, even if the municipality learns of it later.
    const appealed = await event(
      p.id,
      { type: 'APPEAL_RECEIVED', receivedOn: '2026-05-15', court: 'Förvaltningsrätten i Göteborg' },
      await clerk(code),
    );
    expect(appealed.status).toBe(201);
    expect(appealed.body).toMatchObject({ status: 'APPEALED', appeal: { receivedOn: '2026-05-15' } });
    expect(await verifyWorkflow(ctx, p.workflowId)).toMatchObject({ ok: true });
  });

  // ------------------------------------------------------------------------------------------------ quorum (R-H2, R-H3, R-H4)

  it.each([
    [10, 5, 6],
    [2, 1, 2],
  ])(
    'R-H2: a body of %i members (even) cannot decide with exactly half (%i) present, can with %i (more than half)',
    async (n, half, enough) => {
      const code = '1402';
      const halfMeeting = await meeting(code, { kind: 'KS', memberCount: n, attendees: ledamoter(half) });
      const refused = await refusedParagraph(code, halfMeeting, para(), { code: 'NOT_QUORATE', ruleId: 'R-H2' });
      expect(refused.details).toEqual({ memberCount: n, required: enough, present: half });
      const ok = await meeting(code, { kind: 'KS', memberCount: n, attendees: ledamoter(enough) });
      expect((await recorded(code, ok, para())).status).toBe('DRAFT');
    },
  );

  it('R-H2: a body of 1 member decides with its one member present (floor(1/2) + 1 = 1)', async () => {
    const code = '1402';
    const m = await meeting(code, { kind: 'UTSKOTT', memberCount: 1, attendees: ledamoter(1) });
    expect(
      (await recorded(code, m, para({ proposals: [{ id: 'A', by: [{ name: 'L1' }], text: 'Bifall' }] }))).status,
    ).toBe('DRAFT');
  });

  it('R-H2, R-H4: in fullmäktige (31 members, 16 needed) 17 present with 2 jäviga leaves 15 taking part → NOT_QUORATE, although the jäviga stay in the room', async () => {
    const code = '1407';
    const m = await meeting(code, { kind: 'KF', memberCount: 31, attendees: ledamoter(17) });
    const jav = [
      { member: 'L16', reason: 'Ärendet angår maka' },
      { member: 'L17', reason: 'Ärendet angår förälder' },
    ];
    const refused = await refusedParagraph(code, m, para({ jav }), { code: 'NOT_QUORATE', ruleId: 'R-H2' });
    expect(refused.details).toEqual({ memberCount: 31, required: 16, present: 15 });
    // With one jävig, 16 take part: quorate.
    expect((await recorded(code, m, para({ jav: [jav[0]] }))).status).toBe('DRAFT');
  });

  it('R-H2, R-H3, R-H4: jäv counts members, not entries: a non-serving ersättare’s jäv does not lower the count; a jävig tjänstgörande ersättare is not counted', async () => {
    const code = '1415';
    // Nämnd of 9 (5 needed): 5 ledamöter + a non-serving ersättare who is jävig → still 5 take part.
    const withErsattare = await meeting(code, {
      attendees: [...ledamoter(5), { name: 'E1', party: 'C', role: 'ERSATTARE' }],
    });
    expect(
      (await recorded(code, withErsattare, para({ jav: [{ member: 'E1', reason: 'Närstående till sökanden' }] })))
        .status,
    ).toBe('DRAFT');
    // 4 ledamöter + 1 tjänstgörande ersättare who is jävig → 4 take part.
    const withServing = await meeting(code, {
      attendees: [...ledamoter(4), { name: 'T1', party: 'C', role: 'TJANSTGORANDE_ERSATTARE' }],
    });
    const refused = await refusedParagraph(
      code,
      withServing,
      para({ jav: [{ member: 'T1', reason: 'Styrelseledamot i bolaget' }] }),
      { code: 'NOT_QUORATE', ruleId: 'R-H2' },
    );
    expect(refused.details).toEqual({ memberCount: 9, required: 5, present: 4 });
  });

  it('R-H2, R-H4: the same jävig member entered twice (two grounds) is one member who does not take part: 6 present → 5 take part, quorate', async () => {
    const code = '1415';
    const m = await meeting(code, { attendees: ledamoter(6) });
    const jav = [
      { member: 'L6', reason: 'Delägare i bolaget' },
      { member: 'L6', reason: 'Styrelseledamot i bolaget' },
    ];
    expect((await recorded(code, m, para({ jav }))).status).toBe('DRAFT');
  });

  // ------------------------------------------------------------------------------------------------ ties (R-H11)

  const votes = (spec: string, prefix = 'L') =>
    spec
      .split('')
      .map((c, i) => ({ member: `${prefix}${i + 1}`, vote: c === 'J' ? 'JA' : c === 'N' ? 'NEJ' : 'AVSTAR' }));

  it('R-H11: in fullmäktige a tie outside an election is decided by the chair’s utslagsröst, not by lot; a tjänstgörande ersättare’s vote counts (R-H3)', async () => {
    const code = '1419';
    // KF of 31: 16 ledamöter and one tjänstgörande ersättare serve (17 ≥ 16). 8 ja (chair L1 among them), 8 nej, 1 avstår.
    const attendees = [...ledamoter(16), { name: 'T1', party: 'V', role: 'TJANSTGORANDE_ERSATTARE' }];
    const m = await meeting(code, { kind: 'KF', memberCount: 31, attendees, date: '2025-02-24' });
    const tally = [...votes('JJJJJJJNNNNNNNNA'), { member: 'T1', vote: 'JA' }];
    // L1..L7 ja, L8..L15 nej, L16 avstår, T1 ja → 8 ja, 8 nej.
    const tie = { kind: 'OPEN_VOTE', adopted: 'A', ja: 'A', nej: 'B', voteRequestedBy: 'L2', votes: tally };
    const t = await refusedParagraph(code, m, para({ method: tie }), {
      code: 'TIE_NEEDS_CASTING_VOTE',
      ruleId: 'R-H11',
    });
    expect(t.details).toEqual({ ja: 8, nej: 8, abstained: 1, sourceToBeVerified: true, source: expect.any(String) });
    await refusedParagraph(code, m, para({ method: { ...tie, kind: 'LOTTNING', lotFellOn: 'A' } }), {
      code: 'LOTTNING_ONLY_IN_ELECTIONS',
      ruleId: 'R-H11',
    });
    const d = await recorded(code, m, para({ method: { ...tie, kind: 'CASTING_VOTE' } }));
    expect(d).toMatchObject({ organ: 'KF', status: 'DRAFT' });
    // The chair voted ja: the utslagsröst cannot give B.
    await refusedParagraph(code, m, para({ method: { ...tie, kind: 'CASTING_VOTE', adopted: 'B' } }), {
      code: 'VOTE_RESULT_MISMATCH',
      ruleId: 'R-H10',
    });
  });

  it('R-H11: in fullmäktige a tie in an election is decided by lottning; the chair’s utslagsröst is refused there', async () => {
    const code = '1419';
    const m = await meeting(code, { kind: 'KF', memberCount: 31, attendees: ledamoter(16), date: '2025-02-24' });
    const tie = {
      kind: 'OPEN_VOTE',
      election: true,
      adopted: 'B',
      ja: 'A',
      nej: 'B',
      votes: votes('JJJJJJJJNNNNNNNN'),
    };
    await refusedParagraph(code, m, para({ method: tie }), { code: 'TIE_NEEDS_LOTTNING', ruleId: 'R-H11' });
    await refusedParagraph(code, m, para({ method: { ...tie, kind: 'CASTING_VOTE', adopted: 'A' } }), {
      code: 'CASTING_VOTE_IN_ELECTION',
      ruleId: 'R-H11',
    });
    const d = await recorded(
      code,
      m,
      para({
        matter: { title: 'Val av ledamot i Samverkansrådet' },
        method: { ...tie, kind: 'LOTTNING', lotFellOn: 'B' },
      }),
    );
    expect(d.paragraph.method).toMatchObject({ kind: 'LOTTNING', lotFellOn: 'B', adopted: 'B' });
  });

  it('R-H11: in kommunstyrelsen (11 members) a 5–5 tie outside an election → utslagsröst; the chair voting nej carries B', async () => {
    const code = '1421';
    const m = await meeting(code, { kind: 'KS', memberCount: 11, attendees: ledamoter(10) });
    const tie = { kind: 'OPEN_VOTE', adopted: 'B', ja: 'A', nej: 'B', votes: votes('NJJJJJNNNN') };
    await refusedParagraph(code, m, para({ method: tie }), { code: 'TIE_NEEDS_CASTING_VOTE', ruleId: 'R-H11' });
    expect((await recorded(code, m, para({ method: { ...tie, kind: 'CASTING_VOTE' } }))).paragraph.method.adopted).toBe(
      'B',
    );
  });

  // ------------------------------------------------------------------------------------------------ reservations and motivations (R-H13, R-H14)

  it('R-H13: after a tie decided by utslagsröst, a member who voted for the losing proposal may reserve; the chair’s vote carried it', async () => {
    const code = '1427';
    const m = await meeting(code, { attendees: ledamoter(6) });
    const method = { kind: 'CASTING_VOTE', adopted: 'A', ja: 'A', nej: 'B', votes: votes('JJJNNN') };
    const reservations = [
      {
        members: [
          { name: 'L5', party: 'M' },
          { name: 'L6', party: 'S' },
        ],
        inFavourOf: 'B',
      },
    ];
    expect((await recorded(code, m, para({ method, reservations }))).paragraph.reservations).toEqual(reservations);
  });

  it.each([
    ['2024-05-22T15:30:00Z', '17:30 CEST'],
    ['2024-05-22T16:59:59+01:00', '17:59:59 CEST'],
  ])(
    'R-H14 (a): closedAt 17:00+02:00; a reservation announced at %s (%s) is after the meeting closed → RESERVATION_TOO_LATE',
    async (announcedAt) => {
      const code = '1430';
      const m = await meeting(code, {
        closedAt: '2024-05-22T17:00:00+02:00',
        justeringAt: '2024-05-29T10:00:00+02:00',
      });
      await refusedParagraph(
        code,
        m,
        para({ reservations: [{ members: [{ name: 'L2' }], inFavourOf: 'B', announcedAt }] }),
        { code: 'RESERVATION_TOO_LATE', ruleId: 'R-H14' },
      );
    },
  );

  it('R-H14 (a): closedAt 17:00+02:00; a reservation announced at 17:30+03:00 (16:30 CEST) was before the meeting closed → recorded', async () => {
    const code = '1430';
    const m = await meeting(code, { closedAt: '2024-05-22T17:00:00+02:00', justeringAt: '2024-05-29T10:00:00+02:00' });
    const reservation = { members: [{ name: 'L2' }], inFavourOf: 'B', announcedAt: '2024-05-22T17:30:00+03:00' };
    expect((await recorded(code, m, para({ reservations: [reservation] }))).paragraph.reservations).toEqual([
      reservation,
    ]);
  });

  it('R-H14 (c): justering set for 10:00+02:00; a written motivation at 09:30+01:00 (10:30 CEST) is too late, the reservation stands; one at 10:30+03:00 (09:30 CEST) is in time', async () => {
    const code = '1435';
    const m = await meeting(code, { closedAt: '2024-05-22T17:00:00+02:00', justeringAt: '2024-05-29T10:00:00+02:00' });
    const reservation = {
      members: [
        { name: 'L2', party: 'S' },
        { name: 'L4', party: 'S' },
      ],
      inFavourOf: 'B',
      announcedAt: '2024-05-22T16:45:00+02:00',
    };
    const p = await recorded(code, m, para({ reservations: [reservation] }));
    const late = await event(
      p.id,
      {
        type: 'RESERVATION_MOTIVATION_SUBMITTED',
        member: 'L2',
        text: 'Sen motivering.',
        submittedAt: '2024-05-29T09:30:00+01:00',
      },
      await clerk(code),
    );
    expect({ status: late.status, code: late.body.code, ruleId: late.body.ruleId }).toEqual({
      status: 422,
      code: 'MOTIVATION_TOO_LATE',
      ruleId: 'R-H14',
    });
    const inTime = await event(
      p.id,
      {
        type: 'RESERVATION_MOTIVATION_SUBMITTED',
        member: 'L4',
        text: 'Motivering i tid.',
        submittedAt: '2024-05-29T10:30:00+03:00',
      },
      await clerk(code),
    );
    expect(inTime.status).toBe(201);
    const d = await decision(p.id);
    expect(d.paragraph.reservations).toEqual([reservation]);
    expect(d.motivations.map((x: any) => x.member)).toEqual(['L4']);
  });

  // ------------------------------------------------------------------------------------------------ justering and anslag deadlines (R-I1, R-I4, R-L7, D8)

  it('R-I1, R-L7, D8: meeting Fri 2025-05-23 → raw justering deadline Fri 2025-06-06 (nationaldagen) moves past Sat 7 and pingstdagen Sun 8 to Mon 2025-06-09: a justering that Monday is on time', async () => {
    const code = '1440';
    const m = await meeting(code, { date: '2025-05-23' });
    const p = await recorded(code, m, para());
    expect(p.deadlines.justeringDeadline).toBe('2025-06-09');
    expect(p.deadlines.notes).toEqual([
      expect.objectContaining({
        deadline: 'justeringDeadline',
        date: '2025-06-09',
        code: 'DEADLINE_MOVED',
        ruleId: 'R-L7',
      }),
    ]);
    expect(p.deadlines.notes[0].messageSv).toContain('(2025-06-06)');
    expect(p.deadlines.notes[0].messageSv).toContain('nationaldagen');
    expect(p.deadlines.notes[0].messageSv).toContain('nästa vardag 2025-06-09');
    expect((await get(`/meetings/${m}`)).body.deadlines).toEqual({ justeringDeadline: '2025-06-09' });
    await justera(code, m, '2025-06-09');
    const d = await decision(p.id);
    expect(d.status).toBe('JUSTERAT');
    expect(d.warnings).toEqual([]);
  });

  it('R-I1, R-L7, D8: meeting Fri 2025-05-23 → moved justering deadline Mon 2025-06-09: a justering one day later (Tue 2025-06-10) is JUSTERING_LATE, recorded all the same', async () => {
    const code = '1440';
    const m = await meeting(code, { date: '2025-05-23' });
    const p = await recorded(code, m, para());
    await justera(code, m, '2025-06-10');
    const d = await decision(p.id);
    expect(d.status).toBe('JUSTERAT');
    expect(d.warnings).toEqual([
      expect.objectContaining({ code: 'JUSTERING_LATE', ruleId: 'R-I1', details: { deadline: '2025-06-09' } }),
    ]);
    expect(d.warnings[0].messageSv).toContain('2025-06-06, flyttad till nästa vardag');
  });

  it('R-I1, R-L1: across the spring switch (30 March 2025) meeting Thu 2025-03-20 → justering deadline Thu 2025-04-03; justering that day is on time', async () => {
    const code = '1440';
    const m = await meeting(code, { date: '2025-03-20' });
    const p = await recorded(code, m, para());
    expect(p.deadlines).toEqual({ justeringDeadline: '2025-04-03' });
    expect((await get(`/meetings/${m}`)).body.deadlines).toEqual({ justeringDeadline: '2025-04-03' });
    await justera(code, m, '2025-04-03');
    expect((await decision(p.id)).warnings).toEqual([]);
  });

  it('R-I4, R-L7, D8, R-I6: a Friday justering (2025-03-07) with a Monday anslag (2025-03-10) is not late: raw anslag deadline Sun 2025-03-09 → Mon 2025-03-10; the appeal runs from the anslag → last day Mon 2025-03-31, final from 2025-04-01', async () => {
    const code = '1441';
    const m = await meeting(code, { date: '2025-03-03' });
    const p = await recorded(code, m, para());
    await justera(code, m, '2025-03-07');
    const j = await decision(p.id);
    expect(j.deadlines).toMatchObject({ justeringDeadline: '2025-03-17', anslagDeadline: '2025-03-10' });
    expect(j.deadlines.notes).toEqual([
      expect.objectContaining({
        deadline: 'anslagDeadline',
        date: '2025-03-10',
        code: 'DEADLINE_MOVED',
        ruleId: 'R-L7',
      }),
    ]);
    expect(j.deadlines.notes[0].messageSv).toContain('söndag');
    await anslå(code, m, '2025-03-10');
    const d = await decision(p.id);
    expect(d).toMatchObject({
      status: 'ANSLAGET',
      anslagOn: '2025-03-10',
      appealLastDay: '2025-03-31',
      finalFrom: '2025-04-01',
    });
    expect(d.warnings).toEqual([]);
  });

  it('R-I4, R-L7, D8, R-I6: justering Fri 2025-03-07 → moved anslag deadline Mon 2025-03-10: anslag one day later (Tue 2025-03-11) is ANSLAG_LATE; the appeal runs from the actual anslag → last day Tue 2025-04-01, final from 2025-04-02', async () => {
    const code = '1441';
    const m = await meeting(code, { date: '2025-03-03' });
    const p = await recorded(code, m, para());
    await justera(code, m, '2025-03-07');
    await anslå(code, m, '2025-03-11');
    const d = await decision(p.id);
    expect(d).toMatchObject({
      status: 'ANSLAGET',
      anslagOn: '2025-03-11',
      appealLastDay: '2025-04-01',
      finalFrom: '2025-04-02',
    });
    expect(d.warnings).toEqual([
      expect.objectContaining({ code: 'ANSLAG_LATE', ruleId: 'R-I4', details: { deadline: '2025-03-10' } }),
    ]);
  });

  it('R-I1, R-L4, R-L7, D8: meeting Fri 2025-04-04 → raw justering deadline långfredagen 2025-04-18 moves past påskafton, påskdagen and annandag påsk to Tue 2025-04-22: justering then is on time, on Wed 2025-04-23 late', async () => {
    const code = '1440';
    const onTime = await meeting(code, { date: '2025-04-04' });
    const a = await recorded(code, onTime, para());
    expect(a.deadlines).toMatchObject({
      justeringDeadline: '2025-04-22',
      notes: [expect.objectContaining({ date: '2025-04-22', code: 'DEADLINE_MOVED' })],
    });
    for (const name of ['långfredagen', 'lördag', 'påskdagen', 'annandag påsk'])
      expect(a.deadlines.notes[0].messageSv).toContain(name);
    await justera(code, onTime, '2025-04-22');
    expect((await decision(a.id)).warnings).toEqual([]);
    const late = await meeting(code, { date: '2025-04-04' });
    const b = await recorded(code, late, para());
    await justera(code, late, '2025-04-23');
    expect((await decision(b.id)).warnings).toEqual([
      expect.objectContaining({ code: 'JUSTERING_LATE', details: { deadline: '2025-04-22' } }),
    ]);
  });

  // ------------------------------------------------------------------------------------------------ appeal in time vs late, laga kraft (R-I5, R-I6, R-I7, R-L4)

  it('R-I6, R-L4, R-I5: anslag Fri 2025-05-30 → raw last day midsommarafton 2025-06-20 → last day Mon 2025-06-23: an appeal arriving that Monday is in time', async () => {
    const code = '1442';
    const m = await meeting(code, { date: '2025-05-26' });
    const p = await recorded(code, m, para());
    await justera(code, m, '2025-05-28');
    await anslå(code, m, '2025-05-30');
    expect(await decision(p.id)).toMatchObject({ appealLastDay: '2025-06-23', finalFrom: '2025-06-24', warnings: [] });
    const res = await event(
      p.id,
      {
        type: 'APPEAL_RECEIVED',
        receivedOn: '2025-06-23',
        court: 'Förvaltningsrätten i Göteborg',
        caseNumber: '5000-25',
      },
      await clerk(code),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'APPEALED', appeal: { receivedOn: '2025-06-23' } });
  });

  it('R-I5, R-I14, R-I7: same anslag (2025-05-30): an appeal on Tue 2025-06-24 is late, recorded as late; "no appeal" cannot be dated on the last day; laga kraft from 2025-06-24', async () => {
    const code = '1443';
    const m = await meeting(code, { date: '2025-05-26' });
    const p = await recorded(code, m, para());
    await justera(code, m, '2025-05-28');
    await anslå(code, m, '2025-05-30');
    // Protocol version 2: not refused, recorded as late; the court decides on it (R-I14).
    const late = await event(p.id, { type: 'APPEAL_RECEIVED', receivedOn: '2025-06-24' }, await clerk(code));
    expect(late.status).toBe(201);
    expect(late.body.status).not.toBe('APPEALED');
    expect(late.body.lateAppeals).toEqual([
      expect.objectContaining({ receivedOn: '2025-06-24', appealLastDay: '2025-06-23' }),
    ]);
    const early = await event(p.id, { type: 'NO_APPEAL_CONFIRMED', confirmedOn: '2025-06-23' }, await clerk(code));
    expect({ status: early.status, code: early.body.code }).toEqual({ status: 422, code: 'APPEAL_PERIOD_RUNNING' });
    const final = await event(
      p.id,
      { type: 'NO_APPEAL_CONFIRMED', confirmedOn: '2025-06-24', basis: 'Lagakraftbevis' },
      await clerk(code),
    );
    expect(final.status).toBe(201);
    expect(final.body).toMatchObject({ status: 'FINAL', outcome: { kind: 'FINAL', on: '2025-06-24' } });
  });

  it('R-I6, R-I5: an appeal arriving on the anslag day itself is within three weeks from the anslag', async () => {
    const code = '1444';
    const m = await meeting(code, { date: '2025-05-26' });
    const p = await recorded(code, m, para());
    await justera(code, m, '2025-05-28');
    await anslå(code, m, '2025-05-30');
    const res = await event(p.id, { type: 'APPEAL_RECEIVED', receivedOn: '2025-05-30' }, await clerk(code));
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('APPEALED');
  });

  // ------------------------------------------------------------------------------------------------ annulment effects (R-C11, R-I8, D10)

  /** A quorate KF meeting with one paragraph about `subject` in collaboration `slug`, justerat two days later. */
  async function kfDecision(code: string, slug: string, subject: string, date: string, justeradOn: string) {
    const m = await meeting(code, { kind: 'KF', memberCount: 31, attendees: ledamoter(20), date });
    const d = await recorded(
      code,
      m,
      para({ subject, collaboration: slug, proposals: [{ id: 'A', by: [{ name: 'L1' }], text: 'Bifall' }] }),
    );
    await justera(code, m, justeradOn);
    return { ...d, meetingId: m };
  }

  it('R-C11: an annulled withdrawal decision means no withdrawal exists: the exit request with its notice stands again (LEAVING, exit 2026-12-31)', async () => {
    const code = '1445';
    const slug = 'annul-withdrawal';
    await createCollaboration(ctx, slug, { parties: [code] });
    await enter(ctx, code, '2023-11-29', '2023-12-08', slug);
    await accepted(
      ctx,
      code,
      { type: 'FULLMAKTIGE_REQUESTED_EXIT', decision: { organ: 'KF', date: '2025-03-10' } },
      { slug },
    );
    // Notice 2025-03-20 → earliest exit 31 December of the following year (R-C2).
    expect(
      await accepted(ctx, code, { type: 'EXIT_NOTICE_DELIVERED', arrivedAt: '2025-03-20T10:00:00+01:00' }, { slug }),
    ).toMatchObject({ state: 'member.leaving', exitEffectiveOn: '2026-12-31' });
    const w = await kfDecision(code, slug, 'EXIT_WITHDRAWAL', '2025-04-14', '2025-04-16');
    const withdrawn = await accepted(
      ctx,
      code,
      { type: 'EXIT_REQUEST_WITHDRAWN', decisionId: w.id, noticeArrivedAt: '2025-04-17T10:00:00+02:00' },
      { slug },
    );
    expect(withdrawn.state).toBe('member.active');
    // Anslag 2025-04-17 → last day 2025-05-08 (a Thursday, vardag); an appeal arrives 2025-05-05; the court annuls 2025-09-01.
    await anslå(code, w.meetingId, '2025-04-17');
    expect((await decision(w.id)).appealLastDay).toBe('2025-05-08');
    expect(
      (
        await event(
          w.id,
          {
            type: 'APPEAL_RECEIVED',
            receivedOn: '2025-05-05',
            court: 'Förvaltningsrätten i Göteborg',
            caseNumber: '2000-25',
          },
          await clerk(code),
        )
      ).status,
    ).toBe(201);
    const annulled = await event(
      w.id,
      {
        type: 'APPEAL_DECIDED',
        outcome: 'ANNULLED',
        decidedOn: '2025-09-01',
        court: 'Förvaltningsrätten i Göteborg',
        caseNumber: '2000-25',
      },
      await clerk(code),
    );
    expect(annulled.status).toBe(201);
    expect(annulled.body.status).toBe('ANNULLED');
    const after = (await getMembership(ctx, code, '2025-10-01', slug)).body;
    expect(after).toMatchObject({ status: 'LEAVING', state: 'member.leaving', exitEffectiveOn: '2026-12-31' });
    expect((await getMembership(ctx, code, '2027-01-01', slug)).body.status).toBe('EXITED');
    expect(await verifyWorkflow(ctx, await membershipWorkflowId(ctx, code, slug))).toMatchObject({ ok: true });
  });

  it('R-C11, R-I8: the exit decision is annulled after the exit already took effect (exit 2024-12-31, judgment 2025-02-10): the request is void, so the municipality is not left outside', async () => {
    const code = '1446';
    const slug = 'annul-after-exit';
    await createCollaboration(ctx, slug, { parties: [code] });
    await enter(ctx, code, '2023-11-29', '2023-12-08', slug);
    const x = await kfDecision(code, slug, 'EXIT_REQUEST', '2023-12-11', '2023-12-12');
    await accepted(ctx, code, { type: 'FULLMAKTIGE_REQUESTED_EXIT', decisionId: x.id }, { slug });
    expect(
      await accepted(ctx, code, { type: 'EXIT_NOTICE_DELIVERED', arrivedAt: '2023-12-13T10:00:00+01:00' }, { slug }),
    ).toMatchObject({ exitEffectiveOn: '2024-12-31' });
    // Anslag 2023-12-13 → last day Wed 2024-01-03; an appeal reached the court on 2023-12-27, in time.
    await anslå(code, x.meetingId, '2023-12-13');
    expect((await decision(x.id)).appealLastDay).toBe('2024-01-03');
    expect(
      (
        await event(
          x.id,
          {
            type: 'APPEAL_RECEIVED',
            receivedOn: '2023-12-27',
            court: 'Förvaltningsrätten i Göteborg',
            caseNumber: '3000-23',
          },
          await clerk(code),
        )
      ).status,
    ).toBe(201);
    // The decision was executable meanwhile (R-I8, D10): the exit took effect.
    await runDue();
    expect((await getMembership(ctx, code, '2025-01-15', slug)).body.status).toBe('EXITED');
    const annulled = await event(
      x.id,
      {
        type: 'APPEAL_DECIDED',
        outcome: 'ANNULLED',
        decidedOn: '2025-02-10',
        court: 'Förvaltningsrätten i Göteborg',
        caseNumber: '3000-23',
      },
      await clerk(code),
    );
    expect(annulled.status).toBe(201);
    expect(annulled.body.status).toBe('ANNULLED');
    // "no decision exists any more" (R-C11); implementation "must be reversed as far as possible" (R-I8).
    expect((await getMembership(ctx, code, '2025-03-01', slug)).body.status).toBe('ACTIVE');
  });

  // ------------------------------------------------------------------------------------------------ who decides: not the council, not an utskott (R-E2, R-C1, R-C6, R-I10)

  it('R-E2, R-I10: Samverkansrådet is not a decision-making body: there is no body of that kind to record decisions for (400), nothing created', async () => {
    const code = '1447';
    for (const kind of ['SAMVERKANSRADET', 'COUNCIL']) {
      const res = await post(
        `/municipalities/${code}/bodies`,
        { kind, name: `Samverkansrådet ${kind}`, memberCount: 10 },
        ctx.tokens.admin,
      );
      expect(res.status).toBe(400);
      expectErrorBody(res.body, 'VALIDATION_FAILED');
    }
    expect((await get(`/municipalities/${code}/bodies`)).body).toEqual([]);
  });

  it('R-E2, R-C6: the council’s "approval" decides nothing: refused even after the council was informed, and the exit date stays as the notice gave it', async () => {
    const code = '1452';
    const slug = 'council-no-veto';
    await createCollaboration(ctx, slug, { parties: [code, '1460'] });
    await enter(ctx, code, '2023-11-29', '2023-12-08', slug);
    await accepted(
      ctx,
      code,
      { type: 'FULLMAKTIGE_REQUESTED_EXIT', decision: { organ: 'KF', date: '2026-02-02' } },
      { slug },
    );
    await accepted(ctx, code, { type: 'EXIT_NOTICE_DELIVERED', arrivedAt: '2026-02-05T09:00:00+01:00' }, { slug });
    await accepted(
      ctx,
      code,
      { type: 'COUNCIL_INFORMED', informedOn: '2026-02-10' },
      { slug, token: ctx.tokens.coordinator },
    );
    await expectRefused(
      ctx,
      code,
      { type: 'COUNCIL_APPROVED_EXIT', decidedOn: '2026-02-10' },
      { status: 422, code: 'COUNCIL_NOT_DECISION_MAKING', ruleId: 'R-E2' },
      { slug, token: ctx.tokens.coordinator },
    );
    expect((await getMembership(ctx, code, undefined, slug)).body).toMatchObject({
      state: 'member.leaving',
      exitRequestedOn: '2026-02-05',
      exitEffectiveOn: '2027-12-31',
    });
  });

  it('R-C1: an exit request decided by an utskott (part of KS, not fullmäktige) → 422 WRONG_DECISION_ORGAN, nothing written', async () => {
    const code = '1460';
    const slug = 'utskott-exit';
    await createCollaboration(ctx, slug, { parties: [code] });
    await enter(ctx, code, '2023-11-29', '2023-12-08', slug);
    const m = await meeting(code, { kind: 'UTSKOTT', memberCount: 5, attendees: ledamoter(4), date: '2025-03-10' });
    const d = await recorded(
      code,
      m,
      para({
        subject: 'EXIT_REQUEST',
        collaboration: slug,
        proposals: [{ id: 'A', by: [{ name: 'L1' }], text: 'Begära utträde' }],
      }),
    );
    await justera(code, m, '2025-03-12');
    await expectRefused(
      ctx,
      code,
      { type: 'FULLMAKTIGE_REQUESTED_EXIT', decisionId: d.id },
      { status: 422, code: 'WRONG_DECISION_ORGAN', ruleId: 'R-C1' },
      { slug },
    );
  });
});
