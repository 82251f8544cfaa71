/**
 * Model-based path coverage of the area machine with @xstate/graph: traverse it with concrete events (accepted and
 * refused ones), then check that every leaf state and every transition is reached, and replay every path with a real
 * actor. The context is bounded (follow-ups, earlier rounds, compensations and signatures) and the traversal has a
 * hard limit, so it is finite.
 */
import { createActor, type SnapshotFrom } from 'xstate';
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
import type { AreaEvent, AreaInput, DocumentRef } from '../../machines/area/area.types';

type Snap = SnapshotFrom<typeof areaMachine>;

const INPUT: AreaInput = { areaId: 'area-1', collaboration: 'dalslandssamverkan' };
const DOC: DocumentRef = { documentVersionId: 'v1', documentKey: 'avtal', version: '1.0', sha256: 'a'.repeat(64) };
const PARTIES = { on: '2025-03-24', codes: ['1460', '1461'] };
const PURPOSES = ['EFFEKTIVISERA_OCH_KVALITETSSAKRA' as const];
const decision = (id: string, organ: 'KF' | 'KS' = 'KF') => ({
  decisionId: id,
  organ,
  date: '2025-03-24',
  justerat: true,
});
const signed = (code: string, authority = true): AreaEvent => ({
  type: 'AGREEMENT_SIGNED',
  signedOn: '2025-05-10',
  municipalityCodes: [code],
  signatory: { name: `Kommunchef ${code}`, office: 'KOMMUNDIREKTOR' },
  ...(authority ? { authority: { basis: 'Firmatecknare' } } : {}),
  document: DOC,
});

/** Every event type with concrete payloads, refused variants included on purpose. */
const EVENTS: AreaEvent[] = [
  {
    type: 'AREA_PROPOSED',
    proposedOn: '2025-02-03',
    title: 't',
    purposes: PURPOSES,
    participants: ['1460', '1461'],
    parties: PARTIES,
  },
  {
    type: 'AREA_PROPOSED',
    proposedOn: '2025-02-03',
    title: 't',
    purposes: PURPOSES,
    participants: ['1460'],
    parties: PARTIES,
  },
  {
    type: 'AREA_REGISTERED_EXISTING',
    registeredOn: '2025-01-15',
    title: 't',
    purposes: PURPOSES,
    participants: ['1460', '1461'],
    parties: PARTIES,
    legalForm: 'AVTALSSAMVERKAN',
    documents: [DOC],
    startDate: '2021-06-01',
    noticeTerms: 'x',
  },
  {
    type: 'AREA_REGISTERED_EXISTING',
    registeredOn: '2025-01-15',
    title: 't',
    purposes: PURPOSES,
    participants: ['1460', '1461'],
    parties: PARTIES,
    legalForm: 'AVTALSSAMVERKAN',
    documents: [],
    startDate: '2021-06-01',
    noticeTerms: 'x',
  },
  { type: 'FORANKRING_STARTED', startedOn: '2025-02-10' },
  { type: 'KDG_ASSIGNED', assignedOn: '2025-02-17', assignment: 'Utred' },
  { type: 'COUNCIL_INFORMED', informedOn: '2025-02-20' },
  { type: 'COUNCIL_DECIDED', decidedOn: '2025-02-20' },
  { type: 'FORSTUDIE_STARTED', startedOn: '2025-03-01' },
  {
    type: 'REPORT_SUBMITTED',
    submittedOn: '2025-03-10',
    document: DOC,
    formAnalysis: 'a',
    proposedLegalForm: 'AVTALSSAMVERKAN',
    costModel: { name: 'c' },
  },
  {
    type: 'REPORT_SUBMITTED',
    submittedOn: '2025-03-10',
    document: DOC,
    formAnalysis: 'a',
    proposedLegalForm: 'NATVERK',
    costModel: { name: 'c' },
  },
  { type: 'DECISIONS_REQUESTED', requestedOn: '2025-03-12' },
  {
    type: 'PARTICIPATION_DECIDED',
    municipalityCode: '1460',
    answer: 'YES',
    decision: decision('d1'),
    parties: PARTIES,
  },
  {
    type: 'PARTICIPATION_DECIDED',
    municipalityCode: '1461',
    answer: 'YES',
    decision: decision('d2'),
    parties: PARTIES,
  },
  { type: 'PARTICIPATION_DECIDED', municipalityCode: '1461', answer: 'NO', decision: decision('d3'), parties: PARTIES },
  {
    type: 'PARTICIPATION_DECIDED',
    municipalityCode: '1438',
    answer: 'YES',
    decision: decision('d4'),
    parties: PARTIES,
  },
  { type: 'DECISION_ANNULLED', decisionId: 'd1', annulledOn: '2025-06-01', cause: 'upphävt' },
  { type: 'DECISION_ANNULLED', decisionId: 'd3', annulledOn: '2025-06-02', cause: 'upphävt' },
  { type: 'DECISION_ANNULLED', decisionId: 'not-in-workflow', annulledOn: '2025-06-03', cause: 'upphävt' },
  {
    type: 'AREA_FORMALISED',
    formalisedOn: '2025-05-02',
    legalForm: 'AVTALSSAMVERKAN',
    documents: [DOC],
    hostMunicipality: '1460',
    startDate: '2026-01-01',
    noticeTerms: 'x',
  },
  {
    type: 'AREA_FORMALISED',
    formalisedOn: '2025-05-02',
    legalForm: 'AVTALSSAMVERKAN',
    documents: [DOC],
    hostMunicipality: '1499',
    startDate: '2026-01-01',
    noticeTerms: 'x',
  },
  signed('1460'),
  signed('1461'),
  signed('1460', false),
  { type: 'OPERATION_STARTED', startedOn: '2026-01-01' },
  { type: 'FOLLOW_UP_STARTED', startedOn: '2026-09-01' },
  { type: 'FOLLOW_UP_REPORTED', reportedOn: '2026-10-01', summary: 's' },
  { type: 'REVISION_STARTED', startedOn: '2026-10-15', reason: 'r' },
  { type: 'REVISION_DECIDED', decidedOn: '2026-11-01', backTo: 'BESLUT', reason: 'r' },
  { type: 'REVISION_DECIDED', decidedOn: '2026-11-01', backTo: 'FORMALISERING', reason: 'r' },
  { type: 'AREA_WOUND_DOWN', woundDownOn: '2026-11-30', reason: 'r', underTerms: 'u' },
  { type: 'AREA_PAUSED', pausedOn: '2025-04-01', reason: 'r' },
  { type: 'AREA_RESUMED', resumedOn: '2025-04-15' },
  { type: 'AREA_CLOSED', closedOn: '2025-06-15', reason: 'r' },
];

const ALL_EVENT_TYPES = [...new Set(EVENTS.map((e) => e.type))];

/**
 * The bound: a snapshot is not expanded once it has a follow-up, an earlier round set aside (a revision or an
 * annulment after the stage moved on), more than one compensation or more than two signatures: what follows would
 * repeat the first cycle. The steps into such snapshots are still taken (and checked) by the paths.
 */
const beyondBound = (s: Snap) => {
  const c = s.context;
  return c.followUps.length > 0 || c.previous.length > 0 || c.compensations.length > 1 || c.signatures.length > 2;
};

const traversal = { input: INPUT, events: () => EVENTS, limit: 60_000, stopWhen: beyondBound };

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
