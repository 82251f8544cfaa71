import type { RuleWarning } from '../../machines/kernel/refusal';
import type { ExampleView } from '../common/example-view';
import type {
  DecisionParagraph,
  MeetingFacts,
  OpenMeetingsDecision,
  ParagraphOutcome,
} from '../../machines/protocol/decision.types';
import type { ClosedDoorsReason } from '../../machines/protocol/openness.rules';
import type { ProtocolContext } from '../../machines/protocol/protocol.types';
import type { SecrecyMarkingView } from '../personal-data/secret-text.service';
import type { stopOf } from '../../machines/protocol/protocol.v2.rules';

/** R-I13: the inhibition in force, as the decision and what it drove show it. */
export type ProtocolStop = NonNullable<ReturnType<typeof stopOf>>;

/** Another paragraph of the same matter (R-H22): the one this continues, or the one that continues this. */
export interface ParagraphLink {
  decisionId: string;
  paragraphNumber: string | null;
  decidedOn: string;
  meetingId: string | null;
}

/** What a client (and the protocol extract) sees of a decision. */
export interface DecisionView {
  id: string;
  municipality: { code: string; name: string };
  body: {
    id: string;
    kind: string;
    name: string;
    memberCount: number;
    /** R-H18: fullmäktige's decision that allows the body to meet in public; null when none is recorded. */
    openMeetingsDecision?: OpenMeetingsDecision | null;
  } | null;
  meeting: {
    id: string;
    date: string;
    place: string | null;
    secretary: string | null;
    attendees: MeetingFacts['attendees'];
    /** R-H18: open to the public, and the protocol's words for it ("Offentligt sammanträde"). */
    public?: boolean;
    openness?: { en: string; sv: string };
  } | null;
  organ: string;
  decidedOn: string;
  paragraphNumber: string | null;
  subject: string;
  collaboration: string | null;
  matter: { title: string; diarienummer?: string; diarium?: string; parsed?: Record<string, unknown> } | null;
  documentVersionId: string | null;
  /** A minimal record made from an inline decision in a membership event: it has no protocol lifecycle. */
  minimal: boolean;
  /** DRAFT, JUSTERAT, ANSLAGET, PRESUMED_FINAL, APPEALED, FINAL, ANNULLED; RECORDED for a minimal record. */
  status: string;
  state: string | null;
  version: number | null;
  workflowId: string | null;
  paragraph: DecisionParagraph | null;
  /** Example (demo) data: "EXEMPEL – fiktiva uppgifter", with the facts that are invented; null for a real record. */
  example: ExampleView | null;
  justeradOn?: string;
  justerare?: string[];
  /** R-I2: the chair who signed the justering beside the justerare (absent in records from before issue 11 §5). */
  chair?: string;
  immediate?: boolean;
  anslagOn?: string;
  noticeBoard?: string;
  /** R-I4: where the justerat protocol is kept (förvaringsplats), as the anslag states it. */
  keptAt?: string;
  /** R-I4: the day the anslag is taken down: as recorded, else the appeal period's last day. */
  anslagTakenDownOn?: string;
  /** R-I9, R-H17: the delegationsbeslut (or ordförandebeslut) this paragraph reports (anmälan). */
  delegation?: ProtocolContext['delegation'];
  appealLastDay?: string;
  finalFrom?: string;
  appeal?: ProtocolContext['appeal'];
  outcome?: ProtocolContext['outcome'];
  corrections: ProtocolContext['corrections'];
  motivations: ProtocolContext['motivations'];
  warnings: RuleWarning[];
  deadlines: {
    justeringDeadline?: string;
    anslagDeadline?: string;
    /** A deadline that fell on a Saturday, Sunday, holiday or afton and moved to the next vardag (D8, R-L7). */
    notes?: { deadline: string; date: string; code: string; ruleId: string; message: string; messageSv: string }[];
  };
  allowedEvents: string[];
  drove: { workflowId: string; eventType: string; seq: number }[];
  /** R-H22: what became of the matter in this paragraph; null for a minimal record. */
  matterOutcome?: ParagraphOutcome | null;
  /** R-H22: the matter's status as this paragraph leaves it: a matter sent on waits for, then has, its continuation. */
  matterStatus?: 'DECIDED' | 'AWAITING_CONTINUATION' | 'CONTINUED' | null;
  continuesFrom?: ParagraphLink | null;
  continuedBy?: ParagraphLink | null;
  /**
   * R-K7: the secrecy markings of the paragraph or its texts; a withheld text shows its provision, never itself. A
   * marking lifted after a sekretessprövning stays listed with its lifting (R-K13) and withholds nothing.
   */
  secrecy?: SecrecyMarkingView[];
  // Protocol version 2 (h-proto2)
  /** R-I1, R-I4: a deadline that passed before the act, as its due event recorded it. */
  late?: ProtocolContext['late'];
  /** R-I13: every inhibition the court ordered; `inhibition` is the one in force (null when none holds). */
  inhibitions?: ProtocolContext['inhibitions'];
  inhibition?: ProtocolStop | null;
  /** R-I14: appeals that reached the court too late, recorded as late, with the court's decision on each. */
  lateAppeals?: ProtocolContext['lateAppeals'];
  /** R-I15: whether an appeal clock runs for this paragraph, and why not (beredning, verkställighet). */
  appealClock?: { runs: boolean; reason?: { en: string; sv: string } };
  /** R-H4: what a jäv means in this body (nämnd: leaves the room; fullmäktige: may stay), when a jäv is recorded. */
  javConsequence?: { en: string; sv: string } | null;
  /** R-H18: at an open nämnd meeting, why this paragraph was handled behind closed doors; null when it was not. */
  closedDoors?: { reason: ClosedDoorsReason; en: string; sv: string } | null;
}
