import type { DatabaseProblem, VerifyScope } from './database-checks';
import type { ShardMode } from './shard-pool';
import type { RemovedItem } from '../../audit/personal-data-checks';

/** How far a verify run is: rows and workflows checked of those in its scope (counted at its start). */
export interface VerifyProgress {
  rowsDone: number;
  rowsTotal: number;
  workflowsDone: number;
  workflowsTotal: number;
  elapsedMs: number;
}

/** A workflow with problems: its first problem and how many it has. */
export interface FailedWorkflow {
  workflowId: string;
  machine: string | null;
  problemCount: number;
  first: DatabaseProblem;
}

/** What a verify run of a scope answers (the API's JSON and the CLI's `--json`). */
export interface VerifyRunReport {
  scope: VerifyScope;
  ok: boolean;
  counts: { workflows: number; rows: number };
  /** Every problem counted; the list holds the first `problemLimit` of them. */
  problemCount: number;
  problems: DatabaseProblem[];
  problemsTruncated: boolean;
  failedWorkflowCount: number;
  failedWorkflows: FailedWorkflow[];
  /** The checks that ran after the log checks (database-checks.ts) and what each found. */
  checks: Array<{ name: string; problemCount: number }>;
  /** Personal data removed under a logged gallringsbeslut (issue 10 §9): lawful, so listed here and not a problem. */
  removed: RemovedItem[];
  /** Worker threads, or the calling thread; `note` says why workers were not used when they were asked for. */
  execution: { mode: ShardMode; threads: number; note?: string };
  startedAt: string;
  durationMs: number;
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
