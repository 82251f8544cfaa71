/**
 * Model-based path coverage of the amendment machine with @xstate/graph: two parties (so every state is reached in a
 * few steps), accepted and refused events, annulments; every state and every passable transition is taken, the
 * refusal-only one is tried and never taken, and every path replays with a real actor.
 */
import { createActor, type SnapshotFrom } from 'xstate';
import { amendmentMachine } from '../../machines/amendment/amendment.machine';
import type { AmendmentEvent, AmendmentInput, CountingParty } from '../../machines/amendment/amendment.types';
import {
  allStateNodes,
  compareEngineTransition,
  edgeKey,
  isRefusalOnly,
  pathsTakingEveryStep,
  serialize,
} from './graph-kit';

type Snap = SnapshotFrom<typeof amendmentMachine>;
const INPUT: AmendmentInput = {
  amendmentId: 'a1',
  collaboration: 'c',
  title: 't',
  document: { key: 'k', versionId: 'v', version: '1', sha256: 'a'.repeat(64) },
  statedEffectiveDate: '2025-06-01',
  registeredOn: '2025-01-01',
};
const TWO: CountingParty[] = [
  { code: '1460', organ: 'KF' },
  { code: '1438', organ: 'KF' },
];

function eventsFor(s: Snap): AmendmentEvent[] {
  const round = s.context.approvals.filter((a) => a.voidedOn).length;
  const approve = (party: string, date: string, organ: 'KF' | 'KS' = 'KF'): AmendmentEvent => ({
    type: 'AMENDMENT_APPROVED',
    party,
    decision: { organ, date, decisionId: `${party}-${round}` },
    countingParties: TWO,
  });
  return [
    approve('1460', '2025-02-01'),
    approve('1438', '2025-02-02'),
    approve('1438', '2025-02-03', 'KS'),
    approve('1492', '2025-02-04'),
    { type: 'JOINT_BODY_APPROVED', body: 'KDG', decidedOn: '2025-02-05' },
    { type: 'DECISION_ANNULLED', decisionId: `1460-${round}`, annulledOn: '2025-09-01', cause: 'upphävt' },
    { type: 'DECISION_ANNULLED', decisionId: 'none', annulledOn: '2025-09-02', cause: 'upphävt' },
  ];
}

const traversal = {
  input: INPUT,
  events: eventsFor,
  limit: 5_000,
  stopWhen: (s: Snap) => s.context.approvals.length > 4,
};
const { edges, adjacency, allPaths } = pathsTakingEveryStep<Snap, AmendmentEvent>(amendmentMachine, traversal);
const leafIds = allStateNodes(amendmentMachine.root).map((n) => n.id);

describe('amendment machine: model-based paths (@xstate/graph)', () => {
  it('every state is reached', () => {
    const reached = new Set(allPaths.flatMap((p) => p.steps.map((st) => `amendment.${String(st.state.value)}`)));
    expect(leafIds.filter((id) => !reached.has(id))).toEqual([]);
    expect(leafIds.sort()).toEqual(['amendment.adopted', 'amendment.proposed']);
  });

  it('every passable transition is taken by some path; the refusal-only one (R-D5) never', () => {
    const taken = new Set<string>();
    for (const p of allPaths)
      for (let i = 1; i < p.steps.length; i++) {
        const from = p.steps[i - 1].state;
        const to = p.steps[i].state;
        if (to === from) continue;
        const data = amendmentMachine.getTransitionData(from as never, p.steps[i].event as never);
        for (const e of edges) if (data.includes(e.transition as never)) taken.add(edgeKey(e));
      }
    const passable = edges.filter((e) => !isRefusalOnly(e)).map(edgeKey);
    expect(passable.filter((k) => !taken.has(k))).toEqual([]);
    expect(passable.length).toBe(4);
    expect(edges.filter(isRefusalOnly).map(edgeKey)).toEqual(['amendment --JOINT_BODY_APPROVED--> amendment']);
    expect([...taken].some((k) => k.includes('JOINT_BODY'))).toBe(false);
  });

  it('every path replays with a real actor', () => {
    for (const p of allPaths) {
      const actor = createActor(amendmentMachine, { input: INPUT }).start();
      for (const step of p.steps.slice(1)) actor.send(step.event);
      expect(serialize(actor.getSnapshot())).toBe(serialize(p.state));
      actor.stop();
    }
  });

  it("the engine's transition answers as xstate's for every state and event of the traversal", () => {
    const { compared, refused } = compareEngineTransition(amendmentMachine, adjacency as never);
    expect(compared).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(0);
  });
});
