/** The events and bounds of protocol v2's model-based paths (protocol-v2.paths.spec.ts). */
import type { SnapshotFrom } from 'xstate';
import { addDays } from '../../machines/calendar/calendar';
import type { DecisionParagraph, MeetingFacts } from '../../machines/protocol/decision.types';
import type { ProtocolEvent, ProtocolInput } from '../../machines/protocol/protocol.types';
import type { protocolMachineV2 } from '../../machines/protocol/protocol.v2.machine';
import { inhibitionInForce } from '../../machines/protocol/protocol.v2.rules';

export type Snap = SnapshotFrom<typeof protocolMachineV2>;

const MEETING: MeetingFacts = {
  bodyKind: 'NAMND',
  bodyName: 'Socialnämnden',
  memberCount: 5,
  municipality: '1461',
  date: '2024-11-20',
  attendees: [
    { name: 'Daniel Jensen', party: 'KD', role: 'LEDAMOT', chair: true },
    { name: 'Sara Kanyinda', party: 'S', role: 'LEDAMOT' },
    { name: 'Ledamot Fyra', party: 'M', role: 'LEDAMOT' },
  ],
  closedAt: '2024-11-20T16:00:00Z',
};

const PARAGRAPH: DecisionParagraph = {
  paragraphNumber: '§ 45',
  matter: { title: 'Avsiktsförklaring', diarienummer: 'SN 2024/15' },
  subject: 'OTHER',
  beslutsunderlag: ['Tjänsteskrivelse'],
  proposals: [
    { id: 'A', by: [{ name: 'Daniel Jensen', party: 'KD' }], text: 'bifall' },
    { id: 'B', by: [{ name: 'Sara Kanyinda', party: 'S' }], text: 'avslag' },
  ],
  beslutsgang: ['Ordföranden finner att socialnämnden bifaller förslaget.'],
  method: { kind: 'ACKLAMATION', adopted: 'A' },
  decision: { attSatser: ['anta avsiktsförklaringen.'] },
  jav: [],
  reservations: [{ members: [{ name: 'Sara Kanyinda', party: 'S' }], inFavourOf: 'B' }],
  protokollsanteckningar: [],
  sendTo: [],
};

/** R-I15: the amendment the model offers: the paragraph is only beredning (no appeal clock). */
const BEREDNING: DecisionParagraph = { ...PARAGRAPH, nature: 'BEREDNING' };

export const INPUT: ProtocolInput = { decisionId: 'dec-45', meeting: MEETING, paragraph: PARAGRAPH };
export const JUSTERARE = ['Daniel Jensen', 'Ledamot Fyra'];
const COURT = 'Förvaltningsrätten i Göteborg';

/** Every event type with concrete payloads, each meant to pass or to be refused by a named rule. */
export function eventsFor(s: Snap): ProtocolEvent[] {
  const c = s.context;
  const justeradOn = c.justeradOn ?? '2024-12-02';
  const finalFrom = c.finalFrom ?? '2024-12-28';
  const lastDay = c.appealLastDay ?? '2024-12-27';
  const received = c.appeal?.receivedOn ?? '2024-12-20';
  const ordered = inhibitionInForce(c)?.orderedOn ?? addDays(received, 5);
  return [
    { type: 'PARAGRAPH_AMENDED', paragraph: BEREDNING, reason: 'Endast beredning' },
    { type: 'JUSTERAT', justeradOn: '2024-12-02', justerare: JUSTERARE },
    { type: 'JUSTERAT', justeradOn: '2024-11-19', justerare: JUSTERARE }, // refused (R-I1)
    { type: 'JUSTERAT', justeradOn: '2024-12-10', justerare: JUSTERARE }, // late (JUSTERING_LATE)
    // R-I1: the day after meeting + 14 days (2024-12-04 Wed) is 2024-12-05; a day earlier is refused.
    { type: 'JUSTERING_DEADLINE_PASSED', on: '2024-12-05' },
    { type: 'JUSTERING_DEADLINE_PASSED', on: '2024-12-04' }, // refused
    { type: 'ANSLAG_POSTED', anslagOn: addDays(justeradOn, 2) },
    { type: 'ANSLAG_POSTED', anslagOn: addDays(justeradOn, -1) }, // refused (R-I4)
    // R-I4: justering Mon 2024-12-02 + 2 = Wed 2024-12-04; passed on 2024-12-05.
    { type: 'ANSLAG_DEADLINE_PASSED', on: addDays(justeradOn, 3) },
    { type: 'ANSLAG_DEADLINE_PASSED', on: addDays(justeradOn, 2) }, // refused
    { type: 'APPEAL_PERIOD_ENDED', on: finalFrom },
    { type: 'APPEAL_RECEIVED', receivedOn: lastDay, court: COURT, caseNumber: '1234-25' },
    { type: 'APPEAL_RECEIVED', receivedOn: finalFrom, court: COURT }, // R-I14: recorded as late
    { type: 'NO_APPEAL_CONFIRMED', confirmedOn: addDays(finalFrom, 10) },
    { type: 'NO_APPEAL_CONFIRMED', confirmedOn: addDays(finalFrom, -1) }, // refused
    { type: 'APPEAL_DECIDED', outcome: 'REJECTED', decidedOn: addDays(received, 100) },
    { type: 'APPEAL_DECIDED', outcome: 'ANNULLED', decidedOn: addDays(received, 100) },
    { type: 'APPEAL_DECIDED', outcome: 'DISMISSED', decidedOn: addDays(finalFrom, 30) },
    { type: 'APPEAL_DECIDED', outcome: 'ANNULLED', decidedOn: '2024-11-01' }, // refused (R-I5)
    // R-I13
    { type: 'INHIBITION_ORDERED', court: COURT, caseNumber: '1234-25', orderedOn: addDays(received, 5) },
    { type: 'INHIBITION_ORDERED', court: COURT, orderedOn: addDays(received, -1) }, // refused
    { type: 'INHIBITION_LIFTED', liftedOn: addDays(ordered, 10) },
    { type: 'INHIBITION_LIFTED', liftedOn: addDays(ordered, -1) }, // refused
    { type: 'CORRECTION_RECORDED', correctedOn: justeradOn, reason: 'Skrivfel', text: 'Rättelse' },
    {
      type: 'RESERVATION_MOTIVATION_SUBMITTED',
      member: 'Sara Kanyinda',
      text: 'x',
      submittedAt: '2024-11-28T09:00:00Z',
    },
    {
      type: 'RESERVATION_MOTIVATION_SUBMITTED',
      member: 'Ledamot Fyra',
      text: 'y',
      submittedAt: '2024-11-28T09:00:00Z',
    }, // refused
  ];
}

export const EVENT_TYPES = [
  'PARAGRAPH_AMENDED',
  'JUSTERAT',
  'JUSTERING_DEADLINE_PASSED',
  'ANSLAG_POSTED',
  'ANSLAG_DEADLINE_PASSED',
  'APPEAL_PERIOD_ENDED',
  'APPEAL_RECEIVED',
  'NO_APPEAL_CONFIRMED',
  'APPEAL_DECIDED',
  'INHIBITION_ORDERED',
  'INHIBITION_LIFTED',
  'CORRECTION_RECORDED',
  'RESERVATION_MOTIVATION_SUBMITTED',
] as const satisfies ReadonlyArray<ProtocolEvent['type']>;

export const beyondBound = (s: Snap) =>
  s.context.corrections.length > 0 ||
  (s.context.inhibitions?.length ?? 0) > 1 ||
  (s.context.lateAppeals?.length ?? 0) > 1;
