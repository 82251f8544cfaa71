import { WorkflowInstanceEntity } from '../log/workflow-instance.entity';
import type { MachineRegistry } from '../machine-registry';
import type { VerifyProblem } from '../workflow.types';
import { LogReplay, unpackRows } from './log-replay';

/** At most this many problems of one workflow travel back from a shard (the count is always exact). */
export const PROBLEMS_PER_WORKFLOW = 100;

/** A run of consecutive log rows of one workflow, packed by the database (log-sql.ts `selectLogPackedFrom`). */
export interface Segment {
  id: string;
  /** The head row, on the workflow's first segment only. */
  head?: Record<string, unknown>;
  rows: string[];
}

/** One workflow's result, sent back only when it has problems or could not be checked here. */
export interface WorkflowOutcome {
  workflowId: string;
  machine: string;
  events: number;
  problemCount: number;
  problems: VerifyProblem[];
  /** A row did not unpack (a separator byte in a tampered value): the caller verifies it again column by column. */
  repack?: boolean;
}

export interface BatchResult {
  rows: number;
  /** Workflows finished in this batch (clean and not). */
  finished: number;
  failed: WorkflowOutcome[];
}

/**
 * A shard of a verify run: workflows fed to it whole and in seq order, segment by segment, each replayed by
 * LogReplay (the same checks as one workflow's verify). The same code runs in a worker thread (verify-worker.ts) and,
 * where workers are not available, in the calling thread (shard-pool.ts). Holds one workflow's replay at a time.
 */
export class ShardVerifier {
  private open: { id: string; replay: LogReplay | null; outcome: WorkflowOutcome | null } | null = null;

  constructor(
    private readonly registry: MachineRegistry,
    private readonly columns: string[],
  ) {}

  handle(segments: Segment[]): BatchResult {
    const result: BatchResult = { rows: 0, finished: 0, failed: [] };
    for (const segment of segments) {
      if (this.open?.id !== segment.id) {
        this.close(result);
        this.open = this.start(segment);
      }
      result.rows += segment.rows.length;
      const open = this.open!;
      if (!open.replay) continue;
      const rows = unpackRows(segment.rows, this.columns);
      if (rows) open.replay.push(rows);
      else {
        open.replay = null;
        open.outcome = { workflowId: open.id, machine: '', events: 0, problemCount: 0, problems: [], repack: true };
      }
    }
    return result;
  }

  /** Ends the workflow being replayed (the run is over, or this shard's part of it). */
  finish(): BatchResult {
    const result: BatchResult = { rows: 0, finished: 0, failed: [] };
    this.close(result);
    return result;
  }

  private start(segment: Segment): { id: string; replay: LogReplay | null; outcome: WorkflowOutcome | null } {
    const { nextDueOn: _due, ...fields } = segment.head ?? {};
    const instance: WorkflowInstanceEntity = Object.assign(new WorkflowInstanceEntity(), fields);
    try {
      return { id: segment.id, replay: new LogReplay(this.registry, instance), outcome: null };
    } catch (error) {
      const problem: VerifyProblem = {
        seq: 0,
        kind: 'MACHINE_VERSION_MISSING',
        message: `The pinned machine cannot be loaded: ${(error as Error).message}`,
      };
      const machine = `${instance.machineId}@${instance.machineVersion}`;
      const outcome = { workflowId: segment.id, machine, events: 0, problemCount: 1, problems: [problem] };
      return { id: segment.id, replay: null, outcome };
    }
  }

  private close(result: BatchResult): void {
    const open = this.open;
    this.open = null;
    if (!open) return;
    result.finished++;
    if (open.replay) {
      const report = open.replay.finish();
      if (report.ok) return;
      const { workflowId, machine, events, problems } = report;
      const shown = problems.slice(0, PROBLEMS_PER_WORKFLOW);
      result.failed.push({ workflowId, machine, events, problemCount: problems.length, problems: shown });
    } else if (open.outcome) result.failed.push(open.outcome);
  }
}
