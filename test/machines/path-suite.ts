/**
 * The path-coverage checks of the membership suite (membership.paths.spec.ts) as one reusable suite, for the machines
 * that came after it (plan, council): traverse with concrete events (accepted and refused ones), then every leaf state
 * and every passable transition must be reached, refusal-only transitions tried and never taken, every path replayed
 * with a real actor, and the engine's transition must answer as xstate's.
 */
import { createActor, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import type { DirectedGraphEdge } from '@xstate/graph';
import {
  allStateNodes,
  compareEngineTransition,
  edgeKey,
  isRefusalOnly,
  pathsTakingEveryStep,
  serialize,
} from './graph-kit';

export interface PathSuite<S extends AnyMachineSnapshot, E extends { type: string }> {
  machine: AnyStateMachine;
  input: unknown;
  events: (s: S) => E[];
  stopWhen: (s: S) => boolean;
  limit?: number;
  /** Every event type of the machine: the event list must offer each one, and the machine declare each one. */
  eventTypes: readonly string[];
  leafIds: string[];
  refusalOnly: string[];
  /** Lower bounds, so that the suite cannot pass on a trivial traversal. */
  minSnapshots: number;
  minPassable: number;
}

export function describePaths<S extends AnyMachineSnapshot, E extends { type: string }>(
  name: string,
  suite: PathSuite<S, E>,
): void {
  const { machine, input } = suite;
  const traversal = { input, events: suite.events, limit: suite.limit ?? 50_000, stopWhen: suite.stopWhen };
  const stateNodes = allStateNodes(machine.root);
  const leafIds = stateNodes.filter((n) => n.type === 'atomic' || n.type === 'final').map((n) => n.id);
  const { edges, shortestPaths, adjacency, allPaths } = pathsTakingEveryStep<S, E>(machine, traversal);
  const passable = edges.filter((e) => !isRefusalOnly(e));
  const refusalOnly = edges.filter(isRefusalOnly);
  const prefix = new RegExp(`^${machine.id}\\.`);
  const activeLeaves = (s: S) => leafIds.filter((id) => s.matches(id.replace(prefix, '') as never));
  const edgesTaken = (from: S, event: E, to: S): DirectedGraphEdge[] => {
    if (to === from) return [];
    const taken = machine.getTransitionData(from as never, event as never);
    return edges.filter((e) => taken.includes(e.transition as never));
  };

  describe(`${name} machine: model-based paths (@xstate/graph)`, () => {
    it('the traversal is finite and non-trivial; the event list offers every event type of the machine', () => {
      expect(Object.keys(adjacency).length).toBeGreaterThanOrEqual(suite.minSnapshots);
      expect(shortestPaths.length).toBe(Object.keys(adjacency).length);
      const offered = new Set(suite.events(createActor(machine, { input }).getSnapshot() as S).map((e) => e.type));
      expect([...offered].sort()).toEqual([...suite.eventTypes].sort());
      expect([...new Set(edges.map((e) => e.label.text))].sort()).toEqual([...suite.eventTypes].sort());
    });

    it('the machine has exactly the leaf states the model expects', () => {
      expect(leafIds.sort()).toEqual([...suite.leafIds].sort());
    });

    it('(1) every leaf state is reached by some path', () => {
      const reached = new Set(allPaths.flatMap((p) => p.steps.flatMap((s) => activeLeaves(s.state))));
      expect(leafIds.filter((id) => !reached.has(id))).toEqual([]);
    });

    it('(2) every passable transition (source + event → target) is taken by some path', () => {
      const taken = new Set<string>();
      for (const p of allPaths)
        for (let i = 1; i < p.steps.length; i++)
          for (const e of edgesTaken(p.steps[i - 1].state, p.steps[i].event, p.steps[i].state)) taken.add(edgeKey(e));
      expect(passable.map(edgeKey).filter((k) => !taken.has(k))).toEqual([]);
      expect(passable.length).toBeGreaterThanOrEqual(suite.minPassable);
    });

    it('(2b) refusal-only transitions are tried and never taken', () => {
      expect(refusalOnly.map(edgeKey).sort()).toEqual([...suite.refusalOnly].sort());
      const tried = new Set<string>();
      for (const { state, transitions } of Object.values(adjacency)) {
        for (const { event, state: next } of Object.values(transitions)) {
          for (const e of refusalOnly) {
            const inSource = e.source === machine.root || state.matches(e.source.id.replace(prefix, '') as never);
            if (inSource && event.type === e.label.text) {
              tried.add(edgeKey(e));
              expect([edgeKey(e), next === state]).toEqual([edgeKey(e), true]);
            }
          }
        }
      }
      expect([...tried].sort()).toEqual([...suite.refusalOnly].sort());
    });

    it('(3) replaying every path step by step with createActor lands in the state the path says', () => {
      const mismatches: string[] = [];
      for (const p of allPaths) {
        const actor = createActor(machine, { input }).start();
        for (let i = 1; i < p.steps.length; i++) {
          actor.send(p.steps[i].event);
          if (serialize(actor.getSnapshot()) !== serialize(p.steps[i].state)) {
            mismatches.push(p.steps.map((s) => s.event.type).join(' → '));
            break;
          }
        }
        actor.stop();
      }
      expect(mismatches).toEqual([]);
    });

    it("the engine's transition answers as xstate's transition() for every state and event of the traversal", () => {
      const { compared, refused } = compareEngineTransition(machine, adjacency as never);
      expect(compared).toBeGreaterThan(50);
      expect(refused).toBeGreaterThan(0);
    });
  });
}
