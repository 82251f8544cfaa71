/**
 * Unit tests of machines/protocol/participation.rules.ts (R-H12: not taking part, abstaining in myndighetsutövning)
 * and machines/protocol/openness.rules.ts (R-H18: meetings open to the public). Pure: built by hand.
 */
import { checkParagraph, checkReservations } from '../../machines/protocol/decision.rules';
import { checkParticipation, notTakingPart, tookPart } from '../../machines/protocol/participation.rules';
import {
  checkMeetingOpenness,
  checkOpenMeetingsDecision,
  closedDoorsReason,
  closedDoorsSentence,
  meetingIsPublic,
  opennessSentence,
} from '../../machines/protocol/openness.rules';
import type { Attendee, DecisionParagraph, MeetingFacts, Vote } from '../../machines/protocol/decision.types';

const ledamot = (name: string, extra: Partial<Attendee> = {}): Attendee => ({ name, role: 'LEDAMOT', ...extra });

/** A nämnd of 7, all present (L1 chairs), and an ersättare who does not serve. */
const MEETING: MeetingFacts = {
  bodyKind: 'NAMND',
  bodyName: 'Socialnämnden',
  memberCount: 7,
  municipality: '1461',
  date: '2024-11-19',
  attendees: [
    ...['L1', 'L2', 'L3', 'L4', 'L5', 'L6', 'L7'].map((n) => ledamot(n, n === 'L1' ? { chair: true } : {})),
    { name: 'E1', role: 'ERSATTARE' },
  ],
};

function paragraph(extra: Partial<DecisionParagraph> = {}): DecisionParagraph {
  return {
    paragraphNumber: '§ 1',
    matter: { title: 'Ärende' },
    subject: 'OTHER',
    beslutsunderlag: [],
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

/** An open vote A (ja) against B (nej): L1–L4 ja, L5 nej, the rest as given. */
function vote(rest: Vote[]): DecisionParagraph['method'] {
  const yes: Vote[] = ['L1', 'L2', 'L3', 'L4'].map((member) => ({ member, vote: 'JA' }));
  return {
    kind: 'OPEN_VOTE',
    adopted: 'A',
    ja: 'A',
    nej: 'B',
    votes: [...yes, { member: 'L5', vote: 'NEJ' }, ...rest],
  };
}

const reserving = (name: string) => [{ members: [{ name }], inFavourOf: 'B' }];

describe('R-H12 not taking part in a decision', () => {
  it('R-H12: announced before the question was put, the member is not among those who took part', () => {
    const p = paragraph({ notParticipating: [{ member: 'L6', announcedBeforeQuestion: true }] });
    expect([...notTakingPart(p)]).toEqual(['L6']);
    expect(tookPart(MEETING, p).map((a) => a.name)).not.toContain('L6');
    expect(checkParagraph(MEETING, p)).toBeNull();
  });

  it('R-H12, R-H13: announced in time, the member cannot reserve (acklamation)', () => {
    const p = paragraph({
      notParticipating: [{ member: 'L6', announcedBeforeQuestion: true }],
      reservations: reserving('L6'),
    });
    const r = checkReservations(MEETING, p);
    expect(r).toMatchObject({ code: 'NOT_ELIGIBLE_TO_RESERVE', ruleId: 'R-H13', details: { notParticipating: true } });
    expect(r?.message).toContain('R-H12');
    expect(r?.messageSv).toContain('inte deltar i beslutet');
  });

  it('R-H12: announced too late, the member is deemed to have taken part in an acklamation and may reserve', () => {
    const p = paragraph({
      notParticipating: [{ member: 'L6', announcedBeforeQuestion: false }],
      reservations: reserving('L6'),
    });
    expect(notTakingPart(p).size).toBe(0);
    expect(tookPart(MEETING, p).map((a) => a.name)).toContain('L6');
    expect(checkParagraph(MEETING, p)).toBeNull();
  });

  it('R-H12: not announced at all, a member in an acklamation took part and may reserve', () => {
    expect(checkParagraph(MEETING, paragraph({ reservations: reserving('L7') }))).toBeNull();
  });

  it('R-H12: announced in time, the member cannot be in the vote list with ja or nej', () => {
    for (const v of ['JA', 'NEJ'] as const) {
      const p = paragraph({
        method: vote([{ member: 'L6', vote: v }]),
        notParticipating: [{ member: 'L6', announcedBeforeQuestion: true }],
      });
      expect(checkParagraph(MEETING, p)).toMatchObject({
        code: 'NOT_PARTICIPATING_VOTED',
        ruleId: 'R-H12',
        details: { member: 'L6', vote: v },
      });
    }
  });

  it('R-H12: announced in time and listed as avstår in a vote is no vote cast: recorded, and no reservation', () => {
    const p = paragraph({
      method: vote([{ member: 'L6', vote: 'AVSTAR' }]),
      notParticipating: [{ member: 'L6', announcedBeforeQuestion: true }],
    });
    expect(checkParagraph(MEETING, p)).toBeNull();
    expect(checkParagraph(MEETING, { ...p, reservations: reserving('L6') })?.code).toBe('NOT_ELIGIBLE_TO_RESERVE');
  });

  it('R-H12: announced too late in a vote, the vote the member cast stands and the member may reserve', () => {
    const p = paragraph({
      method: vote([{ member: 'L6', vote: 'NEJ' }]),
      notParticipating: [{ member: 'L6', announcedBeforeQuestion: false }],
      reservations: reserving('L6'),
    });
    expect(checkParagraph(MEETING, p)).toBeNull();
  });

  it('R-H12: only a serving, non-jävig member at the meeting announces not taking part', () => {
    const stranger = paragraph({ notParticipating: [{ member: 'X', announcedBeforeQuestion: true }] });
    expect(checkParticipation(MEETING, stranger)).toMatchObject({ code: 'NOT_AT_MEETING', ruleId: 'R-H12' });
    const ersattare = paragraph({ notParticipating: [{ member: 'E1', announcedBeforeQuestion: true }] });
    expect(checkParticipation(MEETING, ersattare)).toMatchObject({
      code: 'NOT_PARTICIPATING_NOT_SERVING',
      ruleId: 'R-H12',
    });
    const javig = paragraph({
      jav: [{ member: 'L7', reason: 'närstående' }],
      notParticipating: [{ member: 'L7', announcedBeforeQuestion: true }],
    });
    expect(checkParticipation(MEETING, javig)?.code).toBe('NOT_PARTICIPATING_NOT_SERVING');
  });

  it('R-H12: in myndighetsutövning mot enskild a serving member who took part in the handling may not abstain', () => {
    const p = paragraph({ myndighetsutovning: true, method: vote([{ member: 'L6', vote: 'AVSTAR' }]) });
    const r = checkParagraph(MEETING, p);
    expect(r).toMatchObject({
      code: 'MUST_TAKE_PART_IN_MYNDIGHETSUTOVNING',
      ruleId: 'R-H12',
      details: { member: 'L6', announced: false },
    });
    expect(r?.message).toContain('myndighetsutövning mot enskild');
    expect(r?.messageSv).toContain('får inte avstå');
    // The same vote outside myndighetsutövning is recorded.
    expect(checkParagraph(MEETING, { ...p, myndighetsutovning: false })).toBeNull();
  });

  it('R-H12: in myndighetsutövning mot enskild no such member announces not taking part, in time or late', () => {
    for (const announcedBeforeQuestion of [true, false]) {
      const p = paragraph({
        myndighetsutovning: true,
        notParticipating: [{ member: 'L6', announcedBeforeQuestion }],
      });
      expect(checkParagraph(MEETING, p)).toMatchObject({
        code: 'MUST_TAKE_PART_IN_MYNDIGHETSUTOVNING',
        details: { member: 'L6', announced: true },
      });
    }
  });

  it('R-H12: in myndighetsutövning mot enskild a jävig member took no part in the handling and stays out', () => {
    const p = paragraph({ myndighetsutovning: true, jav: [{ member: 'L7', reason: 'part i ärendet' }] });
    expect(checkParagraph(MEETING, p)).toBeNull();
  });
});

describe('R-H18 meetings open to the public', () => {
  const decision = { decidedOn: '2023-01-30', reference: 'KF § 12' };
  const namnd = { kind: 'NAMND', name: 'Socialnämnden' };

  it('R-H18: a fullmäktige meeting is public, also when the record says nothing; it is never recorded closed', () => {
    const kf = { kind: 'KF', name: 'Kommunfullmäktige' };
    expect(meetingIsPublic('KF', undefined)).toBe(true);
    expect(meetingIsPublic('KF', null)).toBe(true);
    expect(checkMeetingOpenness(kf, undefined)).toBeNull();
    expect(checkMeetingOpenness(kf, true)).toBeNull();
    const r = checkMeetingOpenness(kf, false);
    expect(r).toMatchObject({ code: 'FULLMAKTIGE_MEETS_IN_PUBLIC', ruleId: 'R-H18' });
    expect(r?.messageSv).toContain('offentliga');
  });

  it('R-H18: open from the day fullmäktige allowed it, not a day before (a meeting of that day may be open)', () => {
    const allowed = { ...namnd, openMeetingsDecision: decision };
    expect(checkMeetingOpenness(allowed, true, '2023-01-29')).toMatchObject({
      code: 'OPEN_MEETING_NOT_ALLOWED',
      ruleId: 'R-H18',
      details: { allowedFrom: '2023-01-30', meetingDate: '2023-01-29' },
    });
    expect(checkMeetingOpenness(allowed, true, '2023-01-30')).toBeNull();
    expect(checkMeetingOpenness(allowed, true, '2024-12-31')).toBeNull();
    // A closed meeting before the decision is what the nämnd did then: nothing to refuse.
    expect(checkMeetingOpenness(allowed, false, '2022-12-31')).toBeNull();
  });

  it('R-H18: a decision allowing open meetings is a nämnd’s: fullmäktige always meets in public', () => {
    expect(checkOpenMeetingsDecision({ kind: 'KF', name: 'Kommunfullmäktige' })).toMatchObject({
      code: 'FULLMAKTIGE_MEETS_IN_PUBLIC',
      ruleId: 'R-H18',
    });
    for (const kind of ['NAMND', 'KS', 'UTSKOTT']) expect(checkOpenMeetingsDecision({ kind, name: 'N' })).toBeNull();
  });

  it('R-H18: a nämnd meeting is closed unless recorded open; open without fullmäktige’s decision is refused', () => {
    expect(meetingIsPublic('NAMND', undefined)).toBe(false);
    expect(meetingIsPublic('NAMND', false)).toBe(false);
    expect(checkMeetingOpenness(namnd, undefined)).toBeNull();
    expect(checkMeetingOpenness(namnd, false)).toBeNull();
    for (const kind of ['NAMND', 'KS', 'UTSKOTT']) {
      const r = checkMeetingOpenness({ kind, name: 'Nämnden', openMeetingsDecision: null }, true);
      expect(r).toMatchObject({ code: 'OPEN_MEETING_NOT_ALLOWED', ruleId: 'R-H18' });
      expect(r?.message).toContain('fullmäktige');
      expect(r?.messageSv).toContain('fullmäktige har medgett');
    }
  });

  it('R-H18: a nämnd meeting with fullmäktige’s decision recorded on the body may be open', () => {
    expect(checkMeetingOpenness({ ...namnd, openMeetingsDecision: decision }, true)).toBeNull();
    expect(meetingIsPublic('NAMND', true)).toBe(true);
  });

  it('R-H18: at an open nämnd meeting myndighetsutövning and secrecy are handled behind closed doors', () => {
    expect(closedDoorsReason('NAMND', true, { myndighetsutovning: true }, false)).toBe('MYNDIGHETSUTOVNING');
    expect(closedDoorsReason('NAMND', true, {}, true)).toBe('SECRECY');
    expect(closedDoorsReason('NAMND', true, {}, false)).toBeNull();
    // A closed meeting is closed throughout; fullmäktige has no such paragraph rule here.
    expect(closedDoorsReason('NAMND', false, { myndighetsutovning: true }, true)).toBeNull();
    expect(closedDoorsReason('KF', true, { myndighetsutovning: true }, true)).toBeNull();
    expect(closedDoorsSentence('MYNDIGHETSUTOVNING').sv).toContain('stängda dörrar');
    expect(closedDoorsSentence('SECRECY').sv).toContain('sekretess');
  });

  it('R-H18: the sentences of an open and a closed meeting', () => {
    expect(opennessSentence(true)).toEqual({ en: 'Public meeting', sv: 'Offentligt sammanträde' });
    expect(opennessSentence(false).sv).toBe('Sammanträdet är inte offentligt');
  });
});
