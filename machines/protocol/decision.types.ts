/** A decision paragraph (§) as Kommunallagen 5 kap. 67 § asks a protocol to hold (RULEBOOK R-H5, R-K11). */
import type { ExampleMark } from '../kernel/example-mark';

export type BodyKind = 'KF' | 'KS' | 'NAMND' | 'UTSKOTT';
export type AttendanceRole = 'LEDAMOT' | 'TJANSTGORANDE_ERSATTARE' | 'ERSATTARE';

export interface Person {
  name: string;
  party?: string;
}

/** Someone at the meeting. Only ledamöter and tjänstgörande ersättare serve (count for quorum and vote), R-H3. */
export interface Attendee extends Person {
  role: AttendanceRole;
  chair?: boolean;
}

export interface MeetingFacts {
  bodyKind: BodyKind;
  bodyName: string;
  /** Number of ledamöter of the body (for quorum, R-H2). */
  memberCount: number;
  municipality: string;
  date: string;
  attendees: Attendee[];
  /** The instant the meeting was closed (reservations must be announced before it, R-H14). */
  closedAt?: string;
  /** The time set for justering (a written motivation must arrive before it, R-H14). */
  justeringAt?: string;
}

/** What a decision is about, so that a workflow can check it is driven by the right kind of decision. */
export const DECISION_SUBJECTS = [
  'DECLARATION_ADOPTION',
  'EXIT_REQUEST',
  'EXIT_WITHDRAWAL',
  'AMENDMENT_APPROVAL',
  /** A municipality's decision whether it takes part in a collaboration area. */
  'AREA_PARTICIPATION',
  'OTHER',
] as const;
export type DecisionSubject = (typeof DECISION_SUBJECTS)[number];

export interface Proposal {
  /** A short id used by the beslutsgång, votes and reservations ('A', 'B', ...). */
  id: string;
  by: Person[];
  text: string;
  attSatser?: string[];
}

export type DecisionMethodKind = 'ACKLAMATION' | 'OPEN_VOTE' | 'CASTING_VOTE' | 'LOTTNING';

export interface Vote {
  member: string;
  /** JA = the proposal put as "ja", NEJ = the other, AVSTAR = abstains (not a vote cast, R-H10). */
  vote: 'JA' | 'NEJ' | 'AVSTAR';
}

export interface DecisionMethod {
  kind: DecisionMethodKind;
  /** The proposal the body adopted. */
  adopted: string;
  /** For votes: which proposal is "ja" and which "nej" (R-H9). */
  ja?: string;
  nej?: string;
  votes?: Vote[];
  /** A member who asked for a vote (R-H7): then the decision cannot be by acklamation. */
  voteRequestedBy?: string;
  /** True when the matter is an election (val): ties go to lottning, otherwise to the chair's casting vote (R-H11). */
  election?: boolean;
  /** The lot drawn, for LOTTNING: the proposal it fell on. */
  lotFellOn?: string;
}

export interface Jav {
  member: string;
  reason: string;
}

export interface Reservation {
  members: Person[];
  /** "till förmån för" a proposal (its id); absent = a blank reservation (R-H14 b). */
  inFavourOf?: string;
  /** When the reservation was announced (before the meeting closed, R-H14 a). */
  announcedAt?: string;
  motivation?: { text: string; submittedAt?: string };
}

export interface Protokollsanteckning {
  member: Person;
  text: string;
  /** R-H15: the chair decides whether a protokollsanteckning is allowed; only an allowed one is recorded. */
  allowedByChair: boolean;
}

export interface DecisionParagraph {
  paragraphNumber: string;
  matter: { title: string; diarienummer?: string; diarium?: string };
  subject: DecisionSubject;
  /** The collaboration the decision concerns, when it drives a workflow. */
  collaboration?: string;
  /** The governing-document version it adopts or approves (sha256), R-B5. */
  documentVersionId?: string;
  summary?: string;
  beslutsunderlag: string[];
  proposals: Proposal[];
  beslutsgang: string[];
  method: DecisionMethod;
  decision: { text?: string; attSatser: string[] };
  jav: Jav[];
  reservations: Reservation[];
  protokollsanteckningar: Protokollsanteckning[];
  sendTo: string[];
  immediateJustering?: boolean;
  /** Example (demo) data: the record is not real, and these of its facts are invented (src/seed/demo-marks.ts). */
  example?: ExampleMark;
}
