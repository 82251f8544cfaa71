/**
 * A collaboration area (samverkansområde) through the collaboration process (avsiktsförklaringen §11, §12, §14;
 * RULEBOOK §3 F, J and the proposed stage model of §4.2). Context and events are JSON only, so a snapshot persists as
 * is; every fact with legal weight (a decision, a document's hash, a signature's authority) is in an event.
 */
import type { DecisionOrgan, SignatoryOffice } from '../membership/membership.types';
import type { LocalDate } from '../kernel/time';

export type { LocalDate };

/** The three ways §4 of the declaration says its purpose is reached (SEED-AF §4, points 1–3). */
export const AREA_PURPOSES = {
  EFFEKTIVISERA_OCH_KVALITETSSAKRA: {
    sv: 'Effektiviserar och kvalitetssäkrar verksamheten',
    en: 'Makes the services more efficient and assures their quality',
  },
  KOMPETENSFORSORJNING_OCH_SARBARHET: {
    sv: 'Säkerställer kompetensförsörjning/kompetensutveckling och minskar sårbarheten',
    en: 'Secures staff supply and development and reduces vulnerability',
  },
  UTVECKLINGSKRAFT_OCH_ATTRAKTIVITET: {
    sv: 'Stärker den gemensamma utvecklingskraften och attraktiviteten',
    en: 'Strengthens the joint capacity to develop and attractiveness',
  },
} as const;
export type AreaPurpose = keyof typeof AREA_PURPOSES;

/** The legal forms of KL 9–10 kap. an area is formalised in (R-J1..R-J4); a network is none of them (R-F3). */
export const LEGAL_FORMS = ['AVTALSSAMVERKAN', 'GEMENSAM_NAMND', 'KOMMUNALFORBUND', 'GEMENSAMT_BOLAG'] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];
/** What a report or a formalisation may name: a legal form, or a network, which R-F3 refuses with its reason. */
export type NamedForm = LegalForm | 'NATVERK';

/** The collaboration's active parties on a date, as the service judged them from the memberships (R-F1). */
export interface PartiesOn {
  on: LocalDate;
  codes: string[];
}

/**
 * What a governing document is to its legal form (area@3, R-J1..R-J4): the förbundsordning of a kommunalförbund, the
 * överenskommelse and reglemente of a gemensam nämnd, the avtal of an avtalssamverkan, the bolagsordning and
 * ägardirektiv of a company; an avsiktsförklaring governs no form (R-J6).
 */
export const GOVERNING_DOCUMENT_KINDS = [
  'FORBUNDSORDNING',
  'OVERENSKOMMELSE',
  'REGLEMENTE',
  'AVTAL',
  'BOLAGSORDNING',
  'AGARDIREKTIV',
  'AVSIKTSFORKLARING',
  'OTHER',
] as const;
export type GoverningDocumentKind = (typeof GOVERNING_DOCUMENT_KINDS)[number];

/** A governing document version, named by its hash (the document module's SHA-256 of the exact text). */
export interface DocumentRef {
  documentVersionId: string;
  documentKey: string;
  version: string;
  sha256: string;
  /** area@3: what the document is to the legal form (absent in the events of area@1 and area@2). */
  kind?: GoverningDocumentKind;
}

/** R-J1: the decision-making body of a kommunalförbund. */
export const FORBUND_BODIES = ['FORBUNDSFULLMAKTIGE', 'FORBUNDSDIREKTION'] as const;
export type ForbundBody = (typeof FORBUND_BODIES)[number];

/** R-J1, R-J2: how many ledamöter and ersättare a participant has in the förbund's body or the joint nämnd. */
export interface Representation {
  municipalityCode: string;
  members: number;
  substitutes: number;
}

/** The facts of a legal form that area@3 checks (R-J1, R-J2, R-J4); each optional, required where the form needs it. */
export interface LegalFormFacts {
  forbundBody?: ForbundBody;
  representation?: Representation[];
  /** R-J4: the kommunala ändamålet as fullmäktige fastställer it in the bolagsordning. */
  municipalPurpose?: string;
  /** R-J3, R-J4: the form includes myndighetsutövning; for a company, only with its legal basis. */
  myndighetsutovning?: boolean;
  legalBasis?: string;
}

/** A municipality's recorded, justerat decision whether it takes part (R-F2, R-F5, R-J5). */
export interface ParticipationDecision {
  decisionId: string;
  organ: DecisionOrgan;
  date: LocalDate;
  paragraph?: string;
  diarienummer?: string;
  /** G4: the protocol is justerat (the service resolved a standing decision, D10). */
  justerat: boolean;
}

export type ParticipationAnswer = 'YES' | 'NO';

export interface Participant {
  code: string;
  /** A party of the collaboration when the area was proposed or registered (R-F1: a non-party never counts). */
  partyWhenProposed: boolean;
  answer?: ParticipationAnswer;
  decision?: ParticipationDecision;
  /** Registered with an existing collaboration (G6): taking part without a decision recorded here. */
  registeredExisting?: boolean;
}

export interface AreaSignatory {
  name: string;
  office: SignatoryOffice;
  /** The title as the document gives it ("Kommunchef Bengtsfors"). */
  title?: string;
}

/** R-F6: the authority a signature was made under (a firmatecknare designation, a delegation, a KS decision). */
export interface SigningAuthority {
  basis: string;
  decisionId?: string;
}

export interface AreaSignature {
  signedOn: LocalDate;
  /** The municipalities the signatory signs for (a joint socialchef signs for both, SEED-MEL). */
  municipalityCodes: string[];
  signatory: AreaSignatory;
  authority?: SigningAuthority;
  document: DocumentRef;
}

/** What the decision stage came to once every participant had decided (G3): who said what, and why. */
export interface DecisionOutcome {
  judgedOn: LocalDate;
  parties: PartiesOn;
  yes: string[];
  no: string[];
  partyYes: string[];
  nonPartyYes: string[];
  inside: boolean;
}

export interface Formalisation extends LegalFormFacts {
  formalisedOn: LocalDate;
  legalForm: LegalForm;
  documents: DocumentRef[];
  hostMunicipality?: string;
  startDate: LocalDate;
  noticeTerms: string;
}

/** A compensation recorded with its cause (D10, R-C11): the annulled decision, whose it was, and where the area stood. */
export interface AreaCompensation {
  decisionId: string;
  municipalityCode: string;
  annulledOn: LocalDate;
  cause: string;
  stageBefore: string;
}

export interface AreaInput {
  areaId: string;
  collaboration: string;
}

export interface AreaContext extends AreaInput {
  title?: string;
  purposes: AreaPurpose[];
  description?: string;
  proposedOn?: LocalDate;
  participants: Participant[];
  flags: string[];
  /** The stage the area is in (the machine's top-level state, area.stages.ts) and since when. */
  stage: string;
  /** The legal date on which the area entered its current stage (what it waits for, "since when"). */
  stageSince?: LocalDate;
  assignment?: { assignedOn: LocalDate; assignment: string; focusArea?: string; planId?: string };
  councilInformedOn?: LocalDate;
  report?: {
    submittedOn: LocalDate;
    document: DocumentRef;
    formAnalysis: string;
    proposedLegalForm: LegalForm;
    costModel: { name: string; description?: string };
  };
  outcome?: DecisionOutcome;
  formalisation?: Formalisation;
  signatures: AreaSignature[];
  followUps: Array<{ reportedOn: LocalDate; summary: string; document?: DocumentRef }>;
  revision?: { startedOn: LocalDate; reason: string };
  /** Earlier decision rounds and formalisations, kept when a revision or an annulment set them aside. */
  previous: Array<{
    on: LocalDate;
    why: string;
    participants?: Participant[];
    formalisation?: Formalisation;
    signatures?: AreaSignature[];
  }>;
  paused?: { pausedOn: LocalDate; reason: string; from: string };
  closed?: { closedOn: LocalDate; reason: string };
  woundDown?: { woundDownOn: LocalDate; reason: string; underTerms: string };
  compensations: AreaCompensation[];
}

interface ProposalData {
  title: string;
  purposes: AreaPurpose[];
  description?: string;
  participants: string[];
  /** Added by the service: the collaboration's active parties on the proposal date (R-F1). */
  parties: PartiesOn;
}

export type AreaEvent =
  | ({ type: 'AREA_PROPOSED'; proposedOn: LocalDate } & ProposalData)
  | ({
      type: 'AREA_REGISTERED_EXISTING';
      registeredOn: LocalDate;
      legalForm: NamedForm;
      documents: DocumentRef[];
      hostMunicipality?: string;
      startDate: LocalDate;
      noticeTerms: string;
    } & ProposalData)
  | { type: 'FORANKRING_STARTED'; startedOn: LocalDate }
  | { type: 'KDG_ASSIGNED'; assignedOn: LocalDate; assignment: string; focusArea?: string; planId?: string }
  | { type: 'COUNCIL_INFORMED'; informedOn: LocalDate }
  /** G5, R-E2: modelled so that it can be refused with its reason; it never passes. */
  | { type: 'COUNCIL_DECIDED'; decidedOn: LocalDate }
  | { type: 'FORSTUDIE_STARTED'; startedOn: LocalDate }
  | {
      type: 'REPORT_SUBMITTED';
      submittedOn: LocalDate;
      document: DocumentRef;
      formAnalysis: string;
      proposedLegalForm: NamedForm;
      costModel: { name: string; description?: string };
    }
  | { type: 'DECISIONS_REQUESTED'; requestedOn: LocalDate }
  | {
      type: 'PARTICIPATION_DECIDED';
      municipalityCode: string;
      answer: ParticipationAnswer;
      decision: ParticipationDecision;
      parties: PartiesOn;
    }
  | ({
      type: 'AREA_FORMALISED';
      formalisedOn: LocalDate;
      legalForm: NamedForm;
      documents: DocumentRef[];
      hostMunicipality: string;
      startDate: LocalDate;
      noticeTerms: string;
    } & LegalFormFacts)
  | {
      type: 'AGREEMENT_SIGNED';
      signedOn: LocalDate;
      municipalityCodes: string[];
      signatory: AreaSignatory;
      authority?: SigningAuthority;
      document: DocumentRef;
    }
  | { type: 'OPERATION_STARTED'; startedOn: LocalDate }
  | { type: 'FOLLOW_UP_STARTED'; startedOn: LocalDate }
  | { type: 'FOLLOW_UP_REPORTED'; reportedOn: LocalDate; summary: string; document?: DocumentRef }
  | { type: 'REVISION_STARTED'; startedOn: LocalDate; reason: string }
  | { type: 'REVISION_DECIDED'; decidedOn: LocalDate; backTo: 'BESLUT' | 'FORMALISERING'; reason: string }
  | { type: 'AREA_WOUND_DOWN'; woundDownOn: LocalDate; reason: string; underTerms: string }
  | { type: 'AREA_PAUSED'; pausedOn: LocalDate; reason: string }
  | { type: 'AREA_RESUMED'; resumedOn: LocalDate }
  | { type: 'AREA_CLOSED'; closedOn: LocalDate; reason: string }
  /** D10, R-C11: a decision that drove the area was annulled (upphävt); the engine's compensating event. */
  | { type: 'DECISION_ANNULLED'; decisionId: string; annulledOn: LocalDate; cause: string };
