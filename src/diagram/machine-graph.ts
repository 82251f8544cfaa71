/**
 * A machine's states and transitions as read from its definition (xstate's state nodes), with the rule ids its guards
 * apply (machines/guard-rule-ids.ts), for the SVG diagrams (machine-svg.ts). Pure, and without @xstate/graph (a
 * development tool): the service draws an instance's diagram at run time.
 */
import { guardNames } from '../../machines/kernel/explain';
import type { MachineDefinition } from '../../machines/kernel/machine-definition';
import { ruleIdsOfGuards } from '../../machines/guard-rule-ids';

export interface GraphState {
  /** The state node id, `area.formalisering.villkor`. */
  id: string;
  key: string;
  type: string;
  parent: string | null;
  /** The initial child (compound) or every region (parallel): drawn as dashed "start" edges. */
  starts: string[];
}

export interface GraphTransition {
  source: string;
  /** Null for a transition without a target: it records data and keeps the state (listed in its state's box). */
  target: string | null;
  /** The event type, or `always` for an eventless transition. */
  event: string;
  guards: string[];
  /** The rule ids the guards apply. */
  ruleIds: string[];
  /** `meta.refusalOnly`: modelled so that a refusal names its rule; never taken. */
  refusalOnly: boolean;
}

export interface MachineGraph {
  id: string;
  version: number;
  states: GraphState[];
  transitions: GraphTransition[];
}

interface NodeLike {
  id: string;
  key: string;
  type: string;
  states: Record<string, NodeLike>;
  initial?: { target?: ReadonlyArray<{ id: string }> };
  transitions: Map<string, TransitionLike[]>;
  always?: TransitionLike[];
}

interface TransitionLike {
  eventType: string;
  guard?: unknown;
  target?: ReadonlyArray<{ id: string }>;
  meta?: { refusalOnly?: boolean };
}

/** Every state node, root first in definition order, and every transition (one per target). */
export function machineGraph(definition: MachineDefinition): MachineGraph {
  const states: GraphState[] = [];
  const transitions: GraphTransition[] = [];
  const walk = (node: NodeLike, parent: string | null) => {
    const children = Object.values(node.states);
    const starts =
      node.type === 'parallel'
        ? children.map((c) => c.id)
        : (node.initial?.target ?? []).map((t) => t.id).filter(() => children.length > 0);
    states.push({ id: node.id, key: node.key, type: node.type, parent, starts });
    const declared: Array<[string, TransitionLike[]]> = [...node.transitions.entries()];
    if (node.always?.length) declared.push(['always', node.always]);
    for (const [event, list] of declared) {
      for (const t of list) {
        const guards = guardNames(t.guard);
        const ruleIds = ruleIdsOfGuards(definition.id, definition.version, guards);
        const refusalOnly = t.meta?.refusalOnly === true;
        const targets = t.target?.length ? t.target.map((x) => x.id) : [null];
        for (const target of targets)
          transitions.push({ source: node.id, target, event, guards, ruleIds, refusalOnly });
      }
    }
    for (const child of children) walk(child, node.id);
  };
  walk(definition.machine.root as unknown as NodeLike, null);
  return { id: definition.id, version: definition.version, states, transitions };
}

/**
 * The state node ids active in a state as the log writes it (`formalisering.villkor`; parallel regions joined with
 * `,`, each after the first written from its parallel parent: machines/kernel/explain.ts stateString), each
 * ancestor included.
 */
export function activeStateIds(graph: MachineGraph, state: string): Set<string> {
  const known = new Set(graph.states.map((s) => s.id));
  const root = graph.states[0].id;
  const out = new Set<string>([root]);
  let previous: string[] = [root];
  for (const region of state.split(',')) {
    const keys = region.split('.').filter(Boolean);
    // A later region continues from the deepest ancestor of the one before it that has its first key as a child.
    const base = [...previous].reverse().find((b) => known.has(`${b}.${keys[0]}`)) ?? root;
    const path: string[] = [];
    let id = base;
    for (const key of keys) {
      id = `${id}.${key}`;
      if (!known.has(id)) break;
      path.push(id);
    }
    path.forEach((p) => out.add(p));
    previous = [...previous.slice(0, previous.indexOf(base) + 1), ...path];
  }
  return out;
}
