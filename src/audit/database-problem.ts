import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export type DatabaseProblemKind =
  /** A projection of the log (a cache or a copy of logged facts) differs from what the log says. */
  | 'PROJECTION_MISMATCH'
  /** A registered row's legal fields no longer hash to what the log holds for it. */
  | 'RECORD_HASH_MISMATCH'
  /** A row of a registered table that no log row names. */
  | 'RECORD_NOT_IN_LOG'
  /** The log names a row (registered, or cited by an event) that the table does not hold. */
  | 'RECORD_MISSING'
  /** A row mapping something to a workflow disagrees with that workflow's genesis, or a workflow has no row. */
  | 'MAPPING_MISMATCH'
  /** A personal datum lost its value or salt without a logged gallring (issue 10 §9). */
  | 'PERSONAL_DATUM_REMOVED_WITHOUT_GALLRING';

/** Every kind, for the OpenAPI enum (a record, so that a kind added above must be added here). */
const KINDS: Record<DatabaseProblemKind, true> = {
  PROJECTION_MISMATCH: true,
  RECORD_HASH_MISMATCH: true,
  RECORD_NOT_IN_LOG: true,
  RECORD_MISSING: true,
  MAPPING_MISMATCH: true,
  PERSONAL_DATUM_REMOVED_WITHOUT_GALLRING: true,
};
export const DATABASE_PROBLEM_KINDS = Object.keys(KINDS) as DatabaseProblemKind[];

/**
 * A finding of the table checks (issue 10 §2): a stored row that the log does not vouch for. `workflowId` and `seq`
 * name the log row it disagrees with (null when there is none), `table` and `rowId` the row.
 */
export class DatabaseProblem {
  @ApiProperty({ type: String, nullable: true }) workflowId: string | null;
  @ApiProperty({ type: Number, nullable: true }) seq: number | null;
  @ApiProperty({ enum: DATABASE_PROBLEM_KINDS }) kind: DatabaseProblemKind;
  @ApiProperty() message: string;
  @ApiPropertyOptional({ example: 'signature' }) table?: string;
  @ApiPropertyOptional() rowId?: string;
}

/** A problem with the workflows it concerns, so that one workflow's verify can pick its own (see TableChecks). */
export interface ScopedProblem extends DatabaseProblem {
  concerns: string[];
}

export function problem(
  kind: DatabaseProblemKind,
  at: { workflowId: string | null; seq: number | null },
  row: { table: string; rowId: string },
  message: string,
  also: Array<string | null | undefined> = [],
): ScopedProblem {
  const concerns = [at.workflowId, ...also].filter((id): id is string => !!id);
  return { workflowId: at.workflowId, seq: at.seq, kind, message, table: row.table, rowId: row.rowId, concerns };
}
