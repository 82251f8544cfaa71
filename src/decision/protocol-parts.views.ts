import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DELEGATION_KINDS,
  type DelegationKind,
  type DelegationReport,
} from '../../machines/delegation/delegation.types';
import type {
  Correction,
  Inhibition,
  LateAppeal,
  PassedDeadline,
  ProtocolContext,
} from '../../machines/protocol/protocol.types';
import type { stopOf } from '../../machines/protocol/protocol.v2.rules';

// The parts of a decision's protocol lifecycle as a DecisionView shows them (machines/protocol/protocol.types.ts):
// each class implements the machine's type, so that the OpenAPI document cannot drift from what the machine holds.

type Appeal = NonNullable<ProtocolContext['appeal']>;
type Outcome = NonNullable<ProtocolContext['outcome']>;
type Late = NonNullable<ProtocolContext['late']>;
type Motivation = ProtocolContext['motivations'][number];

/** R-I13: the inhibition in force, as the decision and what it drove show it. */
export type ProtocolStop = NonNullable<ReturnType<typeof stopOf>>;

/** A text in English and Swedish. */
export class BilingualText {
  @ApiProperty() en: string;
  @ApiProperty() sv: string;
}

/** R-I9, R-H17: the delegationsbeslut (or ordförandebeslut) a paragraph reports (anmälan). */
export class DelegationReportView implements DelegationReport {
  @ApiProperty() delegationId: string;
  @ApiProperty({ enum: DELEGATION_KINDS }) kind: DelegationKind;
  @ApiProperty({ example: 'D-2026-014' }) number: string;
  @ApiProperty() delegate: string;
  @ApiPropertyOptional() delegateTitle?: string;
  @ApiProperty({ description: 'The point of the delegationsordning' }) point: string;
  @ApiProperty({ example: '2026-03-02' }) decidedOn: string;
  @ApiProperty({ description: 'The body whose decision it is' }) bodyId: string;
  @ApiProperty() bodyName: string;
  @ApiPropertyOptional({ description: 'R-H17: why it is reported later than at the next meeting' })
  lateReason?: string;
}

export class AppealView implements Appeal {
  @ApiProperty({ example: '2024-06-10' }) receivedOn: string;
  @ApiPropertyOptional({ example: 'Förvaltningsrätten i Göteborg' }) court?: string;
  @ApiPropertyOptional() caseNumber?: string;
}

export class ProtocolOutcomeView implements Outcome {
  @ApiProperty({ enum: ['FINAL', 'ANNULLED'] }) kind: 'FINAL' | 'ANNULLED';
  @ApiProperty({ example: '2024-06-21' }) on: string;
  @ApiPropertyOptional() court?: string;
  @ApiPropertyOptional() caseNumber?: string;
  @ApiPropertyOptional() basis?: string;
}

export class CorrectionView implements Correction {
  @ApiProperty({ example: '2024-06-03' }) correctedOn: string;
  @ApiProperty() reason: string;
  @ApiProperty() text: string;
  @ApiProperty({ description: 'Its place among the corrections (0 first)' }) index: number;
}

/** A written motivation of a reservation, accepted after recording (R-H14 c). */
export class MotivationView implements Motivation {
  @ApiProperty() member: string;
  @ApiProperty() text: string;
  @ApiProperty({ example: '2024-05-27T09:00:00+02:00' }) submittedAt: string;
}

/** R-I1, R-I4: a deadline that passed before the act, as its due event recorded it. */
export class PassedDeadlineView implements PassedDeadline {
  @ApiProperty({ example: '2024-06-05' }) deadline: string;
  @ApiProperty({ example: '2024-06-06' }) passedOn: string;
  @ApiPropertyOptional({ description: 'The date of the act, when it came' }) actOn?: string;
  @ApiPropertyOptional({ description: 'The act was dated on or before the deadline' }) onTime?: boolean;
}

export class LateView implements Late {
  @ApiPropertyOptional({ type: PassedDeadlineView }) justering?: PassedDeadlineView;
  @ApiPropertyOptional({ type: PassedDeadlineView }) anslag?: PassedDeadlineView;
}

/** R-I13: an inhibition the court ordered. */
export class InhibitionView implements Inhibition {
  @ApiProperty() court: string;
  @ApiPropertyOptional() caseNumber?: string;
  @ApiProperty({ example: '2024-06-12' }) orderedOn: string;
  @ApiPropertyOptional({ description: 'The day it ended' }) endedOn?: string;
  @ApiPropertyOptional({ enum: ['LIFTED', 'JUDGMENT'] }) endedBy?: 'LIFTED' | 'JUDGMENT';
}

export class ProtocolStopView implements ProtocolStop {
  @ApiProperty() decisionId: string;
  @ApiProperty({ example: 'R-I13' }) ruleId: string;
  @ApiProperty() court: string;
  @ApiPropertyOptional() caseNumber?: string;
  @ApiProperty() orderedOn: string;
  @ApiProperty() en: string;
  @ApiProperty() sv: string;
}

export class LateAppealDecisionView {
  @ApiProperty({ enum: ['DISMISSED', 'REJECTED'] }) outcome: 'DISMISSED' | 'REJECTED';
  @ApiProperty() decidedOn: string;
}

/** R-I14: an appeal that reached the court after the appeal period's last day. */
export class LateAppealView implements LateAppeal {
  @ApiProperty() receivedOn: string;
  @ApiPropertyOptional() court?: string;
  @ApiPropertyOptional() caseNumber?: string;
  @ApiProperty() appealLastDay: string;
  @ApiPropertyOptional({ type: LateAppealDecisionView, description: "The court's decision on it" })
  decided?: LateAppealDecisionView;
}

/** R-I15: whether an appeal clock runs for the paragraph, and why not. */
export class AppealClockView {
  @ApiProperty() runs: boolean;
  @ApiPropertyOptional({ type: BilingualText }) reason?: BilingualText;
}

/** D8, R-L7: a deadline that fell on a non-vardag and moved to the next vardag. */
export class DeadlineNoteView {
  @ApiProperty({ enum: ['justeringDeadline', 'anslagDeadline'] }) deadline: string;
  @ApiProperty({ example: '2024-06-10' }) date: string;
  @ApiProperty() code: string;
  @ApiProperty({ example: 'R-L7' }) ruleId: string;
  @ApiProperty() message: string;
  @ApiProperty() messageSv: string;
}

export class DecisionDeadlinesView {
  @ApiPropertyOptional({ example: '2024-06-05' }) justeringDeadline?: string;
  @ApiPropertyOptional({ example: '2024-06-21' }) anslagDeadline?: string;
  @ApiPropertyOptional({ type: [DeadlineNoteView] }) notes?: DeadlineNoteView[];
}
