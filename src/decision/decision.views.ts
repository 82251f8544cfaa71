import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DelegationReport } from '../../machines/delegation/delegation.types';
import type { Attendee, DecisionParagraph, ParagraphOutcome } from '../../machines/protocol/decision.types';
import type { parseDiarienummer } from '../../machines/protocol/decision.rules';
import type { ClosedDoorsReason } from '../../machines/protocol/openness.rules';
import type { Correction, Inhibition, LateAppeal, ProtocolContext } from '../../machines/protocol/protocol.types';
import { ExampleView } from '../common/example-view';
import { RuleWarningView } from '../common/rule-warning.view';
import { SecrecyMarkingView } from '../personal-data/secret-text.service';
import { LinkView } from '../workflow/links/workflow-links';
import { CausedOutcome } from '../workflow/workflow.types';
import { AttendeeDto, RecordParagraphDto } from './dto/decision.dto';
import { BodyView, statusProperty } from './meeting.views';
import {
  AppealClockView,
  AppealView,
  BilingualText,
  CorrectionView,
  DecisionDeadlinesView,
  DelegationReportView,
  InhibitionView,
  LateAppealView,
  LateView,
  MotivationView,
  ProtocolOutcomeView,
  ProtocolStopView,
  type ProtocolStop,
} from './protocol-parts.views';

export type { ProtocolStop } from './protocol-parts.views';

/** Another paragraph of the same matter (R-H22): the one this continues, or the one that continues this. */
export class ParagraphLink {
  @ApiProperty() decisionId: string;
  @ApiProperty({ type: String, nullable: true, example: '§ 45' }) paragraphNumber: string | null;
  @ApiProperty({ example: '2024-05-22' }) decidedOn: string;
  @ApiProperty({ type: String, nullable: true }) meetingId: string | null;
}

export class DecisionMunicipalityView {
  @ApiProperty({ example: '1461' }) code: string;
  @ApiProperty({ example: 'Mellerud' }) name: string;
}

/** The meeting a paragraph was recorded at. */
export class DecisionMeetingView {
  @ApiProperty() id: string;
  @ApiProperty({ example: '2024-05-22' }) date: string;
  @ApiProperty({ type: String, nullable: true }) place: string | null;
  @ApiProperty({ type: String, nullable: true }) secretary: string | null;
  @ApiProperty({ type: [AttendeeDto] }) attendees: Attendee[];
  @ApiProperty({ description: 'R-H18: whether the meeting was open to the public' }) public: boolean;
  @ApiProperty({ type: BilingualText, description: 'R-H18: "Offentligt sammanträde" or that it was not' })
  openness: BilingualText;
}

/** R-H18: why a paragraph at an open nämnd meeting was handled behind closed doors. */
export class ClosedDoorsView extends BilingualText {
  @ApiProperty({ enum: ['MYNDIGHETSUTOVNING', 'SECRECY'] }) reason: ClosedDoorsReason;
}

/** R-K5: the parts of a diarienummer that a common shape gives (the string itself stays the identity). */
export class ParsedDiarienummerView implements ReturnType<typeof parseDiarienummer> {
  @ApiPropertyOptional({ example: 'SN' }) series?: string;
  @ApiPropertyOptional({ example: 2024 }) year?: number;
  @ApiPropertyOptional({ example: 15 }) serial?: number;
  @ApiPropertyOptional() classification?: string;
}

/** The registered matter (ärende); without one, only the title the paragraph names. */
export class DecisionMatterView {
  @ApiProperty() title: string;
  @ApiPropertyOptional({ example: 'SN 2024/15' }) diarienummer?: string;
  @ApiPropertyOptional({ example: 'SN' }) diarium?: string;
  @ApiPropertyOptional({ type: ParsedDiarienummerView }) parsed?: ParsedDiarienummerView;
}

const MATTER_STATUSES = ['DECIDED', 'AWAITING_CONTINUATION', 'CONTINUED'] as const;

/** What a client (and the protocol extract) sees of a decision. */
export class DecisionView {
  @ApiProperty() id: string;
  @ApiProperty({ type: DecisionMunicipalityView }) municipality: DecisionMunicipalityView;
  @ApiProperty({ type: BodyView, nullable: true, description: 'null for a minimal record' }) body: BodyView | null;
  @ApiProperty({ type: DecisionMeetingView, nullable: true, description: 'null for a minimal record' })
  meeting: DecisionMeetingView | null;
  @ApiProperty({ enum: ['KF', 'KS', 'NAMND'] }) organ: string;
  @ApiProperty({ example: '2024-05-22' }) decidedOn: string;
  @ApiProperty({ type: String, nullable: true, example: '§ 45' }) paragraphNumber: string | null;
  @ApiProperty({ example: 'OTHER' }) subject: string;
  @ApiProperty({ type: String, nullable: true }) collaboration: string | null;
  @ApiProperty({ type: DecisionMatterView, nullable: true }) matter: DecisionMatterView | null;
  @ApiProperty({ type: String, nullable: true }) documentVersionId: string | null;
  /** A minimal record made from an inline decision in a membership event: it has no protocol lifecycle. */
  @ApiProperty({ description: 'A minimal record (inline in a membership event): no protocol lifecycle' })
  minimal: boolean;
  /** DRAFT, JUSTERAT, ANSLAGET, PRESUMED_FINAL, APPEALED, FINAL, ANNULLED; RECORDED for a minimal record. */
  @statusProperty() status: string;
  @ApiProperty({ type: String, nullable: true, description: 'The protocol workflow state' }) state: string | null;
  @ApiProperty({ type: Number, nullable: true }) version: number | null;
  @ApiProperty({ type: String, nullable: true }) workflowId: string | null;
  @ApiProperty({ type: RecordParagraphDto, nullable: true, description: 'The paragraph as recorded' })
  paragraph: DecisionParagraph | null;
  /** Example (demo) data: "EXEMPEL – fiktiva uppgifter", with the facts that are invented; null for a real record. */
  @ApiProperty({ type: ExampleView, nullable: true, description: 'Example (demo) data; null for a real record' })
  example: ExampleView | null;
  @ApiPropertyOptional({ example: '2024-05-29' }) justeradOn?: string;
  @ApiPropertyOptional({ type: [String] }) justerare?: string[];
  /** R-I2: the chair who signed the justering beside the justerare (absent in records from before issue 11 §5). */
  @ApiPropertyOptional({ description: 'R-I2: the chair who signed the justering' }) chair?: string;
  @ApiPropertyOptional({ description: 'Omedelbart justerad (R-I3)' }) immediate?: boolean;
  @ApiPropertyOptional({ example: '2024-05-30' }) anslagOn?: string;
  @ApiPropertyOptional() noticeBoard?: string;
  /** R-I4: where the justerat protocol is kept (förvaringsplats), as the anslag states it. */
  @ApiPropertyOptional({ description: 'R-I4: where the justerat protocol is kept' }) keptAt?: string;
  /** R-I4: the day the anslag is taken down: as recorded, else the appeal period's last day. */
  @ApiPropertyOptional({ description: 'R-I4: the day the anslag is taken down' }) anslagTakenDownOn?: string;
  /** R-I9, R-H17: the delegationsbeslut (or ordförandebeslut) this paragraph reports (anmälan). */
  @ApiPropertyOptional({ type: DelegationReportView }) delegation?: DelegationReport;
  @ApiPropertyOptional({ example: '2024-06-20' }) appealLastDay?: string;
  @ApiPropertyOptional({ example: '2024-06-21' }) finalFrom?: string;
  @ApiPropertyOptional({ type: AppealView }) appeal?: ProtocolContext['appeal'];
  @ApiPropertyOptional({ type: ProtocolOutcomeView }) outcome?: ProtocolContext['outcome'];
  @ApiProperty({ type: [CorrectionView] }) corrections: Correction[];
  @ApiProperty({ type: [MotivationView] }) motivations: ProtocolContext['motivations'];
  @ApiProperty({ type: [RuleWarningView] }) warnings: RuleWarningView[];
  @ApiProperty({ type: DecisionDeadlinesView }) deadlines: DecisionDeadlinesView;
  @ApiProperty({ type: [String] }) allowedEvents: string[];
  @ApiProperty({ type: [LinkView], description: 'The workflows this decision drove' }) drove: LinkView[];
  /** R-H22: what became of the matter in this paragraph; null for a minimal record. */
  @ApiProperty({ enum: ['DECIDED', 'BORDLAGD', 'ATERREMITTERAD'], nullable: true })
  matterOutcome: ParagraphOutcome | null;
  /** R-H22: the matter's status as this paragraph leaves it: a matter sent on waits for, then has, its continuation. */
  @ApiProperty({ enum: MATTER_STATUSES, nullable: true })
  matterStatus: (typeof MATTER_STATUSES)[number] | null;
  @ApiProperty({ type: ParagraphLink, nullable: true }) continuesFrom: ParagraphLink | null;
  @ApiProperty({ type: ParagraphLink, nullable: true }) continuedBy: ParagraphLink | null;
  /**
   * R-K7: the secrecy markings of the paragraph or its texts; a withheld text shows its provision, never itself. A
   * marking lifted after a sekretessprövning stays listed with its lifting (R-K13) and withholds nothing.
   */
  @ApiPropertyOptional({ type: [SecrecyMarkingView], description: 'R-K7, R-K13 (absent in an asOf answer)' })
  secrecy?: SecrecyMarkingView[];
  // Protocol version 2 (h-proto2)
  /** R-I1, R-I4: a deadline that passed before the act, as its due event recorded it. */
  @ApiPropertyOptional({ type: LateView }) late?: ProtocolContext['late'];
  /** R-I13: every inhibition the court ordered; `inhibition` is the one in force (null when none holds). */
  @ApiPropertyOptional({ type: [InhibitionView] }) inhibitions?: Inhibition[];
  @ApiPropertyOptional({ type: ProtocolStopView, nullable: true }) inhibition?: ProtocolStop | null;
  /** R-I14: appeals that reached the court too late, recorded as late, with the court's decision on each. */
  @ApiPropertyOptional({ type: [LateAppealView] }) lateAppeals?: LateAppeal[];
  /** R-I15: whether an appeal clock runs for this paragraph, and why not (beredning, verkställighet). */
  @ApiPropertyOptional({ type: AppealClockView }) appealClock?: AppealClockView;
  /** R-H4: what a jäv means in this body (nämnd: leaves the room; fullmäktige: may stay), when a jäv is recorded. */
  @ApiProperty({ type: BilingualText, nullable: true }) javConsequence: BilingualText | null;
  @ApiPropertyOptional({
    type: ClosedDoorsView,
    nullable: true,
    description: 'R-H18: at an open nämnd meeting, why this paragraph was handled behind closed doors; null if not',
  })
  closedDoors?: ClosedDoorsView | null;
}

/** The answer to a protocol event: the decision after it, and what it caused on the workflows it drove (R-C11). */
export class DecisionEventResultView extends DecisionView {
  @ApiProperty({ type: [CausedOutcome], description: 'Compensations of the workflows it drove (an annulment)' })
  compensations: CausedOutcome[];
}
