import type { RuleWarning } from '../kernel/refusal';
import type { DelegationReport } from '../delegation/delegation.types';
import type { DecisionParagraph, MeetingFacts } from './decision.types';

export interface ProtocolInput {
  decisionId: string;
  meeting: MeetingFacts;
  paragraph: DecisionParagraph;
  /** Refusals that did not stop the recording (a late motivation, R-H14 c). */
  warnings?: RuleWarning[];
  /** R-H22: the decision id of the earlier paragraph (bordlagt or återremitterat) whose matter this one continues. */
  continues?: string;
  /**
   * R-I9, R-H17: a delegationsbeslut (or an ordförandebeslut) reported (anmält) at this meeting: the paragraph is its
   * anmälan, and its appeal period runs from the anslag of this meeting's protocol (machines/delegation).
   */
  delegation?: DelegationReport;
  /**
   * R-I15 (version 2): false for a paragraph that is only beredning or verkställighet (KL 13 kap. 2 §): no appeal
   * clock after its anslag. Absent = true.
   */
  appealable?: boolean;
  /**
   * R-I9 (version 3): this workflow is the delegationsbeslut's own tillkännagivande on the notice board, not a
   * paragraph of a meeting: `meeting` holds the deciding body's facts dated by the decision, with no attendees.
   */
  ownNotice?: boolean;
}

/** R-I13 (version 2): the court's order that the decision must not be carried out until it has judged (inhibition). */
export interface Inhibition {
  court: string;
  caseNumber?: string;
  orderedOn: string;
  /** The day it ended: lifted by the court, or ended with the judgment. */
  endedOn?: string;
  endedBy?: 'LIFTED' | 'JUDGMENT';
}

/** R-I14 (version 2): an appeal that reached the court after the appeal period's last day; the court decides on it. */
export interface LateAppeal {
  receivedOn: string;
  court?: string;
  caseNumber?: string;
  appealLastDay: string;
  /** The court's decision on it: avvisat (DISMISSED) or REJECTED leave the decision as it was. */
  decided?: { outcome: 'DISMISSED' | 'REJECTED'; decidedOn: string };
}

/** R-I1, R-I4 (version 2): a deadline that passed before the act, as the due event recorded it. */
export interface PassedDeadline {
  deadline: string;
  passedOn: string;
  /** The act, when it came: dated on or before the deadline (recorded late, but on time), or after it. */
  actOn?: string;
  onTime?: boolean;
}

export interface Correction {
  correctedOn: string;
  reason: string;
  text: string;
  /** seq of the log row that recorded it, assigned by order of corrections */
  index: number;
}

export interface ProtocolContext extends Omit<ProtocolInput, 'warnings'> {
  justeradOn?: string;
  justerare?: string[];
  /** R-I2: the chair who signed the justering beside the justerare (absent in records from before issue 11 §5). */
  chair?: string;
  immediate?: boolean;
  anslagOn?: string;
  noticeBoard?: string;
  /** R-I4: where the justerat protocol is kept (förvaringsplats), as the anslag states it. */
  keptAt?: string;
  /** R-I4: the day the anslag is taken down, where recorded (else it is the appeal period's last day, anslagTakenDownOn). */
  takenDownOn?: string;
  appealLastDay?: string;
  finalFrom?: string;
  appeal?: { receivedOn: string; court?: string; caseNumber?: string };
  outcome?: { kind: 'FINAL' | 'ANNULLED'; on: string; court?: string; caseNumber?: string; basis?: string };
  corrections: Correction[];
  /** Written motivations accepted after recording (R-H14 c). */
  motivations: { member: string; text: string; submittedAt: string }[];
  warnings: RuleWarning[];
  // Version 2 (absent in version 1 contexts)
  /** R-I1, R-I4: the justering or anslag deadline passed before the act (JUSTERING_DEADLINE_PASSED, ANSLAG_DEADLINE_PASSED). */
  late?: { justering?: PassedDeadline; anslag?: PassedDeadline };
  /** R-I13: every inhibition the court ordered, the one in force last without `endedOn`. */
  inhibitions?: Inhibition[];
  /** R-I14: appeals that reached the court too late, recorded as late. */
  lateAppeals?: LateAppeal[];
}

export type ProtocolEvent =
  | { type: 'PARAGRAPH_AMENDED'; paragraph: DecisionParagraph; reason: string }
  | { type: 'JUSTERAT'; justeradOn: string; justerare: string[]; chair?: string; immediate?: boolean }
  | { type: 'ANSLAG_POSTED'; anslagOn: string; noticeBoard?: string; keptAt?: string; takenDownOn?: string }
  | { type: 'APPEAL_PERIOD_ENDED'; on: string }
  | { type: 'APPEAL_RECEIVED'; receivedOn: string; court?: string; caseNumber?: string }
  | { type: 'NO_APPEAL_CONFIRMED'; confirmedOn: string; basis?: string }
  | {
      type: 'APPEAL_DECIDED';
      /** DISMISSED (avvisat, version 2): the court did not try the appeal (a late one, R-I14); the decision stands. */
      outcome: 'REJECTED' | 'ANNULLED' | 'DISMISSED';
      decidedOn: string;
      court?: string;
      caseNumber?: string;
    }
  | { type: 'CORRECTION_RECORDED'; correctedOn: string; reason: string; text: string }
  | { type: 'RESERVATION_MOTIVATION_SUBMITTED'; member: string; text: string; submittedAt: string }
  // Version 2
  | { type: 'JUSTERING_DEADLINE_PASSED'; on: string }
  | { type: 'ANSLAG_DEADLINE_PASSED'; on: string }
  | { type: 'INHIBITION_ORDERED'; court: string; caseNumber?: string; orderedOn: string }
  | { type: 'INHIBITION_LIFTED'; liftedOn: string }
  // Version 3: a delegationsbeslut announced on its own (R-I9)
  | { type: 'DELEGATION_ANNOUNCED'; postedOn: string; keptAt?: string; takenDownOn?: string };

export type ProtocolStatus =
  'DRAFT' | 'JUSTERAT' | 'ANSLAGET' | 'PRESUMED_FINAL' | 'APPEALED' | 'FINAL' | 'ANNULLED' | 'NOT_APPEALABLE';
