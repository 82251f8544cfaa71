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
}

export type ProtocolEvent =
  | { type: 'PARAGRAPH_AMENDED'; paragraph: DecisionParagraph; reason: string }
  | { type: 'JUSTERAT'; justeradOn: string; justerare: string[]; chair?: string; immediate?: boolean }
  | { type: 'ANSLAG_POSTED'; anslagOn: string; noticeBoard?: string; keptAt?: string; takenDownOn?: string }
  | { type: 'APPEAL_PERIOD_ENDED'; on: string }
  | { type: 'APPEAL_RECEIVED'; receivedOn: string; court?: string; caseNumber?: string }
  | { type: 'NO_APPEAL_CONFIRMED'; confirmedOn: string; basis?: string }
  | { type: 'APPEAL_DECIDED'; outcome: 'REJECTED' | 'ANNULLED'; decidedOn: string; court?: string; caseNumber?: string }
  | { type: 'CORRECTION_RECORDED'; correctedOn: string; reason: string; text: string }
  | { type: 'RESERVATION_MOTIVATION_SUBMITTED'; member: string; text: string; submittedAt: string };

export type ProtocolStatus = 'DRAFT' | 'JUSTERAT' | 'ANSLAGET' | 'PRESUMED_FINAL' | 'APPEALED' | 'FINAL' | 'ANNULLED';
