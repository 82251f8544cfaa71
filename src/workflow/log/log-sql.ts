import type { DataSource } from 'typeorm';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata';
import { AppError } from '../../common/errors';
import { isUniqueViolation, type Dialect } from '../../database/dialect';
import type { SharedRead, StagedWrite } from '../../database/tx';
import { WorkflowDueEventEntity } from '../due-events/workflow-due-event.entity';
import type { HashedRow } from './transition-hash';
import { WorkflowInstanceEntity } from './workflow-instance.entity';
import { WorkflowTransitionEntity } from './workflow-transition.entity';

/**
 * The statements of the write path and of verify as plain SQL (identifiers from the entity metadata, placeholders
 * of the dialect): TypeORM's find/insert/update builders cost more CPU per transition than SQLite's own work.
 * They read and write exactly the columns and values that findOne/insert/update/getMany would.
 */
export interface LogSql {
  selectHead: string;
  /**
   * PostgreSQL: locks the head's row for the rest of the transaction (null on SQLite, whose writes never overlap).
   * A write reads its head only after this, so concurrent writers to one instance, in one process or several, queue
   * here and each reads the head its predecessor committed, instead of losing the race at the compare-and-set.
   */
  lockHead: string | null;
  /** The same for several heads at once: what a group of writes reads ahead (Db.write's hint). */
  headRead: SharedRead;
  /** The log from a seq on, at most n rows: (instanceId, fromSeq, n). */
  selectLogFrom: string;
  /** The log with each row as one string: columns in rowColumns order, separated by U+001F, NULL as U+001E. */
  selectLogPackedFrom: string;
  /** The log row (an INSERT) and the compare-and-set of the head, as writes that Db may stage and group. */
  appendRow: StagedWrite;
  rowColumns: Array<keyof HashedRow | 'hash'>;
  casHead: StagedWrite;
}

/**
 * The fingerprint recorded for the head's pinned version (machine_definition, h-versions), as a column of the head
 * select under alias h: verify compares it with the running definition (DEFINITION_CHANGED).
 */
function recordedHashColumn(d: Dialect): string {
  const q = d.quote;
  return (
    `(SELECT md.${q('hash')} FROM ${q('machine_definition')} md WHERE md.${q('machine_id')} = h.${q('machine_id')} ` +
    `AND md.${q('machine_version')} = h.${q('machine_version')}) AS ${q('definitionHash')}`
  );
}

const cache = new WeakMap<DataSource, LogSql>();

export function logSql(dataSource: DataSource, dialect: Dialect): LogSql {
  let sql = cache.get(dataSource);
  if (!sql) cache.set(dataSource, (sql = buildLogSql(dataSource, dialect)));
  return sql;
}

function buildLogSql(ds: DataSource, d: Dialect): LogSql {
  const q = d.quote;
  const head = ds.getMetadata(WorkflowInstanceEntity);
  const log = ds.getMetadata(WorkflowTransitionEntity);
  const due = ds.getMetadata(WorkflowDueEventEntity);
  const col = (meta: EntityMetadata, property: string) => q(meta.findColumnWithPropertyName(property)!.databaseName);
  const selectAll = (meta: EntityMetadata) =>
    meta.columns.map((c) => `${q(c.databaseName)} AS ${q(c.propertyName)}`).join(', ');
  const rowColumns = log.columns.filter((c) => !c.isGenerated).map((c) => c.propertyName as keyof HashedRow | 'hash');
  const headSet = ['state', 'snapshot', 'version', 'lastHash', 'updatedAt'];
  const nextDue = `(SELECT MIN(d.${col(due, 'dueOn')}) FROM ${q(due.tableName)} d WHERE d.${col(due, 'instanceId')} = h.${col(head, 'id')})`;
  const headColumns = `${selectAll(head)}, ${nextDue} AS ${q('nextDueOn')} FROM ${q(head.tableName)} h`;
  const logFrom =
    `FROM ${q(log.tableName)} WHERE ${col(log, 'instanceId')} = ${d.param(1)} AND ${col(log, 'seq')} >= ${d.param(2)} ` +
    `ORDER BY ${col(log, 'seq')} ASC, ${col(log, 'id')} ASC LIMIT ${d.param(3)}`;
  const packed = rowColumns
    .map((c) => `COALESCE(CAST(${col(log, c)} AS TEXT), ${d.chr}(30))`)
    .join(` || ${d.chr}(31) || `);
  const table = q(head.tableName);
  return {
    // With the pinned version's recorded fingerprint, for verify (DEFINITION_CHANGED; h-versions).
    selectHead: `SELECT ${headColumns.replace(` FROM ${table} h`, `, ${recordedHashColumn(d)} FROM ${table} h`)} WHERE h.${col(head, 'id')} = ${d.param(1)}`,
    // A statement of its own: a SELECT … FOR UPDATE that waited returns the locked row as committed, but the rest of
    // its columns (the earliest due date) from the snapshot taken before it waited. The head is read after it.
    lockHead:
      d.kind === 'postgres'
        ? `SELECT ${col(head, 'id')} FROM ${table} WHERE ${col(head, 'id')} = ${d.param(1)} FOR UPDATE`
        : null,
    headRead: {
      sql: (n) => `SELECT ${headColumns} WHERE h.${col(head, 'id')} IN (${d.params(n)})`,
      keyOf: (row) => row.id as string,
    },
    selectLogFrom: `SELECT ${selectAll(log)} ${logFrom}`,
    selectLogPackedFrom: `SELECT ${packed} AS r ${logFrom}`,
    rowColumns,
    // One statement for n rows; n > 1 only on SQLite, where Db groups the writes of concurrent requests.
    appendRow: {
      name: 'append log row',
      width: rowColumns.length,
      sql: (n) => {
        const values = Array.from(
          { length: n },
          (_, i) => `(${d.params(rowColumns.length, i * rowColumns.length + 1)})`,
        );
        return `INSERT INTO ${q(log.tableName)} (${rowColumns.map((c) => col(log, c)).join(', ')}) VALUES ${values.join(', ')}`;
      },
      conflict: () => lostRace(),
    },
    // Compare-and-set on the head: a concurrent writer that got there first leaves a row unchanged, and the write
    // fails with VERSION_CONFLICT. Values: state, snapshot, version, lastHash, updatedAt, id, expected version.
    casHead: {
      name: 'compare-and-set head',
      width: 7,
      sql: (n) =>
        n === 1
          ? `UPDATE ${table} SET ${headSet.map((c, i) => `${col(head, c)} = ${d.param(i + 1)}`).join(', ')} ` +
            `WHERE ${col(head, 'id')} = ${d.param(6)} AND ${col(head, 'version')} = ${d.param(7)}`
          : `WITH v(${headSet.map((c) => q(c)).join(', ')}, ${q('id')}, ${q('expected')}) AS ` +
            `(VALUES ${Array.from({ length: n }, (_, i) => `(${d.params(7, i * 7 + 1)})`).join(', ')}) ` +
            `UPDATE ${table} SET ${headSet.map((c) => `${col(head, c)} = v.${q(c)}`).join(', ')} FROM v ` +
            `WHERE ${table}.${col(head, 'id')} = v.${q('id')} AND ${table}.${col(head, 'version')} = v.${q('expected')}`,
      conflict: () => lostRace(),
    },
  };
}

/** The VERSION_CONFLICTs that mean "another writer moved the head first" (not "the client's version is old"). */
const LOST_RACES = new WeakSet<Error>();

/** A staged write of the log changed no row: another writer moved the head between this unit's read and its write. */
export function lostRace(): AppError {
  const error = versionConflict(undefined, undefined);
  LOST_RACES.add(error);
  return error;
}

/**
 * True when a write lost a race for the head of an instance, so that running its unit of work again on the head as it
 * is now may succeed: the compare-and-set of the head changed no row, the log row's (instance_id, seq) was taken by a
 * concurrent writer (a unique violation of uq_transition_seq), or PostgreSQL chose this transaction as the victim of a
 * deadlock. Any other failure, a unique violation of another constraint among them, is not a lost race.
 */
export function isLostRace(error: unknown): boolean {
  if (error instanceof Error && LOST_RACES.has(error)) return true;
  if (!isUniqueViolation(error)) return driverCode(error) === POSTGRES_DEADLOCK;
  const e = error as { constraint?: string; message?: string; driverError?: { constraint?: string } };
  const constraint = e.driverError?.constraint ?? e.constraint;
  if (constraint !== undefined) return constraint === SEQ_CONSTRAINT;
  // SQLite names the columns: "UNIQUE constraint failed: workflow_transition.instance_id, workflow_transition.seq".
  return /workflow_transition\.instance_id, workflow_transition\.seq\b/.test(e.message ?? '');
}

const SEQ_CONSTRAINT = 'uq_transition_seq';
const POSTGRES_DEADLOCK = '40P01';

function driverCode(error: unknown): string | undefined {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

export function versionConflict(expected: number | undefined, current: number | undefined): AppError {
  return new AppError(
    'CONFLICT',
    'VERSION_CONFLICT',
    'The workflow was changed by another request; read it again and retry.',
    'Arbetsflödet har ändrats av en annan begäran; läs in det igen och försök på nytt.',
    undefined,
    { expectedVersion: expected, currentVersion: current },
  );
}
