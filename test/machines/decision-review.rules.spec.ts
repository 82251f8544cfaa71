/**
 * Unit tests of the rules a review of the decision records against the rulebook changed: R-H15 (a protokollsanteckning
 * only when the chair allowed it), R-K6 (one case per diarienummer in a municipality's diarium), R-H11 (the tie rules
 * say their source is still to be verified), R-E2 (the council-approval refusal names its own rule), and the example
 * mark of demo data. Pure: meetings and paragraphs are built by hand.
 */
import { EXAMPLE_LABEL, EXAMPLE_NOTE, exampleMarkOf } from '../../machines/kernel/example-mark';
import { checkCouncilDecision } from '../../machines/membership/exit.rules';
import { checkMethod, checkParagraph } from '../../machines/protocol/decision.rules';
import type { DecisionParagraph, MeetingFacts, Vote } from '../../machines/protocol/decision.types';
import { checkSameCase, normaliseMatterTitle } from '../../machines/protocol/diarium.rules';
import { TIE_RULE_SOURCE } from '../../machines/protocol/votes.rules';
import { exampleMark, fictitiousUrl, unnamed } from '../../src/seed/demo-marks';

const NAMES = ['L1', 'L2', 'L3', 'L4', 'L5', 'L6'];
const MEETING: MeetingFacts = {
  bodyKind: 'NAMND',
  bodyName: 'Socialnämnden',
  memberCount: 9,
  municipality: '1461',
  date: '2024-11-19',
  attendees: NAMES.map((name, i) => ({ name, role: 'LEDAMOT' as const, ...(i === 0 ? { chair: true } : {}) })),
};

function paragraph(extra: Partial<DecisionParagraph> = {}): DecisionParagraph {
  return {
    paragraphNumber: '§ 1',
    matter: { title: 'Ärende' },
    subject: 'OTHER',
    beslutsunderlag: [],
    proposals: [
      { id: 'A', by: [{ name: 'L1' }], text: 'Bifall' },
      { id: 'B', by: [{ name: 'L2' }], text: 'Avslag' },
    ],
    beslutsgang: ['Ordföranden finner att nämnden bifaller A.'],
    method: { kind: 'ACKLAMATION', adopted: 'A' },
    decision: { attSatser: ['bifalla.'] },
    jav: [],
    reservations: [],
    protokollsanteckningar: [],
    sendTo: [],
    ...extra,
  };
}

describe('R-H15: a protokollsanteckning is recorded only when the chair allowed it', () => {
  const note = (allowedByChair: boolean) => ({ member: { name: 'L3' }, text: 'Anteckning', allowedByChair });

  it('R-H15: allowedByChair false → PROTOKOLLSANTECKNING_NOT_ALLOWED naming the member', () => {
    expect(checkParagraph(MEETING, paragraph({ protokollsanteckningar: [note(true), note(false)] }))).toEqual({
      code: 'PROTOKOLLSANTECKNING_NOT_ALLOWED',
      ruleId: 'R-H15',
      message: expect.stringContaining('The chair did not allow'),
      messageSv: expect.stringContaining('Ordföranden har inte medgett'),
      details: { member: 'L3', allowedByChair: false },
    });
  });

  it('R-H15: an allowed one passes; someone not at the meeting is still NOT_AT_MEETING first', () => {
    expect(checkParagraph(MEETING, paragraph({ protokollsanteckningar: [note(true)] }))).toBeNull();
    const stranger = { member: { name: 'X' }, text: 'Anteckning', allowedByChair: false };
    expect(checkParagraph(MEETING, paragraph({ protokollsanteckningar: [stranger] }))?.code).toBe('NOT_AT_MEETING');
  });
});

describe('R-K6: a diarienummer names one case within its municipality’s diarium', () => {
  const registered = {
    municipality: '1461',
    diarium: 'SN',
    diarienummer: 'SN 2024/15',
    title: 'Avsiktsförklaring 1.2',
  };

  it('R-K6: the same title, normalised (case, spacing, a final full stop, NFC), is the same case', () => {
    expect(normaliseMatterTitle('  Avsiktsförklaring   1.2. ')).toBe('avsiktsförklaring 1.2');
    expect(normaliseMatterTitle('A\u0308mål')).toBe('ämål');
    for (const title of ['Avsiktsförklaring 1.2', 'avsiktsförklaring 1.2.', 'AVSIKTSFÖRKLARING  1.2'])
      expect({ title, refusal: checkSameCase(registered, title) }).toEqual({ title, refusal: null });
  });

  it('R-K6: another title under the number → DIARIENUMMER_OTHER_CASE with both titles', () => {
    for (const title of ['Avsiktsförklaring 1.3', 'Budget 2025', 'Avsiktsförklaring 1.2, återrapport']) {
      expect(checkSameCase(registered, title)).toEqual({
        code: 'DIARIENUMMER_OTHER_CASE',
        ruleId: 'R-K6',
        message: expect.stringContaining('another case'),
        messageSv: expect.stringContaining('ett annat ärende'),
        details: {
          municipality: '1461',
          diarium: 'SN',
          diarienummer: 'SN 2024/15',
          registeredTitle: registered.title,
          title,
        },
      });
    }
  });
});

describe('R-H11: the tie rules say their source is still to be verified', () => {
  const votes = (ja: number, nej: number): Vote[] =>
    NAMES.slice(0, ja + nej).map((member, i) => ({ member, vote: i < ja ? 'JA' : 'NEJ' }));
  const tie = { ja: 'A', nej: 'B', adopted: 'A', votes: votes(3, 3) };

  it.each([
    [{ kind: 'OPEN_VOTE', ...tie }, 'TIE_NEEDS_CASTING_VOTE'],
    [{ kind: 'OPEN_VOTE', election: true, ...tie }, 'TIE_NEEDS_LOTTNING'],
    [{ kind: 'CASTING_VOTE', ...tie, votes: votes(4, 2) }, 'NOT_A_TIE'],
    [{ kind: 'CASTING_VOTE', election: true, ...tie }, 'CASTING_VOTE_IN_ELECTION'],
    [{ kind: 'CASTING_VOTE', ...tie, votes: tie.votes.slice(1) }, 'NOT_A_TIE'],
    [{ kind: 'LOTTNING', lotFellOn: 'A', ...tie }, 'LOTTNING_ONLY_IN_ELECTIONS'],
  ] as const)('R-H11: %j → %s with sourceToBeVerified', (method, code) => {
    const r = checkMethod(MEETING, paragraph({ method: method as DecisionParagraph['method'] }));
    expect(r).toMatchObject({ code, ruleId: 'R-H11', details: expect.objectContaining(TIE_RULE_SOURCE) });
    expect(r!.details!.sourceToBeVerified).toBe(true);
  });

  it('R-H11: CHAIR_DID_NOT_VOTE says so too; R-H10 (a result mismatch) does not', () => {
    const chairAbstains = tie.votes.map((v) => (v.member === 'L1' ? { ...v, vote: 'AVSTAR' as const } : v));
    const noChair = checkMethod(
      { ...MEETING, attendees: [...MEETING.attendees, { name: 'L7', role: 'LEDAMOT' }] },
      paragraph({ method: { kind: 'CASTING_VOTE', ...tie, votes: [...chairAbstains, { member: 'L7', vote: 'JA' }] } }),
    );
    expect(noChair).toMatchObject({ code: 'CHAIR_DID_NOT_VOTE', details: TIE_RULE_SOURCE });
    const mismatch = checkMethod(
      MEETING,
      paragraph({ method: { kind: 'OPEN_VOTE', ja: 'A', nej: 'B', adopted: 'B', votes: votes(4, 2) } }),
    );
    expect(mismatch?.code).toBe('VOTE_RESULT_MISMATCH');
    expect(mismatch?.details).not.toHaveProperty('sourceToBeVerified');
  });
});

describe('R-E2: the refusal of a council approval names its own rule', () => {
  it('R-E2: COUNCIL_NOT_DECISION_MAKING, ruleId R-E2, and both messages say (R-E2)', () => {
    const r = checkCouncilDecision();
    expect(r).toMatchObject({ code: 'COUNCIL_NOT_DECISION_MAKING', ruleId: 'R-E2' });
    expect(r.message).toMatch(/\(R-E2\)\.$/);
    expect(r.messageSv).toMatch(/\(R-E2\)\.$/);
  });
});

describe('the example mark of demo data (src/seed/demo-marks.ts)', () => {
  it('exampleMark: example true, the bilingual note, the invented fields, sources and corrections when given', () => {
    expect(exampleMark(['date'])).toEqual({ example: true, note: EXAMPLE_NOTE, fictitious: ['date'] });
    const m = exampleMark([], { sources: ['SEED-PR'], corrected: [{ field: 'x', note: 'y' }], note: 'More.' });
    expect(m).toEqual({
      example: true,
      note: `${EXAMPLE_NOTE} More.`,
      fictitious: [],
      sources: ['SEED-PR'],
      corrected: [{ field: 'x', note: 'y' }],
    });
    expect(EXAMPLE_NOTE).toContain(EXAMPLE_LABEL.sv);
    expect(EXAMPLE_NOTE).toContain(EXAMPLE_LABEL.en);
  });

  it('exampleMarkOf reads only a real mark; placeholders and addresses cannot pass for real', () => {
    expect(exampleMarkOf({ example: exampleMark([]) })).toMatchObject({ example: true });
    for (const data of [undefined, null, {}, { example: true }, { example: { example: 'yes' } }])
      expect(exampleMarkOf(data)).toBeNull();
    expect(unnamed('Kommunstyrelsens ordförande i Dals-Ed')).toBe(
      'Kommunstyrelsens ordförande i Dals-Ed (namnet anges inte i källorna)',
    );
    expect(new URL(fictitiousUrl('mellerud')).hostname.endsWith('.example')).toBe(true);
  });
});
