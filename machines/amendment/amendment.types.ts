/** An amendment (ändring eller tillägg) of a collaboration's declaration (avsiktsförklaringen §15; DECISIONS D2–D4). */
import type { DecisionRef } from '../membership/membership.types';
import type { LocalDate } from '../kernel/time';

export type { LocalDate };

/** The written text of the amendment: a version of the declaration's document, identified by its SHA-256 (R-D1). */
export interface AmendmentDocument {
  key: string;
  versionId: string;
  version: string;
  sha256: string;
}

export interface AmendmentInput {
  amendmentId: string;
  collaboration: string;
  title: string;
  document: AmendmentDocument;
  /** D3: a later date the amendment states for its entry into force. */
  statedEffectiveDate?: LocalDate;
  /** D4: a municipality the amendment adds as a party (it then enters as any party does). */
  addsParty?: string;
  /** The day the text was registered (Stockholm). */
  registeredOn: LocalDate;
  note?: string;
}

/** A party counted on a date (R-D4), with the organ that approves for it (D2), as the host computed it. */
export interface CountingParty {
  code: string;
  organ: 'KF' | 'KS';
}

export interface Approval {
  party: string;
  decision: DecisionRef;
  /** The parties that counted on the approval's date (R-D4): all of them must approve (R-D1). */
  countingParties: CountingParty[];
  /** Set when the decision behind it was annulled (R-C11): the approval no longer counts. */
  voidedOn?: LocalDate;
}

/** A period in force: from the last approval or the stated later date (D3) until an approval was annulled. */
export interface InForcePeriod {
  from: LocalDate;
  /** The date of the last approval that completed it. */
  lastApprovalOn: LocalDate;
  /** Exclusive: no longer in force from this day (an approval behind it was annulled). */
  until?: LocalDate;
}

export interface AmendmentContext extends AmendmentInput {
  approvals: Approval[];
  inForce: InForcePeriod[];
}

export type AmendmentStatus = 'PROPOSED' | 'ADOPTED_NOT_IN_FORCE' | 'IN_FORCE';

export type AmendmentEvent =
  | { type: 'AMENDMENT_APPROVED'; party: string; decision: DecisionRef; countingParties: CountingParty[] }
  /** R-D5: modelled so that it can be refused with its reason; it never passes. */
  | { type: 'JOINT_BODY_APPROVED'; body: 'SAMVERKANSRADET' | 'KDG'; decidedOn: LocalDate }
  /** R-C11: a decision behind an approval was annulled (upphävt); a compensating transition. */
  | { type: 'DECISION_ANNULLED'; decisionId: string; annulledOn: LocalDate; cause: string };
