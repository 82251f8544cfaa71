import {
  getAdjacencyMap,
  getShortestPaths,
  toDirectedGraph,
  type DirectedGraphEdge,
  type DirectedGraphNode,
} from '@xstate/graph';
import { transition, type AnyMachineSnapshot, type AnyStateMachine, type AnyStateNode } from 'xstate';
import { MachineRegistry } from '../../src/workflow/machine-registry';

/**
 * What the model-based path tests of every machine share: the machine's own structure (state nodes, transitions as
 * graph edges) and the paths that take every transition, not only reach every state.
 */

/** Every state node below the root, by walking the machine definition. */
export function allStateNodes(node: AnyStateNode): AnyStateNode[] {
  return Object.values(node.states).flatMap((child) => [child, ...allStateNodes(child)]);
}

export function allEdges(graph: DirectedGraphNode): DirectedGraphEdge[] {
  return [...graph.edges, ...graph.children.flatMap(allEdges)];
}

export const edgeKey = (e: DirectedGraphEdge) => `${e.source.id} --${e.label.text}--> ${e.target.id}`;

/** Transitions modelled only so that a rule can say why they are refused (e.g. COUNCIL_APPROVED_EXIT). */
export const isRefusalOnly = (e: DirectedGraphEdge) =>
  (e.transition.meta as { refusalOnly?: boolean } | undefined)?.refusalOnly === true;

/** A snapshot's identity for the path tests: its state value and context. */
export const serialize = (s: AnyMachineSnapshot) => JSON.stringify({ value: s.value, context: s.context });

export interface GraphPath<S, E> {
  state: S;
  steps: Array<{ state: S; event: E }>;
  weight: number;
}

/**
 * The shortest path to every distinct snapshot, plus one path per step the machine takes (the shortest path to its
 * source and that step): a step that leads back to a snapshot already reached is only on such a path.
 */
export function pathsTakingEveryStep<S extends AnyMachineSnapshot, E>(machine: AnyStateMachine, traversal: object) {
  const edges = allEdges(toDirectedGraph(machine));
  const shortestPaths = getShortestPaths(machine, traversal as never) as unknown as Array<GraphPath<S, E>>;
  const adjacency = getAdjacencyMap(machine, traversal as never) as unknown as Record<
    string,
    { state: S; transitions: Record<string, { event: E; state: S }> }
  >;
  const pathTo = new Map(shortestPaths.map((p) => [serialize(p.state), p]));
  const edgePaths: Array<GraphPath<S, E>> = [];
  for (const { state, transitions } of Object.values(adjacency)) {
    const head = pathTo.get(serialize(state));
    if (!head) continue;
    for (const { event, state: next } of Object.values(transitions)) {
      if (next === state) continue; // refused or not handled: nothing taken
      edgePaths.push({ state: next, steps: [...head.steps, { state: next, event }], weight: head.weight + 1 });
    }
  }
  return { edges, shortestPaths, adjacency, allPaths: [...shortestPaths, ...edgePaths] };
}

/**
 * The engine's transition (MachineRegistry: one inert scope per machine) must answer as xstate's transition() for
 * every state and event of a traversal: the same snapshot, and the same snapshot object when the event is refused.
 * Returns how many steps were compared and how many of them were refused.
 */
export function compareEngineTransition(
  machine: AnyStateMachine,
  adjacency: Record<
    string,
    { state: AnyMachineSnapshot; transitions: Record<string, { event: unknown; state: AnyMachineSnapshot }> }
  >,
): { compared: number; refused: number } {
  const registry = new MachineRegistry();
  let compared = 0;
  let refused = 0;
  for (const { state, transitions } of Object.values(adjacency)) {
    for (const { event, state: next } of Object.values(transitions)) {
      const [reference] = transition(machine, state, event as never);
      const ours = registry.transition(machine, state, event as never);
      expect(serialize(ours)).toBe(serialize(reference));
      expect(ours === state).toBe(reference === state);
      expect(serialize(ours)).toBe(serialize(next));
      compared++;
      if (ours === state) refused++;
    }
  }
  return { compared, refused };
}
