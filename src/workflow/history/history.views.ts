import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { InstanceView, TransitionView } from '../workflow.types';
import { AllowingRule } from './fired-rules';
import { HistoryLink } from './history-links';

/** Who did it: the token (the log's actor id), the person it was given to, the role and the municipality. */
export class HistoryActorView {
  /** The actor id as the log row records it (a token id, or 'system'). */
  @ApiProperty({ description: "The actor id as the log row records it (a token id, or 'system')" }) id: string;
  /** The token id, or null for the engine's own actor. */
  @ApiProperty({ type: String, nullable: true, description: "The token id; null for the engine's own actor" })
  tokenId: string | null;
  /** The person the token was given to, from the token table at read time (null: the engine, or an unknown token). */
  @ApiProperty({ type: String, nullable: true, description: 'The person the token was given to (read at read time)' })
  name: string | null;
  @ApiProperty({ example: 'clerk' }) role: string;
  @ApiProperty({ type: String, nullable: true, example: '1460' }) municipality: string | null;
}

/**
 * One history entry, the one view of every history endpoint (workflows, memberships, areas, decisions: they all
 * answer a workflow's log): the row as the chain holds it (seq, event, payload, legal date, recorded instant, states,
 * machine, hashes), who did it, the rule that allowed it, and the records behind it as API paths.
 */
export class HistoryEntryView extends OmitType(TransitionView, ['actor'] as const) {
  @ApiProperty({ type: HistoryActorView }) actor: HistoryActorView;
  /** The rule that allowed the transition; null where replay could not follow the log (see verify). */
  @ApiProperty({
    type: AllowingRule,
    nullable: true,
    description: 'The rule that allowed the transition; null where replay could not follow the log (see verify)',
  })
  rule: AllowingRule | null;
  @ApiProperty({ type: [HistoryLink] }) links: HistoryLink[];
}

/** A cause that stops the workflows it drove (`decision:<id>` under inhibition), as the module that owns it says. */
export class WorkflowStop {
  @ApiProperty({ example: 'decision:3f0c…' }) causeKey: string;
  @ApiProperty({ example: 'R-I13' }) ruleId: string;
  @ApiProperty() en: string;
  @ApiProperty() sv: string;
  // Further details of the cause as its module gives them (the schema allows more properties).
  [detail: string]: unknown;
}

/** A workflow's history, genesis first. */
export class HistoryView {
  @ApiProperty() workflowId: string;
  @ApiProperty() machineId: string;
  @ApiProperty() machineVersion: number;
  @ApiProperty({ type: [HistoryEntryView] }) transitions: HistoryEntryView[];
  /**
   * What stops this workflow now (read side, its log is not rewritten): a decision that drove it and is under the
   * court's inhibition (R-I13). Absent when nothing does.
   */
  @ApiPropertyOptional({
    type: [WorkflowStop],
    description:
      'R-I13: what stops this workflow now (a decision that drove it, under inhibition); absent when nothing',
  })
  stoppedBy?: WorkflowStop[];
}

/** GET /workflows/{id}: the instance, and what stops it now when anything does (R-I13). */
export class StoppedInstanceView extends InstanceView {
  @ApiPropertyOptional({
    type: [WorkflowStop],
    description: 'R-I13: what stops this workflow now; absent when nothing',
  })
  stoppedBy?: WorkflowStop[];
}

/** Reads, for the cause keys that drove a workflow, those that stop it now (registered by the module of the cause). */
export type StopReader = (tx: import('../../database/db').Tx, causeKeys: string[]) => Promise<WorkflowStop[]>;
