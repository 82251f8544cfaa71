import { ApiProperty } from '@nestjs/swagger';
import type { Attendee, OpenMeetingsDecision } from '../../machines/protocol/decision.types';
import { ExampleView } from '../common/example-view';
import { AttendeeDto } from './dto/decision.dto';
import { BilingualText } from './protocol-parts.views';

// What the bodies, meetings and decision lists of a municipality answer (decision.service.ts).

const STATUSES = [
  'DRAFT',
  'JUSTERAT',
  'ANSLAGET',
  'PRESUMED_FINAL',
  'APPEALED',
  'FINAL',
  'ANNULLED',
  'NOT_APPEALABLE',
  'RECORDED',
];

/** A protocol status (protocolStatusOf), or RECORDED for a minimal record without a protocol lifecycle. */
export const statusProperty = () =>
  ApiProperty({ enum: STATUSES, description: 'The protocol status; RECORDED for a minimal record' });

const exampleProperty = () =>
  ApiProperty({ type: ExampleView, nullable: true, description: 'Example (demo) data; null for a real record' });

/** A body (KF, KS, nämnd, utskott) of a municipality. */
/** R-H18: fullmäktige's decision that allows a nämnd to meet in public. */
export class OpenMeetingsDecisionView implements OpenMeetingsDecision {
  @ApiProperty({ example: '2024-02-26' }) decidedOn: string;
  @ApiProperty({ example: 'KF § 12' }) reference: string;
}

export class BodyView {
  @ApiProperty() id: string;
  @ApiProperty({ example: '1461' }) municipalityCode: string;
  @ApiProperty({ enum: ['KF', 'KS', 'NAMND', 'UTSKOTT'] }) kind: string;
  @ApiProperty({ example: 'Socialnämnden' }) name: string;
  @ApiProperty({ example: 9, description: 'Number of ledamöter (for quorum, R-H2)' }) memberCount: number;
  @ApiProperty({
    type: OpenMeetingsDecisionView,
    nullable: true,
    description: "R-H18: fullmäktige's decision allowing the body to meet in public; null when none is recorded",
  })
  openMeetingsDecision: OpenMeetingsDecisionView | null;
}

/** A paragraph of a meeting, as the meeting lists it. */
export class MeetingParagraphView {
  @ApiProperty() id: string;
  @ApiProperty({ type: String, nullable: true, example: '§ 45' }) paragraphNumber: string | null;
  @ApiProperty() subject: string;
  @statusProperty() status: string;
  @ApiProperty({ type: String, nullable: true }) workflowId: string | null;
  @exampleProperty() example: ExampleView | null;
}

export class MeetingDeadlinesView {
  @ApiProperty({ example: '2024-06-05', description: 'R-I1: the last day for the justering' })
  justeringDeadline: string;
}

/** A meeting (sammanträde) with who was present and its paragraphs. */
export class MeetingView {
  @ApiProperty() id: string;
  @ApiProperty({ type: BodyView }) body: BodyView;
  @ApiProperty({ example: '1461' }) municipalityCode: string;
  @ApiProperty({ example: '2024-05-22' }) date: string;
  @ApiProperty({ type: String, nullable: true }) place: string | null;
  @ApiProperty({ type: String, nullable: true }) secretary: string | null;
  @ApiProperty({ type: String, nullable: true }) closedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) justeringAt: string | null;
  @ApiProperty({ type: [AttendeeDto] }) attendees: Attendee[];
  @ApiProperty({ description: 'R-H18: whether the meeting is open to the public' }) public: boolean;
  @ApiProperty({ type: BilingualText, description: 'R-H18: "Offentligt sammanträde" or that it is not' })
  openness: BilingualText;
  @exampleProperty() example: ExampleView | null;
  @ApiProperty({ type: MeetingDeadlinesView }) deadlines: MeetingDeadlinesView;
  @ApiProperty({ type: [MeetingParagraphView] }) paragraphs: MeetingParagraphView[];
}

/** A decision as a municipality's list shows it. */
export class DecisionListItemView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['KF', 'KS', 'NAMND'], description: 'The deciding organ' }) organ: string;
  @ApiProperty({ example: '2024-05-22' }) decidedOn: string;
  @ApiProperty({ type: String, nullable: true }) paragraphNumber: string | null;
  @ApiProperty() subject: string;
  @ApiProperty({ type: String, nullable: true }) collaboration: string | null;
  @ApiProperty({ description: 'A minimal record, without a protocol lifecycle' }) minimal: boolean;
  @statusProperty() status: string;
  @ApiProperty({ type: String, nullable: true }) meetingId: string | null;
  @ApiProperty({ type: String, nullable: true }) workflowId: string | null;
  @exampleProperty() example: ExampleView | null;
}
