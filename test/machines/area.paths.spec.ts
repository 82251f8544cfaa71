/**
 * Model-based path coverage of the area machine with @xstate/graph: traverse it with concrete events (accepted and
 * refused ones), then check that every leaf state and every transition is reached, and replay every path with a real
 * actor. The context is bounded (follow-ups, earlier rounds, compensations and signatures) and the traversal has a
 * hard limit, so it is finite.
 */
import { createActor } from 'xstate';
import { type DirectedGraphEdge } from '@xstate/graph';
import {
  allStateNodes,
  compareEngineTransition,
  edgeKey,
  isRefusalOnly,
  pathsTakingEveryStep,
  serialize,
} from './graph-kit';
import { areaMachine } from '../../machines/area/area.machine';
import type { AreaEvent } from '../../machines/area/area.types';
import { ALL_EVENT_TYPES, INPUT, traversal, type Snap } from './area.path-events';

const stateNodes = allStateNodes(areaMachine.root);
const leafIds = stateNodes.filter((n) => n.type === 'atomic' || n.type === 'final').map((n) => n.id);
const { edges, shortestPaths, adjacency, allPaths } = pathsTakingEveryStep<Snap, AreaEvent>(areaMachine, traversal);
const passableEdges = edges.filter((e) => !isRefusalOnly(e));
const refusalOnlyEdges = edges.filter(isRefusalOnly);

function edgesTaken(from: Snap, event: AreaEvent, to: Snap): DirectedGraphEdge[] {
  if (to === from) return [];
  const taken = areaMachine.getTransitionData(from as any, event);
  return edges.filter((e) => taken.includes(e.transition as any));
}

const activeLeaves = (s: Snap) => leafIds.filter((id) => s.matches(id.replace(/^area\./, '') as any));

describe('area machine: model-based paths (@xstate/graph)', () => {
  it('the traversal is finite and non-trivial; the events offer every event type the machine declares', () => {
    expect(Object.keys(adjacency).length).toBeGreaterThan(40);
    expect(shortestPaths.length).toBe(Object.keys(adjacency).length);
    const declared = new Set(edges.map((e) => e.label.text));
    expect([...declared].sort()).toEqual([...ALL_EVENT_TYPES].sort());
  });

  it('the machine has exactly the leaf states of the stage table', () => {
    expect(leafIds.sort()).toEqual(
      [
        'area.ny',
        'area.ide',
        'area.forankring',
        'area.forstudie',
        'area.beslut',
        'area.utanfor',
        'area.formalisering.villkor',
        'area.formalisering.undertecknande',
        'area.drift',
        'area.uppfoljning',
        'area.revidering',
        'area.avvecklad',
        'area.avslutad',
        'area.pausad',
      ].sort(),
    );
  });

  it('(1) every leaf state is reached by some path', () => {
    const reached = new Set(allPaths.flatMap((p) => p.steps.flatMap((s) => activeLeaves(s.state))));
    const missing = leafIds.filter((id) => !reached.has(id));
    if (missing.length) console.error(`Leaf states not reached: ${missing.join(', ')}`);
    expect(missing).toEqual([]);
  });

  it('(2) every passable transition (source + event → target) is taken by some path', () => {
    const taken = new Set<string>();
    for (const p of allPaths) {
      for (let i = 1; i < p.steps.length; i++) {
        for (const e of edgesTaken(p.steps[i - 1].state, p.steps[i].event, p.steps[i].state)) taken.add(edgeKey(e));
      }
    }
    const missing = passableEdges.map(edgeKey).filter((k) => !taken.has(k));
    if (missing.length) console.error(`Transitions never taken:\n  ${missing.join('\n  ')}`);
    expect(missing).toEqual([]);
    expect(passableEdges.length).toBeGreaterThanOrEqual(40);
  });

  it('(2b) G5: the refusal-only COUNCIL_DECIDED is tried in every state and never taken', () => {
    expect(refusalOnlyEdges.map(edgeKey)).toEqual(['area --COUNCIL_DECIDED--> area']);
    let tried = 0;
    for (const { state, transitions } of Object.values(adjacency)) {
      for (const { event, state: next } of Object.values(transitions)) {
        if (event.type !== 'COUNCIL_DECIDED') continue;
        tried++;
        expect(next).toBe(state);
      }
    }
    // Every expanded snapshot (those beyond the bound have no transitions in the map).
    const expanded = Object.values(adjacency).filter((a) => Object.keys(a.transitions).length > 0).length;
    expect(tried).toBe(expanded);
    expect(tried).toBeGreaterThan(100);
  });

  it('(3) replaying every path step by step with createActor lands in the state the path says', () => {
    const mismatches: string[] = [];
    for (const p of allPaths) {
      const actor = createActor(areaMachine, { input: INPUT }).start();
      for (let i = 1; i < p.steps.length; i++) {
        actor.send(p.steps[i].event);
        if (serialize(actor.getSnapshot()) !== serialize(p.steps[i].state)) {
          mismatches.push(p.steps.map((s) => s.event.type).join(' → '));
          break;
        }
      }
      actor.stop();
    }
    if (mismatches.length) console.error(mismatches.slice(0, 10).join('\n'));
    expect(mismatches).toEqual([]);
  });

  it("the engine's transition answers as xstate's transition() for every state and event of the traversal", () => {
    const { compared, refused } = compareEngineTransition(areaMachine, adjacency as never);
    expect(compared).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(0);
  });
});
