import { decisionKit, expectErrorBody, sql, useTestApp } from './kit';

// The decision records against the rulebook (a review found): D8 deadlines moved by lag (1930:173) 2 §, R-H15
// protokollsanteckningar only when the chair allowed them, R-K6 one case per diarienummer in a municipality's
// diarium, R-H11 refusals that say their source is still to be verified. Each test uses its own municipality.
describe('decision records review (D8, R-L7, R-H15, R-K6, R-H11)', () => {
  const ctx = useTestApp();
  const { clerk, post, get, ledamoter, para, meeting, refusedParagraph, recorded, justera, anslå, decision } =
    decisionKit(ctx);

  // ------------------------------------------------------------------------------------ D8, R-I1, R-I4, R-L7

  /** A paragraph at a meeting on `date`, justerat and anslaget on the days given: its decision as GET shows it. */
  async function protocol(code: string, date: string, justeradOn: string, anslagOn: string) {
    const m = await meeting(code, { date });
    const d = await recorded(code, m, para());
    await justera(code, m, justeradOn);
    await anslå(code, m, anslagOn);
    return decision(d.id);
  }
  const codes = (d: any) => d.warnings.map((w: any) => w.code);

  it('D8: meeting Thu 2024-05-23 (+14 = nationaldagen) justerat Fri 2024-06-07, anslag Mon 2024-06-10 (+2 = Sunday): both on time, both deadlines moved', async () => {
    const d = await protocol('1401', '2024-05-23', '2024-06-07', '2024-06-10');
    expect(codes(d)).toEqual([]);
    expect(d.deadlines).toMatchObject({ justeringDeadline: '2024-06-07', anslagDeadline: '2024-06-10' });
    expect(d.deadlines.notes.map((n: any) => [n.deadline, n.code, n.ruleId])).toEqual([
      ['justeringDeadline', 'DEADLINE_MOVED', 'R-L7'],
      ['anslagDeadline', 'DEADLINE_MOVED', 'R-L7'],
    ]);
    // The calendar answers the same moved deadlines.
    const c = await get('/calendar/deadlines?meetingDate=2024-05-23&justeringDate=2024-06-07');
    expect(c.status).toBe(200);
    expect(JSON.stringify(c.body)).toContain('2024-06-10');
  });

  it('D8: a Friday justering (2024-05-31) with a Monday anslag (2024-06-03) is not late: the second day is a Sunday', async () => {
    const d = await protocol('1402', '2024-05-22', '2024-05-31', '2024-06-03');
    expect(codes(d)).toEqual([]);
    expect(d.deadlines.anslagDeadline).toBe('2024-06-03');
  });

  it('D8: an anslag on Tue 2024-06-04, after the moved deadline Mon 2024-06-03, is ANSLAG_LATE (recorded, not blocked)', async () => {
    const d = await protocol('1443', '2024-05-22', '2024-05-31', '2024-06-04');
    expect(d.status).toBe('ANSLAGET');
    expect(d.warnings).toEqual([expect.objectContaining({ code: 'ANSLAG_LATE', ruleId: 'R-I4' })]);
    expect(d.warnings[0].details).toEqual({ deadline: '2024-06-03' });
    expect(d.warnings[0].message).toContain('moved to the next vardag');
  });

  it('D8: a justering on Mon 2024-06-10, after the moved deadline Fri 2024-06-07, is JUSTERING_LATE (recorded, not blocked)', async () => {
    const d = await protocol('1444', '2024-05-23', '2024-06-10', '2024-06-11');
    expect(d.status).toBe('ANSLAGET');
    expect(d.warnings).toEqual([expect.objectContaining({ code: 'JUSTERING_LATE', ruleId: 'R-I1' })]);
    expect(d.warnings[0].details).toEqual({ deadline: '2024-06-07' });
  });

  // -------------------------------------------------------------------------------------------------- R-H15

  const anteckning = (allowedByChair?: unknown) => ({
    member: { name: 'L3', party: 'M' },
    text: 'Moderaterna vill se en uppföljning i december.',
    ...(allowedByChair === undefined ? {} : { allowedByChair }),
  });

  it('R-H15: a protokollsanteckning the chair did not allow → 422 PROTOKOLLSANTECKNING_NOT_ALLOWED, nothing written', async () => {
    const code = '1407';
    const m = await meeting(code);
    const refused = await refusedParagraph(code, m, para({ protokollsanteckningar: [anteckning(false)] }), {
      code: 'PROTOKOLLSANTECKNING_NOT_ALLOWED',
      ruleId: 'R-H15',
    });
    expect(refused.details).toEqual({ member: 'L3', allowedByChair: false });
    expect(refused.messageSv).toContain('Ordföranden har inte medgett');
  });

  it('R-H15: allowedByChair is required (400 naming the field) and must be a boolean', async () => {
    const code = '1415';
    const m = await meeting(code);
    for (const value of [undefined, 'ja']) {
      const res = await post(
        `/meetings/${m}/paragraphs`,
        para({ protokollsanteckningar: [anteckning(value)] }),
        await clerk(code),
      );
      expect(res.status).toBe(400);
      expectErrorBody(res.body, 'VALIDATION_FAILED');
      expect(res.body.details.fields.map((f: any) => f.field)).toContain('protokollsanteckningar.0.allowedByChair');
    }
  });

  it('R-H15: an allowed protokollsanteckning is recorded as given and printed in the extract', async () => {
    const code = '1419';
    const m = await meeting(code);
    const d = await recorded(code, m, para({ protokollsanteckningar: [anteckning(true)] }));
    expect(d.paragraph.protokollsanteckningar).toEqual([anteckning(true)]);
    const html = await get(`/decisions/${d.id}/extract`);
    expect(html.text).toContain('Moderaterna vill se en uppföljning i december.');
  });

  // --------------------------------------------------------------------------------------------------- R-K6

  const matter = (title: string, diarienummer = 'KS 2024/77', diarium = 'KS') => ({ title, diarienummer, diarium });

  it('R-K6: another case (another title) under a diarienummer already used in the diarium → 422 DIARIENUMMER_OTHER_CASE, nothing written', async () => {
    const code = '1421';
    const m = await meeting(code);
    const first = await recorded(code, m, para({ matter: matter('Avsiktsförklaring Dalslandssamverkan') }));
    const refused = await refusedParagraph(code, m, para({ matter: matter('Budget 2025 för kultur') }), {
      code: 'DIARIENUMMER_OTHER_CASE',
      ruleId: 'R-K6',
    });
    expect(refused.details).toEqual({
      municipality: code,
      diarium: 'KS',
      diarienummer: 'KS 2024/77',
      registeredTitle: 'Avsiktsförklaring Dalslandssamverkan',
      title: 'Budget 2025 för kultur',
    });
    expect(await sql(ctx, 'SELECT title FROM matter WHERE municipality_code = ?', [code])).toEqual([
      { title: 'Avsiktsförklaring Dalslandssamverkan' },
    ]);
    // The same case, written as another protocol writes it (case, spacing, a final full stop), joins its matter.
    const same = await recorded(code, m, para({ matter: matter('avsiktsförklaring  Dalslandssamverkan.') }));
    expect((await decision(same.id)).matter).toMatchObject({ title: 'Avsiktsförklaring Dalslandssamverkan' });
    const rows = await sql(ctx, 'SELECT matter_id FROM decision WHERE municipality_code = ?', [code]);
    expect(new Set(rows.map((r: any) => r.matter_id)).size).toBe(1);
    expect(first.matter.diarienummer).toBe('KS 2024/77');
  });

  it('R-K6: the same diarienummer for another case in another municipality’s diarium is accepted (no cross-municipality uniqueness)', async () => {
    const [a, b] = ['1427', '1430'];
    await recorded(a, await meeting(a), para({ matter: matter('Avsiktsförklaring Dalslandssamverkan') }));
    const other = await recorded(b, await meeting(b), para({ matter: matter('Budget 2025 för kultur') }));
    expect(other.matter).toMatchObject({ title: 'Budget 2025 för kultur', diarienummer: 'KS 2024/77' });
  });

  it('R-K6: an amended draft that moves its paragraph to a number used for another case is refused too', async () => {
    const code = '1435';
    const m = await meeting(code);
    await recorded(code, m, para({ matter: matter('Avsiktsförklaring Dalslandssamverkan') }));
    const draft = await recorded(code, m, para({ matter: matter('Budget 2025 för kultur', 'KS 2024/78') }));
    const res = await post(
      `/decisions/${draft.id}/events`,
      {
        type: 'PARAGRAPH_AMENDED',
        reason: 'Fel diarienummer',
        paragraph: { ...draft.paragraph, matter: matter('Budget 2025 för kultur') },
      },
      await clerk(code),
    );
    expect({ status: res.status, code: res.body.code, ruleId: res.body.ruleId }).toEqual({
      status: 422,
      code: 'DIARIENUMMER_OTHER_CASE',
      ruleId: 'R-K6',
    });
    expect((await decision(draft.id)).matter.diarienummer).toBe('KS 2024/78');
  });

  // -------------------------------------------------------------------------------------------------- R-H11

  it('R-H11: the tie refusals say their source is still to be verified (sourceToBeVerified: true)', async () => {
    const code = '1440';
    const m = await meeting(code, { attendees: ledamoter(6) });
    const votes = ['JA', 'JA', 'JA', 'NEJ', 'NEJ', 'NEJ'].map((vote, i) => ({ member: `L${i + 1}`, vote }));
    const tie = { ja: 'A', nej: 'B', adopted: 'A', votes };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ kind: 'OPEN_VOTE', ...tie }, 'TIE_NEEDS_CASTING_VOTE'],
      [{ kind: 'OPEN_VOTE', election: true, ...tie }, 'TIE_NEEDS_LOTTNING'],
      [{ kind: 'LOTTNING', lotFellOn: 'A', ...tie }, 'LOTTNING_ONLY_IN_ELECTIONS'],
      [{ kind: 'CASTING_VOTE', election: true, ...tie }, 'CASTING_VOTE_IN_ELECTION'],
    ];
    for (const [method, expected] of cases) {
      const refused = await refusedParagraph(code, m, para({ method }), { code: expected, ruleId: 'R-H11' });
      expect({ expected, details: refused.details }).toEqual({
        expected,
        details: expect.objectContaining({ sourceToBeVerified: true, source: expect.stringContaining('unverified') }),
      });
    }
    // A rule whose source is verified says nothing of the kind (R-H2, KL 6 kap. 27 §).
    const few = await meeting(code, { attendees: ledamoter(4) });
    const quorum = await refusedParagraph(code, few, para(), { code: 'NOT_QUORATE', ruleId: 'R-H2' });
    expect(quorum.details).not.toHaveProperty('sourceToBeVerified');
  });

  // ---------------------------------------------------------------------------------------------------- R-E2

  it('R-E2: COUNCIL_APPROVED_EXIT is refused with a message that names R-E2', async () => {
    const res = await post('/collaborations', {
      slug: 'review-e2',
      name: 'Review',
      parties: ['1445', '1446'],
      declarationVersion: 'v1',
      declarationEffectiveDate: '2024-01-01',
    });
    expect(res.status).toBe(201);
    const refused = await post('/collaborations/review-e2/memberships/1445/events', {
      type: 'COUNCIL_APPROVED_EXIT',
      decidedOn: '2024-03-01',
    });
    expect({ status: refused.status, code: refused.body.code, ruleId: refused.body.ruleId }).toEqual({
      status: 422,
      code: 'COUNCIL_NOT_DECISION_MAKING',
      ruleId: 'R-E2',
    });
    expect(refused.body.message).toContain('(R-E2)');
    expect(refused.body.messageSv).toContain('(R-E2)');
    expect(refused.body.message).not.toContain('R-C6');
  });
});
