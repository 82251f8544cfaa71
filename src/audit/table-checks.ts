import { Inject, Injectable } from '@nestjs/common';
import { Db } from '../database/db';
import type { DatabaseProblem, ScopedProblem } from './database-problem';
import { decisionProblems } from './decision-checks';
import { dueEventProblems } from './due-checks';
import type { Query } from './hashed-rows';
import { readLogFacts } from './log-facts';
import { mappingProblems } from './mapping-checks';
import { recordProblems } from './record-checks';
// Secret texts beside the log (h-secrecy)
import { secretTextProblems } from './secret-text-checks';

export type { DatabaseProblem } from './database-problem';

/** Everything, or what one workflow's verify needs: the rows that point at it or that its log vouches for. */
export type TableCheckScope = { all: true } | { workflowId: string };

/**
 * The tables beside the log against the log (issue 10 §2; the classification of every table is TABLE_COVERAGE):
 * projections are rebuilt from the log and compared, registered rows are hashed and looked up in the log. The log
 * itself (each workflow's hashes, links and replay) is verify's; these checks take its rows as they stand, so a
 * database is sound when both are clean. One consistent snapshot per run.
 */
@Injectable()
export class TableChecks {
  constructor(@Inject(Db) private readonly db: Db) {}

  tableProblems(scope: TableCheckScope = { all: true }): Promise<DatabaseProblem[]> {
    return this.db.snapshot((query) => tableProblemsIn(query as Query, scope));
  }
}

/** The checks over one snapshot's `query` (also for a caller that holds its own snapshot). */
export async function tableProblemsIn(
  query: Query,
  scope: TableCheckScope = { all: true },
): Promise<DatabaseProblem[]> {
  const log = await readLogFacts(query);
  const found: ScopedProblem[] = [
    ...(await mappingProblems(query, log)),
    ...(await recordProblems(query, log)),
    ...(await decisionProblems(query, log)),
    ...(await dueEventProblems(query)),
    // The paragraphs' markable texts against their commitments in the log (issue 11 §8, issue 12 §3)
    ...(await secretTextProblems(query, log)),
  ];
  const mine = 'workflowId' in scope ? found.filter((p) => p.concerns.includes(scope.workflowId)) : found;
  return mine.map(({ concerns: _concerns, ...p }) => p);
}
