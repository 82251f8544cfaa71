import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { VerifyRunProblem, VERIFY_SCOPES, type VerifyScope } from './database-checks';
import type { ShardMode } from './shard-pool';
import { RemovedItem } from '../../audit/personal-data-checks';

/** How far a verify run is: rows and workflows checked of those in its scope (counted at its start). */
export class VerifyProgress {
  @ApiProperty() rowsDone: number;
  @ApiProperty() rowsTotal: number;
  @ApiProperty() workflowsDone: number;
  @ApiProperty() workflowsTotal: number;
  @ApiProperty() elapsedMs: number;
}

/** A workflow with problems: its first problem and how many it has. */
export class FailedWorkflow {
  @ApiProperty() workflowId: string;
  @ApiProperty({ type: String, nullable: true }) machine: string | null;
  @ApiProperty() problemCount: number;
  @ApiProperty({ type: VerifyRunProblem }) first: VerifyRunProblem;
}

export class VerifyRunCounts {
  @ApiProperty() workflows: number;
  @ApiProperty() rows: number;
}

export class VerifyRunCheck {
  @ApiProperty() name: string;
  @ApiProperty() problemCount: number;
}

export class VerifyRunExecution {
  @ApiProperty({ enum: ['workers', 'in-thread'] }) mode: ShardMode;
  @ApiProperty() threads: number;
  @ApiPropertyOptional({ description: 'Why workers were not used when they were asked for' }) note?: string;
}

/** What a verify run of a scope answers (the API's JSON and the CLI's `--json`). */
@ApiExtraModels(...VERIFY_SCOPES)
export class VerifyRunReport {
  @ApiProperty({ oneOf: VERIFY_SCOPES.map((m) => ({ $ref: getSchemaPath(m) })) }) scope: VerifyScope;
  @ApiProperty() ok: boolean;
  @ApiProperty({ type: VerifyRunCounts }) counts: VerifyRunCounts;
  /** Every problem counted; the list holds the first `problemLimit` of them. */
  @ApiProperty({ description: 'Every problem counted; `problems` holds the first of them' }) problemCount: number;
  @ApiProperty({ type: [VerifyRunProblem] }) problems: VerifyRunProblem[];
  @ApiProperty() problemsTruncated: boolean;
  @ApiProperty() failedWorkflowCount: number;
  @ApiProperty({ type: [FailedWorkflow] }) failedWorkflows: FailedWorkflow[];
  /** The checks that ran after the log checks (database-checks.ts) and what each found. */
  @ApiProperty({ type: [VerifyRunCheck] }) checks: VerifyRunCheck[];
  /** Personal data removed under a logged gallringsbeslut (issue 10 §9): lawful, so listed here and not a problem. */
  @ApiProperty({ type: [RemovedItem], description: 'Personal data removed under a logged gallringsbeslut (lawful)' })
  removed: RemovedItem[];
  /** Worker threads, or the calling thread; `note` says why workers were not used when they were asked for. */
  @ApiProperty({ type: VerifyRunExecution }) execution: VerifyRunExecution;
  @ApiProperty() startedAt: string;
  @ApiProperty() durationMs: number;
}

export interface VerifyRunOptions {
  /** Worker threads (default one per core; 0 = verify in the calling thread). */
  workers?: number;
  /** At most this many problems (and failed workflows) in the report (default 1 000). */
  problemLimit?: number;
  onProgress?: (progress: VerifyProgress) => void;
  /** Stops the run between two chunks (the service shutting down); the run then rejects. */
  signal?: AbortSignal;
}
