import type { DataSource } from 'typeorm';
import { toStockholmDate } from '../../machines/calendar/calendar';
import type { SnapshotQuery } from '../database/db';
import type { Dialect } from '../database/dialect';
import { logSql, type LogSql } from '../workflow/log/log-sql';
import type { WorkflowInstanceEntity } from '../workflow/log/workflow-instance.entity';
import type { WorkflowTransitionEntity } from '../workflow/log/workflow-transition.entity';
import { workflowsOfCollaboration } from '../workflow/verify/collaboration-workflows';

/** How many log rows the export reads per statement. */
const CHUNK = 5_000;

/** The workflows of one collaboration (workflowsOfCollaboration: the one place that knows them), with their heads. */
export interface CollaborationWorkflows {
  heads: WorkflowInstanceEntity[];
  /** The decisions recorded for the collaboration (their protocol workflows are among the heads). */
  decisionIds: string[];
}

/** Every workflow of collaboration `slug` with its head, read in the caller's snapshot, ordered by id. */
export async function workflowsOf(
  query: SnapshotQuery,
  dataSource: DataSource,
  sql: LogSql,
  dialect: Dialect,
  slug: string,
): Promise<CollaborationWorkflows> {
  const ids = await workflowsOfCollaboration(query, dataSource, dialect, slug);
  const decisions = await query<{ id: string }>(
    `SELECT id FROM decision WHERE collaboration = ${dialect.param(1)} ORDER BY id`,
    [slug],
  );
  const heads: WorkflowInstanceEntity[] = [];
  for (const id of ids) {
    const [head] = await query<WorkflowInstanceEntity & { nextDueOn?: unknown }>(sql.selectHead, [id]);
    if (head) {
      const { nextDueOn: _due, ...fields } = head;
      heads.push(fields as WorkflowInstanceEntity);
    }
  }
  return { heads, decisionIds: decisions.map((d) => d.id) };
}

/**
 * The log of one workflow in seq order, chunk by chunk, up to and including the last row recorded on or before the
 * Stockholm date `through` (all of it when `through` is undefined) and with an id up to `upToId` (the last row the
 * package's checkpoint covers): a prefix of the chain, so it verifies from its genesis on.
 */
export async function* logOf(
  query: SnapshotQuery,
  sql: LogSql,
  instanceId: string,
  through: string | undefined,
  upToId: number,
): AsyncGenerator<WorkflowTransitionEntity[]> {
  let from = 0;
  for (;;) {
    const rows = await query<WorkflowTransitionEntity>(sql.selectLogFrom, [instanceId, from, CHUNK]);
    // Within a workflow ids grow with seq (a row is appended after the one before it committed).
    const cut = rows.findIndex((r) => Number(r.id) > upToId || (!!through && toStockholmDate(r.recordedAt) > through));
    const kept = cut === -1 ? rows : rows.slice(0, cut);
    if (kept.length) yield kept;
    if (cut !== -1 || rows.length < CHUNK) return;
    from = rows[rows.length - 1].seq + 1;
  }
}

export { logSql };
