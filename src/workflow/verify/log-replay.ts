import { createActor, type AnyMachineSnapshot } from 'xstate';
import type { MachineDefinition } from '../../../machines/kernel/machine-definition';
import { canonicalJson } from '../../common/canonical-json';
import { GENESIS_EVENT, GENESIS_PREV_HASH, hashRow } from '../log/transition-hash';
import type { WorkflowInstanceEntity } from '../log/workflow-instance.entity';
import type { WorkflowTransitionEntity } from '../log/workflow-transition.entity';
import { stateString, type MachineRegistry } from '../machine-registry';
import type { VerifyProblem, VerifyReport } from '../workflow.types';
import { MIGRATE_EVENT, restoreMigrated, type MigratePayload } from '../migrations/migrated-snapshot';
import { definitionHash } from '../versions/definition-hash';

/** The running definitions' fingerprints, computed once per version (verify --all replays many instances). */
const runningHashes = new WeakMap<MachineDefinition, string>();
function runningHash(def: MachineDefinition): string {
  let hash = runningHashes.get(def);
  if (!hash) runningHashes.set(def, (hash = definitionHash(def)));
  return hash;
}

/** How many log rows verify reads per statement (and holds at a time). */
export const VERIFY_CHUNK_ROWS = 5_000;

/**
 * Verify's checks, fed the log in seq order chunk by chunk: hash, link, pinned machine, replay through the pinned
 * version (from/to states), and at the end the head. A missing seq stops the checks (the count goes on).
 *
 * A log that an admin migrated (h-versions) is replayed in segments, each through its own version: the rows before
 * an `xstate.migrate` row name the old version, that row restores the mapped snapshot into the new one (as the
 * migration did), and the rows after it name the new version. A row naming another version than its segment's is
 * MACHINE_MISMATCH; the head must be pinned to the last segment's version; and the fingerprint recorded for the
 * pinned version (machine_definition) must be the running definition's (DEFINITION_CHANGED).
 */
export class LogReplay {
  private readonly problems: VerifyProblem[] = [];
  /** The version of the segment being replayed (the pinned one unless the log was migrated). */
  private def: MachineDefinition;
  private prevHash = GENESIS_PREV_HASH;
  private actor: ReturnType<typeof createActor> | null = null;
  private replayState: string | null = null;
  private replayBroken = false;
  private stopped = false;
  private count = 0;
  private last: WorkflowTransitionEntity | null = null;

  constructor(
    private readonly registry: MachineRegistry,
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
    if (i === 0) this.startSegment(row);
    const migration = i > 0 && row.eventType === MIGRATE_EVENT ? migrationOf(row) : null;
    this.checkStoredRow(row, i, migration);
    if (this.replayBroken) return;
    if (migration) return this.replayMigration(row, i, migration);
    const data = this.payloadOf(row, i);
    if (data !== undefined) this.replay(row, i, data);
  }

  /**
   * The first segment's version: the genesis row's when it names an older registered version of the machine (the log
   * was migrated since), else the pinned one.
   */
  private startSegment(row: WorkflowTransitionEntity): void {
    const { instance } = this;
    if (row.machineId !== instance.machineId || !(row.machineVersion < instance.machineVersion)) return;
    this.def = this.registry.find(row.machineId, row.machineVersion) ?? this.def;
  }

  /**
   * A migration row: the segment so far must be on its `from` version, and its states must be the replay's; then the
   * replay goes on in the `to` version from the snapshot the migration restored there.
   */
  private replayMigration(row: WorkflowTransitionEntity, i: number, m: MigratePayload | 'BAD'): void {
    const { problems, instance } = this;
    const stop = (message: string) => {
      problems.push({ seq: i, kind: 'REPLAY_REFUSED', message: `${message}; replay stops here.` });
      this.replayBroken = true;
    };
    if (m === 'BAD') return stop('The migration row does not record {from, to, fromState, toState}');
    if (m.from !== this.def.version) {
      problems.push({
        seq: i,
        kind: 'MACHINE_MISMATCH',
        message: `The migration moves from ${instance.machineId}@${m.from}; the log before it is on ${this.def.id}@${this.def.version}.`,
      });
    }
    if (row.fromState !== this.replayState || m.fromState !== row.fromState) {
      problems.push({
        seq: i,
        kind: 'FROM_STATE_MISMATCH',
        message: `The migration records from-state '${m.fromState}' (row '${row.fromState}'), replay is in '${this.replayState}'.`,
      });
    }
    const to = this.registry.find(instance.machineId, m.to);
    if (!to) return stop(`Machine ${instance.machineId}@${m.to} is not registered`);
    const restored = restoreMigrated(to, this.actor!.getSnapshot().context, {
      version: m.from,
      fromState: m.fromState,
      toState: m.toState,
    });
    if (!restored.ok) return stop(`Restoring the migration in ${to.id}@${to.version} fails: ${restored.message}`);
    this.actor!.stop();
    this.def = to;
    this.actor = createActor(to.machine, {
      snapshot: to.machine.getPersistedSnapshot(restored.snapshot) as any,
      input: undefined as any,
    });
    this.actor.subscribe({ error: () => undefined });
    this.actor.start();
    this.replayState = stateString(this.actor.getSnapshot().value);
    if (this.replayState !== row.toState || m.toState !== row.toState) {
      problems.push({
        seq: i,
        kind: 'STATE_MISMATCH',
        message: `The migration records to-state '${m.toState}' (row '${row.toState}'), replay gives '${this.replayState}'.`,
      });
    }
  }

  /** Hash, link and pinned machine: checked on every row, also once replay has stopped. */
  private checkStoredRow(row: WorkflowTransitionEntity, i: number, migration: MigratePayload | 'BAD' | null): void {
    const { problems, instance } = this;
    // A migration row names the version it moves to; every other row its segment's version.
    const expected = migration && migration !== 'BAD' ? migration.to : this.def.version;
    if (hashRow(row) !== row.hash)
      problems.push({ seq: i, kind: 'HASH_MISMATCH', message: 'The stored row does not match its hash.' });
    if (row.prevHash !== this.prevHash)
      problems.push({ seq: i, kind: 'CHAIN_BROKEN', message: 'prevHash does not link to the previous row.' });
    if (row.machineId !== instance.machineId || row.machineVersion !== expected) {
      const where =
        expected === instance.machineVersion
          ? `the instance is pinned to ${instance.machineId}@${instance.machineVersion}`
          : `the log is on ${instance.machineId}@${expected} here (no migration to another version before this row)`;
      problems.push({
        seq: i,
        kind: 'MACHINE_MISMATCH',
        message: `Row names ${row.machineId}@${row.machineVersion}; ${where}.`,
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
    if (last && def.version !== instance.machineVersion) {
      problems.push({
        seq: instance.version,
        kind: 'MACHINE_MISMATCH',
        message: `The head is pinned to ${instance.machineId}@${instance.machineVersion}; the log's last segment is on ${def.id}@${def.version}.`,
      });
    }
    // Read with the head (log-sql.ts selectHead); absent when the caller's head row does not carry it.
    const recorded = (instance as { definitionHash?: string | null }).definitionHash;
    const pinned = this.registry.find(instance.machineId, instance.machineVersion);
    if (typeof recorded === 'string' && pinned && recorded !== runningHash(pinned)) {
      problems.push({
        seq: instance.version,
        kind: 'DEFINITION_CHANGED',
        message: `Machine ${instance.machineId}@${instance.machineVersion} was changed since its first use (its recorded fingerprint differs from the running definition's): the change needs a new version.`,
      });
    }
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

/** A migration row's payload, or 'BAD' when it does not hold one. */
function migrationOf(row: WorkflowTransitionEntity): MigratePayload | 'BAD' {
  try {
    const p = JSON.parse(row.payload) as Partial<MigratePayload>;
    const ok =
      Number.isInteger(p.from) &&
      Number.isInteger(p.to) &&
      typeof p.fromState === 'string' &&
      typeof p.toState === 'string';
    return ok ? (p as MigratePayload) : 'BAD';
  } catch {
    return 'BAD';
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
