/**
 * The rules of Samverkansrådet (avsiktsförklaringen §5; RULEBOOK R-E1..R-E3, R-G8; §4.2 G5): two seats per party,
 * meetings and records, and never a decision. Pure functions over the machine's context and an event: each check
 * returns null or the Refusal that names its rule.
 */
import { refusal, type Refusal } from '../kernel/refusal';
import type { EventOf as KernelEventOf } from '../kernel/rule-table';
import { addDays, compareDates } from '../calendar/calendar';
import {
  DECISION_RECORD_KINDS,
  type CouncilContext,
  type CouncilEvent,
  type CouncilSeat,
  type LocalDate,
  type SeatHolder,
} from './council.types';

type EventOf<T extends CouncilEvent['type']> = KernelEventOf<CouncilEvent, T>;

const SEAT_NAMES: Record<CouncilSeat, { en: string; sv: string }> = {
  KSO: { en: 'the chair of the executive board (KSO)', sv: 'kommunstyrelsens ordförande (KSO)' },
  OPPOSITIONSRAD: { en: 'the oppositionsråd (or equivalent)', sv: 'oppositionsrådet (eller motsvarande)' },
};

/** The person on a party's seat on date d, if any. */
export function holderOn(
  context: CouncilContext,
  municipality: string,
  seat: CouncilSeat,
  d: LocalDate,
): SeatHolder | undefined {
  return context.seats.find(
    (s) =>
      s.municipality === municipality &&
      s.seat === seat &&
      compareDates(s.from, d) <= 0 &&
      (!s.to || compareDates(d, s.to) <= 0),
  );
}

/** The latest tenure on a party's seat (open or not). */
export function lastOnSeat(context: CouncilContext, municipality: string, seat: CouncilSeat): SeatHolder | undefined {
  return context.seats.filter((s) => s.municipality === municipality && s.seat === seat).pop();
}

/**
 * R-E1: the KSO seat is the KSO's ("motsvarande" is for the oppositionsråd seat, recorded with its basis), and a new
 * holder of a seat takes it after the holder before (the earlier tenure ends the day before).
 */
export function checkSeating(context: CouncilContext, event: EventOf<'MEMBER_SEATED'>): Refusal | null {
  if (event.equivalent && event.seat === 'KSO') {
    return refusal(
      'KSO_HAS_NO_EQUIVALENT',
      'R-E1',
      "The KSO seat is held by the chair of the executive board; 'or equivalent' applies to the oppositionsråd seat.",
      'KSO-platsen innehas av kommunstyrelsens ordförande; "eller motsvarande" gäller oppositionsrådets plats.',
      { seat: event.seat },
    );
  }
  const last = lastOnSeat(context, event.municipality, event.seat);
  if (last && compareDates(event.from, last.from) <= 0) {
    return refusal(
      'SEAT_CHANGE_OUT_OF_ORDER',
      'R-E1',
      `${last.name} holds ${SEAT_NAMES[event.seat].en} of ${event.municipality} from ${last.from}; a new holder takes the seat after that date.`,
      `${last.name} innehar platsen för ${SEAT_NAMES[event.seat].sv} i ${event.municipality} från ${last.from}; en ny innehavare tar platsen efter det datumet.`,
      {
        municipality: event.municipality,
        seat: event.seat,
        holder: last.name,
        holderFrom: last.from,
        from: event.from,
      },
    );
  }
  return null;
}

/** The seats after a seating: the seat's open tenure ends the day before the new one begins. */
export function seated(context: CouncilContext, event: EventOf<'MEMBER_SEATED'>): SeatHolder[] {
  const seats = context.seats.map((s) =>
    s.municipality === event.municipality && s.seat === event.seat && !s.to ? { ...s, to: addDays(event.from, -1) } : s,
  );
  const holder: SeatHolder = {
    municipality: event.municipality,
    seat: event.seat,
    name: event.name,
    from: event.from,
  };
  if (event.politicalParty) holder.politicalParty = event.politicalParty;
  if (event.equivalent) holder.equivalent = { office: event.equivalent.office, basis: event.equivalent.basis };
  if (event.note !== undefined) holder.note = event.note;
  return [...seats, holder];
}

/**
 * R-E2: the council is not a decision-making body: a record typed as a decision (BESLUT) or an approval is refused;
 * R-G8: a cost arrangement sent to the council is information, never its approval. A record of a meeting names a
 * meeting of this council and is not dated before it.
 */
export function checkRecord(context: CouncilContext, event: EventOf<'RECORD_ADDED'>): Refusal | null {
  if ((DECISION_RECORD_KINDS as readonly string[]).includes(event.kind)) {
    if (event.subject === 'COST_ARRANGEMENT') {
      return refusal(
        'COUNCIL_NOT_DECISION_MAKING',
        'R-G8',
        'A cost arrangement is sent to Samverkansrådet as information for full transparency; the council does not approve it. Record it as INFORMATION.',
        'En kostnadsfördelning sänds till Samverkansrådet som information för full transparens; rådet godkänner den inte. Registrera den som INFORMATION.',
        { kind: event.kind, subject: event.subject },
      );
    }
    return refusal(
      'COUNCIL_NOT_DECISION_MAKING',
      'R-E2',
      'Samverkansrådet is not a decision-making body (SEED-AF §5): its records are information, discussion, a non-binding recommendation (ställningstagande) or minnesanteckningar, never a decision.',
      'Samverkansrådet är inte ett beslutande organ (avsiktsförklaringen §5): dess anteckningar är information, diskussion, ett icke bindande ställningstagande eller minnesanteckningar, aldrig ett beslut.',
      { kind: event.kind, allowedKinds: ['INFORMATION', 'DISCUSSION', 'RECOMMENDATION', 'MINNESANTECKNINGAR'] },
    );
  }
  if (event.meetingId === undefined) return null;
  const meeting = context.meetings.find((m) => m.meetingId === event.meetingId);
  if (!meeting) {
    return refusal(
      'UNKNOWN_COUNCIL_MEETING',
      'R-E3',
      `The council has no meeting ${event.meetingId}.`,
      `Rådet har inget sammanträde ${event.meetingId}.`,
      { meetingId: event.meetingId },
    );
  }
  if (compareDates(event.recordedOn, meeting.date) < 0) {
    return refusal(
      'RECORD_BEFORE_MEETING',
      'R-E3',
      `A record of the meeting of ${meeting.date} cannot be dated ${event.recordedOn}, before the meeting.`,
      `En anteckning från sammanträdet ${meeting.date} kan inte dateras ${event.recordedOn}, före sammanträdet.`,
      { meetingDate: meeting.date, recordedOn: event.recordedOn },
    );
  }
  return null;
}

/** The legal date each event concerns (D13). */
export function councilLegalDate(event: CouncilEvent): LocalDate | null {
  switch (event.type) {
    case 'MEMBER_SEATED':
      return event.from;
    case 'MEETING_HELD':
      return event.date;
    case 'RECORD_ADDED':
      return event.recordedOn;
    default:
      return null;
  }
}
