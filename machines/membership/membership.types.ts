import type { RuleWarning } from '../kernel/refusal';

import type { Instant, LocalDate } from '../kernel/time';

export type { Instant, LocalDate };

/** KF = kommunfullmäktige, KS = kommunstyrelse, NAMND = a nämnd (committee). */
export type DecisionOrgan = 'KF' | 'KS' | 'NAMND';
/** KSO = kommunstyrelsens ordförande. */
export type SignatoryOffice = 'KSO' | 'OPPOSITIONSRAD' | 'KOMMUNDIREKTOR' | 'OTHER';
/** DECISIONS D1: which date is the exit request date. */
export type ExitRequestDateSetting = 'noticeArrival' | 'fullmaktigeDecision';

/** A collaboration's settings as they stood when an event was recorded (the engine adds them to the event). */
export interface MembershipSettings {
  exitRequestDate: ExitRequestDateSetting;
  /** The organ whose decision makes an entry (R-B2: fullmäktige for Dalslandssamverkan). */
  entryDecisionOrgan: DecisionOrgan;
  /**
   * The collaboration's exit rule (membership version 2): absent = the product default, Dalslandssamverkan's
   * (DEFAULT_EXIT_RULE); null = the collaboration has recorded no exit rule, so no party can request exit.
   */
  exitRule?: ExitRule | null;
}

/** How a party leaves, as the collaboration's declaration says (avsiktsförklaringen §13 for Dalslandssamverkan). */
export interface ExitRule {
  /** The organ whose decision requests the exit (R-C1: fullmäktige). */
  decisionOrgan: 'KF' | 'KS';
  /** Who receives the exiting municipality's notice (R-C5, R-C6): the council's chair. */
  noticeTo: 'COUNCIL_CHAIR';
  /** When the exit takes effect (R-C2): on 31 December of the year after the request. */
  effective: 'DEC_31_YEAR_AFTER';
}

/** Dalslandssamverkan's exit rule (SEED-AF §13): the default where a collaboration's settings name none. */
export const DEFAULT_EXIT_RULE: ExitRule = {
  decisionOrgan: 'KF',
  noticeTo: 'COUNCIL_CHAIR',
  effective: 'DEC_31_YEAR_AFTER',
};

export interface DecisionRef {
  organ: DecisionOrgan;
  date: LocalDate;
  paragraph?: string;
  diarienummer?: string;
  /** Id of the decision record (a recorded paragraph, or the minimal record of an inline decision). */
  decisionId?: string;
  /** SHA-256 of the declaration version the decision adopted, when known (R-B5). */
  documentHash?: string;
}

export interface Signatory {
  name: string;
  office: SignatoryOffice;
}

export interface SignatureRef {
  signedOn: LocalDate;
  signatory: Signatory;
  declarationVersion: string;
  /** DECISIONS D12: a stand-in for the KSO, with its recorded legal basis. */
  standIn?: { legalBasis: string };
  /** The recorded signature and the SHA-256 of the exact version signed (R-B5). */
  signatureId?: string;
  documentHash?: string;
}

/** How an exit notice reached the council chair (issue 11 §7): e-post, brev, e-underskrift, överlämnat, annat. */
export type NoticeChannel = 'EMAIL' | 'LETTER' | 'E_SIGNATURE' | 'HANDED_OVER' | 'OTHER';
/** Whom the notice was addressed to: SEED-AF §13 names the council's chair (Samverkansrådets ordförande). */
export type NoticeRecipientOffice = 'COUNCIL_CHAIR' | 'COORDINATOR' | 'OTHER';

/** R-C6: the exiting municipality's KSO sends the notice (or a stand-in with its legal basis, as D12 for signatures). */
export interface NoticeSender {
  name: string;
  office: SignatoryOffice;
  standIn?: { legalBasis: string };
}

export interface NoticeRecipient {
  name: string;
  office: NoticeRecipientOffice;
  /** The municipality whose KSO chairs the council: the receiving municipality's diarium registers the notice. */
  municipality?: string;
}

/** R-K5, R-K6: the notice's diarienummer in one municipality's own diarium (opaque), and when it was registered. */
export interface NoticeRegistration {
  municipality: string;
  diarienummer: string;
  registeredOn?: LocalDate;
}

/**
 * What an exit notice records besides its arrival (issue 11 §7, R-C12): each optional in the event, so a notice
 * recorded before they existed replays as it was.
 */
export interface ExitNoticeFacts {
  sender?: NoticeSender;
  recipient?: NoticeRecipient;
  channel?: NoticeChannel;
  registrations?: NoticeRegistration[];
}

export interface ExitRequest {
  decision: DecisionRef;
  desiredExitDate?: LocalDate;
  noticeArrivedAt?: Instant;
  /** Stockholm date of the notice's arrival at the council chair. */
  noticeOn?: LocalDate;
  /** Sender, recipient, channel and registrations, as far as the notice recorded them (R-C12). */
  notice?: ExitNoticeFacts;
  /** The request date per the D1 setting in force (R-C5). */
  requestedOn?: LocalDate;
  /** The date the exit takes effect: a 31 December (R-C2, R-C4). */
  effectiveOn?: LocalDate;
  councilInformedOn?: LocalDate;
  withdrawnOn?: LocalDate;
  withdrawal?: { decision: DecisionRef; noticeArrivedAt: Instant };
  /** Set when the decision behind it was annulled (R-C11). */
  voidedOn?: LocalDate;
  warnings: RuleWarning[];
}

export interface MembershipPeriod {
  decision: DecisionRef;
  signature: SignatureRef;
  /** The day both entry conditions were met (the later of decision and signature). */
  enteredOn: LocalDate;
  /** In force from (R-B4): max(decision, signature, declaration effective date, day after a previous exit). */
  memberFrom: LocalDate;
  exitRequests: ExitRequest[];
  /** Set when the exit took effect (EXIT_TOOK_EFFECT) — equal to the last exit request's effectiveOn. */
  exitedAfter?: LocalDate;
  /** Set when the entry was reversed because the decision behind it was annulled (R-C11). */
  voidedOn?: LocalDate;
}

export interface MembershipInput {
  collaboration: string;
  municipality: string;
  declarationVersion: string;
  declarationEffectiveDate: LocalDate;
}

export interface MembershipContext extends MembershipInput {
  pendingEntry: { decision?: DecisionRef; signature?: SignatureRef };
  periods: MembershipPeriod[];
}

export type MembershipStatus = 'NOT_MEMBER' | 'SIGNED_NOT_IN_FORCE' | 'ACTIVE' | 'LEAVING' | 'EXITED';

export type MembershipEvent =
  | {
      type: 'FULLMAKTIGE_ADOPTED_DECLARATION';
      decision: DecisionRef;
      declarationVersion?: string;
      settings: MembershipSettings;
    }
  /** Membership version 2: the entry decision under the collaboration's rule, by whichever organ it names (R-B2). */
  | {
      type: 'ENTRY_DECIDED';
      decision: DecisionRef;
      declarationVersion?: string;
      settings: MembershipSettings;
    }
  | {
      type: 'KSO_SIGNED';
      signedOn: LocalDate;
      signatory: Signatory;
      declarationVersion?: string;
      standIn?: { legalBasis: string };
      signatureId?: string;
      documentHash?: string;
    }
  | {
      type: 'FULLMAKTIGE_REQUESTED_EXIT';
      decision: DecisionRef;
      desiredExitDate?: LocalDate;
      settings: MembershipSettings;
    }
  | ({ type: 'EXIT_NOTICE_DELIVERED'; arrivedAt: Instant; settings: MembershipSettings } & ExitNoticeFacts)
  | { type: 'COUNCIL_INFORMED'; informedOn: LocalDate }
  | {
      type: 'EXIT_REQUEST_WITHDRAWN';
      decision: DecisionRef;
      noticeArrivedAt: Instant;
      settings: MembershipSettings;
    }
  /** R-C6, R-E2: modelled so that it can be refused with its reason; it never passes. */
  | { type: 'COUNCIL_APPROVED_EXIT'; decidedOn: LocalDate }
  /** Fired by the engine from its due-date table on the day after the exit date. */
  | { type: 'EXIT_TOOK_EFFECT'; on: LocalDate }
  /** R-C11: the decision behind an entry or exit was annulled (upphävt); a compensating transition. */
  | { type: 'DECISION_ANNULLED'; decisionId: string; annulledOn: LocalDate; cause: string };
