/**
 * Unit tests of machines/protocol/decision.rules.ts (RULEBOOK H: quorum, jäv, acklamation, votes, ties,
 * reservations, protokollsanteckningar; K: diarienummer). Pure: meetings and paragraphs are built by hand.
 */
import { MELLERUD_PARAGRAPH } from '../e2e/kit/fixtures';
import {
  checkDecisionDrives,
  checkMethod,
  checkMotivationTime,
  checkParagraph,
  checkQuorum,
  checkReservations,
  organOfBody,
  parseDiarienummer,
  participants,
  quorumOf,
  servingAttendees,
  SUBJECT_OF_EVENT,
  withoutLateMotivations,
} from '../../machines/protocol/decision.rules';
import type {
  AttendanceRole,
  Attendee,
  DecisionMethod,
  DecisionParagraph,
  MeetingFacts,
  Reservation,
  Vote,
} from '../../machines/protocol/decision.types';

// ---------------------------------------------------------------- builders

const ledamot = (name: string, extra: Partial<Attendee> = {}): Attendee => ({ name, role: 'LEDAMOT', ...extra });
const att = (name: string, role: AttendanceRole, extra: Partial<Attendee> = {}): Attendee => ({ name, role, ...extra });

function meeting(attendees: Attendee[], extra: Partial<MeetingFacts> = {}): MeetingFacts {
  return {
    bodyKind: 'NAMND',
    bodyName: 'Socialnämnden',
    memberCount: 9,
    municipality: '1461',
    date: '2024-11-19',
    attendees,
    ...extra,
  };
}

/** A nämnd of 9: seven ledamöter present (L1 chairs), one tjänstgörande ersättare, one ersättare who does not serve. */
const SEVEN = ['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7'];
const FULL = meeting(
  [
    ...SEVEN.map((n) => ledamot(n, n === 'L1' ? { chair: true } : {})),
    att('T1', 'TJANSTGORANDE_ERSATTARE'),
    att('E1', 'ERSATTARE'),
  ],
  { closedAt: '2024-11-19T17:00:00Z', justeringAt: '2024-11-25T13:00:00Z' },
);

function paragraph(extra: Partial<DecisionParagraph> = {}): DecisionParagraph {
  return {
    paragraphNumber: '§ 1',
    matter: { title: 'Ärende' },
    subject: 'OTHER',
    beslutsunderlag: ['Tjänsteskrivelse'],
    proposals: [
      { id: 'A', by: [{ name: 'L1' }], text: 'bifall' },
      { id: 'B', by: [{ name: 'L2' }], text: 'avslag' },
    ],
    beslutsgang: ['Ordföranden ställer förslagen mot varandra.'],
    method: { kind: 'ACKLAMATION', adopted: 'A' },
    decision: { attSatser: ['bifalla'] },
    jav: [],
    reservations: [],
    protokollsanteckningar: [],
    sendTo: [],
    ...extra,
  };
}

const withMethod = (method: DecisionMethod, extra: Partial<DecisionParagraph> = {}) => paragraph({ method, ...extra });

/** Votes from a compact spec: 'L1:J L2:N L3:A' (J = JA, N = NEJ, A = AVSTAR). */
function votes(spec: string): Vote[] {
  const map = { J: 'JA', N: 'NEJ', A: 'AVSTAR' } as const;
  return spec
    .split(/\s+/)
    .filter(Boolean)
    .map((s) => {
      const [member, v] = s.split(':');
      return { member, vote: map[v as keyof typeof map] };
    });
}

const openVote = (spec: string, adopted: string, extra: Partial<DecisionMethod> = {}): DecisionMethod => ({
  kind: 'OPEN_VOTE',
  adopted,
  ja: 'A',
  nej: 'B',
  votes: votes(spec),
  ...extra,
});

// ---------------------------------------------------------------- quorum

describe('R-H2: quorumOf is floor(n/2) + 1 ("mer än hälften")', () => {
  it.each([
    [31, 16],
    [11, 6],
    [9, 5],
    [7, 4],
    [10, 6],
    [1, 1],
  ])('R-H2: a body of %i needs %i', (n, q) => {
    expect(quorumOf(n)).toBe(q);
  });
});

describe('checkQuorum (R-H2, R-H3, R-H4)', () => {
  const serving = (k: number) => Array.from({ length: k }, (_, i) => ledamot(`L${i + 1}`));

  it('R-H2: a nämnd of 9 with 4 serving members present is NOT_QUORATE', () => {
    expect(checkQuorum(meeting(serving(4)), { jav: [] })).toEqual(
      expect.objectContaining({
        code: 'NOT_QUORATE',
        ruleId: 'R-H2',
        details: { memberCount: 9, required: 5, present: 4 },
      }),
    );
  });

  it('R-H2: a nämnd of 9 with 5 serving members present is quorate', () => {
    expect(checkQuorum(meeting(serving(5)), { jav: [] })).toBeNull();
  });

  it('R-H3: 4 ledamöter + 1 non-serving ersättare is NOT_QUORATE; with the ersättare serving it is quorate', () => {
    expect(checkQuorum(meeting([...serving(4), att('E1', 'ERSATTARE')]), { jav: [] })).toMatchObject({
      code: 'NOT_QUORATE',
      ruleId: 'R-H2',
      details: { present: 4 },
    });
    expect(checkQuorum(meeting([...serving(4), att('E1', 'TJANSTGORANDE_ERSATTARE')]), { jav: [] })).toBeNull();
  });

  it('R-H4: a jävig member does not count: 5 serving with 1 jävig is NOT_QUORATE', () => {
    expect(checkQuorum(meeting(serving(5)), { jav: [{ member: 'L3', reason: 'närstående' }] })).toMatchObject({
      code: 'NOT_QUORATE',
      details: { required: 5, present: 4 },
    });
    expect(checkQuorum(meeting(serving(6)), { jav: [{ member: 'L3', reason: 'närstående' }] })).toBeNull();
  });

  it('R-H2: the body size drives the requirement (fullmäktige of 31 needs 16)', () => {
    const kf = (k: number) => meeting(serving(k), { bodyKind: 'KF', bodyName: 'Kommunfullmäktige', memberCount: 31 });
    expect(checkQuorum(kf(15), { jav: [] })).toMatchObject({
      code: 'NOT_QUORATE',
      details: { required: 16, present: 15 },
    });
    expect(checkQuorum(kf(16), { jav: [] })).toBeNull();
  });

  it('R-H3, R-H4: servingAttendees keeps ledamöter and tjänstgörande ersättare; participants also drops the jäviga', () => {
    expect(servingAttendees(FULL).map((a) => a.name)).toEqual([...SEVEN, 'T1']);
    expect(participants(FULL, { jav: [{ member: 'L2', reason: 'jäv' }] }).map((a) => a.name)).toEqual([
      'L1',
      'L3',
      'L4',
      'L5',
      'L6',
      'L7',
      'T1',
    ]);
  });
});

// ---------------------------------------------------------------- method

describe('checkMethod: acklamation (R-H7)', () => {
  it('R-H7: acklamation is accepted when nobody asked for a vote', () => {
    expect(checkMethod(FULL, withMethod({ kind: 'ACKLAMATION', adopted: 'A' }))).toBeNull();
  });

  it('R-H7: acklamation with voteRequestedBy is refused with VOTE_REQUESTED (one member suffices)', () => {
    expect(checkMethod(FULL, withMethod({ kind: 'ACKLAMATION', adopted: 'A', voteRequestedBy: 'L4' }))).toMatchObject({
      code: 'VOTE_REQUESTED',
      ruleId: 'R-H7',
    });
  });

  it('R-H7: acklamation with recorded votes is refused (VOTES_WITHOUT_VOTE)', () => {
    expect(checkMethod(FULL, withMethod({ kind: 'ACKLAMATION', adopted: 'A', votes: votes('L1:J') }))).toMatchObject({
      code: 'VOTES_WITHOUT_VOTE',
      ruleId: 'R-H7',
    });
  });
});

describe('checkMethod: open vote (R-H9, R-H10)', () => {
  it('R-H10: the majority proposal must be the adopted one (4–3 for ja: A adopted passes, B adopted is VOTE_RESULT_MISMATCH)', () => {
    const spec = 'L1:J L2:J L3:J L4:J L5:N L6:N L7:N';
    expect(checkMethod(FULL, withMethod(openVote(spec, 'A')))).toBeNull();
    expect(checkMethod(FULL, withMethod(openVote(spec, 'B')))).toMatchObject({
      code: 'VOTE_RESULT_MISMATCH',
      ruleId: 'R-H10',
      details: { ja: 4, nej: 3, abstained: 0, adopted: 'B', result: 'A' },
    });
  });

  it('R-H10: a nej majority adopts the nej proposal', () => {
    const spec = 'L1:N L2:N L3:N L4:J T1:N';
    expect(checkMethod(FULL, withMethod(openVote(spec, 'B')))).toBeNull();
    expect(checkMethod(FULL, withMethod(openVote(spec, 'A')))).toMatchObject({
      code: 'VOTE_RESULT_MISMATCH',
      details: { result: 'B' },
    });
  });

  it('R-H10: abstentions are not votes cast (2 ja, 1 nej, 5 avstår → ja wins although 2 of 8 is not half)', () => {
    const spec = 'L1:J L2:J L3:N L4:A L5:A L6:A L7:A T1:A';
    expect(checkMethod(FULL, withMethod(openVote(spec, 'A')))).toBeNull();
    expect(checkMethod(FULL, withMethod(openVote(spec, 'B')))).toMatchObject({
      code: 'VOTE_RESULT_MISMATCH',
      details: { ja: 2, nej: 1, abstained: 5 },
    });
  });

  it('R-H10: abstentions do not turn a majority into a tie (3 ja, 2 nej, 1 avstår is not a tie)', () => {
    expect(checkMethod(FULL, withMethod(openVote('L1:J L2:J L3:J L4:N L5:N L6:A', 'A')))).toBeNull();
  });

  it('R-H11: a tie in an ordinary vote is TIE_NEEDS_CASTING_VOTE', () => {
    expect(checkMethod(FULL, withMethod(openVote('L1:J L2:J L3:J L4:N L5:N L6:N L7:A', 'A')))).toMatchObject({
      code: 'TIE_NEEDS_CASTING_VOTE',
      ruleId: 'R-H11',
      details: { ja: 3, nej: 3, abstained: 1 },
    });
  });

  it('R-H11: a tie in an election is TIE_NEEDS_LOTTNING', () => {
    expect(checkMethod(FULL, withMethod(openVote('L1:J L2:J L3:N L4:N', 'A', { election: true })))).toMatchObject({
      code: 'TIE_NEEDS_LOTTNING',
      ruleId: 'R-H11',
    });
  });

  it('R-H9: a vote needs distinct ja and nej proposals (VOTE_QUESTION_MISSING)', () => {
    expect(checkMethod(FULL, withMethod(openVote('L1:J', 'A', { nej: 'A' })))).toMatchObject({
      code: 'VOTE_QUESTION_MISSING',
      ruleId: 'R-H9',
    });
    expect(
      checkMethod(FULL, withMethod({ kind: 'OPEN_VOTE', adopted: 'A', ja: 'A', votes: votes('L1:J') })),
    ).toMatchObject({
      code: 'VOTE_QUESTION_MISSING',
    });
  });

  it.each([
    ['a non-serving ersättare (R-H3)', 'E1', []],
    ['someone not at the meeting', 'Stranger', []],
    ['a jävig member (R-H4)', 'L7', [{ member: 'L7', reason: 'jäv' }]],
  ])('R-H3, R-H4, R-H9: %s cannot vote (VOTER_NOT_PARTICIPANT)', (_, voter, jav) => {
    const p = withMethod(openVote(`L1:J L2:J L3:N ${voter}:N`, 'A'), { jav });
    expect(checkMethod(FULL, p)).toMatchObject({ code: 'VOTER_NOT_PARTICIPANT', details: { member: voter } });
  });

  it('R-H3, R-H9: a tjänstgörande ersättare votes like a ledamot', () => {
    expect(checkMethod(FULL, withMethod(openVote('L1:J T1:J L3:N', 'A')))).toBeNull();
  });

  it('R-H9: a member who votes twice is refused (DUPLICATE_VOTE)', () => {
    expect(checkMethod(FULL, withMethod(openVote('L1:J L2:N L2:J', 'A')))).toMatchObject({
      code: 'DUPLICATE_VOTE',
      ruleId: 'R-H9',
      details: { member: 'L2' },
    });
  });
});

describe("checkMethod: the chair's casting vote and lottning (R-H11)", () => {
  // L1 chairs. A 3–3 tie with one abstention.
  const TIE_CHAIR_NEJ = 'L2:J L3:J L4:J L1:N L5:N L6:N L7:A';
  const TIE_CHAIR_JA = 'L2:N L3:N L4:N L1:J L5:J L6:J L7:A';

  it("R-H11: CASTING_VOTE follows the chair's vote (chair voted nej → the nej proposal B)", () => {
    expect(checkMethod(FULL, withMethod({ ...openVote(TIE_CHAIR_NEJ, 'B'), kind: 'CASTING_VOTE' }))).toBeNull();
    expect(checkMethod(FULL, withMethod({ ...openVote(TIE_CHAIR_NEJ, 'A'), kind: 'CASTING_VOTE' }))).toMatchObject({
      code: 'VOTE_RESULT_MISMATCH',
      ruleId: 'R-H10',
      details: { adopted: 'A', result: 'B' },
    });
    expect(checkMethod(FULL, withMethod({ ...openVote(TIE_CHAIR_JA, 'A'), kind: 'CASTING_VOTE' }))).toBeNull();
  });

  it('R-H11: CASTING_VOTE needs the chair to have voted ja or nej (CHAIR_DID_NOT_VOTE)', () => {
    const chairAbstains = 'L2:J L3:J L4:N L5:N L1:A';
    expect(checkMethod(FULL, withMethod({ ...openVote(chairAbstains, 'A'), kind: 'CASTING_VOTE' }))).toMatchObject({
      code: 'CHAIR_DID_NOT_VOTE',
      ruleId: 'R-H11',
    });
    const chairAbsentFromVotes = 'L2:J L3:J L4:N L5:N';
    expect(
      checkMethod(FULL, withMethod({ ...openVote(chairAbsentFromVotes, 'A'), kind: 'CASTING_VOTE' })),
    ).toMatchObject({
      code: 'CHAIR_DID_NOT_VOTE',
    });
  });

  it('R-H11: CASTING_VOTE or LOTTNING without a tie is NOT_A_TIE', () => {
    expect(checkMethod(FULL, withMethod({ ...openVote('L1:J L2:J L3:N', 'A'), kind: 'CASTING_VOTE' }))).toMatchObject({
      code: 'NOT_A_TIE',
      ruleId: 'R-H11',
    });
    expect(
      checkMethod(
        FULL,
        withMethod({ ...openVote('L1:J L2:J L3:N', 'A', { election: true, lotFellOn: 'A' }), kind: 'LOTTNING' }),
      ),
    ).toMatchObject({
      code: 'NOT_A_TIE',
    });
  });

  it('R-H11: CASTING_VOTE in an election is refused (CASTING_VOTE_IN_ELECTION)', () => {
    expect(
      checkMethod(FULL, withMethod({ ...openVote(TIE_CHAIR_NEJ, 'B', { election: true }), kind: 'CASTING_VOTE' })),
    ).toMatchObject({
      code: 'CASTING_VOTE_IN_ELECTION',
      ruleId: 'R-H11',
    });
  });

  it('R-H11: LOTTNING outside an election is refused (LOTTNING_ONLY_IN_ELECTIONS)', () => {
    expect(
      checkMethod(FULL, withMethod({ ...openVote(TIE_CHAIR_NEJ, 'A', { lotFellOn: 'A' }), kind: 'LOTTNING' })),
    ).toMatchObject({
      code: 'LOTTNING_ONLY_IN_ELECTIONS',
      ruleId: 'R-H11',
    });
  });

  it('R-H11: LOTTNING in a tied election adopts the proposal the lot fell on', () => {
    const lot = (adopted: string, lotFellOn?: string) =>
      withMethod({
        ...openVote(TIE_CHAIR_NEJ, adopted, { election: true, ...(lotFellOn ? { lotFellOn } : {}) }),
        kind: 'LOTTNING',
      });
    expect(checkMethod(FULL, lot('A', 'A'))).toBeNull();
    expect(checkMethod(FULL, lot('B', 'B'))).toBeNull();
    expect(checkMethod(FULL, lot('A', 'B'))).toMatchObject({
      code: 'VOTE_RESULT_MISMATCH',
      details: { adopted: 'A', result: 'B' },
    });
    expect(checkMethod(FULL, lot('A'))).toMatchObject({ code: 'VOTE_RESULT_MISMATCH', details: { result: null } });
  });
});

// ---------------------------------------------------------------- reservations

describe('checkReservations (R-H13, R-H14)', () => {
  const reservation = (names: string[], extra: Partial<Reservation> = {}): Reservation => ({
    members: names.map((name) => ({ name })),
    inFavourOf: 'B',
    ...extra,
  });
  const reserving = (r: Reservation, extra: Partial<DecisionParagraph> = {}) =>
    paragraph({ reservations: [r], ...extra });

  it('R-H13, R-H14: a participating member may reserve in favour of the rejected proposal, or blank', () => {
    expect(checkReservations(FULL, reserving(reservation(['L2', 'L3'])))).toBeNull();
    expect(checkReservations(FULL, reserving(reservation(['L2'], { inFavourOf: undefined })))).toBeNull();
  });

  it('R-H3, R-H13: a tjänstgörande ersättare took part and may reserve', () => {
    expect(checkReservations(FULL, reserving(reservation(['T1'])))).toBeNull();
  });

  it('R-H13: a non-serving ersättare cannot reserve (NOT_ELIGIBLE_TO_RESERVE)', () => {
    expect(checkReservations(FULL, reserving(reservation(['L2', 'E1'])))).toMatchObject({
      code: 'NOT_ELIGIBLE_TO_RESERVE',
      ruleId: 'R-H13',
      details: { member: 'E1' },
    });
  });

  it('R-H13: a jävig member cannot reserve (NOT_ELIGIBLE_TO_RESERVE)', () => {
    expect(
      checkReservations(FULL, reserving(reservation(['L4']), { jav: [{ member: 'L4', reason: 'jäv' }] })),
    ).toMatchObject({
      code: 'NOT_ELIGIBLE_TO_RESERVE',
      ruleId: 'R-H13',
      details: { member: 'L4' },
    });
  });

  it('R-H13: someone who abstained in the vote cannot reserve (NOT_ELIGIBLE_TO_RESERVE); one who voted can', () => {
    const method = openVote('L1:J L2:J L3:J L4:N L5:N L6:A', 'A');
    expect(checkReservations(FULL, reserving(reservation(['L6']), { method }))).toMatchObject({
      code: 'NOT_ELIGIBLE_TO_RESERVE',
      details: { member: 'L6' },
    });
    expect(checkReservations(FULL, reserving(reservation(['L4', 'L5']), { method }))).toBeNull();
  });

  it('R-H13: someone not at the meeting cannot reserve', () => {
    expect(checkReservations(FULL, reserving(reservation(['Stranger'])))).toMatchObject({
      code: 'NOT_ELIGIBLE_TO_RESERVE',
    });
  });

  it('R-H14: a reservation in favour of the adopted proposal is refused (RESERVATION_FOR_ADOPTED)', () => {
    expect(checkReservations(FULL, reserving(reservation(['L2'], { inFavourOf: 'A' })))).toMatchObject({
      code: 'RESERVATION_FOR_ADOPTED',
      ruleId: 'R-H14',
    });
  });

  it('R-H14 a: a reservation announced after closedAt is RESERVATION_TOO_LATE; before (or at) it, accepted', () => {
    expect(
      checkReservations(FULL, reserving(reservation(['L2'], { announcedAt: '2024-11-19T17:00:01Z' }))),
    ).toMatchObject({
      code: 'RESERVATION_TOO_LATE',
      ruleId: 'R-H14',
    });
    // 17:30 CET is 16:30Z, before the meeting closed at 17:00Z.
    expect(
      checkReservations(FULL, reserving(reservation(['L2'], { announcedAt: '2024-11-19T17:30:00+01:00' }))),
    ).toBeNull();
    expect(checkReservations(FULL, reserving(reservation(['L2'], { announcedAt: '2024-11-19T17:00:00Z' })))).toBeNull();
    // Without closedAt there is nothing to compare with.
    expect(
      checkReservations(
        { ...FULL, closedAt: undefined },
        reserving(reservation(['L2'], { announcedAt: '2024-11-20T09:00:00Z' })),
      ),
    ).toBeNull();
  });

  it('R-H14 c: a written motivation after justeringAt is refused (MOTIVATION_TOO_LATE) while the reservation stands', () => {
    const late = reservation(['L2'], { motivation: { text: 'Därför.', submittedAt: '2024-11-25T13:00:01Z' } });
    const p = reserving(late);
    // The reservation itself is not refused ...
    expect(checkReservations(FULL, p)).toBeNull();
    // ... the motivation is: the paragraph is recorded without it, and the refusal travels as a warning.
    const { paragraph: recorded, warnings } = withoutLateMotivations(FULL, p);
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'MOTIVATION_TOO_LATE',
        ruleId: 'R-H14',
        details: { justeringAt: '2024-11-25T13:00:00Z', submittedAt: '2024-11-25T13:00:01Z' },
      }),
    ]);
    expect(recorded.reservations).toEqual([{ members: [{ name: 'L2' }], inFavourOf: 'B' }]);
    expect(p.reservations[0].motivation).toBeDefined(); // the input is not mutated
  });

  it('R-H14 c: a motivation before justeringAt (or undated, or with no justering time set) is kept unchanged', () => {
    for (const [m, meetingFacts] of [
      [{ text: 'Därför.', submittedAt: '2024-11-25T12:59:59Z' }, FULL],
      [{ text: 'Därför.', submittedAt: '2024-11-25T13:00:00Z' }, FULL],
      [{ text: 'Därför.' }, FULL],
      [
        { text: 'Därför.', submittedAt: '2030-01-01T00:00:00Z' },
        { ...FULL, justeringAt: undefined },
      ],
    ] as const) {
      const p = reserving(reservation(['L2'], { motivation: m }));
      expect(checkReservations(meetingFacts, p)).toBeNull();
      const out = withoutLateMotivations(meetingFacts, p);
      expect(out.warnings).toEqual([]);
      expect(out.paragraph).toBe(p);
    }
  });

  it('R-H14 c: only the late motivations are dropped, each with its own warning', () => {
    const p = paragraph({
      reservations: [
        reservation(['L2'], { motivation: { text: 'I tid', submittedAt: '2024-11-25T10:00:00Z' } }),
        reservation(['L3'], { motivation: { text: 'Sen', submittedAt: '2024-11-26T10:00:00Z' } }),
        reservation(['L4', 'L5'], { motivation: { text: 'Också sen', submittedAt: '2024-11-25T14:30:00+01:00' } }),
      ],
    });
    const { paragraph: recorded, warnings } = withoutLateMotivations(FULL, p);
    expect(warnings.map((w) => [w.code, w.ruleId])).toEqual([
      ['MOTIVATION_TOO_LATE', 'R-H14'],
      ['MOTIVATION_TOO_LATE', 'R-H14'],
    ]);
    expect(recorded.reservations.map((r) => r.motivation?.text)).toEqual(['I tid', undefined, undefined]);
    expect(recorded.reservations.map((r) => r.members.map((m) => m.name))).toEqual([['L2'], ['L3'], ['L4', 'L5']]);
  });

  it('R-H14 c: checkMotivationTime compares instants, not local wall-clock strings', () => {
    // 14:30+01:00 is 13:30Z, after 13:00Z.
    expect(checkMotivationTime('2024-11-25T13:00:00Z', '2024-11-25T14:30:00+01:00', 'L2')).toMatchObject({
      code: 'MOTIVATION_TOO_LATE',
    });
    // 13:30+01:00 is 12:30Z, before.
    expect(checkMotivationTime('2024-11-25T13:00:00Z', '2024-11-25T13:30:00+01:00', 'L2')).toBeNull();
    expect(checkMotivationTime(undefined, '2030-01-01T00:00:00Z', 'L2')).toBeNull();
  });
});

// ---------------------------------------------------------------- checkParagraph

describe('checkParagraph (R-H4, R-H5, R-H15)', () => {
  it('R-H5: a proposal id referred to by the method or a reservation must exist (UNKNOWN_PROPOSAL)', () => {
    expect(checkParagraph(FULL, withMethod({ kind: 'ACKLAMATION', adopted: 'C' }))).toMatchObject({
      code: 'UNKNOWN_PROPOSAL',
      ruleId: 'R-H5',
      details: { proposal: 'C' },
    });
    expect(checkParagraph(FULL, withMethod(openVote('L1:J', 'A', { nej: 'X' })))).toMatchObject({
      code: 'UNKNOWN_PROPOSAL',
      details: { proposal: 'X' },
    });
    expect(
      checkParagraph(FULL, paragraph({ reservations: [{ members: [{ name: 'L2' }], inFavourOf: 'Z' }] })),
    ).toMatchObject({
      code: 'UNKNOWN_PROPOSAL',
      details: { proposal: 'Z' },
    });
  });

  it('R-H5: two proposals with the same id are refused (DUPLICATE_PROPOSAL_ID)', () => {
    const p = paragraph({
      proposals: [
        { id: 'A', by: [{ name: 'L1' }], text: 'x' },
        { id: 'A', by: [{ name: 'L2' }], text: 'y' },
      ],
    });
    expect(checkParagraph(FULL, p)).toMatchObject({ code: 'DUPLICATE_PROPOSAL_ID', ruleId: 'R-H5' });
  });

  it('R-H15: a protokollsanteckning by someone absent is refused (NOT_AT_MEETING); by anyone present it is accepted', () => {
    expect(
      checkParagraph(
        FULL,
        paragraph({
          protokollsanteckningar: [{ member: { name: 'Frånvarande' }, text: 'Anteckning', allowedByChair: true }],
        }),
      ),
    ).toMatchObject({
      code: 'NOT_AT_MEETING',
      ruleId: 'R-H15',
      details: { member: 'Frånvarande' },
    });
    // Not a reservation: even a non-serving ersättare present may have one recorded if the chair allows it.
    expect(
      checkParagraph(
        FULL,
        paragraph({ protokollsanteckningar: [{ member: { name: 'E1' }, text: 'Anteckning', allowedByChair: true }] }),
      ),
    ).toBeNull();
  });

  it('R-H4: a jäv declaration by someone not at the meeting is refused (NOT_AT_MEETING)', () => {
    expect(checkParagraph(FULL, paragraph({ jav: [{ member: 'Nobody', reason: 'x' }] }))).toMatchObject({
      code: 'NOT_AT_MEETING',
      ruleId: 'R-H4',
    });
  });

  it('R-H2: checkParagraph refuses a paragraph of a meeting that is not quorate', () => {
    const small = meeting([ledamot('L1'), ledamot('L2'), ledamot('L3'), ledamot('L4'), att('E1', 'ERSATTARE')]);
    expect(checkParagraph(small, paragraph())).toMatchObject({ code: 'NOT_QUORATE', ruleId: 'R-H2' });
  });

  it('R-H7, R-H13: checkParagraph runs the method and reservation checks', () => {
    expect(
      checkParagraph(FULL, withMethod({ kind: 'ACKLAMATION', adopted: 'A', voteRequestedBy: 'L3' })),
    ).toMatchObject({ code: 'VOTE_REQUESTED' });
    expect(
      checkParagraph(FULL, paragraph({ reservations: [{ members: [{ name: 'E1' }], inFavourOf: 'B' }] })),
    ).toMatchObject({
      code: 'NOT_ELIGIBLE_TO_RESERVE',
    });
  });
});

// ---------------------------------------------------------------- SEED-MEL (R-H19)

describe('R-H19: the Mellerud socialnämnd paragraph (seed 002)', () => {
  const MOTIVATION =
    'Vi socialdemokrater anser att Socialnämndens verksamhet lyder under mål och budget som beslutats i Melleruds Kommunfullmäktige. ' +
    'Vi yrkar avslag till att i det läget i nämnden besluta om utvidgning av avsiktsförklaring för samverkan med enbart Bengtsfors.';

  const SOCIALNAMNDEN: MeetingFacts = meeting(
    [
      { name: 'Daniel Jensen', party: 'KD', role: 'LEDAMOT', chair: true },
      { name: 'Marianne Sand Wallin', party: 'S', role: 'LEDAMOT' },
      { name: 'Sara Kanyinda', party: 'S', role: 'LEDAMOT' },
      { name: 'Ledamot Fyra', party: 'M', role: 'LEDAMOT' },
      { name: 'Ersättare Fem', party: 'C', role: 'TJANSTGORANDE_ERSATTARE' },
      { name: 'Ersättare Sex', party: 'SD', role: 'ERSATTARE' },
    ],
    { closedAt: '2024-06-12T15:00:00Z', justeringAt: '2024-06-17T10:00:00Z' },
  );

  // The same paragraph the e2e suite records through the API (seed 002).
  const MELLERUD = MELLERUD_PARAGRAPH as DecisionParagraph;

  it('R-H19, R-H2: with 5 serving of 9 (one ersättare not serving) the paragraph passes checkParagraph', () => {
    expect(servingAttendees(SOCIALNAMNDEN)).toHaveLength(5);
    expect(checkParagraph(SOCIALNAMNDEN, MELLERUD)).toBeNull();
    expect(MELLERUD.sendTo).toEqual(['Kommunstyrelsen']);
    expect(parseDiarienummer(MELLERUD.matter.diarienummer!)).toEqual({ series: 'SN', year: 2024, serial: 15 });
  });

  it('R-H19, R-H2: the same paragraph at a meeting without the tjänstgörande ersättare is NOT_QUORATE', () => {
    const four = { ...SOCIALNAMNDEN, attendees: SOCIALNAMNDEN.attendees.filter((a) => a.name !== 'Ersättare Fem') };
    expect(checkParagraph(four, MELLERUD)).toMatchObject({ code: 'NOT_QUORATE' });
  });

  it('R-H19, R-H14: "till förmån för eget förslag" means in favour of B; in favour of the adopted A it is refused', () => {
    const wrong = { ...MELLERUD, reservations: [{ ...MELLERUD.reservations[0], inFavourOf: 'A' }] };
    expect(checkParagraph(SOCIALNAMNDEN, wrong)).toMatchObject({ code: 'RESERVATION_FOR_ADOPTED', ruleId: 'R-H14' });
  });

  it('R-H19, R-H14: an S motivation handed in after the justering time is refused (MOTIVATION_TOO_LATE); the reservation stands', () => {
    const late = {
      ...MELLERUD,
      reservations: [
        { ...MELLERUD.reservations[0], motivation: { text: MOTIVATION, submittedAt: '2024-06-17T10:05:00Z' } },
      ],
    };
    expect(checkParagraph(SOCIALNAMNDEN, late)).toBeNull();
    const { paragraph: recorded, warnings } = withoutLateMotivations(SOCIALNAMNDEN, late);
    expect(warnings).toEqual([expect.objectContaining({ code: 'MOTIVATION_TOO_LATE', ruleId: 'R-H14' })]);
    expect(recorded.reservations).toEqual([{ members: MELLERUD.reservations[0].members, inFavourOf: 'B' }]);
    // The timely motivation of the seed is kept.
    expect(withoutLateMotivations(SOCIALNAMNDEN, MELLERUD)).toEqual({ paragraph: MELLERUD, warnings: [] });
  });

  it('R-H19, R-H13: the non-serving ersättare (SD) could not have joined the reservation', () => {
    const joined = {
      ...MELLERUD,
      reservations: [
        {
          ...MELLERUD.reservations[0],
          members: [...MELLERUD.reservations[0].members, { name: 'Ersättare Sex', party: 'SD' }],
        },
      ],
    };
    expect(checkParagraph(SOCIALNAMNDEN, joined)).toMatchObject({
      code: 'NOT_ELIGIBLE_TO_RESERVE',
      details: { member: 'Ersättare Sex' },
    });
  });
});

// ---------------------------------------------------------------- diarienummer, organ

describe('parseDiarienummer (R-K6)', () => {
  it.each([
    ['KS 2017/61', { series: 'KS', year: 2017, serial: 61 }],
    ['SN 2024/15', { series: 'SN', year: 2024, serial: 15 }],
    ['2013.296.103', { year: 2013, serial: 296, classification: '103' }],
    ['  KS 2017/61  ', { series: 'KS', year: 2017, serial: 61 }],
    ['ks 2017/61', { series: 'KS', year: 2017, serial: 61 }],
    ['KS 2014/0073', { series: 'KS', year: 2014, serial: 73 }],
    ['2013/296', { year: 2013, serial: 296 }],
    // Further shapes R-K6 reports as observed: the "Dnr:" label is not part of the number.
    ['KS/2014/0073', { series: 'KS', year: 2014, serial: 73 }],
    ['Dnr: 2013.296.103', { year: 2013, serial: 296, classification: '103' }],
  ])('R-K6: %s → %j', (dnr, parts) => {
    expect(parseDiarienummer(dnr)).toEqual(parts);
  });

  it.each(['', 'okänt diarienummer', 'KS', '17/61', 'KS 2017', '2013', 'Dnr:'])(
    'R-K6: unparseable %j → {} (the string itself stays the identity)',
    (dnr) => {
      expect(parseDiarienummer(dnr)).toEqual({});
    },
  );
});

describe('organOfBody', () => {
  it.each([
    ['KF', 'KF'],
    ['KS', 'KS'],
    ['NAMND', 'NAMND'],
    ['UTSKOTT', 'NAMND'],
  ])('R-H1: body %s drives workflows as %s', (kind, organ) => {
    expect(organOfBody(kind)).toBe(organ);
  });
});

describe('checkDecisionDrives (D10, R-C11, R-B1, R-C1, R-I8)', () => {
  const decision = {
    municipalityCode: '1439',
    collaboration: 'dalslandssamverkan',
    subject: 'DECLARATION_ADOPTION',
    protocolState: 'justerat',
  };
  const target = {
    municipalityCode: '1439',
    collaboration: 'dalslandssamverkan',
    eventType: 'FULLMAKTIGE_ADOPTED_DECLARATION',
  };

  it('D10: a justerat decision of the right municipality, collaboration and subject drives the event; a minimal record too', () => {
    for (const protocolState of ['justerat', 'anslaget', 'presumedFinal', 'appealed', 'final', null]) {
      expect(checkDecisionDrives({ ...decision, protocolState }, target)).toBeNull();
    }
  });

  it.each([
    ['FULLMAKTIGE_ADOPTED_DECLARATION', 'R-B1'],
    ['ENTRY_DECIDED', 'R-B1'],
    ['FULLMAKTIGE_REQUESTED_EXIT', 'R-C1'],
    ['EXIT_REQUEST_WITHDRAWN', 'R-C1'],
    ['AMENDMENT_APPROVED', 'R-D1'],
    ['PARTICIPATION_DECIDED', 'R-F2'],
  ])(
    'a decision about another subject refuses %s under the rule that asks for its subject (%s)',
    (eventType, ruleId) => {
      const refused = checkDecisionDrives({ ...decision, subject: 'OTHER' }, { ...target, eventType });
      expect(refused).toMatchObject({ code: 'DECISION_WRONG_SUBJECT', ruleId });
      expect(refused?.message).toContain(SUBJECT_OF_EVENT[eventType]);
    },
  );

  it('every event that needs a decision of a subject names a rule for it', () => {
    for (const eventType of Object.keys(SUBJECT_OF_EVENT)) {
      const refused = checkDecisionDrives({ ...decision, subject: 'OTHER' }, { ...target, eventType });
      expect(refused?.ruleId).toMatch(/^R-[A-Z]\d+$/);
    }
  });

  it('R-B1, R-C1, R-I8, R-C11: wrong municipality, collaboration or subject, a draft, an annulled decision are refused', () => {
    expect(checkDecisionDrives({ ...decision, municipalityCode: '1461' }, target)).toMatchObject({
      code: 'DECISION_WRONG_MUNICIPALITY',
      ruleId: 'R-B1',
    });
    expect(checkDecisionDrives({ ...decision, collaboration: 'vastra-malardalen' }, target)).toMatchObject({
      code: 'DECISION_WRONG_COLLABORATION',
    });
    expect(checkDecisionDrives(decision, { ...target, eventType: 'FULLMAKTIGE_REQUESTED_EXIT' })).toMatchObject({
      code: 'DECISION_WRONG_SUBJECT',
      ruleId: 'R-C1',
    });
    expect(checkDecisionDrives({ ...decision, protocolState: 'draft' }, target)).toMatchObject({
      code: 'DECISION_NOT_JUSTERAT',
      ruleId: 'R-I8',
    });
    expect(checkDecisionDrives({ ...decision, protocolState: 'annulled' }, target)).toMatchObject({
      code: 'DECISION_ANNULLED',
      ruleId: 'R-C11',
    });
  });
});
