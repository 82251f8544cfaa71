import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import type { AnyMachineSnapshot } from 'xstate';
import type { MachineDefinition } from '../../../machines/kernel/machine-definition';
import { canonicalJson } from '../../common/canonical-json';
import { Db, type Tx, type WriteHint } from '../../database/db';
import type { Actor } from '../actor';
import { MachineRegistry } from '../machine-registry';
import { logSql, type LogSql } from './log-sql';
import { hashRow, type HashedRow } from './transition-hash';
import { WorkflowInstanceEntity } from './workflow-instance.entity';
import { WorkflowTransitionEntity } from './workflow-transition.entity';

/** An instance's head as the write path needs it. */
export interface Head {
  instance: WorkflowInstanceEntity;
  def: MachineDefinition;
  snapshot: AnyMachineSnapshot;
  /** The earliest date of its due events, or null. */
  nextDueOn: string | null;
}

export type RowFields = Omit<
  HashedRow,
  'actorId' | 'actorRole' | 'actorMunicipality' | 'machineId' | 'machineVersion'
> & { actor: Actor };

const HYDRATION_CACHE_SIZE = 10_000;

/**
 * The log and its heads: reading a head (with its hydrated snapshot), building a hashed row, and appending it with
 * the compare-and-set of the head. The statements are plain SQL for both dialects (log-sql.ts).
 */
@Injectable()
export class WorkflowLog {
  /** The last snapshot hydrated for each instance, with the stored JSON it came from (see hydrated). */
  private readonly hydrations = new Map<
    string,
    { def: MachineDefinition; json: string; snapshot: AnyMachineSnapshot }
  >();

  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly registry: MachineRegistry,
  ) {}

  get sql(): LogSql {
    return logSql(this.db.dataSource, this.db.dialect);
  }

  /** Tells Db which head a write will read, so that a group of writes reads all their heads with one statement. */
  headHint(instanceId: string): WriteHint | undefined {
    return this.db.serialised ? { read: this.sql.headRead, key: instanceId } : undefined;
  }

  /**
   * The head of an instance, read in the running write transaction: the database is the truth. A head write that is
   * still staged (group commit) is flushed first, so the read sees it. On PostgreSQL the head's row is locked first
   * (`lockHead`): the transaction holds it until it ends, so writers to one instance take turns.
   */
  async loadHead(tx: Tx, instanceId: string): Promise<Head | null> {
    const sql = this.sql;
    if (sql.lockHead) await tx.select(sql.lockHead, [instanceId]);
    if (tx.isStaged(sql.casHead, instanceId)) await tx.flush();
    const row =
      tx.readAhead(sql.headRead, instanceId) ??
      (await tx.select<Record<string, unknown>>(sql.selectHead, [instanceId]))[0];
    if (!row) return null;
    const { nextDueOn, definitionHash: _recorded, ...fields } = row;
    const instance = Object.assign(new WorkflowInstanceEntity(), fields);
    const def = this.registry.get(instance.machineId, instance.machineVersion);
    return { instance, def, snapshot: this.hydrated(def, instance), nextDueOn: (nextDueOn as string | null) ?? null };
  }

  /** A row with its hash, for the machine version of `def`. */
  makeRow(def: MachineDefinition, r: RowFields): WorkflowTransitionEntity {
    const { actor, ...rest } = r;
    const hashed: HashedRow = {
      ...rest,
      actorId: actor.id,
      actorRole: actor.role,
      actorMunicipality: actor.municipality,
      machineId: def.id,
      machineVersion: def.version,
    };
    return Object.assign(new WorkflowTransitionEntity(), hashed, { hash: hashRow(hashed) });
  }

  /** The genesis: the head row and its seq-0 log row, written at once (nothing else can know the new id yet). */
  async insertGenesis(tx: Tx, instance: WorkflowInstanceEntity, row: WorkflowTransitionEntity): Promise<void> {
    await tx.insert(WorkflowInstanceEntity, instance);
    await tx.insert(WorkflowTransitionEntity, row);
  }

  /** Appends a row and moves the head to it (compare-and-set on the version read); returns the new head. */
  async append(tx: Tx, head: Head, row: WorkflowTransitionEntity, next: AnyMachineSnapshot): Promise<Head> {
    const sql = this.sql;
    const { instance, def } = head;
    await tx.stage(
      sql.appendRow,
      `${instance.id}:${row.seq}`,
      sql.rowColumns.map((c) => row[c]),
    );
    const persisted = canonicalJson(def.machine.getPersistedSnapshot(next));
    await tx.stage(sql.casHead, instance.id, [
      row.toState,
      persisted,
      row.seq,
      row.hash,
      row.recordedAt,
      instance.id,
      instance.version,
    ]);
    const updated = Object.assign(new WorkflowInstanceEntity(), instance, {
      state: row.toState,
      snapshot: persisted,
      version: row.seq,
      lastHash: row.hash,
      updatedAt: row.recordedAt,
    });
    this.remember(instance.id, def, persisted, next);
    return { instance: updated, def, snapshot: next, nextDueOn: head.nextDueOn };
  }

  /** An earlier log row of this instance with this Idempotency-Key, if any. */
  findByIdempotencyKey(tx: Tx, instanceId: string, idempotencyKey: string): Promise<WorkflowTransitionEntity | null> {
    return tx.findOne(WorkflowTransitionEntity, { where: { instanceId, idempotencyKey } });
  }

  /** The heads of these instances, read in this transaction (or a read). */
  async heads(
    tx: Tx,
    ids: string[],
  ): Promise<Array<{ instance: WorkflowInstanceEntity; def: MachineDefinition; snapshot: AnyMachineSnapshot }>> {
    if (!ids.length) return [];
    const rows = await tx.find(WorkflowInstanceEntity, { where: { id: In(ids) } });
    return rows.map((instance) => {
      const def = this.registry.get(instance.machineId, instance.machineVersion);
      return { instance, def, snapshot: this.registry.hydrate(def.machine, JSON.parse(instance.snapshot)) };
    });
  }

  /** The state of each of these instances. */
  async states(tx: Tx, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await tx.find(WorkflowInstanceEntity, { where: { id: In(ids) }, select: { id: true, state: true } });
    return new Map(rows.map((r) => [r.id, r.state]));
  }

  /** The log of one instance, genesis first. */
  rows(tx: Tx, instanceId: string): Promise<WorkflowTransitionEntity[]> {
    return tx.find(WorkflowTransitionEntity, { where: { instanceId }, order: { seq: 'ASC' } });
  }

  /**
   * What is remembered is only the hydration: when the stored snapshot is the very string hydrated before (same
   * machine version), that snapshot object is used again (snapshots are immutable). Public for the reads that
   * assemble a head row in their own statement (WorkflowEngine.viewOfRow).
   */
  hydrated(def: MachineDefinition, instance: WorkflowInstanceEntity): AnyMachineSnapshot {
    const known = this.hydrations.get(instance.id);
    if (known && known.json === instance.snapshot && known.def === def) return known.snapshot;
    const snapshot = this.registry.hydrate(def.machine, JSON.parse(instance.snapshot));
    this.remember(instance.id, def, instance.snapshot, snapshot);
    return snapshot;
  }

  private remember(id: string, def: MachineDefinition, json: string, snapshot: AnyMachineSnapshot): void {
    this.hydrations.delete(id); // re-inserted last: the oldest entry is the first to go
    if (this.hydrations.size >= HYDRATION_CACHE_SIZE) this.hydrations.delete(this.hydrations.keys().next().value!);
    this.hydrations.set(id, { def, json, snapshot });
  }
}
