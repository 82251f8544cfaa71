import type { Db } from '../database/db';
import { TableChecks } from '../audit/table-checks';
import type { Printer } from './token-commands';

/**
 * `verify-tables [--json]`: the table checks (src/audit/table-checks.ts) over the whole database; one line per
 * problem (or the list as JSON), then a summary. Exit 1 on any problem.
 */
export async function verifyTablesCommand(db: Db, args: string[], print: Printer): Promise<number> {
  const problems = await new TableChecks(db).tableProblems({ all: true });
  if (args.includes('--json')) print.out(JSON.stringify({ ok: problems.length === 0, problems }, null, 2));
  else {
    for (const p of problems)
      print.out(
        `${p.kind} ${p.table ?? '-'} ${p.rowId || '-'} at ${p.workflowId ?? '-'}#${p.seq ?? '-'}: ${p.message}`,
      );
    print.out(problems.length ? `tables: ${problems.length} problem(s)` : 'tables: all clean');
  }
  return problems.length ? 1 : 0;
}
