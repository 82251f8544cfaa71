import { TableChecks } from '../../src/audit/table-checks';
import { Db } from '../../src/database/db';
import { decisionKit, expectErrorBody, sql, useTestApp } from './kit';

// R-H12 (not taking part in a decision, no abstaining in myndighetsutövning mot enskild) and R-H18 (meetings open to
// the public) through the API: what is refused (422 with the rule id and both sentences), and what the views and the
// extract show. Each test uses its own municipality.
describe('not taking part (R-H12) and open meetings (R-H18)', () => {
  const ctx = useTestApp();
  const { clerk, post, get, ledamoter, para, body, meeting, refusedParagraph, recorded, decision } = decisionKit(ctx);

  /** A meeting of the body (7 ledamöter, 2024-05-22), as POST /bodies/:id/meetings answers it. */
  const meetingOf = async (code: string, bodyId: string, extra: Record<string, unknown> = {}) =>
    post(`/bodies/${bodyId}/meetings`, { date: '2024-05-22', attendees: ledamoter(7), ...extra }, await clerk(code));

  const refused = (res: { status: number; body: any }, code: string, ruleId: string) => {
    expect({ status: res.status, code: res.body.code, ruleId: res.body.ruleId }).toEqual({ status: 422, code, ruleId });
    expectErrorBody(res.body);
    expect(res.body.message).toEqual(expect.any(String));
    expect(res.body.messageSv).toEqual(expect.any(String));
    return res.body;
  };

  it('R-H18: a fullmäktige meeting is public by default and is refused when marked closed', async () => {
    const code = '1440';
    const kf = await body(code, 'KF', 31);
    const closed = refused(
      await meetingOf(code, kf, { public: false, attendees: ledamoter(20) }),
      'FULLMAKTIGE_MEETS_IN_PUBLIC',
      'R-H18',
    );
    expect(closed.message).toContain('public');
    expect(closed.messageSv).toContain('offentliga');
    const open = await meetingOf(code, kf, { attendees: ledamoter(20) });
    expect(open.status).toBe(201);
    expect(open.body).toMatchObject({ public: true, openness: { sv: 'Offentligt sammanträde', en: 'Public meeting' } });
    const d = await recorded(code, open.body.id, para());
    expect(d.meeting).toMatchObject({ public: true });
    expect((await get(`/decisions/${d.id}/extract`)).text).toContain('Offentligt sammanträde.');
  });

  it('R-H18: a nämnd meeting is closed unless fullmäktige has allowed open meetings, recorded on the body', async () => {
    const code = '1441';
    const namnd = await body(code, 'NAMND', 9);
    const without = refused(await meetingOf(code, namnd, { public: true }), 'OPEN_MEETING_NOT_ALLOWED', 'R-H18');
    expect(without.message).toContain('fullmäktige has allowed');
    expect(without.messageSv).toContain('fullmäktige har medgett');
    const closed = await meetingOf(code, namnd);
    expect(closed.status).toBe(201);
    expect(closed.body).toMatchObject({ public: false, openness: { sv: 'Sammanträdet är inte offentligt' } });
    const d = await recorded(code, closed.body.id, para({ myndighetsutovning: true }));
    // A closed meeting is closed throughout: nothing is said of closed doors for the paragraph.
    expect(d.closedDoors).toBeNull();
    expect((await get(`/decisions/${d.id}/extract`)).text).toContain('Sammanträdet är inte offentligt.');

    const allowed = await post(
      `/municipalities/${code}/bodies`,
      {
        kind: 'NAMND',
        name: 'Byggnadsnämnden',
        memberCount: 9,
        openMeetingsDecision: { decidedOn: '2023-01-30', reference: 'KF § 12' },
      },
      await clerk(code),
    );
    expect(allowed.status).toBe(201);
    expect(allowed.body.openMeetingsDecision).toEqual({ decidedOn: '2023-01-30', reference: 'KF § 12' });
    const open = await meetingOf(code, allowed.body.id, { public: true });
    expect(open.status).toBe(201);
    expect(open.body).toMatchObject({ public: true, body: { openMeetingsDecision: { reference: 'KF § 12' } } });
  });

  it('R-H18: fullmäktige’s decision recorded on an existing nämnd; open meetings from its day, not before', async () => {
    const code = '1442';
    const namnd = await body(code, 'NAMND', 9);
    const decision = { decidedOn: '2024-02-26', reference: 'KF § 31' };
    const recordedOn = await post(`/bodies/${namnd}/open-meetings-decision`, decision, await clerk(code));
    expect(recordedOn.status).toBe(200);
    expect(recordedOn.body).toMatchObject({ id: namnd, openMeetingsDecision: decision });
    // Before the decision the nämnd met behind closed doors: an open meeting on that day is refused.
    const before = refused(
      await meetingOf(code, namnd, { public: true, date: '2024-02-19' }),
      'OPEN_MEETING_NOT_ALLOWED',
      'R-H18',
    );
    expect(before.details).toMatchObject({ allowedFrom: '2024-02-26', meetingDate: '2024-02-19' });
    expect(before.messageSv).toContain('från 2024-02-26');
    expect((await meetingOf(code, namnd, { public: true, date: '2024-02-26' })).status).toBe(201);
    // One decision a body: a second is a conflict, and a KF body is refused one (it always meets in public).
    const again = await post(`/bodies/${namnd}/open-meetings-decision`, decision, await clerk(code));
    expect(again.status).toBe(409);
    expectErrorBody(again.body, 'OPEN_MEETINGS_DECISION_EXISTS');
    const kf = await body(code, 'KF', 31);
    refused(
      await post(`/bodies/${kf}/open-meetings-decision`, decision, await clerk(code)),
      'FULLMAKTIGE_MEETS_IN_PUBLIC',
      'R-H18',
    );
    const kfWith = { kind: 'KF', name: 'Fullmäktige 2', memberCount: 31, openMeetingsDecision: decision };
    refused(
      await post(`/municipalities/${code}/bodies`, kfWith, await clerk(code)),
      'FULLMAKTIGE_MEETS_IN_PUBLIC',
      'R-H18',
    );
    // Another municipality's clerk may not record it; the updated row is vouched for by the log.
    expect((await post(`/bodies/${namnd}/open-meetings-decision`, decision, await clerk('1440'))).status).toBe(403);
    expect(await new TableChecks(ctx.app.get(Db)).tableProblems({ all: true })).toEqual([]);
  });

  it('R-H18: at an open nämnd meeting myndighetsutövning mot enskild is handled behind closed doors', async () => {
    const code = '1442';
    const res = await post(
      `/municipalities/${code}/bodies`,
      {
        kind: 'NAMND',
        name: 'Miljö- och byggnadsnämnden',
        memberCount: 9,
        openMeetingsDecision: { decidedOn: '2023-01-30', reference: 'KF 2023/4' },
      },
      await clerk(code),
    );
    const open = await meetingOf(code, res.body.id, { public: true });
    const plain = await recorded(code, open.body.id, para());
    expect(plain.closedDoors).toBeNull();
    const mu = await recorded(code, open.body.id, para({ myndighetsutovning: true }));
    expect(mu.closedDoors).toMatchObject({
      reason: 'MYNDIGHETSUTOVNING',
      sv: expect.stringContaining('stängda dörrar'),
    });
    expect((await decision(mu.id)).closedDoors?.reason).toBe('MYNDIGHETSUTOVNING');
    const html = (await get(`/decisions/${mu.id}/extract`)).text;
    expect(html).toContain('Offentligt sammanträde.');
    expect(html).toContain('Ärendet behandlades inom stängda dörrar (myndighetsutövning mot enskild).');
    // A paragraph with a secrecy marking is handled behind closed doors too.
    const secret = await recorded(
      code,
      open.body.id,
      para({ summary: 'Uppgifter om enskild.', secrecy: [{ field: 'summary', provision: 'OSL 26 kap. 1 §' }] }),
    );
    expect(secret.closedDoors).toMatchObject({ reason: 'SECRECY', sv: expect.stringContaining('sekretess') });
    // The new columns are under the chain: the rows hash as the log holds them.
    expect(await new TableChecks(ctx.app.get(Db)).tableProblems({ all: true })).toEqual([]);
    const stored = await sql(ctx, `SELECT is_public FROM meeting WHERE id = '${open.body.id}'`);
    expect(Boolean(stored[0].is_public)).toBe(true);
  });

  it('R-H12: who announced in time is shown as not taking part, cannot reserve nor vote ja or nej', async () => {
    const code = '1443';
    const m = await meeting(code);
    const out = [{ member: 'L6', announcedBeforeQuestion: true }];
    const reserve = await refusedParagraph(
      code,
      m,
      para({ notParticipating: out, reservations: [{ members: [{ name: 'L6' }], inFavourOf: 'B' }] }),
      { code: 'NOT_ELIGIBLE_TO_RESERVE', ruleId: 'R-H13' },
    );
    expect(reserve.details).toMatchObject({ member: 'L6', notParticipating: true });
    const votes = [
      ...['L1', 'L2', 'L3', 'L4'].map((member) => ({ member, vote: 'JA' })),
      { member: 'L5', vote: 'NEJ' },
      { member: 'L6', vote: 'NEJ' },
    ];
    const method = { kind: 'OPEN_VOTE', adopted: 'A', ja: 'A', nej: 'B', votes };
    const voted = await refusedParagraph(code, m, para({ notParticipating: out, method }), {
      code: 'NOT_PARTICIPATING_VOTED',
      ruleId: 'R-H12',
    });
    expect(voted.messageSv).toContain('inte deltar i beslutet');

    const late = [{ member: 'L7', announcedBeforeQuestion: false }];
    const d = await recorded(
      code,
      m,
      para({
        notParticipating: [...out, ...late],
        // a late announcer took part in the acklamation, and so may reserve
        reservations: [{ members: [{ name: 'L7' }], inFavourOf: 'B' }],
      }),
    );
    expect(d.paragraph.notParticipating).toEqual([...out, ...late]);
    const html = (await get(`/decisions/${d.id}/extract`)).text;
    expect(html).toContain('L6 (S) deltar inte i beslutet.');
    expect(html).toContain('L7 (M) anmälde först efter att ordföranden ställt proposition');
  });

  it('R-H12: in myndighetsutövning mot enskild a member who took part in the handling may not abstain', async () => {
    const code = '1444';
    const m = await meeting(code);
    const votes = [
      ...['L1', 'L2', 'L3', 'L4'].map((member) => ({ member, vote: 'JA' })),
      { member: 'L5', vote: 'NEJ' },
      { member: 'L6', vote: 'AVSTAR' },
    ];
    const method = { kind: 'OPEN_VOTE', adopted: 'A', ja: 'A', nej: 'B', votes };
    const r = await refusedParagraph(code, m, para({ myndighetsutovning: true, method }), {
      code: 'MUST_TAKE_PART_IN_MYNDIGHETSUTOVNING',
      ruleId: 'R-H12',
    });
    expect(r.message).toContain('myndighetsutövning mot enskild');
    expect(r.messageSv).toContain('får inte avstå');
    const announced = await refusedParagraph(
      code,
      m,
      para({ myndighetsutovning: true, notParticipating: [{ member: 'L6', announcedBeforeQuestion: true }] }),
      { code: 'MUST_TAKE_PART_IN_MYNDIGHETSUTOVNING', ruleId: 'R-H12' },
    );
    expect(announced.details).toMatchObject({ member: 'L6', announced: true });
    // The same vote outside myndighetsutövning is recorded.
    expect((await recorded(code, m, para({ method }))).status).toBe('DRAFT');
  });

  it('R-H12: an amended draft is held to the same rules (the guard amendedDraftOk names R-H12)', async () => {
    const code = '1446';
    const m = await meeting(code);
    const d = await recorded(code, m, para());
    const votes = [
      ...['L1', 'L2', 'L3', 'L4'].map((member) => ({ member, vote: 'JA' })),
      { member: 'L6', vote: 'NEJ' },
    ];
    const amended = para({
      paragraphNumber: d.paragraphNumber,
      notParticipating: [{ member: 'L6', announcedBeforeQuestion: true }],
      method: { kind: 'OPEN_VOTE', adopted: 'A', ja: 'A', nej: 'B', votes },
    });
    const res = await post(
      `/decisions/${d.id}/events`,
      { type: 'PARAGRAPH_AMENDED', paragraph: amended, reason: 'Rättad röstlista' },
      await clerk(code),
    );
    const body = refused(res, 'NOT_PARTICIPATING_VOTED', 'R-H12');
    expect(body.messageSv).toContain('inte deltar i beslutet');
  });

  it('R-H12: the new fields are checked as input (400 for a wrong type)', async () => {
    const code = '1445';
    const m = await meeting(code);
    const bad = await post(
      `/meetings/${m}/paragraphs`,
      para({ notParticipating: [{ member: 'L6', announcedBeforeQuestion: 'ja' }] }),
      await clerk(code),
    );
    expect(bad.status).toBe(400);
  });
});
