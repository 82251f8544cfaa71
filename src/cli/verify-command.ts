import type { Db } from '../database/db';
import { MachineRegistry } from '../workflow/machine-registry';
import { DATABASE_CHECKS, type DatabaseCheck, type VerifyScope } from '../workflow/verify/database-checks';
import type { VerifyProgress, VerifyRunReport } from '../workflow/verify/verify-run.types';
import { VerifyRunService } from '../workflow/verify/verify-run.service';
import { VerifyService } from '../workflow/verify/verify.service';
import { UsageError, type Printer } from './token-commands';
import { VerifyProgressReporter } from './verify-progress';

/**
 * `verify [--collaboration SLUG] [--json] [--progress] [--workers N]`: everything (also `--all`), or one
 * collaboration's workflows; `verify ID`: one workflow (its report as JSON). stdout is the result only; progress goes to
 * stderr. Exit 1 on any problem.
 */
export async function verifyCommand(
  db: Db,
  args: string[],
  print: Printer,
  stderr: { write(s: string): unknown; isTTY?: boolean },
  checks: DatabaseCheck[] = DATABASE_CHECKS,
): Promise<number> {
  const options = parseVerifyArgs(args);
  const registry = new MachineRegistry();
  if (options.workflowId) {
    const report = await new VerifyService(db, registry).verify(options.workflowId);
    print.out(JSON.stringify(report, null, 2));
    return report.ok ? 0 : 1;
  }
  const scope: VerifyScope = options.collaboration
    ? { kind: 'collaboration', slug: options.collaboration }
    : { kind: 'database' };
  const progress = new VerifyProgressReporter(stderr, options.progress || !!stderr.isTTY);
  const runs = new VerifyRunService(db, registry, checks);
  let last: VerifyProgress | null = null;
  let report: VerifyRunReport;
  try {
    report = await runs.run(scope, {
      workers: options.workers,
      onProgress: (p) => progress.update((last = p)),
    });
  } finally {
    await runs.onModuleDestroy();
  }
  progress.done(last);
  if (report.execution.note) print.err(`Note: ${report.execution.note}.`);
  if (options.json) print.out(JSON.stringify(report, null, 2));
  else for (const line of reportLines(report)) print.out(line);
  return report.ok ? 0 : 1;
}

interface VerifyArgs {
  workflowId?: string;
  collaboration?: string;
  json: boolean;
  progress: boolean;
  workers?: number;
}

function parseVerifyArgs(args: string[]): VerifyArgs {
  const out: VerifyArgs = { json: false, progress: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--all') continue;
    else if (a === '--json') out.json = true;
    else if (a === '--progress') out.progress = true;
    else if (a === '--collaboration') {
      out.collaboration = args[++i];
      if (!out.collaboration || out.collaboration.startsWith('--'))
        throw new UsageError('--collaboration needs the SLUG of a collaboration');
    } else if (a === '--workers') {
      out.workers = Number(args[++i]);
      if (!Number.isInteger(out.workers) || out.workers < 0)
        throw new UsageError('--workers needs a whole number (0 = verify in this thread)');
    } else if (!a.startsWith('--') && !out.workflowId) out.workflowId = a;
    else throw new UsageError(`verify does not take ${a}`);
  }
  if (out.workflowId && out.collaboration)
    throw new UsageError('verify takes a workflow ID or --collaboration, not both');
  return out;
}

/** The text result: one line per workflow with problems, the problems of no workflow, and the summary line last. */
export function reportLines(report: VerifyRunReport): string[] {
  const lines = report.failedWorkflows.map(
    (f) =>
      `${f.workflowId} ${f.machine ?? '(no head)'}: ${f.problemCount} problem(s); first ${f.first.kind} at seq ${f.first.seq}: ${f.first.message}`,
  );
  if (report.failedWorkflowCount > report.failedWorkflows.length)
    lines.push(`… and ${report.failedWorkflowCount - report.failedWorkflows.length} more workflows with problems`);
  const other = report.problems.filter((p) => p.workflowId === null);
  for (const p of other) lines.push(`${p.kind}${p.table ? ` in ${p.table}` : ''}: ${p.message}`);
  const { workflows } = report.counts;
  const failed = report.failedWorkflowCount;
  lines.push(
    report.ok
      ? `${workflows} workflows verified: all clean`
      : `${workflows} workflows verified: ${failed} with problems` +
          (other.length ? `, ${other.length} other problem(s)` : '') +
          (report.problemsTruncated
            ? ` (${report.problemCount} problems in all; --json lists the first ${report.problems.length})`
            : ''),
  );
  return lines;
}
