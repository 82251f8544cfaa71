/**
 * Edge cases of the decision-paragraph rules that the mutation run found untested (RULEBOOK R-H2, R-H3, R-H5,
 * R-H11). Pure: the meeting is Mellerud's socialnämnd of the shared fixtures (seed 002), varied by hand.
 */
import { MELLERUD } from '../e2e/kit/fixtures';
import { checkParagraph, checkQuorum, servingAttendees } from '../../machines/protocol/decision.rules';
import type { Attendee, DecisionMethod, DecisionParagraph, MeetingFacts } from '../../machines/protocol/decision.types';

/** Socialnämnden as the source document names its members, with two ersättare (one serving). */
const SOCIALNAMNDEN_ATTENDEES: Attendee[] = [
  { name: 'Daniel Jensen', party: 'KD', role: 'LEDAMOT', chair: true },
  { name: 'Marianne Sand Wallin', party: 'S', role: 'LEDAMOT' },
  { name: 'Sara Kanyinda', party: 'S', role: 'LEDAMOT' },
  { name: 'Ledamot Fyra', party: 'M', role: 'LEDAMOT' },
  { name: 'Ersättare Fem', party: 'C', role: 'TJANSTGORANDE_ERSATTARE' },
  { name: 'Ersättare Sex', party: 'SD', role: 'ERSATTARE' },
];

/**
 * Socialnämnden (9 ledamöter): Daniel Jensen (KD, chair), Marianne Sand Wallin (S), Sara Kanyinda (S), Ledamot Fyra
 * (M), Ersättare Fem (C, tjänstgörande) and Ersättare Sex (SD, not serving): five serve, quorum is five.
 */
const ATTENDEES = SOCIALNAMNDEN_ATTENDEES as Attendee[];

function meeting(attendees: Attendee[] = ATTENDEES): MeetingFacts {
  return {
    bodyKind: 'NAMND',
    bodyName: 'Socialnämnden',
    memberCount: 9,
    municipality: MELLERUD,
    date: '2024-06-12',
    attendees,
    closedAt: '2024-06-12T15:00:00Z',
    justeringAt: '2024-06-17T10:00:00Z',
  };
}

/** An election (val) between two candidates, tied 2–2 with one abstention, decided by lottning. */
function election(method: Partial<DecisionMethod>): DecisionParagraph {
  return {
    paragraphNumber: '§ 46',
    matter: { title: 'Val av ledamot i styrgruppen för sociala området', diarienummer: 'SN 2024/16' },
    subject: 'OTHER',
    beslutsunderlag: ['Valberedningens förslag'],
    proposals: [
      { id: 'A', by: [{ name: 'Daniel Jensen', party: 'KD' }], text: 'Ledamot Fyra (M) väljs.' },
      { id: 'B', by: [{ name: 'Marianne Sand Wallin', party: 'S' }], text: 'Sara Kanyinda (S) väljs.' },
    ],
    beslutsgang: ['Omröstning begärs och verkställs; lika röstetal; lottning förrättas.'],
    method: {
      kind: 'LOTTNING',
      election: true,
      adopted: 'A',
      ja: 'A',
      nej: 'B',
      votes: [
        { member: 'Daniel Jensen', vote: 'JA' },
        { member: 'Ledamot Fyra', vote: 'JA' },
        { member: 'Marianne Sand Wallin', vote: 'NEJ' },
        { member: 'Sara Kanyinda', vote: 'NEJ' },
        { member: 'Ersättare Fem', vote: 'AVSTAR' },
      ],
      lotFellOn: 'A',
      ...method,
    },
    decision: { attSatser: ['välja Ledamot Fyra (M).'] },
    jav: [],
    reservations: [],
    protokollsanteckningar: [],
    sendTo: [],
  };
}

describe('lottning (R-H5, R-H11)', () => {
  it('R-H5, R-H11: a lotFellOn that names no proposal of the paragraph is refused (UNKNOWN_PROPOSAL)', () => {
    // The same tied election is recordable when the lot fell on one of its proposals ...
    expect(checkParagraph(meeting(), election({ lotFellOn: 'A' }))).toBeNull();
    // ... and refused when it names a proposal that was never made, whatever was recorded as adopted.
    expect(checkParagraph(meeting(), election({ lotFellOn: 'C' }))).toMatchObject({
      code: 'UNKNOWN_PROPOSAL',
      ruleId: 'R-H5',
      details: { proposal: 'C' },
    });
  });
});

describe('quorum and the chair (R-H2, R-H3)', () => {
  it('R-H2, R-H3: a non-serving ersättare (ERSATTARE) marked as chair does not count toward quorum', () => {
    // Without Ersättare Fem four ledamöter serve; Ersättare Sex, not serving, is (wrongly) marked as chair.
    const attendees: Attendee[] = ATTENDEES.filter((a) => a.name !== 'Ersättare Fem').map(({ chair: _chair, ...a }) =>
      a.name === 'Ersättare Sex' ? { ...a, chair: true } : a,
    );
    const m = meeting(attendees);
    expect(attendees.find((a) => a.chair)).toMatchObject({ name: 'Ersättare Sex', role: 'ERSATTARE' });
    expect(servingAttendees(m).map((a) => a.name)).not.toContain('Ersättare Sex');
    expect(checkQuorum(m, { jav: [] })).toMatchObject({
      code: 'NOT_QUORATE',
      ruleId: 'R-H2',
      details: { memberCount: 9, required: 5, present: 4 },
    });
    expect(checkParagraph(m, election({}))).toMatchObject({ code: 'NOT_QUORATE', ruleId: 'R-H2' });

    // The same chair as a tjänstgörande ersättare serves, and the meeting is quorate.
    const serving = meeting(attendees.map((a) => (a.chair ? { ...a, role: 'TJANSTGORANDE_ERSATTARE' as const } : a)));
    expect(checkQuorum(serving, { jav: [] })).toBeNull();
  });
});
