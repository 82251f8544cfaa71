import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { MembershipStatus } from '../../machines/membership/membership.types';
import { DeclarationVersionView, OrganisationPartyView } from '../collaboration/collaboration.views';
import { PlanInForceView } from '../plan/plan.views';

/** One workflow as its log stood: the state replayed, and the version (seq) it had then. */
export class WorkflowAtView {
  @ApiProperty() workflowId: string;
  @ApiProperty({ example: 'membership' }) machine: string;
  @ApiProperty() state: string;
  @ApiProperty() version: number;
  /** False when the pinned machine refused a recorded row (run verify); the state is the one before it. */
  @ApiProperty({ description: 'False when the pinned machine refused a recorded row (run verify)' })
  replayed: boolean;
}

export class MunicipalityAtView {
  @ApiProperty({ example: '1492' }) code: string;
  @ApiProperty({ type: String, nullable: true, example: 'Åmål' }) name: string | null;
}

export class PartyAtView extends WorkflowAtView {
  @ApiProperty({ type: MunicipalityAtView }) municipality: MunicipalityAtView;
  @ApiProperty({ enum: ['NOT_MEMBER', 'SIGNED_NOT_IN_FORCE', 'ACTIVE', 'LEAVING', 'EXITED'], description: 'On date' })
  status: MembershipStatus;
  @ApiPropertyOptional() memberFrom?: string;
  @ApiPropertyOptional() exitRequestedOn?: string;
  @ApiPropertyOptional() exitEffectiveOn?: string;
}

export class AreaAtView extends WorkflowAtView {
  @ApiProperty() areaId: string;
}

export class AmendmentAtView extends WorkflowAtView {
  @ApiProperty() amendmentId: string;
}

export class DecisionAtView extends WorkflowAtView {
  @ApiProperty() decisionId: string;
}

export class OpenDeadlineView {
  @ApiProperty() workflowId: string;
  @ApiProperty({ example: 'membership' }) machine: string;
  @ApiProperty({ example: 'EXIT_TOOK_EFFECT' }) eventType: string;
  /** Scheduled: the day the engine records the event (it may lie after `date`). */
  @ApiProperty({ description: 'The day the engine records the event (it may lie after `date`)' }) dueOn: string;
}

/** `GET /collaborations/{slug}/as-of`: the collaboration as its log stood, judged on a legal date. */
export class CollaborationAsOfView {
  @ApiProperty({ example: 'dalslandssamverkan' }) collaboration: string;
  /** The legal date statuses are judged on (Stockholm). */
  @ApiProperty({ example: '2025-06-30', description: 'The legal date statuses are judged on (Stockholm)' })
  date: string;
  /** The log was read up to this instant (recorded_at ≤ instant). */
  @ApiProperty({ description: 'The log was read up to this instant (recorded_at ≤ instant)' }) instant: string;
  @ApiProperty({ enum: ['end-of-date', 'instant', 'now'] }) instantFrom: 'end-of-date' | 'instant' | 'now';
  /** False when the collaboration had not been recorded by then; everything else is then empty. */
  @ApiProperty({ description: 'False when the collaboration had not been recorded by then (all else empty)' })
  existed: boolean;
  @ApiProperty({ type: String, nullable: true }) name: string | null;
  @ApiProperty({ type: DeclarationVersionView, nullable: true }) declarationInForce: DeclarationVersionView | null;
  @ApiProperty({ type: [PartyAtView] }) parties: PartyAtView[];
  @ApiProperty({ type: [OrganisationPartyView], description: 'The organisations that had signed by date' })
  organisations: OrganisationPartyView[];
  @ApiProperty({ type: [AreaAtView] }) areas: AreaAtView[];
  @ApiProperty({ type: [AmendmentAtView] }) amendments: AmendmentAtView[];
  @ApiProperty({ type: PlanInForceView, nullable: true }) planInForce: PlanInForceView | null;
  @ApiProperty({ type: [WorkflowAtView] }) plans: WorkflowAtView[];
  @ApiProperty({ type: WorkflowAtView, nullable: true }) council: WorkflowAtView | null;
  @ApiProperty({ type: [WorkflowAtView] }) costRules: WorkflowAtView[];
  @ApiProperty({ type: [DecisionAtView] }) decisions: DecisionAtView[];
  /** The due events pending at the instant (an exit to take effect, an appeal period to end). */
  @ApiProperty({ type: [OpenDeadlineView], description: 'The due events pending at the instant' })
  openDeadlines: OpenDeadlineView[];
}
