import type { RuleWarning } from '../kernel/refusal';
import type { DecisionParagraph, MeetingFacts } from './decision.types';

export interface ProtocolInput {
  decisionId: string;
  meeting: MeetingFacts;
  paragraph: DecisionParagraph;
  /** Refusals that did not stop the recording (a late motivation, R-H14 c). */
  warnings?: RuleWarning[];
  /** R-H22: the decision id of the earlier paragraph (bordlagt or återremitterat) whose matter this one continues. */
  continues?: string;
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
  immediate?: boolean;
  anslagOn?: string;
  noticeBoard?: string;
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
  | { type: 'JUSTERAT'; justeradOn: string; justerare: string[]; immediate?: boolean }
  | { type: 'ANSLAG_POSTED'; anslagOn: string; noticeBoard?: string }
  | { type: 'APPEAL_PERIOD_ENDED'; on: string }
  | { type: 'APPEAL_RECEIVED'; receivedOn: string; court?: string; caseNumber?: string }
  | { type: 'NO_APPEAL_CONFIRMED'; confirmedOn: string; basis?: string }
  | { type: 'APPEAL_DECIDED'; outcome: 'REJECTED' | 'ANNULLED'; decidedOn: string; court?: string; caseNumber?: string }
  | { type: 'CORRECTION_RECORDED'; correctedOn: string; reason: string; text: string }
  | { type: 'RESERVATION_MOTIVATION_SUBMITTED'; member: string; text: string; submittedAt: string };

export type ProtocolStatus = 'DRAFT' | 'JUSTERAT' | 'ANSLAGET' | 'PRESUMED_FINAL' | 'APPEALED' | 'FINAL' | 'ANNULLED';
