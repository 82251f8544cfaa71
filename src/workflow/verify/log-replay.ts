import { createActor, type AnyMachineSnapshot } from 'xstate';
import type { MachineDefinition } from '../../../machines/kernel/machine-definition';
import { canonicalJson } from '../../common/canonical-json';
import { GENESIS_EVENT, GENESIS_PREV_HASH, hashRow } from '../log/transition-hash';
import type { WorkflowInstanceEntity } from '../log/workflow-instance.entity';
import type { WorkflowTransitionEntity } from '../log/workflow-transition.entity';
import { stateString, type MachineRegistry } from '../machine-registry';
import type { VerifyProblem, VerifyReport } from '../workflow.types';

/** How many log rows verify reads per statement (and holds at a time). */
export const VERIFY_CHUNK_ROWS = 5_000;

/**
 * Verify's checks, fed the log in seq order chunk by chunk: hash, link, pinned machine, replay through the pinned
 * version (from/to states), and at the end the head. A missing seq stops the checks (the count goes on).
 */
export class LogReplay {
  private readonly problems: VerifyProblem[] = [];
  private readonly def: MachineDefinition;
  private prevHash = GENESIS_PREV_HASH;
  private actor: ReturnType<typeof createActor> | null = null;
  private replayState: string | null = null;
  private replayBroken = false;
  private stopped = false;
  private count = 0;
  private last: WorkflowTransitionEntity | null = null;

  constructor(
    registry: MachineRegistry,
    private readonly instance: WorkflowInstanceEntity,
  ) {
    this.def = registry.get(instance.machineId, instance.machineVersion);
  }

  push(rows: WorkflowTransitionEntity[]): void {
    for (const row of rows) {
      const i = this.count++;
      this.last = row;
      if (!this.stopped) this.check(row, i);
    }
  }

  private check(row: WorkflowTransitionEntity, i: number): void {
    if (row.seq !== i) {
      this.problems.push({ seq: i, kind: 'MISSING_ROW', message: `Expected seq ${i}, found seq ${row.seq}.` });
      this.stopped = true;
      return;
    }
    this.checkStoredRow(row, i);
    if (this.replayBroken) return;
    const data = this.payloadOf(row, i);
    if (data !== undefined) this.replay(row, i, data);
  }

  /** Hash, link and pinned machine: checked on every row, also once replay has stopped. */
  private checkStoredRow(row: WorkflowTransitionEntity, i: number): void {
    const { problems, instance } = this;
    if (hashRow(row) !== row.hash)
      problems.push({ seq: i, kind: 'HASH_MISMATCH', message: 'The stored row does not match its hash.' });
    if (row.prevHash !== this.prevHash)
      problems.push({ seq: i, kind: 'CHAIN_BROKEN', message: 'prevHash does not link to the previous row.' });
    if (row.machineId !== instance.machineId || row.machineVersion !== instance.machineVersion) {
      problems.push({
        seq: i,
        kind: 'MACHINE_MISMATCH',
        message: `Row names ${row.machineId}@${row.machineVersion}; the instance is pinned to ${instance.machineId}@${instance.machineVersion}.`,
      });
    }
    this.prevHash = row.hash;
  }

  /** The row's event data; undefined, and replay stops, when the payload is not JSON. */
  private payloadOf(row: WorkflowTransitionEntity, i: number): Record<string, unknown> | undefined {
    try {
      return JSON.parse(row.payload);
    } catch {
      this.problems.push({ seq: i, kind: 'BAD_PAYLOAD', message: 'The payload is not valid JSON; replay stops here.' });
      this.replayBroken = true;
      return undefined;
    }
  }

  /** Replays the row through the pinned version and compares the to-state it records. */
  private replay(row: WorkflowTransitionEntity, i: number, data: Record<string, unknown>): void {
    const { problems } = this;
    try {
      if (i === 0) this.startReplay(row, data);
      else if (!this.replayEvent(row, i, data)) return;
      this.replayState = stateString(this.actor!.getSnapshot().value);
      if (this.replayState !== row.toState) {
        problems.push({
          seq: i,
          kind: 'STATE_MISMATCH',
          message: `Recorded to-state '${row.toState}', replay gives '${this.replayState}'.`,
        });
      }
    } catch (error) {
      problems.push({ seq: i, kind: 'REPLAY_REFUSED', message: `Replay failed: ${(error as Error).message}` });
      this.replayBroken = true;
    }
  }

  /** The first row starts the machine with its input. */
  private startReplay(row: WorkflowTransitionEntity, data: Record<string, unknown>): void {
    if (row.eventType !== GENESIS_EVENT) throw new Error(`the first row must be ${GENESIS_EVENT}`);
    this.actor = createActor(this.def.machine, { input: data as any });
    // A tampered payload can make a guard throw; without an error observer XState rethrows it on a timer and
    // takes the process down. Here it is a finding (REPLAY_REFUSED), not a crash.
    this.actor.subscribe({ error: () => undefined });
    this.actor.start();
  }

  /** A later row is sent to the machine as its event; false (and replay stops) when the machine refuses it. */
  private replayEvent(row: WorkflowTransitionEntity, i: number, data: Record<string, unknown>): boolean {
    const { problems, def } = this;
    const before = this.actor!.getSnapshot();
    if (row.fromState !== this.replayState) {
      problems.push({
        seq: i,
        kind: 'FROM_STATE_MISMATCH',
        message: `Recorded from-state '${row.fromState}', replay is in '${this.replayState}'.`,
      });
    }
    this.actor!.send({ ...data, type: row.eventType } as any);
    const after = this.actor!.getSnapshot();
    if (after === before || after.status === 'error') {
      problems.push({
        seq: i,
        kind: 'REPLAY_REFUSED',
        message: `Replaying ${row.eventType} in '${this.replayState}' is refused by machine ${def.id}@${def.version}; replay stops here.`,
      });
      this.replayBroken = true;
      return false;
    }
    return true;
  }

  finish(): VerifyReport {
    const { problems, instance, def, actor, last } = this;
    if (
      !last ||
      instance.version !== this.count - 1 ||
      instance.lastHash !== last.hash ||
      instance.state !== last.toState
    ) {
      problems.push({
        seq: instance.version,
        kind: 'HEAD_MISMATCH',
        message: 'The head row (version, state, last hash) does not match the log.',
      });
    } else if (actor && !this.replayBroken) {
      const replayed = canonicalJson(def.machine.getPersistedSnapshot(actor.getSnapshot() as AnyMachineSnapshot));
      if (replayed !== instance.snapshot) {
        problems.push({
          seq: instance.version,
          kind: 'HEAD_MISMATCH',
          message: 'The stored snapshot differs from the replayed one.',
        });
      }
    }
    actor?.stop();
    return {
      workflowId: instance.id,
      machine: `${instance.machineId}@${instance.machineVersion}`,
      ok: problems.length === 0,
      events: this.count,
      firstDivergence: problems[0] ?? null,
      problems,
    };
  }
}

const NUMERIC_COLUMNS = new Set(['seq', 'machineVersion']);

/** Rows packed by the database (as `{ r }` from a statement, or the strings alone, as a verify worker gets them). */
export function unpackRows(
  packed: Array<{ r: string }> | string[],
  columns: string[],
): WorkflowTransitionEntity[] | null {
  const rows: WorkflowTransitionEntity[] = new Array(packed.length);
  for (let i = 0; i < packed.length; i++) {
    const one = packed[i];
    const parts = (typeof one === 'string' ? one : one.r).split('\u001f');
    if (parts.length !== columns.length) return null;
    const row: Record<string, unknown> = {};
    for (let c = 0; c < columns.length; c++) {
      const v = parts[c];
      row[columns[c]] = v === '\u001e' ? null : NUMERIC_COLUMNS.has(columns[c]) ? Number(v) : v;
    }
    rows[i] = row as unknown as WorkflowTransitionEntity;
  }
  return rows;
}
