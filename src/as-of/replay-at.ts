import { createActor } from 'xstate';
import type { Tx } from '../database/db';
import { GENESIS_EVENT } from '../workflow/log/transition-hash';
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
 * Replays each instance's rows through its pinned machine (from the genesis input, as verify does) and answers the
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
  const [genesis] = rows;
  if (genesis.seq !== 0 || genesis.eventType !== GENESIS_EVENT) return null;
  const def = registry.get(genesis.machineId, genesis.machineVersion);
  const actor = createActor(def.machine, { input: JSON.parse(genesis.payload) });
  // A guard that throws on a tampered payload is a finding of verify, not a crash of this read.
  actor.subscribe({ error: () => undefined });
  actor.start();
  let last = genesis;
  let ok = true;
  try {
    for (const row of rows.slice(1)) {
      const before = actor.getSnapshot();
      actor.send({ ...JSON.parse(row.payload), type: row.eventType });
      const after = actor.getSnapshot();
      if (after === before || after.status === 'error') {
        ok = false;
        break;
      }
      last = row;
    }
  } catch {
    ok = false;
  }
  const snapshot = actor.getSnapshot();
  actor.stop();
  return {
    workflowId: genesis.instanceId,
    machineId: genesis.machineId,
    machineVersion: genesis.machineVersion,
    state: stateString(snapshot.value),
    context: structuredClone(snapshot.context),
    version: last.seq,
    lastRecordedAt: last.recordedAt,
    replayed: ok,
  };
}
