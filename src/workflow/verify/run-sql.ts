import type { DataSource } from 'typeorm';
import type { Dialect } from '../../database/dialect';
import { logSql } from '../log/log-sql';
import { WorkflowInstanceEntity } from '../log/workflow-instance.entity';
import { WorkflowTransitionEntity } from '../log/workflow-transition.entity';

/**
 * The statements of a whole-scope verify run, for both dialects. The log is read in the order of its unique index
 * (instance_id, seq), by keyset (the last instance and seq read), each row packed into one string as for one
 * workflow's verify. A scope of some workflows reads the same with `instance_id IN (…)`.
 */
export interface RunSql {
  columns: string[];
  /** Heads by id: n ids. */
  heads(n: number): string;
  /** Rows after (lastId, lastSeq), at most `limit`: params [...ids, lastId, lastSeq, limit] (ids only when n > 0). */
  rowsAfter(n: number): string;
  /** The ids of the heads among n ids. */
  headIds(n: number): string;
  /** Heads without any log row: params ids (all heads when n = 0). */
  headsWithoutRows(n: number): string;
  countHeads(n: number): string;
  countRows(n: number): string;
}

export function runSql(ds: DataSource, d: Dialect): RunSql {
  const q = d.quote;
  const head = ds.getMetadata(WorkflowInstanceEntity);
  const log = ds.getMetadata(WorkflowTransitionEntity);
  const hcol = (p: string) => q(head.findColumnWithPropertyName(p)!.databaseName);
  const lcol = (p: string) => q(log.findColumnWithPropertyName(p)!.databaseName);
  const H = q(head.tableName);
  const L = q(log.tableName);
  const headColumns = head.columns.map((c) => `${q(c.databaseName)} AS ${q(c.propertyName)}`).join(', ');
  const columns = logSql(ds, d).rowColumns as string[];
  // The same packing as one workflow's verify (log-sql.ts selectLogPackedFrom), so that unpackRows reads both.
  const packed = columns.map((c) => `COALESCE(CAST(${lcol(c)} AS TEXT), ${d.chr}(30))`).join(` || ${d.chr}(31) || `);
  const inIds = (column: string, n: number) => (n ? `${column} IN (${d.params(n)})` : '1 = 1');
  return {
    columns,
    heads: (n) => `SELECT ${headColumns} FROM ${H} WHERE ${hcol('id')} IN (${d.params(n)})`,
    rowsAfter: (n) =>
      `SELECT ${lcol('instanceId')} AS ${q('i')}, ${lcol('seq')} AS ${q('s')}, ${packed} AS ${q('r')} FROM ${L} ` +
      `WHERE ${inIds(lcol('instanceId'), n)} AND (${lcol('instanceId')}, ${lcol('seq')}) > (${d.param(n + 1)}, ${d.param(n + 2)}) ` +
      `ORDER BY ${lcol('instanceId')} ASC, ${lcol('seq')} ASC LIMIT ${d.param(n + 3)}`,
    headIds: (n) => `SELECT ${hcol('id')} AS ${q('id')} FROM ${H} WHERE ${hcol('id')} IN (${d.params(n)})`,
    headsWithoutRows: (n) =>
      `SELECT h.${hcol('id')} AS ${q('id')} FROM ${H} h WHERE ${inIds(`h.${hcol('id')}`, n)} AND NOT EXISTS ` +
      `(SELECT 1 FROM ${L} t WHERE t.${lcol('instanceId')} = h.${hcol('id')}) ORDER BY h.${hcol('id')}`,
    countHeads: (n) => `SELECT COUNT(*) AS ${q('n')} FROM ${H} WHERE ${inIds(hcol('id'), n)}`,
    countRows: (n) => `SELECT COUNT(*) AS ${q('n')} FROM ${L} WHERE ${inIds(lcol('instanceId'), n)}`,
  };
}
