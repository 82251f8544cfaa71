import { Injectable } from '@nestjs/common';
import {
  createActor,
  type AnyActorScope,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  type EventObject,
} from 'xstate';
import type { MachineDefinition } from '../../machines/kernel/machine-definition';
import type { Refusal } from '../../machines/kernel/refusal';
import { candidateTransitions, explainRefusal, type TransitionLike } from '../../machines/kernel/explain';
import { MACHINE_DEFINITIONS } from '../../machines/registry';
import { AppError } from '../common/errors';

export { stateString } from '../../machines/kernel/explain';

/** The machine registry: every hosted machine by id and version, and what the engine asks of a snapshot. */
@Injectable()
export class MachineRegistry {
  private readonly byKey = new Map<string, MachineDefinition>();
  private readonly latestById = new Map<string, MachineDefinition>();

  constructor() {
    for (const def of MACHINE_DEFINITIONS) this.register(def);
  }

  register(def: MachineDefinition): void {
    this.byKey.set(`${def.id}@${def.version}`, def);
    if (def.startsNewInstances === false) return;
    const latest = this.latestById.get(def.id);
    if (!latest || latest.version < def.version) this.latestById.set(def.id, def);
  }

  // Versioned machines and migrations of running instances (h-versions)
  /** Every registered version (in registration order). */
  all(): MachineDefinition[] {
    return [...this.byKey.values()];
  }

  /** The registered version, or null (the migration command says which one is missing). */
  find(id: string, version: number): MachineDefinition | null {
    return this.byKey.get(`${id}@${version}`) ?? null;
  }

  /**
   * Fails start-up when a stored instance is pinned to a version that is not registered: the registry must keep every
   * version a stored instance uses, and an instance that cannot run must not be found only when someone writes to it.
   */
  assertHosts(pinned: Array<{ machineId: string; machineVersion: number }>): void {
    const missing = pinned.filter((p) => !this.byKey.has(`${p.machineId}@${p.machineVersion}`));
    if (!missing.length) return;
    const names = missing.map((p) => `${p.machineId}@${p.machineVersion}`).join(', ');
    throw new AppError(
      'CONFLICT',
      'MACHINE_VERSION_MISSING',
      `Stored instances are pinned to machine versions that are not registered: ${names}. Register them again (machines/registry.ts) before starting.`,
      `Lagrade instanser är låsta till maskinversioner som inte är registrerade: ${names}. Registrera dem igen (machines/registry.ts) innan start.`,
    );
  }

  latest(id: string): MachineDefinition {
    const def = this.latestById.get(id);
    if (!def)
      throw new AppError(
        'NOT_FOUND',
        'UNKNOWN_MACHINE',
        `No machine '${id}' is registered.`,
        `Ingen maskin '${id}' är registrerad.`,
      );
    return def;
  }

  get(id: string, version: number): MachineDefinition {
    const def = this.byKey.get(`${id}@${version}`);
    if (!def) {
      throw new AppError(
        'CONFLICT',
        'MACHINE_VERSION_MISSING',
        `Machine ${id}@${version} is not registered; the instance cannot run.`,
        `Maskinen ${id}@${version} finns inte registrerad; instansen kan inte köras.`,
      );
    }
    return def;
  }

  /**
   * The pure transition, as xstate's `transition(machine, snapshot, event)`, which builds a new inert actor for every
   * call (and runs the machine's initial transition in it). The hosted machines never spawn, invoke or send, and their
   * actions other than assign are dropped anyway, so one inert scope per machine serves every call: it collects
   * nothing and starts nothing. An event that no transition takes returns the same snapshot object, as there.
   */
  transition(machine: AnyStateMachine, snapshot: AnyMachineSnapshot, event: EventObject): AnyMachineSnapshot {
    let scope = this.scopes.get(machine);
    if (!scope) {
      const self = createActor(machine, { snapshot, input: undefined as any });
      scope = {
        self,
        id: '',
        sessionId: '',
        system: self.system,
        logger: () => undefined,
        defer: () => undefined,
        emit: () => undefined,
        stopChild: () => undefined,
        actionExecutor: () => undefined,
      } as unknown as AnyActorScope;
      this.scopes.set(machine, scope);
    }
    return machine.transition(snapshot, event, scope);
  }

  private readonly scopes = new WeakMap<AnyStateMachine, AnyActorScope>();

  /** Rebuilds a snapshot from its persisted JSON without starting anything. */
  hydrate(machine: AnyStateMachine, persisted: unknown): AnyMachineSnapshot {
    return createActor(machine, { snapshot: persisted as any, input: undefined as any }).getSnapshot();
  }

  /** The transitions the active state nodes declare for an event type, guards not yet evaluated. */
  candidates(snapshot: AnyMachineSnapshot, eventType: string): TransitionLike[] {
    return candidateTransitions(snapshot, eventType);
  }

  /** The event types a client may send in this state (system events, unlisted aliases and refusal-only transitions left out). */
  allowedEvents(def: MachineDefinition, snapshot: AnyMachineSnapshot): string[] {
    const nodes = (snapshot as any)._nodes as Array<{ transitions: Map<string, TransitionLike[]> }>;
    const out = new Set<string>();
    for (const node of nodes) {
      for (const [type, transitions] of node.transitions) {
        if (type.startsWith('xstate.') || def.systemEvents?.includes(type) || def.unlistedEvents?.includes(type))
          continue;
        if (transitions.some((t) => !t.meta?.refusalOnly)) out.add(type);
      }
    }
    return [...out].sort();
  }

  /** Why the guards refused (the rule behind the first refusing guard). */
  explain(def: MachineDefinition, snapshot: AnyMachineSnapshot, event: { type: string }): Refusal | null {
    return explainRefusal(def, snapshot, event);
  }
}
