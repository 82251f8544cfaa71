import type { LocalDate } from '../kernel/time';

export type { LocalDate };

/** R-E1: each party has two seats: its KSO and its oppositionsråd "(eller motsvarande)". */
export type CouncilSeat = 'KSO' | 'OPPOSITIONSRAD';
export const COUNCIL_SEATS: readonly CouncilSeat[] = ['KSO', 'OPPOSITIONSRAD'];

/** R-E2: what the council records. It never decides, so there is no decision kind among them. */
export const COUNCIL_RECORD_KINDS = ['INFORMATION', 'DISCUSSION', 'RECOMMENDATION', 'MINNESANTECKNINGAR'] as const;
/** Kinds a client may name only to be refused with the reason (R-E2; R-G8 for a cost arrangement). */
export const DECISION_RECORD_KINDS = ['BESLUT', 'DECISION', 'GODKANNANDE', 'APPROVAL'] as const;
export type CouncilRecordKind = (typeof COUNCIL_RECORD_KINDS)[number];
export type RequestedRecordKind = CouncilRecordKind | (typeof DECISION_RECORD_KINDS)[number];

/** What a record is about; a cost arrangement sent "som information för full transparens" approves nothing (R-G8). */
export type RecordSubject = 'COST_ARRANGEMENT' | 'PLAN' | 'AREA' | 'EXIT' | 'OTHER';

/** A person on a seat from a date; a later seating on the same seat ends the tenure the day before it. */
export interface SeatHolder {
  municipality: string;
  seat: CouncilSeat;
  name: string;
  /** The political party, e.g. 'M' or 'S' (SEED-PR: "Michael Karlsson (M)"). */
  politicalParty?: string;
  from: LocalDate;
  to?: LocalDate;
  /** R-E1: on the oppositionsråd seat, a person who is not an oppositionsråd, and the basis of taking the seat. */
  equivalent?: { office: string; basis: string };
  note?: string;
}

export interface CouncilMeeting {
  meetingId: string;
  date: LocalDate;
  place: string;
  note?: string;
}

export interface CouncilRecord {
  recordId: string;
  kind: CouncilRecordKind;
  title: string;
  text?: string;
  recordedOn: LocalDate;
  meetingId?: string;
  subject?: RecordSubject;
  note?: string;
}

export interface CouncilInput {
  collaboration: string;
}

/** Notes (`note`) are kept in the context so a reader sees them (demo data is marked DEMODATA there). */
export interface CouncilContext extends CouncilInput {
  seats: SeatHolder[];
  meetings: CouncilMeeting[];
  records: CouncilRecord[];
}

export type CouncilEvent =
  | {
      type: 'MEMBER_SEATED';
      municipality: string;
      seat: CouncilSeat;
      name: string;
      politicalParty?: string;
      from: LocalDate;
      equivalent?: { office: string; basis: string };
      note?: string;
    }
  | { type: 'MEETING_HELD'; meetingId: string; date: LocalDate; place: string; note?: string }
  | {
      type: 'RECORD_ADDED';
      recordId: string;
      kind: RequestedRecordKind;
      title: string;
      text?: string;
      recordedOn: LocalDate;
      meetingId?: string;
      subject?: RecordSubject;
      note?: string;
    };
