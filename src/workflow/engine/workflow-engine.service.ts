import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { initialTransition, type AnyMachineSnapshot } from 'xstate';
import type { MachineDefinition } from '../../../machines/kernel/machine-definition';
import { canonicalJson } from '../../common/canonical-json';
import { badInput, notFound } from '../../common/errors';
import { Db, isUniqueViolation, type Tx } from '../../database/db';
import type { Actor } from '../actor';
import { Clock } from '../clock';
import { DueEventRows } from '../due-events/due-event-rows';
import { fireDue } from '../due-events/fire-due';
import { WorkflowLinks } from '../links/workflow-links';
import { isLostRace, versionConflict } from '../log/log-sql';
import { GENESIS_EVENT, GENESIS_PREV_HASH } from '../log/transition-hash';
import { WorkflowLog, type Head } from '../log/workflow-log';
import { WorkflowInstanceEntity } from '../log/workflow-instance.entity';
import { MachineRegistry, stateString } from '../machine-registry';
import { DefinitionRecords } from '../versions/definition-records';
import type { InstanceView, SendOptions, SendResult, WorkflowEventInput } from '../workflow.types';
import { causedEvents } from './caused-events';
import { checkTransition, idempotentReplay, toTransitionView } from './transition-checks';
import { assertMaySend } from './write-policy';
// Refused attempts (issue 10, point 7)
import { keepAttempt, noteAttempt, type RefusalRecorder } from './refused-attempts';
import { WorkflowTx, type TxEngine } from './workflow-tx';

/** The head columns a read selects for `viewOfRow`. */
export type HeadRow = Pick<
  WorkflowInstanceEntity,
  'id' | 'machineId' | 'machineVersion' | 'subject' | 'state' | 'snapshot' | 'version'
>;

/** The select list of a HeadRow from the workflow_instance table under `alias` (the same SQL on both databases). */
export function headRowColumns(alias: string): string {
  const columns: Record<keyof HeadRow, string> = {
    id: 'id',
    machineId: 'machine_id',
    machineVersion: 'machine_version',
    subject: 'subject',
    state: 'state',
    snapshot: 'snapshot',
    version: 'version',
  };
  return Object.entries(columns)
    .map(([property, column]) => `${alias}.${column} AS "${property}"`)
    .join(', ');
}

/** What a client's write is about: the instance, who sends, and the event type the policy is checked for. */
export interface WriteTarget {
  instanceId: string;
  actor: Actor;
  eventType: string;
}

export interface WriteOptions {
  expectedVersion?: number;
  idempotencyKey?: string;
  /** What a unique violation means for this work (a slug taken); by default another writer took the seq. */
  onUniqueViolation?: () => Error;
}

/** How often a write without `expectedVersion` runs when it keeps losing the race for a head (then 409). */
export const MAX_WRITE_ATTEMPTS = 10;

/** The pause before attempt n + 1: random up to 5 ms · 2^(n-1), at most 200 ms, so that racing writers spread out. */
function retryPauseMs(attempts: number): number {
  return Math.random() * Math.min(200, 5 * 2 ** (attempts - 1));
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs a check of the engine; a refusal it throws is noted with the event it refused (refused attempts). */
function refusing<T>(attempt: Parameters<typeof noteAttempt>[1], check: () => T): T {
  try {
    return check();
  } catch (error) {
    noteAttempt(error, attempt);
    throw error;
  }
}

/** Thrown inside a client's transaction to roll it back when the instance has due events to fire first. */
const DUE_FIRST = new Error('due events first');

/**
 * The write path, the only code that runs machines. One way down for every machine: a service hands its unit of
 * work to `write`, which reads the head once, fires due events first, checks the policy; `WorkflowTx.send` checks
 * the event against the machine (409 no such transition, 422 a rule refused), transitions, and the log appends the
 * row and compare-and-sets the head, all in the one database transaction of `Db.write`.
 */
@Injectable()
export class WorkflowEngine implements TxEngine {
  private readonly logger = new Logger('WorkflowEngine');

  constructor(
    @Inject(Db) private readonly db: Db,
    private readonly registry: MachineRegistry,
    private readonly clock: Clock,
    private readonly log: WorkflowLog,
    private readonly definitions: DefinitionRecords,
  ) {}

  /**
   * A client's write to one instance. Its due events (an exit that took effect, an appeal period that ended) are
   * fired first, each as its own logged transition, so the client's event meets the state as it stands today; the
   * check runs inside the client's transaction and steps aside only when something is due.
   */
  write<T>(target: WriteTarget, work: (wtx: WorkflowTx) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    const about = { workflowId: target.instanceId, eventType: target.eventType, actor: target.actor };
    return this.keepingAttempts(() => this.writeUnit(target, work, options), about);
  }

  private async writeUnit<T>(
    target: WriteTarget,
    work: (wtx: WorkflowTx) => Promise<T>,
    options: WriteOptions,
  ): Promise<T> {
    const today = this.clock.todayInStockholm();
    const hint = this.log.headHint(target.instanceId);
    const unit = (dueFirst: boolean) => async (tx: Tx) => {
      const wtx = new WorkflowTx(tx, this);
      const head = await this.loadHead(wtx, target.instanceId);
      if (dueFirst && head.nextDueOn && head.nextDueOn <= today) throw DUE_FIRST;
      assertMaySend(head.def, target.actor, target.eventType);
      return work(wtx);
    };
    try {
      return await this.retrying(() => this.db.write(unit(true), hint), options);
    } catch (error) {
      if (error !== DUE_FIRST) throw error;
      await this.fireDueFor(target.instanceId);
      return this.retrying(() => this.db.write(unit(false), hint), options);
    }
  }

  /** A write transaction for work that starts instances or sends to several (a new collaboration, a fan-out). */
  transaction<T>(work: (wtx: WorkflowTx) => Promise<T>, options: WriteOptions = {}): Promise<T> {
    return this.keepingAttempts(() =>
      this.retrying(() => this.db.write((tx) => work(new WorkflowTx(tx, this))), options),
    );
  }

  /** One event in its own transaction (due events, the benchmark). */
  sendNow(instanceId: string, event: WorkflowEventInput, actor: Actor, options: SendOptions = {}): Promise<SendResult> {
    const attempt = () =>
      this.db.write(
        (tx) => new WorkflowTx(tx, this).send(instanceId, event, actor, options),
        this.log.headHint(instanceId),
      );
    return this.keepingAttempts(() => this.retrying(attempt, options));
  }

  // Refused attempts (issue 10, point 7): kept by src/audit/, outside the hash chain.
  private recorder: RefusalRecorder | null = null;

  /** The keeper of refused attempts (the audit module registers itself at start). */
  useRefusalRecorder(recorder: RefusalRecorder): void {
    this.recorder = recorder;
  }

  /**
   * A refused write: its transaction has rolled back by now, so the attempt is kept by a small write of its own, and
   * the refusal is answered as it was. A successful write pays nothing here.
   */
  private async keepingAttempts<T>(run: () => Promise<T>, about?: Parameters<typeof keepAttempt>[2]): Promise<T> {
    try {
      return await run();
    } catch (error) {
      await keepAttempt(this.recorder, error, about, this.logger);
      throw error;
    }
  }

  /**
   * Runs a write attempt again when it lost a race for a head (`isLostRace`: the compare-and-set changed no row, or
   * the log row's seq was taken): a write without `expectedVersion` means "apply it to the head as it is now", so its
   * whole unit of work runs again, from its first read, up to MAX_WRITE_ATTEMPTS times with a short jittered pause,
   * and then answers 409 VERSION_CONFLICT. A write with `expectedVersion` answers 409 at once: the client's version
   * is no longer current. Two retries with the same Idempotency-Key racing: the loser runs once more and finds the
   * winner's row, so it answers with the first result instead of a conflict. Any unique violation that is left is
   * what the unit names (`onUniqueViolation`) or VERSION_CONFLICT, never a 500.
   */
  private async retrying<T>(attempt: () => Promise<T>, options: WriteOptions): Promise<T> {
    let keyRetried = false;
    for (let attempts = 1; ; attempts++) {
      try {
        return await attempt();
      } catch (error) {
        const keyRace: boolean = !keyRetried && options.idempotencyKey !== undefined && isUniqueViolation(error);
        const lost = options.expectedVersion === undefined && isLostRace(error);
        if (attempts >= MAX_WRITE_ATTEMPTS || !(keyRace || lost)) throw this.answerFor(error, options);
        keyRetried ||= keyRace;
        await pause(retryPauseMs(attempts));
      }
    }
  }

  private answerFor(error: unknown, options: WriteOptions): unknown {
    if (isUniqueViolation(error))
      return (
        (!isLostRace(error) && options.onUniqueViolation?.()) || versionConflict(options.expectedVersion, undefined)
      );
    if (isLostRace(error)) return versionConflict(options.expectedVersion, undefined);
    return error;
  }

  private async fireDueFor(instanceId: string): Promise<void> {
    const due = await this.db.read((tx) => DueEventRows.due(tx, this.clock.todayInStockholm(), instanceId));
    for (const d of due) await fireDue(d, (id, e, a) => this.sendNow(id, e, a), this.db, this.logger);
  }

  // ------------------------------------------------------------------ inside a WorkflowTx

  async loadHead(wtx: WorkflowTx, instanceId: string): Promise<Head> {
    const known = wtx.heads.get(instanceId);
    if (known) return known;
    const head = await this.log.loadHead(wtx.tx, instanceId);
    if (!head) throw notFound(`Workflow ${instanceId}`, `Arbetsflödet ${instanceId}`);
    wtx.heads.set(instanceId, head);
    return head;
  }

  async apply(
    wtx: WorkflowTx,
    head: Head,
    event: WorkflowEventInput,
    actor: Actor,
    options: SendOptions,
  ): Promise<SendResult> {
    // The key is stored in a varchar(128) column: refuse a longer one as input (PostgreSQL would fail the insert).
    if (options.idempotencyKey !== undefined && options.idempotencyKey.length > 128) {
      throw badInput('Idempotency-Key', 'must be at most 128 characters', 'får vara högst 128 tecken');
    }
    const { instance, def, snapshot } = head;
    const attempt = { workflowId: instance.id, eventType: event.type, actor, input: event };
    refusing(attempt, () => assertMaySend(def, actor, event.type));
    const payload = canonicalJson(event);
    if (options.idempotencyKey) {
      const earlier = await this.log.findByIdempotencyKey(wtx.tx, instance.id, options.idempotencyKey);
      if (earlier) return idempotentReplay(earlier, payload, options, this.view(def, instance, snapshot));
    }
    if (options.expectedVersion !== undefined && options.expectedVersion !== instance.version) {
      throw versionConflict(options.expectedVersion, instance.version);
    }
    const next = refusing(attempt, () => checkTransition(this.registry, head, event));
    const now = this.clock.nowIso();
    const row = this.log.makeRow(def, {
      instanceId: instance.id,
      seq: instance.version + 1,
      eventType: event.type,
      payload,
      actor,
      recordedAt: now,
      legalDate: def.legalDateOf(event, snapshot.context),
      fromState: instance.state,
      toState: stateString(next.value),
      idempotencyKey: options.idempotencyKey ?? null,
      requestHash: options.idempotencyKey ? (options.requestFingerprint ?? null) : null,
      prevHash: instance.lastHash,
    });
    const moved = await this.log.append(wtx.tx, head, row, next);
    wtx.heads.set(instance.id, moved);
    await DueEventRows.sync(wtx.tx, def, instance.id, snapshot, next);
    const result: SendResult = {
      instance: this.view(def, moved.instance, next),
      transition: toTransitionView(row),
      replayed: false,
      warnings: [],
      caused: [],
    };
    result.caused = await causedEvents(wtx, def, { before: snapshot, after: next, event, origin: result });
    return result;
  }

  async create(
    wtx: WorkflowTx,
    machineId: string,
    input: unknown,
    subject: string,
    actor: Actor,
  ): Promise<InstanceView> {
    const def = this.registry.latest(machineId);
    const [snapshot] = initialTransition(def.machine, input as any);
    const now = this.clock.nowIso();
    const id = randomUUID();
    const row = this.log.makeRow(def, {
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
    const instance = Object.assign(new WorkflowInstanceEntity(), {
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
    await this.log.insertGenesis(wtx.tx, instance, row);
    // The version's fingerprint, recorded with its first instance (versioned machines, h-versions).
    await this.definitions.recordFirstUse(wtx.tx, def, now);
    await DueEventRows.sync(wtx.tx, def, id, null, snapshot);
    return this.view(def, instance, snapshot);
  }

  async views(wtx: WorkflowTx, ids: string[]): Promise<Map<string, InstanceView>> {
    const out = new Map<string, InstanceView>();
    const unknown = ids.filter((id) => !wtx.heads.has(id));
    for (const h of await this.log.heads(wtx.tx, unknown))
      out.set(h.instance.id, this.view(h.def, h.instance, h.snapshot));
    for (const id of ids) {
      const h = wtx.heads.get(id);
      if (h) out.set(id, this.view(h.def, h.instance, h.snapshot));
    }
    return out;
  }

  async link(wtx: WorkflowTx, causeKey: string, effect: SendResult): Promise<void> {
    if (effect.replayed) return;
    await WorkflowLinks.record(wtx.tx, {
      causeKey,
      causeWorkflowId: null,
      causeSeq: null,
      effectWorkflowId: effect.instance.id,
      effectSeq: effect.transition.seq,
      eventType: effect.transition.eventType,
      kind: 'drives',
    });
  }

  // ------------------------------------------------------------------ reads

  async get(instanceId: string): Promise<InstanceView> {
    const views = await this.getMany([instanceId]);
    const view = views.get(instanceId);
    if (!view) throw notFound(`Workflow ${instanceId}`, `Arbetsflödet ${instanceId}`);
    return view;
  }

  /** The state of each instance, read in the caller's transaction (for a rule function of its machine to judge). */
  statesOf(tx: Tx, ids: string[]): Promise<Map<string, string>> {
    return this.log.states(tx, ids);
  }

  /** The state and context of each instance, read in the caller's transaction (a rule of its machine judges them). */
  async snapshotsOf(tx: Tx, ids: string[]): Promise<Map<string, { state: string; context: unknown }>> {
    const heads = await this.log.heads(tx, ids);
    return new Map(heads.map((h) => [h.instance.id, { state: h.instance.state, context: h.snapshot.context }]));
  }

  async getMany(ids: string[]): Promise<Map<string, InstanceView>> {
    const heads = await this.db.read((tx) => this.log.heads(tx, ids));
    return new Map(heads.map((h) => [h.instance.id, this.view(h.def, h.instance, h.snapshot)]));
  }

  /** The raw log rows (medium tests); the history endpoints answer WorkflowHistory's entries. */
  async history(instanceId: string) {
    return this.db.read(async (tx) => {
      const [head] = await this.log.heads(tx, [instanceId]);
      if (!head) throw notFound(`Workflow ${instanceId}`, `Arbetsflödet ${instanceId}`);
      const rows = await this.log.rows(tx, instanceId);
      const { machineId, machineVersion } = head.instance;
      return { workflowId: instanceId, machineId, machineVersion, transitions: rows.map(toTransitionView) };
    });
  }

  /**
   * The view of a head that a read selected in a statement of its own (a membership or a decision with its head in
   * one statement): its columns named as WorkflowInstanceEntity's properties. The hydration is shared with the writes.
   */
  viewOfRow(row: HeadRow): InstanceView {
    const instance = Object.assign(new WorkflowInstanceEntity(), row);
    const def = this.registry.get(instance.machineId, instance.machineVersion);
    return this.view(def, instance, this.log.hydrated(def, instance));
  }

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
}
