import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { EntityManager } from 'typeorm';
import { createActor, initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import type { MachineDefinition } from '../../machines/common/machine-definition';
import { canonicalJson } from '../common/canonical-json';
import { AppError, badInput, notFound } from '../common/errors';
import { Db, isUniqueViolation } from '../database/db';
import type { Actor } from './actor';
import { SYSTEM_ACTOR } from './actor';
import { Clock } from './clock';
import { MachineRegistry, stateString } from './machine-registry';
import { GENESIS_PREV_HASH, hashRow, type HashedRow } from './transition-hash';
import { WorkflowDueEventEntity } from './workflow-due-event.entity';
import { WorkflowInstanceEntity } from './workflow-instance.entity';
import { WorkflowTransitionEntity } from './workflow-transition.entity';
import type {
  InstanceView,
  SendOptions,
  SendResult,
  TransitionView,
  VerifyProblem,
  VerifyReport,
  WorkflowEventInput,
} from './workflow.types';

export const GENESIS_EVENT = 'xstate.init';

/**
 * The only code that runs machines. One write path for every machine: read the head, rebuild the snapshot, check
 * (409 when the state has no such transition, 422 with the rule when a guard refuses), transition, then append the
 * log row and compare-and-set the head in one database transaction.
 */
@Injectable()
export class WorkflowEngine {
  private readonly logger = new Logger('WorkflowEngine');

  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly registry: MachineRegistry,
    private readonly clock: Clock,
  ) {}

  // ------------------------------------------------------------------ create

  /** Starts an instance on the latest version of a machine; the genesis row (seq 0) records its input. */
  async create(machineId: string, input: unknown, subject: string, actor: Actor, m: EntityManager): Promise<WorkflowInstanceEntity> {
    const def = this.registry.latest(machineId);
    const [snapshot] = initialTransition(def.machine, input as any);
    const now = this.clock.nowIso();
    const id = randomUUID();
    const row = this.makeRow(def, {
      instanceId: id,
      seq: 0,
      eventType: GENESIS_EVENT,
      payload: canonicalJson(input),
      actor,
      recordedAt: now,
      legalDate: null,
      fromState: null,
      toState: stateString(snapshot.value),
      idempotencyKey: null,
      requestHash: null,
      prevHash: GENESIS_PREV_HASH,
    });
    const instance = m.create(WorkflowInstanceEntity, {
      id,
      machineId: def.id,
      machineVersion: def.version,
      subject,
      state: row.toState,
      snapshot: canonicalJson(def.machine.getPersistedSnapshot(snapshot)),
      version: 0,
      lastHash: row.hash,
      createdAt: now,
      updatedAt: now,
    });
    await m.insert(WorkflowInstanceEntity, instance);
    await m.insert(WorkflowTransitionEntity, row);
    await this.syncDueEvents(m, def, id, null, snapshot);
    return instance;
  }

  // ------------------------------------------------------------------ send

  /** Applies one event, in its own transaction. */
  sendNow(instanceId: string, event: WorkflowEventInput, actor: Actor, options: SendOptions = {}): Promise<SendResult> {
    return this.write((m) => this.sendInTransaction(m, instanceId, event, actor, options), options.expectedVersion, options.idempotencyKey);
  }

  /**
   * A write transaction for work that sends events with other rows (decision records, compensations): all of it
   * commits or none. A unique-constraint failure means a concurrent writer took the same seq: VERSION_CONFLICT.
   */
  write<T>(work: (m: EntityManager) => Promise<T>, expectedVersion?: number, idempotencyKey?: string): Promise<T> {
    return this.writeUnit(() => this.db.write(work), expectedVersion, idempotencyKey);
  }

  /**
   * A client's write to one instance: its due events (an exit that took effect, an appeal period that ended) are
   * fired first, each as its own logged transition, so the client's event meets the state as it stands today. The
   * check runs inside the client's transaction (no extra round trip); only when something is due does it step aside.
   */
  async writeFor<T>(instanceId: string, work: (m: EntityManager) => Promise<T>, expectedVersion?: number, idempotencyKey?: string): Promise<T> {
    const today = this.clock.todayInStockholm();
    const guarded = () =>
      this.db.write(async (m) => {
        const due = (await m.query(engineSql(m).dueFor, [instanceId, today])) as unknown[];
        if (due.length) throw DUE_FIRST;
        return work(m);
      });
    try {
      return await this.writeUnit(guarded, expectedVersion, idempotencyKey);
    } catch (error) {
      if (error !== DUE_FIRST) throw error;
      await this.fireDueEventsFor(instanceId);
      return this.writeUnit(() => this.db.write(work), expectedVersion, idempotencyKey);
    }
  }

  private writeUnit<T>(attempt: () => Promise<T>, expectedVersion?: number, idempotencyKey?: string): Promise<T> {
    return attempt()
      // Two retries with the same Idempotency-Key racing (PostgreSQL): the loser runs once more and finds the
      // winner's row, so it answers with the first result instead of a conflict. `work` must be repeatable.
      .catch((error) => (idempotencyKey && isUniqueViolation(error) ? attempt() : Promise.reject(error)))
      .catch((error) => {
        if (isUniqueViolation(error)) throw versionConflict(expectedVersion, undefined);
        throw error;
      });
  }

  /** The transition itself, inside a transaction the caller owns (so a caller can commit more rows with it). */
  async sendInTransaction(
    m: EntityManager,
    instanceId: string,
    event: WorkflowEventInput,
    actor: Actor,
    options: SendOptions = {},
  ): Promise<SendResult> {
    // The key is stored in a varchar(128) column: refuse a longer one as input (PostgreSQL would fail the insert).
    if (options.idempotencyKey !== undefined && options.idempotencyKey.length > 128) {
      throw badInput('Idempotency-Key', 'must be at most 128 characters', 'får vara högst 128 tecken');
    }
    const sql = engineSql(m);
    const found = (await m.query(sql.selectHead, [instanceId])) as Record<string, unknown>[];
    const instance = found.length ? Object.assign(new WorkflowInstanceEntity(), found[0]) : null;
    if (!instance) throw notFound(`Workflow ${instanceId}`, `Arbetsflödet ${instanceId}`);
    const def = this.registry.get(instance.machineId, instance.machineVersion);
    const payload = canonicalJson(event);

    if (options.idempotencyKey) {
      const earlier = await m.findOne(WorkflowTransitionEntity, { where: { instanceId, idempotencyKey: options.idempotencyKey } });
      if (earlier) {
        // The same request, by what the client sent (the logged payload may be enriched by the service).
        const same = earlier.requestHash ? earlier.requestHash === options.requestFingerprint : earlier.payload === payload;
        if (!same) {
          throw new AppError(
            'RULE_REFUSED',
            'IDEMPOTENCY_KEY_REUSED',
            'This Idempotency-Key was used earlier with another request.',
            'Denna Idempotency-Key har redan använts med en annan begäran.',
            undefined,
            { seq: earlier.seq },
          );
        }
        const snapshot = this.registry.hydrate(def.machine, JSON.parse(instance.snapshot));
        return { instance: this.view(def, instance, snapshot), transition: toTransitionView(earlier), replayed: true, warnings: [] };
      }
    }
    if (options.expectedVersion !== undefined && options.expectedVersion !== instance.version) {
      throw versionConflict(options.expectedVersion, instance.version);
    }

    const snapshot = this.registry.hydrate(def.machine, JSON.parse(instance.snapshot));
    const candidates = this.registry.candidates(snapshot, event.type);
    if (candidates.length === 0) {
      const allowedEvents = this.registry.allowedEvents(def, snapshot);
      throw new AppError(
        'CONFLICT',
        'TRANSITION_NOT_ALLOWED',
        `The event ${event.type} is not allowed in state '${instance.state}'. Allowed: ${allowedEvents.join(', ') || 'none'}.`,
        `Händelsen ${event.type} är inte tillåten i läget '${instance.state}'. Tillåtna: ${allowedEvents.join(', ') || 'inga'}.`,
        undefined,
        { state: instance.state, eventType: event.type, allowedEvents },
      );
    }
    const [next] = transition(def.machine, snapshot, event as any);
    if (next === snapshot || next.status === 'error') {
      const refusal = this.registry.explain(def, snapshot, event);
      if (refusal) {
        throw new AppError('RULE_REFUSED', refusal.code, refusal.message, refusal.messageSv, refusal.ruleId, {
          state: instance.state,
          ...(refusal.details ?? {}),
        });
      }
      throw new AppError('RULE_REFUSED', 'GUARD_REFUSED', `The event ${event.type} was refused in state '${instance.state}'.`, `Händelsen ${event.type} avslogs i läget '${instance.state}'.`);
    }

    const now = this.clock.nowIso();
    const row = this.makeRow(def, {
      instanceId,
      seq: instance.version + 1,
      eventType: event.type,
      payload,
      actor,
      recordedAt: now,
      legalDate: def.legalDateOf(event, snapshot.context),
      fromState: instance.state,
      toState: stateString(next.value),
      idempotencyKey: options.idempotencyKey ?? null,
      requestHash: options.idempotencyKey ? options.requestFingerprint ?? null : null,
      prevHash: instance.lastHash,
    });
    await m.query(sql.insertRow, sql.rowColumns.map((c) => row[c]));
    const persisted = canonicalJson(def.machine.getPersistedSnapshot(next));
    // Compare-and-set on the head: a concurrent writer that got here first leaves 0 rows affected.
    const casValues = [row.toState, persisted, row.seq, row.hash, now, instanceId, instance.version];
    const affected = m.queryRunner
      ? (await m.queryRunner.query(sql.casHead, casValues, true)).affected
      : (
          await m
            .createQueryBuilder()
            .update(WorkflowInstanceEntity)
            .set({ state: row.toState, snapshot: persisted, version: row.seq, lastHash: row.hash, updatedAt: now })
            .where('id = :id AND version = :version', { id: instanceId, version: instance.version })
            .execute()
        ).affected;
    if (affected !== 1) throw versionConflict(options.expectedVersion, undefined);
    await this.syncDueEvents(m, def, instanceId, snapshot, next);

    const updated = { ...instance, state: row.toState, version: row.seq, lastHash: row.hash, updatedAt: now };
    return { instance: this.view(def, updated, next), transition: toTransitionView(row), replayed: false, warnings: [] };
  }

  // ------------------------------------------------------------------ due events

  /** Fires every due event up to `today` (Stockholm); returns how many transitions were recorded. */
  async fireDueEvents(today = this.clock.todayInStockholm()): Promise<{ fired: number; refused: number }> {
    const due = await this.db.read((m) =>
      m.createQueryBuilder(WorkflowDueEventEntity, 'd').where('d.due_on <= :today', { today }).orderBy('d.id').getMany(),
    );
    let fired = 0;
    let refused = 0;
    for (const d of due) (await this.fire(d)) ? fired++ : refused++;
    return { fired, refused };
  }

  async fireDueEventsFor(instanceId: string): Promise<void> {
    const today = this.clock.todayInStockholm();
    const due = await this.db.read((m) =>
      m.createQueryBuilder(WorkflowDueEventEntity, 'd').where('d.instance_id = :instanceId AND d.due_on <= :today', { instanceId, today }).getMany(),
    );
    for (const d of due) await this.fire(d);
  }

  private async fire(d: WorkflowDueEventEntity): Promise<boolean> {
    try {
      await this.sendNow(d.instanceId, { type: d.eventType, ...JSON.parse(d.payload) }, SYSTEM_ACTOR);
      return true;
    } catch (error) {
      this.logger.warn(`Due event ${d.eventType} on ${d.instanceId} not applied: ${(error as Error).message}`);
      // The state moved on (for example the exit was withdrawn): the row is stale; drop it, keep the log clean.
      // Any other failure (a concurrent writer, the database) keeps the row, so that the event fires on a later run.
      if (isStale(error)) await this.db.write((m) => m.delete(WorkflowDueEventEntity, { id: d.id }));
      return false;
    }
  }

  private async syncDueEvents(
    m: EntityManager,
    def: MachineDefinition,
    instanceId: string,
    before: AnyMachineSnapshot | null,
    after: AnyMachineSnapshot,
  ): Promise<void> {
    if (!def.dueEvents) return;
    const was = before ? def.dueEvents(before.context, stateString(before.value)) : [];
    const now = def.dueEvents(after.context, stateString(after.value));
    if (canonicalJson(was) === canonicalJson(now)) return;
    await m.delete(WorkflowDueEventEntity, { instanceId });
    for (const d of now) {
      await m.insert(WorkflowDueEventEntity, { instanceId, eventType: d.type, dueOn: d.dueOn, payload: canonicalJson(d.payload) });
    }
  }

  // ------------------------------------------------------------------ reads

  async get(instanceId: string): Promise<InstanceView> {
    const instance = await this.db.read((m) => m.findOne(WorkflowInstanceEntity, { where: { id: instanceId } }));
    if (!instance) throw notFound(`Workflow ${instanceId}`, `Arbetsflödet ${instanceId}`);
    const def = this.registry.get(instance.machineId, instance.machineVersion);
    return this.view(def, instance, this.registry.hydrate(def.machine, JSON.parse(instance.snapshot)));
  }

  async getMany(ids: string[], m?: EntityManager): Promise<Map<string, InstanceView>> {
    const load = (mm: EntityManager) =>
      ids.length ? mm.createQueryBuilder(WorkflowInstanceEntity, 'w').where('w.id IN (:...ids)', { ids }).getMany() : Promise.resolve([]);
    const rows = m ? await load(m) : await this.db.read(load);
    const out = new Map<string, InstanceView>();
    for (const instance of rows) {
      const def = this.registry.get(instance.machineId, instance.machineVersion);
      out.set(instance.id, this.view(def, instance, this.registry.hydrate(def.machine, JSON.parse(instance.snapshot))));
    }
    return out;
  }

  async history(instanceId: string): Promise<{ workflowId: string; machineId: string; machineVersion: number; transitions: TransitionView[] }> {
    return this.db.read(async (m) => {
      const instance = await m.findOne(WorkflowInstanceEntity, { where: { id: instanceId } });
      if (!instance) throw notFound(`Workflow ${instanceId}`, `Arbetsflödet ${instanceId}`);
      const rows = await m.find(WorkflowTransitionEntity, { where: { instanceId }, order: { seq: 'ASC' } });
      return { workflowId: instanceId, machineId: instance.machineId, machineVersion: instance.machineVersion, transitions: rows.map(toTransitionView) };
    });
  }

  // ------------------------------------------------------------------ verify

  /**
   * Replays the log through the pinned machine version and checks every hash, every prevHash link, every
   * recorded from/to state, and the head row. Reports each problem with its seq; the first is the divergence.
   */
  async verify(instanceId: string): Promise<VerifyReport> {
    const { instance, rows } = await this.db.read(async (m) => {
      const instance = await m.findOne(WorkflowInstanceEntity, { where: { id: instanceId } });
      if (!instance) throw notFound(`Workflow ${instanceId}`, `Arbetsflödet ${instanceId}`);
      const sql = engineSql(m);
      // Each row packed into one string by the database: a driver builds one JS object per row and column, which on a
      // long log costs more than the replay. A row that does not unpack (a separator byte in a tampered value) makes
      // the whole log be read again column by column, so verify sees every stored byte either way.
      const packed = (await m.query(sql.selectLogPacked, [instanceId])) as Array<{ r: string }>;
      const rows = unpackRows(packed, sql.rowColumns) ?? ((await m.query(sql.selectLog, [instanceId])) as WorkflowTransitionEntity[]);
      return { instance, rows };
    });
    return this.verifyRows(instance, rows);
  }

  verifyRows(instance: WorkflowInstanceEntity, rows: WorkflowTransitionEntity[]): VerifyReport {
    const problems: VerifyProblem[] = [];
    const def = this.registry.get(instance.machineId, instance.machineVersion);
    let prevHash = GENESIS_PREV_HASH;
    let actor: ReturnType<typeof createActor> | null = null;
    let replayState: string | null = null;
    let replayBroken = false;

    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (row.seq !== i) {
        problems.push({ seq: i, kind: 'MISSING_ROW', message: `Expected seq ${i}, found seq ${row.seq}.` });
        break;
      }
      if (hashRow(row) !== row.hash) problems.push({ seq: i, kind: 'HASH_MISMATCH', message: 'The stored row does not match its hash.' });
      if (row.prevHash !== prevHash) problems.push({ seq: i, kind: 'CHAIN_BROKEN', message: 'prevHash does not link to the previous row.' });
      if (row.machineId !== instance.machineId || row.machineVersion !== instance.machineVersion) {
        problems.push({ seq: i, kind: 'MACHINE_MISMATCH', message: `Row names ${row.machineId}@${row.machineVersion}; the instance is pinned to ${instance.machineId}@${instance.machineVersion}.` });
      }
      prevHash = row.hash;
      if (replayBroken) continue;

      let data: Record<string, unknown>;
      try {
        data = JSON.parse(row.payload);
      } catch {
        problems.push({ seq: i, kind: 'BAD_PAYLOAD', message: 'The payload is not valid JSON; replay stops here.' });
        replayBroken = true;
        continue;
      }
      try {
        if (i === 0) {
          if (row.eventType !== GENESIS_EVENT) throw new Error(`the first row must be ${GENESIS_EVENT}`);
          actor = createActor(def.machine, { input: data as any });
          // A tampered payload can make a guard throw; without an error observer XState rethrows it on a timer and
          // takes the process down. Here it is a finding (REPLAY_REFUSED), not a crash.
          actor.subscribe({ error: () => undefined });
          actor.start();
        } else {
          const before = actor!.getSnapshot();
          if (row.fromState !== replayState) {
            problems.push({ seq: i, kind: 'FROM_STATE_MISMATCH', message: `Recorded from-state '${row.fromState}', replay is in '${replayState}'.` });
          }
          actor!.send({ ...data, type: row.eventType } as any);
          const after = actor!.getSnapshot();
          if (after === before || after.status === 'error') {
            problems.push({ seq: i, kind: 'REPLAY_REFUSED', message: `Replaying ${row.eventType} in '${replayState}' is refused by machine ${def.id}@${def.version}; replay stops here.` });
            replayBroken = true;
            continue;
          }
        }
        replayState = stateString(actor!.getSnapshot().value);
        if (replayState !== row.toState) {
          problems.push({ seq: i, kind: 'STATE_MISMATCH', message: `Recorded to-state '${row.toState}', replay gives '${replayState}'.` });
        }
      } catch (error) {
        problems.push({ seq: i, kind: 'REPLAY_REFUSED', message: `Replay failed: ${(error as Error).message}` });
        replayBroken = true;
      }
    }

    const last = rows[rows.length - 1];
    if (!last || instance.version !== rows.length - 1 || instance.lastHash !== last.hash || instance.state !== last.toState) {
      problems.push({ seq: instance.version, kind: 'HEAD_MISMATCH', message: 'The head row (version, state, last hash) does not match the log.' });
    } else if (actor && !replayBroken) {
      const replayed = canonicalJson(def.machine.getPersistedSnapshot(actor.getSnapshot() as AnyMachineSnapshot));
      if (replayed !== instance.snapshot) {
        problems.push({ seq: instance.version, kind: 'HEAD_MISMATCH', message: 'The stored snapshot differs from the replayed one.' });
      }
    }
    actor?.stop();
    return {
      workflowId: instance.id,
      machine: `${instance.machineId}@${instance.machineVersion}`,
      ok: problems.length === 0,
      events: rows.length,
      firstDivergence: problems[0] ?? null,
      problems,
    };
  }

  // ------------------------------------------------------------------ helpers

  view(def: MachineDefinition, instance: WorkflowInstanceEntity, snapshot: AnyMachineSnapshot): InstanceView {
    return {
      id: instance.id,
      machineId: instance.machineId,
      machineVersion: instance.machineVersion,
      subject: instance.subject,
      state: instance.state,
      version: instance.version,
      context: snapshot.context,
      allowedEvents: this.registry.allowedEvents(def, snapshot),
    };
  }

  private makeRow(
    def: MachineDefinition,
    r: Omit<HashedRow, 'actorId' | 'actorRole' | 'actorMunicipality' | 'machineId' | 'machineVersion'> & { actor: Actor },
  ): WorkflowTransitionEntity {
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
}

/** A due event the machine refuses (not allowed in this state, or a rule says no), or whose instance is gone. */
function isStale(error: unknown): boolean {
  return error instanceof AppError && (error.code === 'TRANSITION_NOT_ALLOWED' || error.kind === 'RULE_REFUSED' || error.kind === 'NOT_FOUND');
}

/**
 * The statements of the write path and of verify as plain SQL (identifiers from the entity metadata, placeholders
 * of the driver): TypeORM's find/insert/update builders cost more CPU per transition than SQLite's own work.
 * They read and write exactly the columns and values that findOne/insert/update/getMany did.
 */
interface EngineSql {
  selectHead: string;
  selectLog: string;
  /** The log with each row as one string: columns in rowColumns order, separated by U+001F, NULL as U+001E. */
  selectLogPacked: string;
  insertRow: string;
  rowColumns: Array<keyof HashedRow | 'hash'>;
  dueFor: string;
  casHead: string;
}

const engineSqlCache = new WeakMap<object, EngineSql>();

function engineSql(m: EntityManager): EngineSql {
  const cached = engineSqlCache.get(m.connection);
  if (cached) return cached;
  const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
  const postgres = m.connection.driver.options.type === 'postgres';
  const p = postgres ? (i: number) => `$${i}` : () => '?';
  const chr = postgres ? 'chr' : 'char';
  const head = m.connection.getMetadata(WorkflowInstanceEntity);
  const log = m.connection.getMetadata(WorkflowTransitionEntity);
  const due = m.connection.getMetadata(WorkflowDueEventEntity);
  const col = (meta: typeof head, property: string) => q(meta.findColumnWithPropertyName(property)!.databaseName);
  const selectAll = (meta: typeof head) => meta.columns.map((c) => `${q(c.databaseName)} AS ${q(c.propertyName)}`).join(', ');
  const rowColumns = log.columns.filter((c) => !c.isGenerated).map((c) => c.propertyName as keyof HashedRow | 'hash');
  const sql: EngineSql = {
    selectHead: `SELECT ${selectAll(head)} FROM ${q(head.tableName)} WHERE ${col(head, 'id')} = ${p(1)}`,
    selectLog:
      `SELECT ${selectAll(log)} FROM ${q(log.tableName)} WHERE ${col(log, 'instanceId')} = ${p(1)} ` +
      `ORDER BY ${col(log, 'seq')} ASC, ${col(log, 'id')} ASC`,
    selectLogPacked:
      `SELECT ${rowColumns.map((c) => `COALESCE(CAST(${col(log, c)} AS TEXT), ${chr}(30))`).join(` || ${chr}(31) || `)} AS r ` +
      `FROM ${q(log.tableName)} WHERE ${col(log, 'instanceId')} = ${p(1)} ORDER BY ${col(log, 'seq')} ASC, ${col(log, 'id')} ASC`,
    insertRow: `INSERT INTO ${q(log.tableName)} (${rowColumns.map((c) => col(log, c)).join(', ')}) VALUES (${rowColumns.map((_, i) => p(i + 1)).join(', ')})`,
    rowColumns,
    dueFor: `SELECT 1 FROM ${q(due.tableName)} WHERE ${col(due, 'instanceId')} = ${p(1)} AND ${col(due, 'dueOn')} <= ${p(2)} LIMIT 1`,
    casHead:
      `UPDATE ${q(head.tableName)} SET ${['state', 'snapshot', 'version', 'lastHash', 'updatedAt'].map((c, i) => `${col(head, c)} = ${p(i + 1)}`).join(', ')} ` +
      `WHERE ${col(head, 'id')} = ${p(6)} AND ${col(head, 'version')} = ${p(7)}`,
  };
  engineSqlCache.set(m.connection, sql);
  return sql;
}

const NUMERIC_COLUMNS = new Set(['seq', 'machineVersion']);

function unpackRows(packed: Array<{ r: string }>, columns: string[]): WorkflowTransitionEntity[] | null {
  const rows: WorkflowTransitionEntity[] = new Array(packed.length);
  for (let i = 0; i < packed.length; i++) {
    const parts = packed[i].r.split('\u001f');
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

/** Thrown inside a client's transaction to roll it back when the instance has due events to fire first. */
const DUE_FIRST = new Error('due events first');

function versionConflict(expected: number | undefined, current: number | undefined): AppError {
  return new AppError(
    'CONFLICT',
    'VERSION_CONFLICT',
    'The workflow was changed by another request; read it again and retry.',
    'Arbetsflödet har ändrats av en annan begäran; läs in det igen och försök på nytt.',
    undefined,
    { expectedVersion: expected, currentVersion: current },
  );
}

export function toTransitionView(row: WorkflowTransitionEntity): TransitionView {
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    payload = row.payload;
  }
  return {
    seq: row.seq,
    eventType: row.eventType,
    payload,
    actor: { id: row.actorId, role: row.actorRole, municipality: row.actorMunicipality },
    recordedAt: row.recordedAt,
    legalDate: row.legalDate,
    fromState: row.fromState,
    toState: row.toState,
    machineId: row.machineId,
    machineVersion: row.machineVersion,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
