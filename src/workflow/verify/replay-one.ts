import type { SnapshotQuery } from '../../database/db';
import type { LogSql } from '../log/log-sql';
import { WorkflowInstanceEntity } from '../log/workflow-instance.entity';
import type { WorkflowTransitionEntity } from '../log/workflow-transition.entity';
import type { MachineRegistry } from '../machine-registry';
import type { VerifyReport } from '../workflow.types';
import { LogReplay, unpackRows, VERIFY_CHUNK_ROWS } from './log-replay';

/**
 * One workflow's log replayed in the calling thread, read through `query` (one consistent snapshot), in chunks: the
 * next chunk is being read while this one is checked, and only one chunk is held at a time.
 */
export async function replayOne(
  query: SnapshotQuery,
  sql: LogSql,
  registry: MachineRegistry,
  head: Record<string, unknown>,
): Promise<VerifyReport> {
  const { nextDueOn: _due, ...fields } = head;
  const instance = Object.assign(new WorkflowInstanceEntity(), fields);
  const replay = new LogReplay(registry, instance);
  // Each row packed into one string by the database: a driver builds one JS object per row and column, which on a
  // long log costs more than the replay. A chunk that does not unpack (a separator byte in a tampered value) is
  // read again column by column, so verify sees every stored byte either way.
  const chunk = async (fromSeq: number): Promise<WorkflowTransitionEntity[]> => {
    const params = [instance.id, fromSeq, VERIFY_CHUNK_ROWS];
    const packed = await query<{ r: string }>(sql.selectLogPackedFrom, params);
    return unpackRows(packed, sql.rowColumns) ?? (await query<WorkflowTransitionEntity>(sql.selectLogFrom, params));
  };
  let next: Promise<WorkflowTransitionEntity[]> | null = chunk(0);
  while (next) {
    const rows: WorkflowTransitionEntity[] = await next;
    const last = rows[rows.length - 1];
    next = rows.length === VERIFY_CHUNK_ROWS && Number.isFinite(last.seq) ? chunk(last.seq + 1) : null;
    replay.push(rows);
  }
  return replay.finish();
}
