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

export interface TransitionView {
  seq: number;
  eventType: string;
  payload: unknown;
  actor: { id: string; role: string; municipality: string | null };
  recordedAt: string;
  legalDate: string | null;
  fromState: string | null;
  toState: string;
  machineId: string;
  machineVersion: number;
  prevHash: string;
  hash: string;
}

export interface InstanceView {
  id: string;
  machineId: string;
  machineVersion: number;
  subject: string;
  state: string;
  version: number;
  context: any;
  allowedEvents: string[];
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

export interface VerifyProblem {
  seq: number;
  kind:
    | 'MISSING_ROW'
    | 'HASH_MISMATCH'
    | 'CHAIN_BROKEN'
    | 'BAD_PAYLOAD'
    | 'REPLAY_REFUSED'
    | 'STATE_MISMATCH'
    | 'FROM_STATE_MISMATCH'
    | 'MACHINE_MISMATCH'
    | 'HEAD_MISMATCH'
    // Verify at every scale (h-verify): found by the whole-scope run, not by one workflow's replay.
    | 'ORPHAN_ROWS'
    | 'HEAD_WITHOUT_ROWS'
    | 'MISSING_WORKFLOW'
    | 'MACHINE_VERSION_MISSING'
    // Versioned machines (h-versions): the pinned version's recorded fingerprint is not the running definition's.
    | 'DEFINITION_CHANGED';
  message: string;
}

export interface VerifyReport {
  workflowId: string;
  machine: string;
  ok: boolean;
  events: number;
  firstDivergence: VerifyProblem | null;
  problems: VerifyProblem[];
}
