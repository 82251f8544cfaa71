import type { VerifyProblem } from '../workflow.types';
import type { VerifyRunProblem } from './database-checks';
import type { WorkflowOutcome } from './shard-verifier';
import type { FailedWorkflow } from './verify-run.types';

/** The problems of a run: every one counted, the first `limit` kept (and the first `limit` failed workflows). */
export class ProblemCollector {
  count = 0;
  readonly problems: VerifyRunProblem[] = [];
  failedCount = 0;
  readonly failed: FailedWorkflow[] = [];
  /** Every failed workflow's entry in `failed`, or null once the list is full. */
  private readonly seen = new Map<string, FailedWorkflow | null>();

  constructor(private readonly limit: number) {}

  /** A workflow's problems from its replay (the shard keeps at most a hundred; the count is exact). */
  addWorkflow(outcome: Pick<WorkflowOutcome, 'workflowId' | 'machine' | 'problemCount' | 'problems'>): void {
    const problems = outcome.problems.map((p) => fromReplay(outcome.workflowId, p));
    this.addFailed(outcome.workflowId, outcome.machine || null, outcome.problemCount, problems[0]);
    this.count += outcome.problemCount;
    for (const p of problems) if (this.problems.length < this.limit) this.problems.push(p);
  }

  /** One problem found outside a replay (orphan rows, a head without rows, a check of database-checks.ts). */
  add(problem: VerifyRunProblem, machine: string | null = null): void {
    if (problem.workflowId) this.addFailed(problem.workflowId, machine, 1, problem);
    this.count++;
    if (this.problems.length < this.limit) this.problems.push(problem);
  }

  private addFailed(workflowId: string, machine: string | null, problemCount: number, first: VerifyRunProblem): void {
    const known = this.seen.get(workflowId);
    if (known !== undefined) {
      if (known) known.problemCount += problemCount;
      return;
    }
    this.failedCount++;
    const entry = this.failed.length < this.limit ? { workflowId, machine, problemCount, first } : null;
    if (entry) this.failed.push(entry);
    this.seen.set(workflowId, entry);
  }
}

export function fromReplay(workflowId: string, p: VerifyProblem): VerifyRunProblem {
  const table = p.kind === 'HEAD_MISMATCH' ? 'workflow_instance' : 'workflow_transition';
  return { workflowId, seq: p.seq, kind: p.kind, message: p.message, table };
}
