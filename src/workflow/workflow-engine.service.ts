import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { EntityManager } from 'typeorm';
import { createActor, initialTransition, type AnyMachineSnapshot } from 'xstate';
import type { MachineDefinition } from '../../machines/kernel/machine-definition';
import { canonicalJson } from '../common/canonical-json';
import { AppError, badInput, notFound } from '../common/errors';
import { Db, isUniqueViolation, type SharedRead, type StagedWrite, type WriteHint } from '../database/db';
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

/** An instance's head as the write path needs it. */
interface Head {
  instance: WorkflowInstanceEntity;
  snapshot: AnyMachineSnapshot;
  /** The earliest date of its due events, or null. */
  nextDueOn: string | null;
}

const HYDRATION_CACHE_SIZE = 10_000;

/**
 * The only code that runs machines. One write path for every machine: read the head, rebuild the snapshot, check
 * (409 when the state has no such transition, 422 with the rule when a guard refuses), transition, then append the
 * log row and compare-and-set the head in one database transaction.
 */
@Injectable()
export class WorkflowEngine {
  private readonly logger = new Logger('WorkflowEngine');
  /** The last snapshot hydrated for each instance, with the stored JSON it came from (see loadHead). */
  private readonly hydrations = new Map<string, { def: MachineDefinition; json: string; snapshot: AnyMachineSnapshot }>();

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
    const hint = this.headHint(instanceId);
    const attempt = () => this.db.write((m) => this.sendInTransaction(m, instanceId, event, actor, options), hint);
    return this.writeUnit(attempt, options.expectedVersion, options.idempotencyKey);
  }

  /** Tells Db which head a write will read, so that a group of writes reads all their heads with one statement. */
  private headHint(instanceId: string): WriteHint | undefined {
    return this.db.serialised ? { read: engineSql(this.db.dataSource.manager).headRead, key: instanceId } : undefined;
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
    const hint = this.headHint(instanceId);
    const guarded = () =>
      this.db.write(async (m) => {
        const head = await this.loadHead(m, instanceId);
        if (head?.nextDueOn && head.nextDueOn <= today) throw DUE_FIRST;
        return work(m);
      }, hint);
    try {
      return await this.writeUnit(guarded, expectedVersion, idempotencyKey);
    } catch (error) {
      if (error !== DUE_FIRST) throw error;
      await this.fireDueEventsFor(instanceId);
      return this.writeUnit(() => this.db.write(work, hint), expectedVersion, idempotencyKey);
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
    const head = await this.loadHead(m, instanceId);
    if (!head) throw notFound(`Workflow ${instanceId}`, `Arbetsflödet ${instanceId}`);
    const { instance, snapshot } = head;
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
        return { instance: this.view(def, instance, snapshot), transition: toTransitionView(earlier), replayed: true, warnings: [] };
      }
    }
    if (options.expectedVersion !== undefined && options.expectedVersion !== instance.version) {
      throw versionConflict(options.expectedVersion, instance.version);
    }

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
    const next = this.registry.transition(def.machine, snapshot, event);
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
    await this.db.stage(m, sql.appendRow, `${instanceId}:${row.seq}`, sql.rowColumns.map((c) => row[c]));
    const persisted = canonicalJson(def.machine.getPersistedSnapshot(next));
    // Compare-and-set on the head: a concurrent writer that got here first leaves 0 rows affected.
    const casValues = [row.toState, persisted, row.seq, row.hash, now, instanceId, instance.version];
    await this.db.stage(m, sql.casHead, instanceId, casValues);
    await this.syncDueEvents(m, def, instanceId, snapshot, next);

    const updated: WorkflowInstanceEntity = Object.assign(new WorkflowInstanceEntity(), instance, {
      state: row.toState,
      snapshot: persisted,
      version: row.seq,
      lastHash: row.hash,
      updatedAt: now,
    });
    this.rememberHydration(instanceId, def, persisted, next);
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

  /** Rewrites the instance's due-event rows when the machine's due events changed. */
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

  // ------------------------------------------------------------------ heads

  /**
   * The head of an instance (its row, its hydrated snapshot, its earliest due date), read in the running transaction
   * every time: the database is the truth. What is remembered is only the hydration: when the stored snapshot is the
   * very string hydrated before (same machine version), that snapshot object is used again (snapshots are immutable).
   * A head write that is still staged (group commit) is flushed first, so the read sees it.
   */
  private async loadHead(m: EntityManager, instanceId: string): Promise<Head | null> {
    const sql = engineSql(m);
    if (this.db.isStaged(sql.casHead, instanceId)) await this.db.flush();
    const row = this.db.readAheadRow(sql.headRead, instanceId) ?? (await this.db.select<Record<string, unknown>>(m, sql.selectHead, [instanceId]))[0];
    if (!row) return null;
    const { nextDueOn, ...fields } = row;
    const instance = Object.assign(new WorkflowInstanceEntity(), fields);
    return { instance, snapshot: this.hydrated(instance), nextDueOn: (nextDueOn as string | null) ?? null };
  }

  private hydrated(instance: WorkflowInstanceEntity): AnyMachineSnapshot {
    const def = this.registry.get(instance.machineId, instance.machineVersion);
    const known = this.hydrations.get(instance.id);
    if (known && known.json === instance.snapshot && known.def === def) return known.snapshot;
    const snapshot = this.registry.hydrate(def.machine, JSON.parse(instance.snapshot));
    this.rememberHydration(instance.id, def, instance.snapshot, snapshot);
    return snapshot;
  }

  private rememberHydration(id: string, def: MachineDefinition, json: string, snapshot: AnyMachineSnapshot): void {
    this.hydrations.delete(id); // re-inserted last: the oldest entry is the first to go
    if (this.hydrations.size >= HYDRATION_CACHE_SIZE) this.hydrations.delete(this.hydrations.keys().next().value!);
    this.hydrations.set(id, { def, json, snapshot });
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
   * The head and the log are read as one consistent snapshot (Db.snapshot), the log in chunks: the next chunk is
   * being read while this one is checked, and only one chunk is held at a time.
   */
  async verify(instanceId: string): Promise<VerifyReport> {
    const sql = engineSql(this.db.dataSource.manager);
    return this.db.snapshot(async (query) => {
      const [found] = await query(sql.selectHead, [instanceId]);
      if (!found) throw notFound(`Workflow ${instanceId}`, `Arbetsflödet ${instanceId}`);
      const { nextDueOn: _due, ...fields } = found;
      const replay = new LogReplay(this.registry, Object.assign(new WorkflowInstanceEntity(), fields));
      // Each row packed into one string by the database: a driver builds one JS object per row and column, which on a
      // long log costs more than the replay. A chunk that does not unpack (a separator byte in a tampered value) is
      // read again column by column, so verify sees every stored byte either way.
      const chunk = async (fromSeq: number): Promise<WorkflowTransitionEntity[]> => {
        const params = [instanceId, fromSeq, VERIFY_CHUNK_ROWS];
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
    });
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
  /** The same for several heads at once: what a group of writes reads ahead (Db.write's hint). */
  headRead: SharedRead;
  /** The log from a seq on, at most n rows: (instanceId, fromSeq, n). */
  selectLogFrom: string;
  /** The log with each row as one string: columns in rowColumns order, separated by U+001F, NULL as U+001E. */
  selectLogPackedFrom: string;
  /** The log row (an INSERT) and the compare-and-set of the head, as writes that Db may stage and group. */
  appendRow: StagedWrite;
  rowColumns: Array<keyof HashedRow | 'hash'>;
  casHead: StagedWrite;
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
  const headSet = ['state', 'snapshot', 'version', 'lastHash', 'updatedAt'];
  const headColumns =
    `${selectAll(head)}, (SELECT MIN(d.${col(due, 'dueOn')}) FROM ${q(due.tableName)} d WHERE d.${col(due, 'instanceId')} = h.${col(head, 'id')}) AS ${q('nextDueOn')} ` +
    `FROM ${q(head.tableName)} h`;
  const sql: EngineSql = {
    selectHead: `SELECT ${headColumns} WHERE h.${col(head, 'id')} = ${p(1)}`,
    headRead: {
      sql: (n) => `SELECT ${headColumns} WHERE h.${col(head, 'id')} IN (${Array.from({ length: n }, (_, i) => p(i + 1)).join(', ')})`,
      keyOf: (row) => row.id as string,
    },
    selectLogFrom:
      `SELECT ${selectAll(log)} FROM ${q(log.tableName)} WHERE ${col(log, 'instanceId')} = ${p(1)} AND ${col(log, 'seq')} >= ${p(2)} ` +
      `ORDER BY ${col(log, 'seq')} ASC, ${col(log, 'id')} ASC LIMIT ${p(3)}`,
    selectLogPackedFrom:
      `SELECT ${rowColumns.map((c) => `COALESCE(CAST(${col(log, c)} AS TEXT), ${chr}(30))`).join(` || ${chr}(31) || `)} AS r ` +
      `FROM ${q(log.tableName)} WHERE ${col(log, 'instanceId')} = ${p(1)} AND ${col(log, 'seq')} >= ${p(2)} ` +
      `ORDER BY ${col(log, 'seq')} ASC, ${col(log, 'id')} ASC LIMIT ${p(3)}`,
    rowColumns,
    // One statement for n rows; n > 1 only on SQLite, where Db groups the writes of concurrent requests.
    appendRow: {
      name: 'append log row',
      width: rowColumns.length,
      sql: (n) => {
        let k = 0;
        const values = Array.from({ length: n }, () => `(${rowColumns.map(() => p(++k)).join(', ')})`);
        return `INSERT INTO ${q(log.tableName)} (${rowColumns.map((c) => col(log, c)).join(', ')}) VALUES ${values.join(', ')}`;
      },
      conflict: () => versionConflict(undefined, undefined),
    },
    // Compare-and-set on the head: a concurrent writer that got there first leaves a row unchanged, and the write
    // fails with VERSION_CONFLICT. Values: state, snapshot, version, lastHash, updatedAt, id, expected version.
    casHead: {
      name: 'compare-and-set head',
      width: 7,
      sql: (n) =>
        n === 1
          ? `UPDATE ${q(head.tableName)} SET ${headSet.map((c, i) => `${col(head, c)} = ${p(i + 1)}`).join(', ')} ` +
            `WHERE ${col(head, 'id')} = ${p(6)} AND ${col(head, 'version')} = ${p(7)}`
          : `WITH v(${headSet.map((c) => q(c)).join(', ')}, ${q('id')}, ${q('expected')}) AS ` +
            `(VALUES ${Array.from({ length: n }, () => `(${Array.from({ length: 7 }, () => '?').join(', ')})`).join(', ')}) ` +
            `UPDATE ${q(head.tableName)} SET ${headSet.map((c) => `${col(head, c)} = v.${q(c)}`).join(', ')} FROM v ` +
            `WHERE ${q(head.tableName)}.${col(head, 'id')} = v.${q('id')} AND ${q(head.tableName)}.${col(head, 'version')} = v.${q('expected')}`,
      conflict: () => versionConflict(undefined, undefined),
    },
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

/** How many log rows verify reads per statement (and holds at a time). */
const VERIFY_CHUNK_ROWS = 5_000;

/**
 * Verify's checks, fed the log in seq order chunk by chunk: hash, link, pinned machine, replay through the pinned
 * version (from/to states), and at the end the head. A missing seq stops the checks (the count goes on).
 */
class LogReplay {
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
    const { problems, instance, def } = this;
    if (row.seq !== i) {
      problems.push({ seq: i, kind: 'MISSING_ROW', message: `Expected seq ${i}, found seq ${row.seq}.` });
      this.stopped = true;
      return;
    }
    if (hashRow(row) !== row.hash) problems.push({ seq: i, kind: 'HASH_MISMATCH', message: 'The stored row does not match its hash.' });
    if (row.prevHash !== this.prevHash) problems.push({ seq: i, kind: 'CHAIN_BROKEN', message: 'prevHash does not link to the previous row.' });
    if (row.machineId !== instance.machineId || row.machineVersion !== instance.machineVersion) {
      problems.push({ seq: i, kind: 'MACHINE_MISMATCH', message: `Row names ${row.machineId}@${row.machineVersion}; the instance is pinned to ${instance.machineId}@${instance.machineVersion}.` });
    }
    this.prevHash = row.hash;
    if (this.replayBroken) return;

    let data: Record<string, unknown>;
    try {
      data = JSON.parse(row.payload);
    } catch {
      problems.push({ seq: i, kind: 'BAD_PAYLOAD', message: 'The payload is not valid JSON; replay stops here.' });
      this.replayBroken = true;
      return;
    }
    try {
      if (i === 0) {
        if (row.eventType !== GENESIS_EVENT) throw new Error(`the first row must be ${GENESIS_EVENT}`);
        this.actor = createActor(def.machine, { input: data as any });
        // A tampered payload can make a guard throw; without an error observer XState rethrows it on a timer and
        // takes the process down. Here it is a finding (REPLAY_REFUSED), not a crash.
        this.actor.subscribe({ error: () => undefined });
        this.actor.start();
      } else {
        const before = this.actor!.getSnapshot();
        if (row.fromState !== this.replayState) {
          problems.push({ seq: i, kind: 'FROM_STATE_MISMATCH', message: `Recorded from-state '${row.fromState}', replay is in '${this.replayState}'.` });
        }
        this.actor!.send({ ...data, type: row.eventType } as any);
        const after = this.actor!.getSnapshot();
        if (after === before || after.status === 'error') {
          problems.push({ seq: i, kind: 'REPLAY_REFUSED', message: `Replaying ${row.eventType} in '${this.replayState}' is refused by machine ${def.id}@${def.version}; replay stops here.` });
          this.replayBroken = true;
          return;
        }
      }
      this.replayState = stateString(this.actor!.getSnapshot().value);
      if (this.replayState !== row.toState) {
        problems.push({ seq: i, kind: 'STATE_MISMATCH', message: `Recorded to-state '${row.toState}', replay gives '${this.replayState}'.` });
      }
    } catch (error) {
      problems.push({ seq: i, kind: 'REPLAY_REFUSED', message: `Replay failed: ${(error as Error).message}` });
      this.replayBroken = true;
    }
  }

  finish(): VerifyReport {
    const { problems, instance, def, actor, last } = this;
    if (!last || instance.version !== this.count - 1 || instance.lastHash !== last.hash || instance.state !== last.toState) {
      problems.push({ seq: instance.version, kind: 'HEAD_MISMATCH', message: 'The head row (version, state, last hash) does not match the log.' });
    } else if (actor && !this.replayBroken) {
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
      events: this.count,
      firstDivergence: problems[0] ?? null,
      problems,
    };
  }
}
