/**
 * What the API shows of an area: its stage (the machine version's stage table, a proposal, D7), whether it counts as
 * inside the collaboration on `asOf` (R-F1, R-C9), what it waits for and since when, and its participants with their
 * decisions linked to the decision records (appeal status shown, not blocking: G4, R-I8). Classes, so that the
 * OpenAPI document describes the answers.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { TransitionView } from '../workflow/workflow.types';

export class AreaStageView {
  @ApiProperty({ example: 'beslut' }) key: string;
  @ApiProperty({ nullable: true, example: 3, type: Number }) number: number | null;
  @ApiProperty({ example: 'Beredning och beslut i respektive kommun' }) sv: string;
  @ApiProperty({ example: 'Preparation and decision in each municipality' }) en: string;
  @ApiProperty({ description: 'The names are a proposal (RULEBOOK §4.2, D7) until a machine version replaces them' })
  proposal: boolean;
  @ApiProperty() source: string;
}

export class AreaDecisionLinkView {
  @ApiProperty() decisionId: string;
  @ApiProperty({ example: '/api/v1/decisions/…' }) href: string;
  @ApiProperty({ enum: ['KF', 'KS', 'NAMND'] }) organ: string;
  @ApiProperty({ example: '2025-03-24' }) date: string;
  @ApiPropertyOptional() paragraph?: string;
  @ApiProperty({ description: 'Protocol status now: JUSTERAT, ANSLAGET, PRESUMED_FINAL, APPEALED, FINAL, ANNULLED' })
  protocolStatus: string;
  @ApiPropertyOptional() appealLastDay?: string;
}

export class AreaParticipantView {
  @ApiProperty({ example: '1461' }) code: string;
  @ApiProperty({ example: 'Mellerud' }) name: string;
  @ApiProperty({ enum: ['UNDECIDED', 'YES', 'NO', 'REGISTERED_EXISTING'], description: 'NO: has left the area' })
  status: string;
  @ApiProperty({ description: 'An active party of the collaboration on asOf (R-F1: only parties count)' })
  activePartyOnAsOf: boolean;
  @ApiProperty({ description: 'Membership status on asOf (NOT_MEMBER for a municipality that is not a party)' })
  membershipStatus: string;
  @ApiPropertyOptional({ type: AreaDecisionLinkView }) decision?: AreaDecisionLinkView;
}

export class AreaWaitingForView {
  @ApiProperty({ enum: ['DECISION', 'DOCUMENT', 'STEP', 'SIGNATURE'] }) kind: string;
  @ApiProperty({ example: 'PARTICIPATION_DECISION' }) what: string;
  @ApiPropertyOptional({ example: '1492' }) municipalityCode?: string;
  @ApiPropertyOptional({ example: 'Åmål' }) municipalityName?: string;
  @ApiProperty({ nullable: true, type: String, example: '2025-05-20', description: 'Open since this date' })
  since: string | null;
}

export class AreaReasonView {
  @ApiProperty() code: string;
  @ApiProperty() ruleId: string;
  @ApiProperty() message: string;
  @ApiProperty() messageSv: string;
  @ApiPropertyOptional({ type: Object }) details?: Record<string, unknown>;
}

export class AreaInsideView {
  @ApiProperty({ example: '2026-12-31' }) asOf: string;
  @ApiProperty({
    nullable: true,
    type: Boolean,
    description:
      'Inside the collaboration on asOf: ≥2 participants that take part and are active parties (R-F1); null while decisions are open',
  })
  inside: boolean | null;
  @ApiProperty({ type: [String] }) yes: string[];
  @ApiProperty({ type: [String] }) partyYes: string[];
  @ApiProperty({ type: [String] }) nonPartyYes: string[];
  @ApiProperty({ type: AreaReasonView, nullable: true }) reason: AreaReasonView | null;
}

export class AreaOutcomeView {
  @ApiProperty() judgedOn: string;
  @ApiProperty({ type: [String] }) yes: string[];
  @ApiProperty({ type: [String] }) no: string[];
  @ApiProperty({ type: [String] }) partyYes: string[];
  @ApiProperty({ type: [String] }) nonPartyYes: string[];
  @ApiProperty() inside: boolean;
  @ApiProperty({ type: AreaReasonView, nullable: true, description: 'G3: why it cannot be formalised inside' })
  reason: AreaReasonView | null;
}

export class AreaPurposeView {
  @ApiProperty({ example: 'EFFEKTIVISERA_OCH_KVALITETSSAKRA' }) key: string;
  @ApiProperty() sv: string;
  @ApiProperty() en: string;
}

export class AreaView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'dalslandssamverkan' }) collaboration: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [AreaPurposeView], description: 'The §4 purposes it serves, in Swedish and English' })
  purposes: AreaPurposeView[];
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ type: AreaStageView }) stage: AreaStageView;
  @ApiProperty({ example: 'formalisering.undertecknande' }) state: string;
  @ApiProperty({ nullable: true, type: String, description: 'The stage was entered on this date' })
  stageSince: string | null;
  @ApiProperty({ type: [String], example: ['REGISTERED_EXISTING'] }) flags: string[];
  @ApiProperty({ type: AreaInsideView }) inside: AreaInsideView;
  @ApiPropertyOptional({ type: AreaOutcomeView }) outcome?: AreaOutcomeView;
  @ApiProperty({ type: [AreaParticipantView] }) participants: AreaParticipantView[];
  @ApiProperty({ type: [AreaWaitingForView] }) waitingFor: AreaWaitingForView[];
  @ApiProperty({
    type: Object,
    description: 'KDG assignment, council information, report, formalisation, signatures …',
  })
  record: Record<string, unknown>;
  @ApiProperty({ type: [String] }) allowedEvents: string[];
  @ApiProperty() version: number;
  @ApiProperty() workflowId: string;
}

export class AreaRecordedView extends AreaView {
  @ApiProperty({ type: TransitionView, description: 'The log row of the event' }) transition: TransitionView;
  @ApiProperty() replayed: boolean;
}

export class AreaStageGroupView {
  @ApiProperty({ type: AreaStageView }) stage: AreaStageView;
  @ApiProperty({ type: [AreaView] }) areas: AreaView[];
}

export class AreaListView {
  @ApiProperty() collaboration: string;
  @ApiProperty() asOf: string;
  @ApiProperty({ type: [AreaStageGroupView], description: 'Every stage of the table, in order, with its areas' })
  stages: AreaStageGroupView[];
}
