import type { Tx } from '../database/db';
import { RowReplayer } from '../workflow/log/row-replayer';
import { stateString, type MachineRegistry } from '../workflow/machine-registry';

/** A workflow as its log stood at an instant: the replayed state and context, and how many rows were replayed. */
export interface WorkflowAt {
  workflowId: string;
  machineId: string;
  machineVersion: number;
  state: string;
  context: any;
  /** The seq of the last row replayed (the version the head had then). */
  version: number;
  /** The instant of that row. */
  lastRecordedAt: string;
  /** False when the pinned machine refused a recorded row (verify names it); the state is the one before it. */
  replayed: boolean;
}

interface LogRow {
  instanceId: string;
  seq: number;
  eventType: string;
  payload: string;
  recordedAt: string;
  machineId: string;
  machineVersion: number;
}

/**
 * The log rows of `ids` recorded up to `instant`, in seq order per instance: one statement, bounded by the index on
 * (instance_id, recorded_at), so it reads only the rows it replays.
 */
export async function logRowsAt(tx: Tx, ids: string[], instant: string): Promise<LogRow[]> {
  if (ids.length === 0) return [];
  const d = tx.dialect;
  const rows = await tx.select<LogRow>(
    `SELECT instance_id AS "instanceId", seq, event_type AS "eventType", payload, recorded_at AS "recordedAt", ` +
      `machine_id AS "machineId", machine_version AS "machineVersion" FROM workflow_transition ` +
      `WHERE instance_id IN (${d.params(ids.length, 1)}) AND recorded_at <= ${d.param(ids.length + 1)} ` +
      `ORDER BY instance_id, seq`,
    [...ids, instant],
  );
  return rows.map((r) => ({ ...r, seq: Number(r.seq), machineVersion: Number(r.machineVersion) }));
}

/**
 * Replays each instance's rows through the machine version each names (from the genesis input, across migrations) and answers the
 * snapshot it reaches. An instance with no row up to the instant did not exist then and is left out.
 */
export function replayAt(registry: MachineRegistry, rows: LogRow[]): Map<string, WorkflowAt> {
  const byInstance = new Map<string, LogRow[]>();
  for (const r of rows) {
    const list = byInstance.get(r.instanceId);
    if (list) list.push(r);
    else byInstance.set(r.instanceId, [r]);
  }
  const out = new Map<string, WorkflowAt>();
  for (const [id, list] of byInstance) {
    const replayed = replayOne(registry, list);
    if (replayed) out.set(id, replayed);
  }
  return out;
}

function replayOne(registry: MachineRegistry, rows: LogRow[]): WorkflowAt | null {
  const replay = new RowReplayer(registry);
  let last: LogRow | null = null;
  for (const row of rows) {
    if (!replay.apply(row)) break;
    last = row;
  }
  const snapshot = replay.snapshot;
  const def = replay.definition;
  if (!last || !snapshot || !def) return null;
  return {
    workflowId: last.instanceId,
    machineId: def.id,
    machineVersion: def.version,
    state: stateString(snapshot.value),
    context: structuredClone(snapshot.context),
    version: last.seq,
    lastRecordedAt: last.recordedAt,
    replayed: replay.stopped === null,
  };
}
