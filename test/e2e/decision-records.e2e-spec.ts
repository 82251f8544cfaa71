import {
  accepted,
  createCollaboration,
  decisionKit,
  enter,
  expectErrorBody,
  expectRefused,
  getHistory,
  getMembership,
  MELLERUD,
  MELLERUD_PARAGRAPH,
  membershipWorkflowId,
  SOCIALNAMNDEN_ATTENDEES,
  sql,
  useTestApp,
  verifyWorkflow,
} from './kit';

// Issue 3: decision paragraphs as clerks record them (RULEBOOK H, K) and decisions driving membership workflows
// (D10, R-B1, R-B2, R-C1, R-C11). Each test uses its own municipality (and collaboration) so that nothing leaks.
describe('decision records (R-H2..R-H19, R-K5, R-K6) and decisions driving workflows (D10, R-C11)', () => {
  const ctx = useTestApp();

  const {
    clerk,
    post,
    get,
    ledamoter,
    para,
    meeting,
    paragraphCount,
    refusedParagraph,
    recorded,
    justera,
    anslå,
    event,
  } = decisionKit(ctx);

  // ------------------------------------------------------------------------------------------------ quorum (R-H2, R-H3)

  it('R-H2: a nämnd of 9 with 4 present → 422 NOT_QUORATE (5 required), nothing written; with 5 present it can decide', async () => {
    const code = '1460';
    const m4 = await meeting(code, { attendees: ledamoter(4) });
    const refused = await refusedParagraph(code, m4, para(), { code: 'NOT_QUORATE', ruleId: 'R-H2' });
    expect(refused.details).toEqual({ memberCount: 9, required: 5, present: 4 });
    expect(refused.messageSv).toContain('beslutför');
    const m5 = await meeting(code, { attendees: ledamoter(5) });
    expect((await recorded(code, m5, para())).status).toBe('DRAFT');
  });

  it.each([
    [31, 15, 16, '1462'],
    [11, 5, 6, '1401'],
    [7, 3, 4, '1402'],
  ])(
    'R-H2: a body of %i members cannot decide with %i present, can with %i (more than half)',
    async (n, tooFew, enough, code) => {
      const few = await meeting(code, { kind: 'KF', memberCount: n, attendees: ledamoter(tooFew) });
      const refused = await refusedParagraph(code, few, para(), { code: 'NOT_QUORATE', ruleId: 'R-H2' });
      expect(refused.details).toEqual({ memberCount: n, required: enough, present: tooFew });
      const ok = await meeting(code, { kind: 'KF', memberCount: n, attendees: ledamoter(enough) });
      expect((await recorded(code, ok, para())).organ).toBe('KF');
    },
  );

  it('R-H3: a serving substitute (tjänstgörande ersättare) counts for quorum, a non-serving ersättare does not', async () => {
    const code = '1463';
    const withServing = await meeting(code, {
      attendees: [...ledamoter(4), { name: 'E1', party: 'C', role: 'TJANSTGORANDE_ERSATTARE' }],
    });
    expect((await recorded(code, withServing, para())).status).toBe('DRAFT');
    const withNonServing = await meeting(code, {
      attendees: [...ledamoter(4), { name: 'E1', role: 'ERSATTARE' }, { name: 'E2', role: 'ERSATTARE' }],
    });
    const refused = await refusedParagraph(code, withNonServing, para(), { code: 'NOT_QUORATE', ruleId: 'R-H2' });
    expect(refused.details.present).toBe(4);
  });

  it('R-H2, R-H4: jäviga members do not take part: 5 present with 1 jävig → NOT_QUORATE; jäv of someone not at the meeting → NOT_AT_MEETING', async () => {
    const code = '1465';
    const m = await meeting(code, { attendees: ledamoter(5) });
    const refused = await refusedParagraph(code, m, para({ jav: [{ member: 'L5', reason: 'Make till sökanden' }] }), {
      code: 'NOT_QUORATE',
      ruleId: 'R-H2',
    });
    expect(refused.details).toEqual({ memberCount: 9, required: 5, present: 4 });
    await refusedParagraph(code, m, para({ jav: [{ member: 'Okänd Person', reason: 'Närstående' }] }), {
      code: 'NOT_AT_MEETING',
      ruleId: 'R-H4',
    });
    const m7 = await meeting(code);
    const withJav = para({ jav: [{ member: 'L7', reason: 'Delägare i bolaget' }] });
    const d = await recorded(code, m7, withJav);
    expect(d.paragraph.jav).toEqual([{ member: 'L7', reason: 'Delägare i bolaget' }]);
    expect((await get(`/decisions/${d.id}`)).body.paragraph).toEqual(withJav);
  });

  // ------------------------------------------------------------------------------------------------ votes (R-H7..R-H11)

  const votes = (spec: string) =>
    spec.split('').map((c, i) => ({ member: `L${i + 1}`, vote: c === 'J' ? 'JA' : c === 'N' ? 'NEJ' : 'AVSTAR' }));

  it('R-H9, R-H10: an open vote with each member’s vote is recorded as given; a result that does not follow → VOTE_RESULT_MISMATCH', async () => {
    const code = '1466';
    const m = await meeting(code);
    const method = {
      kind: 'OPEN_VOTE',
      adopted: 'A',
      ja: 'A',
      nej: 'B',
      voteRequestedBy: 'L2',
      votes: votes('NJJNJAJ'),
    };
    const paragraph = para({
      method,
      beslutsgang: ['Omröstning begärs.', 'Ja-röst för L1s förslag, nej-röst för L2s förslag.'],
    });
    const d = await recorded(code, m, paragraph);
    expect(d.paragraph.method).toEqual(method);
    expect((await get(`/decisions/${d.id}`)).body.paragraph).toEqual(paragraph);
    const mismatch = await refusedParagraph(code, m, para({ method: { ...method, adopted: 'B' } }), {
      code: 'VOTE_RESULT_MISMATCH',
      ruleId: 'R-H10',
    });
    expect(mismatch.details).toEqual({ ja: 4, nej: 2, abstained: 1, adopted: 'B', result: 'A' });
    // Abstentions are not votes cast (R-H10): 2 ja, 1 nej, 4 avstår → ja wins.
    expect((await recorded(code, m, para({ method: { ...method, votes: votes('JJNAAAA') } }))).status).toBe('DRAFT');
  });

  it('R-H11: a tie outside an election → TIE_NEEDS_CASTING_VOTE; the chair’s casting vote decides (CASTING_VOTE), checked against the chair’s vote', async () => {
    const code = '1470';
    const m = await meeting(code);
    const tie = { kind: 'OPEN_VOTE', adopted: 'A', ja: 'A', nej: 'B', votes: votes('JJJNNNA') };
    const t = await refusedParagraph(code, m, para({ method: tie }), {
      code: 'TIE_NEEDS_CASTING_VOTE',
      ruleId: 'R-H11',
    });
    expect(t.details).toEqual({ ja: 3, nej: 3, abstained: 1, sourceToBeVerified: true, source: expect.any(String) });
    // L1 is the chair and voted ja.
    const casting = { ...tie, kind: 'CASTING_VOTE' };
    expect((await recorded(code, m, para({ method: casting }))).paragraph.method).toEqual(casting);
    await refusedParagraph(code, m, para({ method: { ...casting, adopted: 'B' } }), {
      code: 'VOTE_RESULT_MISMATCH',
      ruleId: 'R-H10',
    });
    await refusedParagraph(code, m, para({ method: { ...casting, votes: votes('AJJNNNJ') } }), {
      code: 'CHAIR_DID_NOT_VOTE',
      ruleId: 'R-H11',
    });
    await refusedParagraph(code, m, para({ method: { ...casting, votes: votes('JJJJNNA') } }), {
      code: 'NOT_A_TIE',
      ruleId: 'R-H11',
    });
    await refusedParagraph(code, m, para({ method: { ...casting, election: true } }), {
      code: 'CASTING_VOTE_IN_ELECTION',
      ruleId: 'R-H11',
    });
  });

  it('R-H11: a tie in an election → TIE_NEEDS_LOTTNING; LOTTNING decides, recorded with where the lot fell; lottning outside elections refused', async () => {
    const code = '1471';
    const m = await meeting(code);
    const tie = { kind: 'OPEN_VOTE', election: true, adopted: 'B', ja: 'A', nej: 'B', votes: votes('JJJNNNA') };
    await refusedParagraph(code, m, para({ method: tie }), { code: 'TIE_NEEDS_LOTTNING', ruleId: 'R-H11' });
    const lottning = { ...tie, kind: 'LOTTNING', lotFellOn: 'B' };
    const d = await recorded(
      code,
      m,
      para({ matter: { title: 'Val av ersättare i Samverkansrådet' }, method: lottning }),
    );
    expect(d.paragraph.method).toEqual(lottning);
    await refusedParagraph(code, m, para({ method: { ...lottning, lotFellOn: 'A' } }), {
      code: 'VOTE_RESULT_MISMATCH',
      ruleId: 'R-H10',
    });
    await refusedParagraph(code, m, para({ method: { ...lottning, election: false } }), {
      code: 'LOTTNING_ONLY_IN_ELECTIONS',
      ruleId: 'R-H11',
    });
  });

  it('R-H7, R-H9, R-H5: who may vote, vote questions, acklamation after a request for a vote, proposals referred to', async () => {
    const code = '1472';
    const attendees = [...ledamoter(6), { name: 'E1', role: 'ERSATTARE' }];
    const m = await meeting(code, { attendees });
    const open = { kind: 'OPEN_VOTE', adopted: 'A', ja: 'A', nej: 'B' };
    const v = (
      await refusedParagraph(
        code,
        m,
        para({ method: { ...open, votes: [...votes('JJJNN'), { member: 'E1', vote: 'JA' }] } }),
        { code: 'VOTER_NOT_PARTICIPANT', ruleId: 'R-H9' },
      )
    ).details;
    expect(v).toEqual({ member: 'E1' });
    await refusedParagraph(
      code,
      m,
      para({ jav: [{ member: 'L6', reason: 'Jävig' }], method: { ...open, votes: votes('JJJNNN') } }),
      { code: 'VOTER_NOT_PARTICIPANT', ruleId: 'R-H9' },
    );
    await refusedParagraph(
      code,
      m,
      para({ method: { ...open, votes: [...votes('JJN'), { member: 'L1', vote: 'NEJ' }] } }),
      { code: 'DUPLICATE_VOTE', ruleId: 'R-H9' },
    );
    await refusedParagraph(
      code,
      m,
      para({ method: { kind: 'OPEN_VOTE', adopted: 'A', ja: 'A', votes: votes('JJN') } }),
      { code: 'VOTE_QUESTION_MISSING', ruleId: 'R-H9' },
    );
    await refusedParagraph(code, m, para({ method: { kind: 'ACKLAMATION', adopted: 'A', voteRequestedBy: 'L2' } }), {
      code: 'VOTE_REQUESTED',
      ruleId: 'R-H7',
    });
    await refusedParagraph(code, m, para({ method: { kind: 'ACKLAMATION', adopted: 'A', votes: votes('JJN') } }), {
      code: 'VOTES_WITHOUT_VOTE',
      ruleId: 'R-H7',
    });
    await refusedParagraph(code, m, para({ method: { kind: 'ACKLAMATION', adopted: 'C' } }), {
      code: 'UNKNOWN_PROPOSAL',
      ruleId: 'R-H5',
    });
    const dup = para();
    (dup.proposals as any[])[1].id = 'A';
    await refusedParagraph(code, m, dup, { code: 'DUPLICATE_PROPOSAL_ID', ruleId: 'R-H5' });
    await refusedParagraph(code, m, para({ reservations: [{ members: [{ name: 'L2' }], inFavourOf: 'Z' }] }), {
      code: 'UNKNOWN_PROPOSAL',
      ruleId: 'R-H5',
    });
  });

  // ------------------------------------------------------------------------------------------------ reservations, protokollsanteckningar

  it('R-H13: only members who took part may reserve: not a non-serving ersättare, a jävig member, an abstainer or someone absent', async () => {
    const code = '1473';
    const attendees = [
      ...ledamoter(6),
      { name: 'T1', party: 'V', role: 'TJANSTGORANDE_ERSATTARE' },
      { name: 'E1', party: 'V', role: 'ERSATTARE' },
    ];
    const m = await meeting(code, { attendees });
    const reserve = (name: string, extra: Record<string, unknown> = {}) =>
      para({ reservations: [{ members: [{ name }], inFavourOf: 'B' }], ...extra });
    const notEligible = { code: 'NOT_ELIGIBLE_TO_RESERVE', ruleId: 'R-H13' };
    expect((await refusedParagraph(code, m, reserve('E1'), notEligible)).details).toEqual({ member: 'E1' });
    await refusedParagraph(code, m, reserve('L6', { jav: [{ member: 'L6', reason: 'Jävig' }] }), notEligible);
    await refusedParagraph(code, m, reserve('Frånvarande Ledamot'), notEligible);
    const vote = {
      kind: 'OPEN_VOTE',
      adopted: 'A',
      ja: 'A',
      nej: 'B',
      votes: [...votes('JJJJNA'), { member: 'T1', vote: 'NEJ' }],
    };
    await refusedParagraph(code, m, reserve('L6', { method: vote }), notEligible);
    // Those who voted nej, and a serving substitute, may reserve.
    const ok = para({
      method: vote,
      reservations: [
        {
          members: [
            { name: 'L5', party: 'M' },
            { name: 'T1', party: 'V' },
          ],
          inFavourOf: 'B',
        },
      ],
    });
    expect((await recorded(code, m, ok)).paragraph.reservations).toEqual(ok.reservations);
  });

  it('R-H14: announced before the meeting closed; not for the adopted proposal; a blank reservation is allowed; a written motivation after the justering time refused, the reservation itself stands', async () => {
    const code = '1480';
    const m = await meeting(code, { closedAt: '2024-05-22T17:00:00+02:00', justeringAt: '2024-05-29T10:00:00+02:00' });
    await refusedParagraph(
      code,
      m,
      para({
        reservations: [{ members: [{ name: 'L2' }], inFavourOf: 'B', announcedAt: '2024-05-22T17:05:00+02:00' }],
      }),
      { code: 'RESERVATION_TOO_LATE', ruleId: 'R-H14' },
    );
    // 14:30Z is 16:30 in Stockholm (CEST): before the meeting closed.
    const inTime = { members: [{ name: 'L2' }], inFavourOf: 'B', announcedAt: '2024-05-22T14:30:00Z' };
    expect((await recorded(code, m, para({ reservations: [inTime] }))).paragraph.reservations).toEqual([inTime]);
    await refusedParagraph(code, m, para({ reservations: [{ members: [{ name: 'L2' }], inFavourOf: 'A' }] }), {
      code: 'RESERVATION_FOR_ADOPTED',
      ruleId: 'R-H14',
    });
    const blank = { members: [{ name: 'L3' }] };
    expect((await recorded(code, m, para({ reservations: [blank] }))).paragraph.reservations).toEqual([blank]);
    const lateMotivation = {
      members: [{ name: 'L2' }],
      inFavourOf: 'B',
      motivation: { text: 'Skriftlig motivering', submittedAt: '2024-05-29T10:00:01+02:00' },
    };
    // The late motivation is refused (a warning with the record); the reservation itself stands.
    const stands = await recorded(code, m, para({ paragraphNumber: '§ 88', reservations: [lateMotivation] }));
    expect(stands.paragraph.reservations).toEqual([{ members: [{ name: 'L2' }], inFavourOf: 'B' }]);
    expect(stands.warnings).toEqual([
      expect.objectContaining({
        code: 'MOTIVATION_TOO_LATE',
        ruleId: 'R-H14',
        details: { justeringAt: '2024-05-29T10:00:00+02:00', submittedAt: '2024-05-29T10:00:01+02:00' },
      }),
    ]);
    const timely = {
      members: [{ name: 'L4' }],
      inFavourOf: 'B',
      motivation: { text: 'I tid', submittedAt: '2024-05-29T07:59:00Z' },
    };
    expect((await recorded(code, m, para({ reservations: [timely] }))).paragraph.reservations).toEqual([timely]);
  });

  it('R-H15: a protokollsanteckning by anyone present (even a non-serving ersättare) is recorded; by someone absent → NOT_AT_MEETING', async () => {
    const code = '1481';
    const m = await meeting(code, { attendees: [...ledamoter(6), { name: 'E1', party: 'L', role: 'ERSATTARE' }] });
    const anteckningar = [
      { member: { name: 'L3', party: 'M' }, text: 'Jag vill att beslutet följs upp i december.', allowedByChair: true },
      { member: { name: 'E1', party: 'L' }, text: 'Liberalerna ställer sig bakom beslutet.', allowedByChair: true },
    ];
    const d = await recorded(code, m, para({ protokollsanteckningar: anteckningar }));
    expect((await get(`/decisions/${d.id}`)).body.paragraph.protokollsanteckningar).toEqual(anteckningar);
    expect(d.paragraph.reservations).toEqual([]);
    await refusedParagraph(
      code,
      m,
      para({ protokollsanteckningar: [{ member: { name: 'Utomstående' }, text: 'x', allowedByChair: true }] }),
      { code: 'NOT_AT_MEETING', ruleId: 'R-H15' },
    );
  });

  // ------------------------------------------------------------------------------------------------ diarienummer (R-K5, R-K6)

  it('R-K5, R-K6: the same diarienummer in two municipalities is two matters; each municipality’s own diarium', async () => {
    const [a, b] = ['1482', '1484'];
    const da = await recorded(
      a,
      await meeting(a),
      para({ matter: { title: 'Samverkan A', diarienummer: 'KS 2024/15' } }),
    );
    const db = await recorded(
      b,
      await meeting(b),
      para({ matter: { title: 'Samverkan B', diarienummer: 'KS 2024/15' } }),
    );
    const ga = (await get(`/decisions/${da.id}`)).body;
    const gb = (await get(`/decisions/${db.id}`)).body;
    expect(ga.matter).toEqual({
      title: 'Samverkan A',
      diarienummer: 'KS 2024/15',
      diarium: 'main',
      parsed: { series: 'KS', year: 2024, serial: 15 },
    });
    expect(gb.matter).toEqual({
      title: 'Samverkan B',
      diarienummer: 'KS 2024/15',
      diarium: 'main',
      parsed: { series: 'KS', year: 2024, serial: 15 },
    });
    expect({ a: ga.municipality.code, b: gb.municipality.code }).toEqual({ a, b });
    const rows = await sql(
      ctx,
      'SELECT municipality_code FROM matter WHERE diarienummer = ? ORDER BY municipality_code',
      ['KS 2024/15'],
    );
    expect(rows.map((r: any) => r.municipality_code)).toEqual([a, b]);
  });

  it('R-K6: within one municipality and diarium the same diarienummer and title is the same matter; another diarium is another matter', async () => {
    const code = '1485';
    const m = await meeting(code);
    const first = await recorded(
      code,
      m,
      para({ matter: { title: 'Avsiktsförklaring', diarienummer: 'SN 2024/15', diarium: 'SN' } }),
    );
    // The same case: the title as written in another protocol (case, spacing, a final full stop) is the same title.
    const second = await recorded(
      code,
      m,
      para({ matter: { title: 'avsiktsförklaring.', diarienummer: 'SN 2024/15', diarium: 'SN' } }),
    );
    const other = await recorded(
      code,
      m,
      para({ matter: { title: 'KS-ärende', diarienummer: 'SN 2024/15', diarium: 'KS' } }),
    );
    const matterOf = async (id: string) =>
      (await sql(ctx, 'SELECT matter_id FROM decision WHERE id = ?', [id]))[0].matter_id;
    expect(await matterOf(second.id)).toBe(await matterOf(first.id));
    expect(await matterOf(other.id)).not.toBe(await matterOf(first.id));
    expect((await get(`/decisions/${second.id}`)).body.matter).toMatchObject({
      title: 'Avsiktsförklaring',
      diarienummer: 'SN 2024/15',
      diarium: 'SN',
    });
    expect((await get(`/decisions/${second.id}`)).body.paragraph.matter.title).toBe('avsiktsförklaring.');
    expect((await get(`/decisions/${other.id}`)).body.matter).toMatchObject({
      diarium: 'KS',
      diarienummer: 'SN 2024/15',
    });
    expect(await sql(ctx, 'SELECT id FROM matter WHERE municipality_code = ?', [code])).toHaveLength(2);
  });

  it.each([
    ['KS 2017/61', { series: 'KS', year: 2017, serial: 61 }, '1486'],
    ['2013.296.103', { year: 2013, serial: 296, classification: '103' }, '1407'],
    ['KS/2014/0073', { series: 'KS', year: 2014, serial: 73 }, '1415'],
    ['Dnr: 2013.296.103', { year: 2013, serial: 296, classification: '103' }, '1419'],
    ['Ärende utan nummerform', {}, '1421'],
  ])(
    'R-K6: diarienummer %s is kept as given, with parsed parts %j in GET /decisions/:id matter.parsed',
    async (dnr, parsed, code) => {
      const d = await recorded(
        code,
        await meeting(code),
        para({ matter: { title: `Ärende ${dnr}`, diarienummer: dnr } }),
      );
      expect((await get(`/decisions/${d.id}`)).body.matter).toEqual({
        title: `Ärende ${dnr}`,
        diarienummer: dnr,
        diarium: 'main',
        parsed,
      });
    },
  );

  // ------------------------------------------------------------------------------------------------ the Mellerud paragraph (R-H19)

  it('R-H19: the Mellerud socialnämnd paragraph is recorded exactly as written and comes back out the same (POST body = GET paragraph)', async () => {
    const sn = await post(
      `/municipalities/${MELLERUD}/bodies`,
      { kind: 'NAMND', name: 'Socialnämnden', memberCount: 9 },
      await clerk(MELLERUD),
    );
    expect(sn.status).toBe(201);
    const m = await post(
      `/bodies/${sn.body.id}/meetings`,
      {
        date: '2024-05-22',
        place: 'Kommunhuset, Mellerud',
        secretary: 'Anna Andersson',
        attendees: SOCIALNAMNDEN_ATTENDEES,
      },
      await clerk(MELLERUD),
    );
    expect(m.status).toBe(201);
    const created = await recorded(MELLERUD, m.body.id, MELLERUD_PARAGRAPH);
    expect(created.paragraph).toEqual(MELLERUD_PARAGRAPH);
    const d = (await get(`/decisions/${created.id}`)).body;
    expect(d.paragraph).toEqual(MELLERUD_PARAGRAPH);
    expect(d).toMatchObject({
      municipality: { code: MELLERUD, name: 'Mellerud' },
      body: { name: 'Socialnämnden', kind: 'NAMND', memberCount: 9 },
      meeting: {
        date: '2024-05-22',
        place: 'Kommunhuset, Mellerud',
        secretary: 'Anna Andersson',
        attendees: SOCIALNAMNDEN_ATTENDEES,
      },
      organ: 'NAMND',
      decidedOn: '2024-05-22',
      paragraphNumber: '§ 45',
      subject: 'OTHER',
      matter: {
        title: 'Avsiktsförklaring sociala området version 1.2',
        diarienummer: 'SN 2024/15',
        diarium: 'SN',
        parsed: { series: 'SN', year: 2024, serial: 15 },
      },
      status: 'DRAFT',
    });
    // The same § 45 cannot be recorded twice for the meeting (409), nothing written.
    const again = await post(`/meetings/${m.body.id}/paragraphs`, MELLERUD_PARAGRAPH, await clerk(MELLERUD));
    expect(again.status).toBe(409);
    expectErrorBody(again.body, 'PARAGRAPH_EXISTS');
    expect(await paragraphCount(m.body.id)).toBe(1);
    // Another meeting may have its own § 45.
    const m2 = await post(
      `/bodies/${sn.body.id}/meetings`,
      { date: '2024-06-19', attendees: SOCIALNAMNDEN_ATTENDEES },
      await clerk(MELLERUD),
    );
    expect((await post(`/meetings/${m2.body.id}/paragraphs`, MELLERUD_PARAGRAPH, await clerk(MELLERUD))).status).toBe(
      201,
    );
  });

  it('R-H19, R-I12: the extract (HTML) of the Mellerud paragraph shows both proposals, the beslutsgång, the decision, both reservations "till förmån för eget förslag" and Kommunstyrelsen; the PDF is a PDF', async () => {
    const sn = await post(
      `/municipalities/${MELLERUD}/bodies`,
      { kind: 'NAMND', name: 'Socialnämnden (utdrag)', memberCount: 9 },
      await clerk(MELLERUD),
    );
    const m = await post(
      `/bodies/${sn.body.id}/meetings`,
      { date: '2024-05-22', attendees: SOCIALNAMNDEN_ATTENDEES },
      await clerk(MELLERUD),
    );
    const d = await recorded(MELLERUD, m.body.id, MELLERUD_PARAGRAPH);
    const html = await get(`/decisions/${d.id}/extract`);
    expect(html.status).toBe(200);
    expect(html.headers['content-type']).toMatch(/^text\/html/);
    const pdf = await get(`/decisions/${d.id}/extract.pdf`)
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toMatch(/^application\/pdf/);
    expect((pdf.body as Buffer).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    for (const text of [
      'Marianne Sand Wallin',
      'Sara Kanyinda',
      'Daniel Jensen',
      'Socialnämnden avslår reviderad avsiktsförklaring,',
      'Ordföranden ställer förslagen mot varandra och finner att socialnämnden bifaller Daniel Jensens förslag.',
      'anta reviderad avsiktsförklaring.',
      'föreslå kommunstyrelsen ställa sig bakom den reviderade avsiktsförklaringen.',
      'till förmån för eget förslag',
      'Kommunstyrelsen',
    ]) {
      expect(html.text).toContain(text);
    }
  });

  // ------------------------------------------------------------------------------------------------ decisions driving membership (D10)

  /** A body of `kind` in `code` (KF 31, KS 11, nämnd 9) with a quorate meeting and one paragraph about `subject`. */
  async function decisionOf(
    code: string,
    opts: {
      slug?: string;
      kind?: string;
      subject?: string;
      date?: string;
      justera?: string | null;
      immediate?: boolean;
      paragraphNumber?: string;
      diarienummer?: string;
    },
  ) {
    const kind = opts.kind ?? 'KF';
    const size = kind === 'KF' ? 31 : kind === 'KS' ? 11 : 9;
    const date = opts.date ?? '2023-11-22';
    const meetingId = await meeting(code, {
      kind,
      memberCount: size,
      attendees: ledamoter(Math.floor(size / 2) + 2),
      date,
    });
    const paragraph = para({
      paragraphNumber: opts.paragraphNumber ?? '§ 101',
      matter: {
        title: 'Avsiktsförklaring Dalslandssamverkan',
        ...(opts.diarienummer ? { diarienummer: opts.diarienummer } : {}),
      },
      subject: opts.subject ?? 'DECLARATION_ADOPTION',
      ...(opts.slug ? { collaboration: opts.slug } : {}),
      ...(opts.immediate ? { immediateJustering: true } : {}),
      proposals: [
        { id: 'A', by: [{ name: 'L1' }], text: "att anta och ställa sig bakom 'Avsiktsförklaring Dalslandssamverkan'" },
      ],
    });
    const d = await recorded(code, meetingId, paragraph);
    const justeradOn = opts.justera === undefined ? '2023-11-27' : opts.justera;
    if (justeradOn) await justera(code, meetingId, justeradOn, ['L2', 'L3']);
    return { ...d, meetingId };
  }

  const adoptBy = (decisionId: string) => ({ type: 'FULLMAKTIGE_ADOPTED_DECLARATION', decisionId });

  it('D10, R-B1: a justerat KF adoption drives the membership; the reference (organ, date, §, dnr, decisionId) is logged; the decision lists what it drove', async () => {
    const code = '1487';
    const slug = 'ref-ok';
    await createCollaboration(ctx, slug, { parties: [code] });
    const d = await decisionOf(code, { slug, diarienummer: 'KS 2023/412' });
    const res = await accepted(ctx, code, adoptBy(d.id), { token: await clerk(code), slug });
    expect(res.state).toBe('awaitingSignature');
    const wf = await membershipWorkflowId(ctx, code, slug);
    const history = await getHistory(ctx, wf);
    expect(history[history.length - 1].payload.decision).toEqual({
      organ: 'KF',
      date: '2023-11-22',
      decisionId: d.id,
      paragraph: '§ 101',
      diarienummer: 'KS 2023/412',
    });
    expect((await get(`/decisions/${d.id}`)).body.drove).toEqual([
      { workflowId: wf, eventType: 'FULLMAKTIGE_ADOPTED_DECLARATION', seq: history[history.length - 1].seq },
    ]);
  });

  it('D10, R-I3, R-I8: a draft decision → 422 DECISION_NOT_JUSTERAT (nothing written); an omedelbart justerad one drives at once', async () => {
    const code = '1488';
    const slug = 'ref-justerat';
    await createCollaboration(ctx, slug, { parties: [code] });
    const draft = await decisionOf(code, { slug, justera: null });
    await expectRefused(
      ctx,
      code,
      adoptBy(draft.id),
      { status: 422, code: 'DECISION_NOT_JUSTERAT', ruleId: 'R-I8' },
      { slug, token: await clerk(code) },
    );
    const urgent = await decisionOf(code, { slug, justera: null, immediate: true, date: '2023-11-23' });
    expect(
      (
        await event(
          urgent.id,
          { type: 'JUSTERAT', justeradOn: '2023-11-23', justerare: ['L2'], immediate: true },
          await clerk(code),
        )
      ).status,
    ).toBe(201);
    expect((await accepted(ctx, code, adoptBy(urgent.id), { token: await clerk(code), slug })).state).toBe(
      'awaitingSignature',
    );
  });

  it('D10, R-K9: a draft amended from OTHER to DECLARATION_ADOPTION (PARAGRAPH_AMENDED) drives the membership once justerat', async () => {
    const code = '1499';
    const slug = 'ref-amended';
    await createCollaboration(ctx, slug, { parties: [code] });
    const draft = await decisionOf(code, { slug, subject: 'OTHER', justera: null });
    const amended = { ...draft.paragraph, subject: 'DECLARATION_ADOPTION' };
    expect(
      (
        await event(
          draft.id,
          { type: 'PARAGRAPH_AMENDED', paragraph: amended, reason: 'Fel ärendetyp angavs' },
          await clerk(code),
        )
      ).status,
    ).toBe(201);
    await justera(code, draft.meetingId, '2023-11-27', ['L2']);
    expect((await get(`/decisions/${draft.id}`)).body).toMatchObject({
      subject: 'DECLARATION_ADOPTION',
      status: 'JUSTERAT',
    });
    expect((await accepted(ctx, code, adoptBy(draft.id), { slug })).state).toBe('awaitingSignature');
  });

  it('D10, R-B1: a decision of another municipality → 422 DECISION_WRONG_MUNICIPALITY; of another collaboration → DECISION_WRONG_COLLABORATION', async () => {
    const [a, b] = ['1489', '1490'];
    const slug = 'ref-municipality';
    await createCollaboration(ctx, slug, { parties: [a, b] });
    const ofA = await decisionOf(a, { slug });
    await expectRefused(
      ctx,
      b,
      adoptBy(ofA.id),
      { status: 422, code: 'DECISION_WRONG_MUNICIPALITY', ruleId: 'R-B1' },
      { slug },
    );
    const otherCollaboration = await decisionOf(a, { slug: 'nagon-annan-samverkan' });
    await expectRefused(
      ctx,
      a,
      adoptBy(otherCollaboration.id),
      { status: 422, code: 'DECISION_WRONG_COLLABORATION', ruleId: 'R-B1' },
      { slug },
    );
    expect((await accepted(ctx, a, adoptBy(ofA.id), { slug })).state).toBe('awaitingSignature');
  });

  it('D10, R-B1, R-C1: a decision about another subject → 422 DECISION_WRONG_SUBJECT (adoption and exit)', async () => {
    const code = '1491';
    const slug = 'ref-subject';
    await createCollaboration(ctx, slug, { parties: [code] });
    const other = await decisionOf(code, { slug, subject: 'OTHER' });
    await expectRefused(
      ctx,
      code,
      adoptBy(other.id),
      { status: 422, code: 'DECISION_WRONG_SUBJECT', ruleId: 'R-B1' },
      { slug },
    );
    const exit = await decisionOf(code, { slug, subject: 'EXIT_REQUEST' });
    await expectRefused(
      ctx,
      code,
      adoptBy(exit.id),
      { status: 422, code: 'DECISION_WRONG_SUBJECT', ruleId: 'R-B1' },
      { slug },
    );
    await enter(ctx, code, '2023-11-29', '2023-12-08', slug);
    const adoption = await decisionOf(code, { slug, date: '2025-03-10', justera: '2025-03-12' });
    await expectRefused(
      ctx,
      code,
      { type: 'FULLMAKTIGE_REQUESTED_EXIT', decisionId: adoption.id },
      { status: 422, code: 'DECISION_WRONG_SUBJECT', ruleId: 'R-C1' },
      { slug },
    );
  });

  it('R-B2, R-C1: a kommunstyrelse (or nämnd) decision → 422 WRONG_DECISION_ORGAN, for entry and for exit', async () => {
    const code = '1493';
    const slug = 'ref-organ';
    await createCollaboration(ctx, slug, { parties: [code] });
    const ks = await decisionOf(code, { slug, kind: 'KS' });
    const refused = await expectRefused(
      ctx,
      code,
      adoptBy(ks.id),
      { status: 422, code: 'WRONG_DECISION_ORGAN', ruleId: 'R-B2' },
      { slug, token: await clerk(code) },
    );
    expect(refused.body.details).toMatchObject({ requiredOrgan: 'KF', organ: 'KS' });
    const namnd = await decisionOf(code, { slug, kind: 'NAMND' });
    await expectRefused(
      ctx,
      code,
      adoptBy(namnd.id),
      { status: 422, code: 'WRONG_DECISION_ORGAN', ruleId: 'R-B2' },
      { slug },
    );
    await enter(ctx, code, '2023-11-29', '2023-12-08', slug);
    const ksExit = await decisionOf(code, {
      slug,
      kind: 'KS',
      subject: 'EXIT_REQUEST',
      date: '2025-03-10',
      justera: '2025-03-12',
    });
    await expectRefused(
      ctx,
      code,
      { type: 'FULLMAKTIGE_REQUESTED_EXIT', decisionId: ksExit.id },
      { status: 422, code: 'WRONG_DECISION_ORGAN', ruleId: 'R-C1' },
      { slug },
    );
  });

  it('D10: an unknown decisionId → 404, a malformed one → 400, decision and decisionId together → 400; nothing written', async () => {
    const code = '1494';
    const slug = 'ref-input';
    await createCollaboration(ctx, slug, { parties: [code] });
    const d = await decisionOf(code, { slug });
    await expectRefused(
      ctx,
      code,
      adoptBy('00000000-0000-4000-8000-000000000000'),
      { status: 404, code: 'NOT_FOUND' },
      { slug },
    );
    const bad = await expectRefused(
      ctx,
      code,
      adoptBy('not-a-uuid'),
      { status: 400, code: 'VALIDATION_FAILED' },
      { slug },
    );
    expect(bad.body.details.fields.map((f: any) => f.field)).toContain('decisionId');
    const both = await expectRefused(
      ctx,
      code,
      { ...adoptBy(d.id), decision: { organ: 'KF', date: '2023-11-22' } },
      { status: 400, code: 'VALIDATION_FAILED' },
      { slug },
    );
    expect(both.body.details.fields.map((f: any) => f.field)).toContain('decisionId');
  });

  it('D10: the inline form keeps working and creates a minimal record (status RECORDED, minimal true) found via the history’s decision.decisionId', async () => {
    const code = '1495';
    const slug = 'ref-inline';
    await createCollaboration(ctx, slug, { parties: [code] });
    await accepted(
      ctx,
      code,
      {
        type: 'FULLMAKTIGE_ADOPTED_DECLARATION',
        decision: { organ: 'KF', date: '2023-11-27', paragraph: '§ 112', diarienummer: 'KS 2023/412' },
      },
      { token: await clerk(code), slug },
    );
    const wf = await membershipWorkflowId(ctx, code, slug);
    const history = await getHistory(ctx, wf);
    const last = history[history.length - 1];
    const decisionId = last.payload.decision.decisionId;
    expect(decisionId).toMatch(/^[0-9a-f-]{36}$/);
    const d = (await get(`/decisions/${decisionId}`)).body;
    expect(d).toMatchObject({
      id: decisionId,
      municipality: { code },
      body: null,
      meeting: null,
      organ: 'KF',
      decidedOn: '2023-11-27',
      paragraphNumber: '§ 112',
      subject: 'DECLARATION_ADOPTION',
      collaboration: slug,
      matter: { diarienummer: 'KS 2023/412', parsed: { series: 'KS', year: 2023, serial: 412 } },
      minimal: true,
      status: 'RECORDED',
      workflowId: null,
      paragraph: null,
      drove: [{ workflowId: wf, eventType: 'FULLMAKTIGE_ADOPTED_DECLARATION', seq: last.seq }],
    });
    const correction = await event(
      decisionId,
      { type: 'CORRECTION_RECORDED', correctedOn: '2023-12-01', reason: 'x', text: 'y' },
      await clerk(code),
    );
    expect(correction.status).toBe(409);
    expectErrorBody(correction.body, 'MINIMAL_RECORD');
    expect((await get(`/decisions/${decisionId}/extract`)).status).toBe(200);
    // The entry it made is completed by the signature as usual.
    expect(
      (
        await accepted(
          ctx,
          code,
          { type: 'KSO_SIGNED', signedOn: '2023-12-08', signatory: { name: 'KSO', office: 'KSO' } },
          { slug },
        )
      ).state,
    ).toBe('member.active');
  });

  // ------------------------------------------------------------------------------------------------ annulment (R-C11)

  async function annul(
    code: string,
    d: { id: string; meetingId: string },
    anslagOn: string,
    receivedOn: string,
    decidedOn: string,
  ) {
    const token = await clerk(code);
    await anslå(code, d.meetingId, anslagOn);
    expect(
      (
        await event(
          d.id,
          { type: 'APPEAL_RECEIVED', receivedOn, court: 'Förvaltningsrätten i Göteborg', caseNumber: '4711-25' },
          token,
        )
      ).status,
    ).toBe(201);
    const res = await event(
      d.id,
      {
        type: 'APPEAL_DECIDED',
        outcome: 'ANNULLED',
        decidedOn,
        court: 'Förvaltningsrätten i Göteborg',
        caseNumber: '4711-25',
      },
      token,
    );
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('ANNULLED');
    return res.body;
  }

  it('R-C11, D10: an annulled KF entry decision → compensating DECISION_ANNULLED naming the annulment; back to notMember; verify ok; referencing it again → DECISION_ANNULLED', async () => {
    const code = '1496';
    const slug = 'annul-entry';
    await createCollaboration(ctx, slug, { parties: [code] });
    const d = await decisionOf(code, { slug });
    await accepted(ctx, code, adoptBy(d.id), { slug, token: await clerk(code) });
    await accepted(
      ctx,
      code,
      { type: 'KSO_SIGNED', signedOn: '2023-12-08', signatory: { name: 'KSO', office: 'KSO' } },
      { slug },
    );
    expect((await getMembership(ctx, code, '2024-06-01', slug)).body.status).toBe('ACTIVE');
    const wf = await membershipWorkflowId(ctx, code, slug);
    const annulled = await annul(code, d, '2023-11-28', '2023-12-15', '2024-06-10');
    expect(annulled.compensations).toEqual([{ workflowId: wf, seq: expect.any(Number) }]);
    const membership = (await getMembership(ctx, code, '2024-07-01', slug)).body;
    expect(membership).toMatchObject({ state: 'notMember', status: 'NOT_MEMBER' });
    const history = await getHistory(ctx, wf);
    const last = history[history.length - 1];
    expect(last).toMatchObject({
      seq: annulled.compensations[0].seq,
      eventType: 'DECISION_ANNULLED',
      actor: { role: 'system' },
      legalDate: '2024-06-10',
      payload: { decisionId: d.id, annulledOn: '2024-06-10' },
    });
    expect(last.payload.cause).toContain(d.workflowId);
    expect(last.payload.cause).toContain('Förvaltningsrätten i Göteborg');
    expect(last.payload.cause).toContain('4711-25');
    expect(await verifyWorkflow(ctx, wf)).toMatchObject({ ok: true, problems: [] });
    expect(await verifyWorkflow(ctx, d.workflowId)).toMatchObject({ ok: true });
    await expectRefused(
      ctx,
      code,
      adoptBy(d.id),
      { status: 422, code: 'DECISION_ANNULLED', ruleId: 'R-C11' },
      { slug },
    );
  });

  it('R-C11, D10: an annulled exit decision → the exit request is void, the membership is back to member.active; verify ok', async () => {
    const code = '1497';
    const slug = 'annul-exit';
    await createCollaboration(ctx, slug, { parties: [code] });
    await enter(ctx, code, '2023-11-29', '2023-12-08', slug);
    const exit = await decisionOf(code, {
      slug,
      subject: 'EXIT_REQUEST',
      date: '2025-03-10',
      justera: '2025-03-12',
      paragraphNumber: '§ 30',
    });
    const requested = await accepted(
      ctx,
      code,
      { type: 'FULLMAKTIGE_REQUESTED_EXIT', decisionId: exit.id, desiredExitDate: '2035-12-31' },
      { slug, token: await clerk(code) },
    );
    expect(requested.state).toBe('member.exitDecided');
    const leaving = await accepted(
      ctx,
      code,
      { type: 'EXIT_NOTICE_DELIVERED', arrivedAt: '2025-03-20T09:15:00+01:00' },
      { slug },
    );
    expect(leaving).toMatchObject({ state: 'member.leaving', exitEffectiveOn: '2035-12-31' });
    const wf = await membershipWorkflowId(ctx, code, slug);
    const annulled = await annul(code, exit, '2025-03-13', '2025-03-31', '2025-09-01');
    expect(annulled.compensations).toEqual([{ workflowId: wf, seq: expect.any(Number) }]);
    const after = (await getMembership(ctx, code, '2025-10-01', slug)).body;
    expect(after).toMatchObject({ state: 'member.active', status: 'ACTIVE' });
    expect(after.exitEffectiveOn).toBeUndefined();
    const history = await getHistory(ctx, wf);
    expect(history[history.length - 1]).toMatchObject({
      eventType: 'DECISION_ANNULLED',
      fromState: 'member.leaving',
      toState: 'member.active',
      payload: { decisionId: exit.id },
    });
    expect(await verifyWorkflow(ctx, wf)).toMatchObject({ ok: true, problems: [] });
    // The void request can no longer be noticed; a new exit needs a new fullmäktige decision.
    await expectRefused(
      ctx,
      code,
      { type: 'EXIT_NOTICE_DELIVERED', arrivedAt: '2025-10-02T09:00:00+02:00' },
      { status: 422, code: 'NO_FULLMAKTIGE_DECISION', ruleId: 'R-C1' },
      { slug },
    );
  });

  it('R-C11: when the workflow has moved on (exit withdrawn), the annulment stands and the answer says the compensation was refused', async () => {
    const code = '1498';
    const slug = 'annul-moved-on';
    await createCollaboration(ctx, slug, { parties: [code] });
    await enter(ctx, code, '2023-11-29', '2023-12-08', slug);
    const exit = await decisionOf(code, { slug, subject: 'EXIT_REQUEST', date: '2025-03-10', justera: '2025-03-12' });
    await accepted(ctx, code, { type: 'FULLMAKTIGE_REQUESTED_EXIT', decisionId: exit.id }, { slug });
    await accepted(
      ctx,
      code,
      {
        type: 'EXIT_REQUEST_WITHDRAWN',
        decision: { organ: 'KF', date: '2025-04-14' },
        noticeArrivedAt: '2025-04-15T10:00:00+02:00',
      },
      { slug },
    );
    const wf = await membershipWorkflowId(ctx, code, slug);
    const before = await getHistory(ctx, wf);
    const annulled = await annul(code, exit, '2025-03-13', '2025-03-31', '2025-09-01');
    expect(annulled.compensations).toEqual([
      { workflowId: wf, refused: expect.objectContaining({ code: 'DECISION_NOT_IN_WORKFLOW' }) },
    ]);
    expect(await getHistory(ctx, wf)).toEqual(before);
    expect((await get(`/decisions/${exit.id}`)).body.status).toBe('ANNULLED');
    expect(await verifyWorkflow(ctx, exit.workflowId)).toMatchObject({ ok: true });
  });
});
