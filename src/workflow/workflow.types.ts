import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { RuleWarning } from '../../machines/kernel/refusal';

export interface WorkflowEventInput {
  type: string;
  [key: string]: unknown;
}

export interface SendOptions {
  expectedVersion?: number;
  idempotencyKey?: string;
  /** SHA-256 of the request as the client sent it; a retry with the same key must carry the same fingerprint. */
  requestFingerprint?: string;
}

/** Who wrote a log row: the actor id (a token id, or 'system'), its role and its municipality. */
export class TransitionActorView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'admin' }) role: string;
  @ApiProperty({ type: String, nullable: true, example: '1460' }) municipality: string | null;
}

export class TransitionView {
  @ApiProperty() seq: number;
  @ApiProperty({ example: 'KSO_SIGNED' }) eventType: string;
  // The event as recorded; a row whose payload no longer parses shows its stored text (verify reports it).
  @ApiProperty({
    oneOf: [{ type: 'object', additionalProperties: true }, { type: 'string' }],
    description: 'The event as recorded (its stored text when it does not parse; verify reports that)',
  })
  payload: unknown;
  @ApiProperty({ type: TransitionActorView }) actor: TransitionActorView;
  @ApiProperty({ description: 'UTC instant (ISO 8601)' }) recordedAt: string;
  @ApiProperty({ type: String, nullable: true, example: '2026-03-01' }) legalDate: string | null;
  @ApiProperty({ type: String, nullable: true }) fromState: string | null;
  @ApiProperty() toState: string;
  @ApiProperty() machineId: string;
  @ApiProperty() machineVersion: number;
  @ApiProperty() prevHash: string;
  @ApiProperty() hash: string;
}

export class InstanceView {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'membership' }) machineId: string;
  @ApiProperty() machineVersion: number;
  @ApiProperty() subject: string;
  @ApiProperty() state: string;
  @ApiProperty() version: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: "The machine's context" }) context: any;
  @ApiProperty({ type: [String] }) allowedEvents: string[];
}

export interface SendResult {
  instance: InstanceView;
  transition: TransitionView;
  /** True when an Idempotency-Key matched an earlier request: nothing new was written. */
  replayed: boolean;
  warnings: RuleWarning[];
  /** What this event caused on linked workflows (compensations), in the same transaction. */
  caused: CausedOutcome[];
}

/** Why a linked workflow refused a caused event. */
export class CausedRefusal {
  @ApiProperty() code: string;
  @ApiProperty() message: string;
  @ApiProperty() messageSv: string;
}

/** A caused event that was recorded (its seq), or refused by a workflow that had moved on. */
export class CausedOutcome {
  @ApiProperty() workflowId: string;
  @ApiPropertyOptional({ description: 'The log row the caused event wrote' }) seq?: number;
  @ApiPropertyOptional({ type: CausedRefusal, description: 'The workflow had moved on and refused it' })
  refused?: CausedRefusal;
}

export const VERIFY_PROBLEM_KINDS = [
  'MISSING_ROW',
  'HASH_MISMATCH',
  'CHAIN_BROKEN',
  'BAD_PAYLOAD',
  'REPLAY_REFUSED',
  'STATE_MISMATCH',
  'FROM_STATE_MISMATCH',
  'MACHINE_MISMATCH',
  'HEAD_MISMATCH',
  // Verify at every scale (h-verify): found by the whole-scope run, not by one workflow's replay.
  'ORPHAN_ROWS',
  'HEAD_WITHOUT_ROWS',
  'MISSING_WORKFLOW',
  'MACHINE_VERSION_MISSING',
  // Versioned machines (h-versions): the pinned version's recorded fingerprint is not the running definition's.
  'DEFINITION_CHANGED',
] as const;

export class VerifyProblem {
  @ApiProperty() seq: number;
  @ApiProperty({ enum: VERIFY_PROBLEM_KINDS }) kind: (typeof VERIFY_PROBLEM_KINDS)[number];
  @ApiProperty() message: string;
}

export class VerifyReport {
  @ApiProperty() workflowId: string;
  @ApiProperty({ example: 'membership@1' }) machine: string;
  @ApiProperty() ok: boolean;
  @ApiProperty() events: number;
  @ApiProperty({ type: VerifyProblem, nullable: true }) firstDivergence: VerifyProblem | null;
  @ApiProperty({ type: [VerifyProblem] }) problems: VerifyProblem[];
}
