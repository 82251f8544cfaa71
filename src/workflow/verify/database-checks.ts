import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Dialect } from '../../database/dialect';
import type { SnapshotQuery } from '../../database/db';
import { tableProblemsIn } from '../../audit/table-checks';
// Gallring of personal data (h-gallring)
import { personalDataFindings, type RemovedItem } from '../../audit/personal-data-checks';

export class DatabaseScope {
  @ApiProperty({ enum: ['database'] }) kind: 'database';
}

export class CollaborationScope {
  @ApiProperty({ enum: ['collaboration'] }) kind: 'collaboration';
  @ApiProperty({ example: 'dalslandssamverkan' }) slug: string;
}

export class WorkflowScope {
  @ApiProperty({ enum: ['workflow'] }) kind: 'workflow';
  @ApiProperty() workflowId: string;
}

/** What a whole-scope verify covers: every workflow, one collaboration's, or one workflow. */
export type VerifyScope = DatabaseScope | CollaborationScope | WorkflowScope;
export const VERIFY_SCOPES = [DatabaseScope, CollaborationScope, WorkflowScope];

/** A problem found by verify: where (workflow and seq, or a table row) and what (a stable kind). */
// The table checks' DatabaseProblem (src/audit) has the same shape with an enum of kinds; this one takes any kind.
export class VerifyRunProblem {
  @ApiProperty({ type: String, nullable: true }) workflowId: string | null;
  @ApiProperty({ type: Number, nullable: true }) seq: number | null;
  @ApiProperty({ description: "A verify problem's kind (VerifyProblem) or a table check's (DatabaseProblem)" })
  kind: string;
  @ApiProperty() message: string;
  @ApiPropertyOptional() table?: string;
  @ApiPropertyOptional() rowId?: string;
}

/**
 * What a check that joins the whole-scope verify is given: the scope, the workflow ids it covers (null = every one)
 * and the same consistent snapshot the log checks read (Db.snapshot), so that every check sees one state.
 */
export interface DatabaseCheckContext {
  scope: VerifyScope;
  workflowIds: string[] | null;
  query: SnapshotQuery;
  dialect: Dialect;
}

/** A check that runs after the log checks of every verify run (table projections, signed checkpoints). */
export interface DatabaseCheck {
  name: string;
  run(scope: DatabaseCheckContext): Promise<VerifyRunProblem[]>;
  /** What the check found lawfully removed in the scope (a gallring): reported beside the problems, not as one. */
  removed?(scope: DatabaseCheckContext): Promise<RemovedItem[]>;
}

/**
 * Every check the verify run runs after its log checks, in this order. Add a check by appending one line (with a
 * comment naming the feature) to this list.
 */
export const DATABASE_CHECKS: DatabaseCheck[] = [
  // Chain coverage of the tables (issue 10 §2): projections against the log, registered rows by their hashes
  {
    name: 'tables under the chain',
    run: async ({ scope, query, workflowIds }) => {
      if (scope.kind === 'workflow') return tableProblemsIn(query, { workflowId: scope.workflowId });
      const found = await tableProblemsIn(query, { all: true });
      if (scope.kind === 'database' || !workflowIds) return found;
      const mine = new Set(workflowIds);
      return found.filter((p) => p.workflowId !== null && mine.has(p.workflowId));
    },
  },
  // Gallring of personal data (issue 10 §9): each datum against its commitment and the logged gallrings
  {
    name: 'personal data and gallring',
    run: async (context) => inScope(context, (await personalDataFindings(context.query)).problems),
    removed: async (context) => inScope(context, (await personalDataFindings(context.query)).removed),
  },
];

/** The findings that concern a workflow of the scope (all of them for the whole database), without their concerns. */
function inScope<T extends { concerns: string[] }>(
  { scope, workflowIds }: DatabaseCheckContext,
  found: T[],
): Array<Omit<T, 'concerns'>> {
  const mine =
    scope.kind === 'workflow' ? new Set([scope.workflowId]) : scope.kind === 'database' ? null : new Set(workflowIds);
  return found
    .filter((f) => !mine || f.concerns.some((id) => mine.has(id)))
    .map(({ concerns: _concerns, ...rest }) => rest);
}
