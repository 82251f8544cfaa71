/**
 * Model-based path coverage of the cost-rule machine with @xstate/graph (v3): traverse it with concrete events
 * (accepted and refused ones), check that every state is reached and every transition taken, replay every path with
 * a real actor, and check in every reached snapshot that the invoices and the host's part add up to each run's cost
 * and that no month stands invoiced twice to a party. Context is bounded (at most three runs and two credits) and the
 * traversal has a hard `limit`, so it is finite (ENGINE-NOTES, "@xstate/graph facts").
 */
import { createActor, type SnapshotFrom } from 'xstate';
import { type DirectedGraphEdge } from '@xstate/graph';
import { allStateNodes, compareEngineTransition, edgeKey, pathsTakingEveryStep } from './graph-kit';
import { explainRefusal, candidateTransitions } from '../../machines/kernel/explain';
import { costRuleDefinition, costRuleMachine } from '../../machines/cost/cost-rule.machine';
import type { CostRuleEvent, CostRuleInput } from '../../machines/cost/cost.types';
import { invoiceStands } from '../../machines/cost/cost.rules';

type Snap = SnapshotFrom<typeof costRuleMachine>;

const INPUT: CostRuleInput = {
  collaboration: 'dalslandssamverkan',
  scope: { kind: 'common', function: 'Samordnare' },
  title: 'Samordnare',
  host: '1492',
  method: 'percent',
  payers: [
    { municipality: '1460', shareBp: 1000 },
    { municipality: '1461', shareBp: 3333 },
  ],
  costBase: 'lönekostnad inklusive arbetsgivaravgifter',
  startMonth: '2022-11',
};

const MAX_RUNS = 3;
const MAX_CREDITS = 2;
const TRAVERSAL_LIMIT = 20_000;

const ALL_EVENT_TYPES = [
  'COST_RULE_ADOPTED',
  'COUNCIL_INFORMED',
  'INVOICE_RUN_ISSUED',
  'INVOICE_CREDITED',
  'COST_RULE_ENDED',
] as const satisfies ReadonlyArray<CostRuleEvent['type']>;

/** Every event type with concrete payloads; the refused variants are there on purpose (each names its rule). */
function eventsFor(s: Snap): CostRuleEvent[] {
  const invoices = s.context.invoices.map((i) => i.number);
  const last = invoices[invoices.length - 1] ?? '1-1460';
  return [
    { type: 'COST_RULE_ADOPTED', adoptedOn: '2022-10-31', basis: 'SEED-SAM' },
    { type: 'COUNCIL_INFORMED', informedOn: '2022-10-20' },
    {
      type: 'INVOICE_RUN_ISSUED',
      from: '2023-03',
      to: '2023-03',
      issuedOn: '2023-04-05',
      costs: [{ amountOre: 5_000_001 }],
    },
    // one party only (after a credit)
    {
      type: 'INVOICE_RUN_ISSUED',
      from: '2023-03',
      to: '2023-03',
      issuedOn: '2023-04-21',
      costs: [{ amountOre: 4_800_000 }],
      parties: ['1460'],
    },
    // refused: before the start (R-G1), a non-party and the host (R-G4), costs missing a month (R-G6)
    { type: 'INVOICE_RUN_ISSUED', from: '2022-10', to: '2022-10', issuedOn: '2022-11-05', costs: [{ amountOre: 1 }] },
    {
      type: 'INVOICE_RUN_ISSUED',
      from: '2023-05',
      to: '2023-05',
      issuedOn: '2023-06-05',
      costs: [{ amountOre: 1 }],
      parties: ['1984'],
    },
    {
      type: 'INVOICE_RUN_ISSUED',
      from: '2023-05',
      to: '2023-05',
      issuedOn: '2023-06-05',
      costs: [{ amountOre: 1 }],
      parties: ['1492'],
    },
    {
      type: 'INVOICE_RUN_ISSUED',
      from: '2023-05',
      to: '2023-06',
      issuedOn: '2023-07-05',
      costs: [{ month: '2023-05', amountOre: 1 }],
    },
    // after the end of a rule ended in 2023-04 (R-G1)
    { type: 'INVOICE_RUN_ISSUED', from: '2023-04', to: '2023-05', issuedOn: '2023-06-05', costs: [{ amountOre: 7 }] },
    { type: 'INVOICE_CREDITED', invoice: '1-1460', issuedOn: '2023-04-20', reason: 'fel underlag' },
    { type: 'INVOICE_CREDITED', invoice: last, issuedOn: '2023-04-22', amountOre: 100, reason: 'delkredit' },
    { type: 'INVOICE_CREDITED', invoice: '1-1461', issuedOn: '2023-04-01', reason: 'för tidig' },
    { type: 'INVOICE_CREDITED', invoice: '9-1460', issuedOn: '2023-04-20', reason: 'okänd' },
    { type: 'COST_RULE_ENDED', endMonth: '2023-04', endedOn: '2023-04-30', reason: 'ny modell' },
    { type: 'COST_RULE_ENDED', endMonth: '2022-10', endedOn: '2023-04-30', reason: 'före start' },
    { type: 'COST_RULE_ENDED', endMonth: '2023-02', endedOn: '2023-04-30', reason: 'före fakturerad månad' },
  ];
}

const traversal = {
  input: INPUT,
  events: (s: Snap) => eventsFor(s),
  limit: TRAVERSAL_LIMIT,
  stopWhen: (s: Snap) =>
    s.context.runs.length > MAX_RUNS ||
    s.context.credits.length > MAX_CREDITS ||
    s.context.councilInformedOn.length > 1,
};

const stateIds = allStateNodes(costRuleMachine.root).map((n) => n.id);
const { edges, shortestPaths, adjacency, allPaths } = pathsTakingEveryStep<Snap, CostRuleEvent>(
  costRuleMachine,
  traversal,
);
const allSteps = Object.values(adjacency).flatMap(({ state, transitions }) =>
  Object.values(transitions).map(({ event, state: next }) => ({ state, event, next })),
);

function edgesTaken(from: Snap, event: CostRuleEvent, to: Snap): DirectedGraphEdge[] {
  if (to === from) return [];
  const taken = costRuleMachine.getTransitionData(from as any, event);
  return edges.filter((e) => taken.includes(e.transition as any));
}

describe('cost-rule machine: model-based paths (@xstate/graph)', () => {
  it('the traversal is finite and non-trivial; the event list offers every event type of the machine', () => {
    expect(Object.keys(adjacency).length).toBeGreaterThan(30);
    expect(Object.keys(adjacency).length).toBeLessThan(TRAVERSAL_LIMIT);
    expect(shortestPaths.length).toBe(Object.keys(adjacency).length);
    const offered = new Set(eventsFor(createActor(costRuleMachine, { input: INPUT }).getSnapshot()).map((e) => e.type));
    expect([...offered].sort()).toEqual([...ALL_EVENT_TYPES].sort());
    expect([...new Set(edges.map((e) => e.label.text))].sort()).toEqual([...ALL_EVENT_TYPES].sort());
    expect(Object.keys(costRuleDefinition.eventRoles).sort()).toEqual([...ALL_EVENT_TYPES].sort());
    for (const p of allPaths) expect(p.steps[0].event.type).toBe('xstate.init');
    // The months offered are few, so R-K9 (no month invoiced twice) ends the runs before the bound does; three runs
    // are reached (March, Bengtsfors again after its credit, April after the end), never more than the bound.
    const runs = Object.values(adjacency).map(({ state }) => state.context.runs.length);
    expect(Math.max(...runs)).toBe(MAX_RUNS);
  });

  it('the machine has exactly the states drafted, inForce and ended', () => {
    expect(stateIds.sort()).toEqual(['cost-rule.drafted', 'cost-rule.ended', 'cost-rule.inForce']);
  });

  it('(1) every state is reached by some path', () => {
    const reached = new Set(allPaths.flatMap((p) => p.steps.map((s) => `cost-rule.${String(s.state.value)}`)));
    expect(stateIds.filter((id) => !reached.has(id))).toEqual([]);
  });

  it('(2) every transition (source + event → target) is taken by some path', () => {
    const taken = new Set<string>();
    for (const p of allPaths)
      for (let i = 1; i < p.steps.length; i++)
        for (const e of edgesTaken(p.steps[i - 1].state, p.steps[i].event, p.steps[i].state)) taken.add(edgeKey(e));
    const missing = edges.map(edgeKey).filter((k) => !taken.has(k));
    if (missing.length) console.error(`Transitions never taken:\n  ${missing.join('\n  ')}`);
    expect(missing).toEqual([]);
    // root COUNCIL_INFORMED; drafted 1; inForce 3; ended 2.
    expect(edges.length).toBe(7);
  });

  it('(2c) every refused step is explained by a rule with a code and a rule id, or is not handled in that state', () => {
    const codes = new Set<string>();
    for (const { state, event, next } of allSteps) {
      if (next !== state) continue;
      const why = explainRefusal(costRuleDefinition, state, event);
      if (candidateTransitions(state, event.type).length === 0) {
        expect(why).toBeNull();
        continue;
      }
      expect([String(state.value), event.type, why]).toEqual([
        String(state.value),
        event.type,
        expect.objectContaining({ code: expect.any(String), ruleId: expect.stringMatching(/^R-[A-Z]\d+$/) }),
      ]);
      codes.add(`${why!.code} ${why!.ruleId}`);
    }
    expect([...codes].sort()).toEqual(
      [
        'COSTS_DO_NOT_MATCH_PERIOD R-G6',
        'CREDIT_BEFORE_INVOICE R-K9',
        'CREDIT_EXCEEDS_INVOICE R-K9',
        'END_BEFORE_START R-G1',
        'INVOICED_AFTER_END R-K9',
        'NOT_A_PARTY R-G4',
        'NO_SUCH_INVOICE R-K9',
        'PERIOD_AFTER_END R-G1',
        'PERIOD_ALREADY_INVOICED R-K9',
        'PERIOD_BEFORE_START R-G1',
      ].sort(),
    );
  });

  it('(3) replaying every path step by step with createActor lands in the state the path says', () => {
    let steps = 0;
    for (const p of allPaths) {
      const actor = createActor(costRuleMachine, { input: INPUT }).start();
      for (let i = 1; i < p.steps.length; i++) {
        actor.send(p.steps[i].event);
        expect(actor.getSnapshot().value).toEqual(p.steps[i].state.value);
        expect(actor.getSnapshot().context).toEqual(p.steps[i].state.context);
        steps++;
      }
      actor.stop();
    }
    expect(steps).toBeGreaterThan(allPaths.length);
  });

  it('(4) R-G3, R-G6, R-K9: in every reached snapshot each run adds up to its cost and no month stands invoiced twice', () => {
    for (const { state } of Object.values(adjacency)) {
      const c = state.context;
      for (const run of c.runs) {
        const shares = c.invoices.filter((i) => run.invoices.includes(i.number));
        if (shares.length === c.payers.length)
          expect(shares.reduce((s, i) => s + i.amountOre, 0) + run.hostOre).toBe(run.totalCostOre);
      }
      const standing = c.invoices.filter((i) => invoiceStands(c, i));
      for (const payer of c.payers) {
        const months = standing.filter((i) => i.municipality === payer.municipality).flatMap((i) => [i.from]);
        expect(new Set(months).size).toBe(months.length);
      }
      for (const k of c.credits) {
        const inv = c.invoices.find((i) => i.number === k.creditOf)!;
        const credited = c.credits.filter((x) => x.creditOf === inv.number).reduce((s, x) => s + x.amountOre, 0);
        expect(credited).toBeLessThanOrEqual(inv.amountOre);
      }
      if (state.matches('drafted')) expect(c.invoices).toEqual([]);
    }
  });

  it('the engine transition answers as xstate for every step of the traversal', () => {
    const { compared, refused } = compareEngineTransition(costRuleMachine, adjacency as never);
    expect(compared).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(10);
  });
});
