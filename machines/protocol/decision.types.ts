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
  /** An ersättare's place in the order the body's rules call ersättare in, within the party (1 first), R-H21. */
  order?: number;
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
  /** The jävsgrund (R-H4): which ground of the law the jäv rests on; required where the paragraph records its tjänstgöring. */
  ground?: JavGround;
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

/** R-I15: a decision in substance, or only preparation (beredning) or execution (verkställighet), KL 13 kap. 2 §. */
export const DECISION_NATURES = ['BESLUT', 'BEREDNING', 'VERKSTALLIGHET'] as const;
export type DecisionNature = (typeof DECISION_NATURES)[number];

export interface DecisionParagraph extends ParagraphQuestions, ParagraphParticipation {
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
  /** The vote on the matter (huvudvotering); absent only when a formal question sent the matter on (R-H6, R-H22). */
  method?: DecisionMethod;
  decision: { text?: string; attSatser: string[] };
  jav: Jav[];
  reservations: Reservation[];
  protokollsanteckningar: Protokollsanteckning[];
  sendTo: string[];
  immediateJustering?: boolean;
  /**
   * R-I15: what kind of decision this is (KL 13 kap. 2 §): a decision in substance (BESLUT), or only beredning or
   * verkställighet, which cannot be appealed by laglighetsprövning and get no appeal clock. Absent = BESLUT.
   */
  nature?: DecisionNature;
  /** Example (demo) data: the record is not real, and these of its facts are invented (src/seed/demo-marks.ts). */
  example?: ExampleMark;
}

// ---- issue 11 points 1–3: tjänstgöring per paragraph, several questions in one paragraph, a matter that goes on

/**
 * R-H4: the jävsgrund. In a nämnd (and KS, utskott) the grounds of KL 6 kap. 28 § with förvaltningslagen 16 §;
 * in fullmäktige only a matter that personally concerns the member or a närstående (KL 5 kap., § unverified).
 */
export const JAV_GROUNDS = [
  /** Fullmäktige: the matter personally concerns the member, a spouse, sambo, parent, child, sibling or närstående. */
  'PERSONLIGEN',
  /** Nämnd: intressejäv (FL 16 § 1): the member or a närstående is a party or affected to a not insignificant degree. */
  'INTRESSEJAV',
  /** Nämnd: ställföreträdarjäv (FL 16 § 2). */
  'STALLFORETRADARJAV',
  /** Nämnd: tvåinstansjäv (FL 16 § 3). */
  'TVAINSTANSJAV',
  /** Nämnd: ombudsjäv (FL 16 § 4). */
  'OMBUDSJAV',
  /** Nämnd: delikatessjäv (FL 16 § 5): another circumstance that puts the member's impartiality in question. */
  'DELIKATESSJAV',
] as const;
export type JavGround = (typeof JAV_GROUNDS)[number];

/** R-H20: one member serving in this paragraph; an ersättare names the ledamot it serves for ("tjänstgör för"). */
export interface Tjanstgoring {
  member: string;
  servesFor?: string;
}

export type FormalMotion = 'ATERREMISS' | 'BORDLAGGNING';

/**
 * R-H6, R-H16: a question on återremiss or bordläggning, tried before the matter itself. A majority decides it
 * (acklamation, or a vote: ja = the motion is granted, nej = the matter is decided today), or in fullmäktige a
 * third of the members present (minoritetsåterremiss, minoritetsbordläggning).
 */
export interface FormalQuestion {
  kind: FormalMotion;
  movedBy: Person[];
  /** Why the matter goes back: required for an återremiss; for a minority återremiss it is its requesters' own. */
  reason?: string;
  decidedBy: 'MAJORITY' | 'MINORITY';
  /** MINORITY: the members who asked for it (at least a third of those present and serving, R-H16). */
  supporters?: string[];
  /** MAJORITY: how it was decided (ACKLAMATION, OPEN_VOTE, CASTING_VOTE); ja is the motion, nej deciding today. */
  method?: Pick<DecisionMethod, 'kind' | 'votes' | 'voteRequestedBy'>;
  outcome: 'GRANTED' | 'REFUSED';
}

/** R-H8: with more than two proposals, the vote that picks the motförslag put against the huvudförslag. */
export interface Kontraproposition {
  /** The proposal the chair named the huvudförslag. */
  huvudforslag: string;
  /** How the motförslag was picked: `adopted` is the motförslag; a vote puts two of the other proposals. */
  method: DecisionMethod;
}

/** What became of the matter in this paragraph (R-H22): decided, or bordlagt or återremitterat to a later meeting. */
export type ParagraphOutcome = 'DECIDED' | 'BORDLAGD' | 'ATERREMITTERAD';

/** The paragraph's parts of issue 11 points 1–3; all optional so that records written before stay as they are. */
export interface ParagraphQuestions {
  /** The matter is an election (val), also when it went on undecided: no minority right applies (R-H16). */
  election?: boolean;
  tjanstgoring?: Tjanstgoring[];
  formalQuestions?: FormalQuestion[];
  kontraproposition?: Kontraproposition;
}

// ---- R-H12 and R-H18: not taking part in a decision, and a matter handled behind closed doors

/** R-H12: a member who announced that they do not take part in the decision ("deltar inte i beslutet"). */
export interface NotParticipating {
  member: string;
  /** Announced before the chair put the question: otherwise, in an acklamation, the member is deemed to take part. */
  announcedBeforeQuestion: boolean;
}

/** The paragraph's parts of R-H12 and R-H18; optional so that records written before stay as they are. */
export interface ParagraphParticipation {
  notParticipating?: NotParticipating[];
  /**
   * The matter is myndighetsutövning mot enskild: a member who takes part in its handling may not abstain (R-H12),
   * and at an open meeting it is handled behind closed doors (R-H18).
   */
  myndighetsutovning?: boolean;
}

/** R-H18: fullmäktige's decision that allows a nämnd (KS, utskott) to meet in public, as the body records it. */
export interface OpenMeetingsDecision {
  /** The day fullmäktige decided it. */
  decidedOn: string;
  /** Its paragraph or diarienummer ("KF § 12", "KS 2024/33"). */
  reference: string;
}
