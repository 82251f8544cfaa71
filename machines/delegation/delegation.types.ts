/**
 * Delegationsbeslut (KL 6 kap. 37 §) and ordförandebeslut in a brådskande case (6 kap. 39 §): decisions of a nämnd
 * taken by a named delegate under the body's delegationsordning, reported (anmälda) to the nämnd at a later meeting
 * (6 kap. 40 §). RULEBOOK R-I9, R-H17.
 */
export const DELEGATION_KINDS = [
  /** KL 6 kap. 37 §: a decision by a delegate (a member, an utskott, an employee) under the delegationsordning. */
  'DELEGATIONSBESLUT',
  /** KL 6 kap. 39 §: the chair decides a brådskande case that cannot wait for the nämnd (R-H17). */
  'ORDFORANDEBESLUT',
] as const;
export type DelegationKind = (typeof DELEGATION_KINDS)[number];

/** A delegationsbeslut as recorded by the clerk, before and after its anmälan. */
export interface DelegationFacts {
  id: string;
  kind: DelegationKind;
  /** The body whose decision it is (a nämnd or KS); its delegationsordning names the delegate. */
  bodyId: string;
  bodyKind: string;
  bodyName: string;
  /** The body it is reported to: its own, unless the delegationsordning names another. */
  reportToBodyId: string;
  /** The clerk's number of the delegationsbeslut (for example in the delegationslista). */
  number: string;
  /** The delegate's name (a personal-data marker where stored) and title, as the decision names them. */
  delegate: string;
  delegateTitle?: string;
  /** The point (punkt) of the delegationsordning the delegate decided under. */
  point: string;
  decidedOn: string;
  decision: string;
}

/** What the anmälan paragraph's protocol workflow holds of the delegationsbeslut it reports (ProtocolInput.delegation). */
export interface DelegationReport {
  delegationId: string;
  kind: DelegationKind;
  number: string;
  delegate: string;
  delegateTitle?: string;
  point: string;
  decidedOn: string;
  /** The body whose decision it is (it may differ from the reporting meeting's body). */
  bodyId: string;
  bodyName: string;
  /** R-H17: why an ordförandebeslut is reported at a later meeting than the next one, where it is. */
  lateReason?: string;
}

/** The reporting meeting, and the meetings of that body between the decision and it (for "the next meeting"). */
export interface ReportingMeeting {
  id: string;
  bodyId: string;
  date: string;
  /** The protocol of the meeting is justerat already: nothing can be added to it. */
  justerat: boolean;
}
