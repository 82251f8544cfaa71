/**
 * An edge case of the protocol rules that the mutation run found untested (RULEBOOK R-H14 c): when the meeting set a
 * time for justering, that time — not the day the protocol was actually justerat — is the deadline of a written
 * motivation. Pure: the machine is driven as in protocol.machine.spec.ts, with the Mellerud paragraph of the shared
 * fixtures (seed 002).
 */
import { createActor, transition } from 'xstate';
import { explainRefusal } from '../../machines/kernel/explain';
import type { Attendee, DecisionParagraph, MeetingFacts } from '../../machines/protocol/decision.types';
import { protocolDefinition, protocolMachine } from '../../machines/protocol/protocol.machine';
import { checkMotivation } from '../../machines/protocol/protocol.rules';
import type { ProtocolEvent, ProtocolInput } from '../../machines/protocol/protocol.types';
import { MELLERUD, MELLERUD_PARAGRAPH } from '../e2e/kit/fixtures';

/** Socialnämnden as the source document names its members, with two ersättare (one serving). */
const SOCIALNAMNDEN_ATTENDEES: Attendee[] = [
  { name: 'Daniel Jensen', party: 'KD', role: 'LEDAMOT', chair: true },
  { name: 'Marianne Sand Wallin', party: 'S', role: 'LEDAMOT' },
  { name: 'Sara Kanyinda', party: 'S', role: 'LEDAMOT' },
  { name: 'Ledamot Fyra', party: 'M', role: 'LEDAMOT' },
  { name: 'Ersättare Fem', party: 'C', role: 'TJANSTGORANDE_ERSATTARE' },
  { name: 'Ersättare Sex', party: 'SD', role: 'ERSATTARE' },
];

type Ev<T extends ProtocolEvent['type']> = Extract<ProtocolEvent, { type: T }>;

/** Meeting on Wednesday 2024-11-20; the time set for justering is Monday 2 December 14:00 CET (13:00Z). */
const JUSTERING_AT = '2024-12-02T13:00:00Z';
const MEETING: MeetingFacts = {
  bodyKind: 'NAMND',
  bodyName: 'Socialnämnden',
  memberCount: 9,
  municipality: MELLERUD,
  date: '2024-11-20',
  attendees: SOCIALNAMNDEN_ATTENDEES as Attendee[],
  closedAt: '2024-11-20T16:00:00Z',
  justeringAt: JUSTERING_AT,
};
const INPUT: ProtocolInput = {
  decisionId: 'dec-45',
  meeting: MEETING,
  paragraph: MELLERUD_PARAGRAPH as DecisionParagraph,
};

const justera = (justeradOn: string): Ev<'JUSTERAT'> => ({
  type: 'JUSTERAT',
  justeradOn,
  justerare: ['Daniel Jensen', 'Ledamot Fyra'],
});
const motivation = (submittedAt: string): Ev<'RESERVATION_MOTIVATION_SUBMITTED'> => ({
  type: 'RESERVATION_MOTIVATION_SUBMITTED',
  member: 'Sara Kanyinda',
  text: 'Vi socialdemokrater anser …',
  submittedAt,
});

function justeradOn(day: string) {
  const actor = createActor(protocolMachine, { input: INPUT }).start();
  actor.send(justera(day));
  const s = actor.getSnapshot();
  expect(s.value).toBe('justerat');
  expect(s.context.justeradOn).toBe(day);
  return s;
}

describe('written motivation of a reservation when a justering time is set (R-H14 c)', () => {
  it('R-H14: the time set for justering (justeringAt) governs the motivation deadline, not the day the protocol was justerat', () => {
    // Justerat early, on Thursday 28 November: a motivation on 30 November is after that day but before the set time.
    const early = justeradOn('2024-11-28');
    const onTime = motivation('2024-11-30T09:00:00Z');
    expect(checkMotivation(early.context, onTime)).toBeNull();
    expect(transition(protocolMachine, early, onTime)[0].context.motivations).toEqual([
      { member: 'Sara Kanyinda', text: 'Vi socialdemokrater anser …', submittedAt: '2024-11-30T09:00:00Z' },
    ]);

    // Justerat late, on Wednesday 4 December: a motivation on 3 December is before that day but after the set time.
    const late = justeradOn('2024-12-04');
    const tooLate = motivation('2024-12-03T09:00:00Z');
    expect(transition(protocolMachine, late, tooLate)[0]).toBe(late);
    expect(explainRefusal(protocolDefinition, late, tooLate)).toMatchObject({
      guard: 'motivationOk',
      code: 'MOTIVATION_TOO_LATE',
      ruleId: 'R-H14',
      details: { justeringAt: JUSTERING_AT, submittedAt: '2024-12-03T09:00:00Z' },
    });
    // The reservation itself stands.
    expect(late.context.paragraph.reservations).toEqual(MELLERUD_PARAGRAPH.reservations);
  });
});
