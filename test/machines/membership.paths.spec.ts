/**
 * Model-based path coverage of the membership machine with @xstate/graph (v3): traverse the machine with concrete
 * events (accepted and refused ones), then check that every leaf state and every transition is reached, and replay
 * every path with a real actor. Context is bounded (at most two membership periods and one exit request per
 * period) and the traversal has a hard `limit`, so it is finite (ENGINE-NOTES, "@xstate/graph facts").
 */
import { createActor, type SnapshotFrom } from 'xstate';
import { type DirectedGraphEdge } from '@xstate/graph';
import {
  allStateNodes,
  edgeKey,
  isRefusalOnly,
  pathsTakingEveryStep,
  serialize,
  compareEngineTransition,
} from './graph-kit';
import { membershipMachine } from '../../machines/membership/membership.machine';
import type { MembershipEvent, MembershipInput, MembershipSettings } from '../../machines/membership/membership.types';

type Snap = SnapshotFrom<typeof membershipMachine>;

const INPUT: MembershipInput = {
  collaboration: 'dalslandssamverkan',
  municipality: '1461',
  declarationVersion: 'AF-2023',
  declarationEffectiveDate: '2024-01-01',
};
const SETTINGS: MembershipSettings = { exitRequestDate: 'noticeArrival', entryDecisionOrgan: 'KF' };

const MAX_PERIODS = 2;
const MAX_REQUESTS = 1;
const TRAVERSAL_LIMIT = 50_000;

/**
 * Every event type, with concrete payloads. Dates move with the membership cycle k (the number of closed periods:
 * exited or annulled), four years apart, so that each cycle tells a consistent story: entry at the end of year Y,
 * exit decision and notice in Y+1 (exit 31 Dec Y+2), effect on 1 Jan Y+3. Refused variants are included on purpose.
 */
function eventsFor(snapshot: Snap): MembershipEvent[] {
  const closed = snapshot.context.periods.filter((p) => p.exitedAfter || p.voidedOn).length;
  const k = closed;
  const Y = 2023 + 4 * k;
  const y = (n: number) => String(Y + n);
  return [
    // entry (R-B1..R-B5, D12)
    {
      type: 'FULLMAKTIGE_ADOPTED_DECLARATION',
      decision: { organ: 'KF', date: `${y(0)}-11-20`, decisionId: `entry-${k}` },
      settings: SETTINGS,
    },
    {
      type: 'FULLMAKTIGE_ADOPTED_DECLARATION',
      decision: { organ: 'KS', date: `${y(0)}-11-21`, decisionId: `ks-${k}` },
      settings: SETTINGS,
    },
    {
      type: 'FULLMAKTIGE_ADOPTED_DECLARATION',
      decision: { organ: 'KF', date: `${y(0)}-11-22`, decisionId: `old-${k}` },
      declarationVersion: 'AF-2022',
      settings: SETTINGS,
    },
    { type: 'KSO_SIGNED', signedOn: `${y(0)}-12-08`, signatory: { name: 'Anna Andersson', office: 'KSO' } },
    { type: 'KSO_SIGNED', signedOn: `${y(0)}-12-09`, signatory: { name: 'Bertil Berg', office: 'KOMMUNDIREKTOR' } },
    // exit (R-C1..R-C7, D1)
    {
      type: 'FULLMAKTIGE_REQUESTED_EXIT',
      decision: { organ: 'KF', date: `${y(1)}-03-01`, decisionId: `exit-${k}` },
      settings: SETTINGS,
    },
    {
      type: 'FULLMAKTIGE_REQUESTED_EXIT',
      decision: { organ: 'KS', date: `${y(1)}-03-02`, decisionId: `ks-exit-${k}` },
      settings: SETTINGS,
    },
    {
      type: 'FULLMAKTIGE_REQUESTED_EXIT',
      decision: { organ: 'KF', date: `${y(1)}-03-03`, decisionId: `june-${k}` },
      desiredExitDate: `${y(2)}-06-30`,
      settings: SETTINGS,
    },
    { type: 'EXIT_NOTICE_DELIVERED', arrivedAt: `${y(1)}-03-10T09:00:00Z`, settings: SETTINGS },
    { type: 'EXIT_NOTICE_DELIVERED', arrivedAt: `${y(1)}-02-01T09:00:00Z`, settings: SETTINGS },
    { type: 'COUNCIL_INFORMED', informedOn: `${y(1)}-04-01` },
    { type: 'COUNCIL_INFORMED', informedOn: `${y(1)}-03-09` },
    { type: 'COUNCIL_APPROVED_EXIT', decidedOn: `${y(1)}-04-02` },
    // withdrawal (D6)
    {
      type: 'EXIT_REQUEST_WITHDRAWN',
      decision: { organ: 'KF', date: `${y(1)}-06-01`, decisionId: `withdraw-${k}` },
      noticeArrivedAt: `${y(1)}-06-02T09:00:00Z`,
      settings: SETTINGS,
    },
    {
      type: 'EXIT_REQUEST_WITHDRAWN',
      decision: { organ: 'KF', date: `${y(2)}-12-01`, decisionId: `late-${k}` },
      noticeArrivedAt: `${y(2)}-12-31T10:00:00Z`,
      settings: SETTINGS,
    },
    // effect (R-C7)
    { type: 'EXIT_TOOK_EFFECT', on: `${y(3)}-01-01` },
    { type: 'EXIT_TOOK_EFFECT', on: `${y(2)}-12-31` },
    // annulment (R-C11)
    { type: 'DECISION_ANNULLED', decisionId: `entry-${k}`, annulledOn: `${y(1)}-09-01`, cause: 'upphävt' },
    { type: 'DECISION_ANNULLED', decisionId: `exit-${k}`, annulledOn: `${y(1)}-09-02`, cause: 'upphävt' },
    { type: 'DECISION_ANNULLED', decisionId: `withdraw-${k}`, annulledOn: `${y(1)}-09-03`, cause: 'upphävt' },
    { type: 'DECISION_ANNULLED', decisionId: 'not-in-workflow', annulledOn: `${y(1)}-09-04`, cause: 'upphävt' },
    // R-C11: the previous cycle's exit decision annulled after the exit took effect
    ...(k > 0
      ? [
          {
            type: 'DECISION_ANNULLED' as const,
            decisionId: `exit-${k - 1}`,
            annulledOn: `${y(0)}-02-01`,
            cause: 'upphävt',
          },
        ]
      : []),
    // D6: the previous cycle's withdrawal, notified before its exit date but recorded after the exit took effect
    ...(k > 0
      ? [
          {
            type: 'EXIT_REQUEST_WITHDRAWN' as const,
            decision: { organ: 'KF' as const, date: `${Y - 2}-06-01`, decisionId: `late-recorded-${k - 1}` },
            noticeArrivedAt: `${Y - 2}-06-02T09:00:00Z`,
            settings: SETTINGS,
          },
        ]
      : []),
  ];
}

const ALL_EVENT_TYPES = [
  'FULLMAKTIGE_ADOPTED_DECLARATION',
  'KSO_SIGNED',
  'FULLMAKTIGE_REQUESTED_EXIT',
  'EXIT_NOTICE_DELIVERED',
  'COUNCIL_INFORMED',
  'EXIT_REQUEST_WITHDRAWN',
  'COUNCIL_APPROVED_EXIT',
  'EXIT_TOOK_EFFECT',
  'DECISION_ANNULLED',
] as const satisfies ReadonlyArray<MembershipEvent['type']>;

/**
 * The bound: stop expanding once there are more than MAX_PERIODS periods (a pending entry counts) or more than
 * MAX_REQUESTS exit requests in a period. A new entry after an annulled (voided) first entry only repeats the first
 * cycle, so it is not expanded either; a re-entry after an exit (D5) is.
 */
const beyondBound = (s: Snap) => {
  const { periods, pendingEntry } = s.context;
  const entries = periods.length + (pendingEntry.decision || pendingEntry.signature ? 1 : 0);
  if (entries > MAX_PERIODS) return true;
  if (periods.some((p) => p.exitRequests.length > MAX_REQUESTS)) return true;
  return entries > 1 && !!periods[0].voidedOn;
};

const traversal = {
  input: INPUT,
  events: (s: Snap) => eventsFor(s),
  limit: TRAVERSAL_LIMIT,
  stopWhen: beyondBound,
};

// ---------------------------------------------------------------- the machine's own structure

// ---------------------------------------------------------------- traversal (computed once)

const stateNodes = allStateNodes(membershipMachine.root);
const leafIds = stateNodes.filter((n) => n.type === 'atomic' || n.type === 'final').map((n) => n.id);
const { edges, shortestPaths, adjacency, allPaths } = pathsTakingEveryStep<Snap, MembershipEvent>(
  membershipMachine,
  traversal,
);
/** Transitions that can pass: not refusal-only (e.g. COUNCIL_APPROVED_EXIT, R-C6/R-E2). */
const passableEdges = edges.filter((e) => !isRefusalOnly(e));
const refusalOnlyEdges = edges.filter(isRefusalOnly);

/** The transitions a step takes, as graph edges (identity of the machine's TransitionDefinition objects). */
function edgesTaken(from: Snap, event: MembershipEvent, to: Snap): DirectedGraphEdge[] {
  if (to === from) return [];
  const taken = membershipMachine.getTransitionData(from as any, event);
  return edges.filter((e) => taken.includes(e.transition as any));
}

const activeLeaves = (s: Snap) => leafIds.filter((id) => s.matches(id.replace(/^membership\./, '') as any));

// ---------------------------------------------------------------- tests

describe('membership machine: model-based paths (@xstate/graph)', () => {
  it('the traversal is finite and non-trivial; the event list offers every event type of the machine', () => {
    expect(Object.keys(adjacency).length).toBeGreaterThan(20);
    expect(shortestPaths.length).toBe(Object.keys(adjacency).length);
    const offered = new Set(
      eventsFor(createActor(membershipMachine, { input: INPUT }).getSnapshot()).map((e) => e.type),
    );
    expect([...offered].sort()).toEqual([...ALL_EVENT_TYPES].sort());
    const declared = new Set(edges.map((e) => e.label.text));
    expect([...declared].sort()).toEqual([...ALL_EVENT_TYPES].sort());
    // Every path starts with xstate.init at the initial snapshot.
    for (const p of allPaths) expect(p.steps[0].event.type).toBe('xstate.init');
  });

  it('the machine has exactly the leaf states the model expects', () => {
    expect(leafIds.sort()).toEqual(
      [
        'membership.awaitingDecision',
        'membership.awaitingSignature',
        'membership.exited',
        'membership.member.active',
        'membership.member.exitDecided',
        'membership.member.leaving',
        'membership.notMember',
      ].sort(),
    );
    expect(stateNodes.map((n) => n.id)).toContain('membership.member');
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
    expect(passableEdges.length).toBeGreaterThanOrEqual(20);
  });

  it('(2b) refusal-only transitions (COUNCIL_APPROVED_EXIT, notice in active) are tried and never taken', () => {
    expect(refusalOnlyEdges.map(edgeKey).sort()).toEqual(
      [
        'membership --COUNCIL_APPROVED_EXIT--> membership',
        'membership.member.active --EXIT_NOTICE_DELIVERED--> membership.member.leaving',
      ].sort(),
    );
    const refusalKeys = new Set(refusalOnlyEdges.map(edgeKey));
    const tried = new Set<string>();
    for (const { state, transitions } of Object.values(adjacency)) {
      for (const { event, state: next } of Object.values(transitions)) {
        const s = state;
        for (const e of refusalOnlyEdges) {
          const inSource =
            e.source === membershipMachine.root || s.matches(e.source.id.replace(/^membership\./, '') as any);
          if (inSource && event.type === e.label.text) {
            tried.add(edgeKey(e));
            expect([edgeKey(e), next === state]).toEqual([edgeKey(e), true]);
          }
        }
      }
    }
    expect([...tried].sort()).toEqual([...refusalKeys].sort());
  });

  it('(3) replaying every path step by step with createActor lands in the state the path says', () => {
    let steps = 0;
    const mismatches: string[] = [];
    for (const p of allPaths) {
      const actor = createActor(membershipMachine, { input: INPUT }).start();
      const trail: string[] = [];
      for (let i = 0; i < p.steps.length; i++) {
        const step = p.steps[i];
        if (i > 0) actor.send(step.event);
        trail.push(step.event.type);
        const got = actor.getSnapshot();
        if (serialize(got) !== serialize(step.state)) {
          mismatches.push(
            `${trail.join(' → ')}: expected ${JSON.stringify(step.state.value)}, got ${JSON.stringify(got.value)}`,
          );
          break;
        }
        steps++;
      }
      if (serialize(actor.getSnapshot()) !== serialize(p.state))
        mismatches.push(`path end differs: ${trail.join(' → ')}`);
      actor.stop();
    }
    if (mismatches.length) console.error(mismatches.slice(0, 20).join('\n'));
    expect(mismatches).toEqual([]);
    expect(steps).toBeGreaterThan(allPaths.length);
  });

  it("the engine's transition (one inert scope per machine) answers as xstate's transition() for every state and event of the traversal", () => {
    const { compared, refused } = compareEngineTransition(membershipMachine, adjacency as never);
    expect(compared).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(0);
  });
});
