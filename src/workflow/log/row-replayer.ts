import { initialTransition, type AnyMachineSnapshot } from 'xstate';
import type { MachineDefinition } from '../../../machines/kernel/machine-definition';
import type { MachineRegistry } from '../machine-registry';
import { MIGRATE_EVENT, restoreMigrated, type MigratePayload } from '../migrations/migrated-snapshot';
import { GENESIS_EVENT } from './transition-hash';

/** The columns of a log row that replay reads. */
export interface ReplayedRow {
  seq: number;
  eventType: string;
  payload: string;
  machineId: string;
  machineVersion: number;
}

/**
 * One workflow's log replayed row by row through the machine version each row names, as the read side needs it (the
 * as-of view, the rule behind a history entry, the head of an evidence package cut at a row): the genesis row starts
 * the snapshot from its input, an `xstate.migrate` row restores the snapshot into the version it moves to exactly as
 * the migration did (restoreMigrated), and every other row is the pure transition of its event. Verify has its own
 * replay (LogReplay) because it also checks every stored column; this one only follows the log and stops where it
 * cannot (a row the machine does not take: a finding of verify, never a crash of a read).
 */
export class RowReplayer {
  /** The version that replays the next row (the last row's), null before the genesis row. */
  private current: MachineDefinition | null = null;
  private state: AnyMachineSnapshot | null = null;
  private stoppedAt: number | null = null;

  constructor(private readonly registry: MachineRegistry) {}

  get definition(): MachineDefinition | null {
    return this.current;
  }

  /** The snapshot after the last row applied (null before the genesis row). */
  get snapshot(): AnyMachineSnapshot | null {
    return this.state;
  }

  /** The seq of the row replay could not follow, or null while it follows the log. */
  get stopped(): number | null {
    return this.stoppedAt;
  }

  /** Applies `row`; false (and every later row refused too) when replay cannot follow it. */
  apply(row: ReplayedRow): boolean {
    if (this.stoppedAt !== null) return false;
    try {
      const next = this.next(row);
      if (next) {
        this.state = next;
        return true;
      }
    } catch {
      // A payload that does not parse, or a guard that throws on it: verify reports the row.
    }
    this.stoppedAt = row.seq;
    return false;
  }

  private next(row: ReplayedRow): AnyMachineSnapshot | null {
    const data = JSON.parse(row.payload);
    if (row.eventType === GENESIS_EVENT) {
      if (row.seq !== 0 || this.state) return null;
      this.current = this.registry.get(row.machineId, row.machineVersion);
      return initialTransition(this.current.machine, data)[0];
    }
    const def = this.current;
    const before = this.state;
    if (!def || !before) return null;
    if (row.eventType === MIGRATE_EVENT) return this.migrate(def, before, data as MigratePayload);
    if (row.machineId !== def.id || row.machineVersion !== def.version) return null;
    const after = this.registry.transition(def.machine, before, { ...data, type: row.eventType });
    return after === before || after.status === 'error' ? null : after;
  }

  private migrate(from: MachineDefinition, before: AnyMachineSnapshot, m: MigratePayload): AnyMachineSnapshot | null {
    if (m.from !== from.version) return null;
    const to = this.registry.find(from.id, m.to);
    if (!to) return null;
    const restored = restoreMigrated(to, before.context, {
      version: m.from,
      fromState: m.fromState,
      toState: m.toState,
    });
    if (!restored.ok) return null;
    this.current = to;
    return restored.snapshot;
  }
}
