/**
 * Model-based path coverage of the protocol machine with @xstate/graph (v3): traverse the machine with concrete
 * events (accepted and refused ones), check that every state node is reached and every transition taken, and replay
 * every path with a real actor. Context is bounded (at most two corrections, one motivation that can be accepted,
 * one amended paragraph) and the traversal has a hard `limit`, so it is finite (ENGINE-NOTES, "@xstate/graph facts").
 */
import { guardNames } from '../../machines/kernel/explain';
import { createActor, type SnapshotFrom } from 'xstate';
import { type DirectedGraphEdge } from '@xstate/graph';
import { allStateNodes, edgeKey, isRefusalOnly, pathsTakingEveryStep, compareEngineTransition } from './graph-kit';
import { addDays, compareDates, nextVardag } from '../../machines/calendar/calendar';
import type { DecisionParagraph, MeetingFacts } from '../../machines/protocol/decision.types';
import { protocolDefinition, protocolMachine } from '../../machines/protocol/protocol.machine';
import type { ProtocolEvent, ProtocolInput } from '../../machines/protocol/protocol.types';

type Snap = SnapshotFrom<typeof protocolMachine>;

const MEETING: MeetingFacts = {
  bodyKind: 'NAMND',
  bodyName: 'Socialnämnden',
  memberCount: 9,
  municipality: '1461',
  date: '2024-11-20',
  attendees: [
    { name: 'Daniel Jensen', party: 'KD', role: 'LEDAMOT', chair: true },
    { name: 'Marianne Sand Wallin', party: 'S', role: 'LEDAMOT' },
    { name: 'Sara Kanyinda', party: 'S', role: 'LEDAMOT' },
    { name: 'Ledamot Fyra', party: 'M', role: 'LEDAMOT' },
    { name: 'Ersättare Fem', party: 'C', role: 'TJANSTGORANDE_ERSATTARE' },
  ],
  closedAt: '2024-11-20T16:00:00Z',
  justeringAt: '2024-12-02T13:00:00Z',
};

const PARAGRAPH: DecisionParagraph = {
  paragraphNumber: '§ 45',
  matter: { title: 'Avsiktsförklaring sociala området version 1.2', diarienummer: 'SN 2024/15' },
  subject: 'OTHER',
  beslutsunderlag: ['Tjänsteskrivelse'],
  proposals: [
    { id: 'A', by: [{ name: 'Daniel Jensen', party: 'KD' }], text: 'bifall' },
    { id: 'B', by: [{ name: 'Sara Kanyinda', party: 'S' }], text: 'avslag' },
  ],
  beslutsgang: [
    'Ordföranden ställer förslagen mot varandra och finner att socialnämnden bifaller Daniel Jensens förslag.',
  ],
  method: { kind: 'ACKLAMATION', adopted: 'A' },
  decision: { attSatser: ['anta reviderad avsiktsförklaring.'] },
  jav: [],
  reservations: [{ members: [{ name: 'Sara Kanyinda', party: 'S' }], inFavourOf: 'B' }],
  protokollsanteckningar: [],
  sendTo: ['Kommunstyrelsen'],
};

/** The amendment the model offers: the body decided to justera this paragraph at once (R-I3). */
const AMENDED: DecisionParagraph = { ...PARAGRAPH, immediateJustering: true };

const INPUT: ProtocolInput = { decisionId: 'dec-45', meeting: MEETING, paragraph: PARAGRAPH };

const MAX_CORRECTIONS = 2;
const TRAVERSAL_LIMIT = Number(process.env.TL ?? 50_000);

/**
 * Every event type with concrete payloads. Dates follow the snapshot's own context (the justering date, the appeal
 * dates computed at anslag, the appeal's arrival), so that each offered event is either meant to pass or meant to be
 * refused by a named rule. Refused variants are included on purpose.
 */
function eventsFor(snapshot: Snap): ProtocolEvent[] {
  const c = snapshot.context;
  const justeradOn = c.justeradOn ?? '2024-12-02';
  const finalFrom = c.finalFrom ?? '2024-12-28';
  const lastDay = c.appealLastDay ?? '2024-12-27';
  const received = c.appeal?.receivedOn ?? '2024-12-20';
  return [
    // draft only (R-K9); refused after justering
    { type: 'PARAGRAPH_AMENDED', paragraph: AMENDED, reason: 'Omedelbar justering beslutad' },
    // justering (R-I1, R-I2, R-I3)
    { type: 'JUSTERAT', justeradOn: '2024-12-02', justerare: ['Daniel Jensen', 'Ledamot Fyra'] },
    { type: 'JUSTERAT', justeradOn: '2024-12-05', justerare: ['Daniel Jensen', 'Ledamot Fyra'] }, // JUSTERING_LATE
    { type: 'JUSTERAT', justeradOn: '2024-11-20', justerare: ['Daniel Jensen', 'Ledamot Fyra'], immediate: true }, // R-I3
    { type: 'JUSTERAT', justeradOn: '2024-11-21', justerare: ['Daniel Jensen', 'Ledamot Fyra'], immediate: true }, // refused
    { type: 'JUSTERAT', justeradOn: '2024-11-19', justerare: ['Daniel Jensen'] }, // refused
    { type: 'JUSTERAT', justeradOn: '2024-12-02', justerare: ['Daniel Jensen', 'Inte Närvarande'] }, // refused (R-I2)
    // anslag (R-I4)
    { type: 'ANSLAG_POSTED', anslagOn: addDays(justeradOn, 2), noticeBoard: 'Anslagstavlan' },
    { type: 'ANSLAG_POSTED', anslagOn: addDays(justeradOn, 3) }, // ANSLAG_LATE after a Monday justering; on time after the Thursday one (R-L7)
    { type: 'ANSLAG_POSTED', anslagOn: addDays(justeradOn, -1) }, // refused
    // the appeal period (R-I5, R-I6, R-I7, D9)
    { type: 'APPEAL_PERIOD_ENDED', on: finalFrom },
    { type: 'APPEAL_PERIOD_ENDED', on: addDays(finalFrom, -1) }, // refused
    { type: 'APPEAL_RECEIVED', receivedOn: lastDay, court: 'Förvaltningsrätten i Göteborg', caseNumber: '1234-25' },
    { type: 'APPEAL_RECEIVED', receivedOn: finalFrom }, // refused: too late
    { type: 'NO_APPEAL_CONFIRMED', confirmedOn: addDays(finalFrom, 10), basis: 'Lagakraftbevis' },
    { type: 'NO_APPEAL_CONFIRMED', confirmedOn: addDays(finalFrom, -1) }, // refused
    { type: 'APPEAL_DECIDED', outcome: 'REJECTED', decidedOn: addDays(received, 100) },
    { type: 'APPEAL_DECIDED', outcome: 'ANNULLED', decidedOn: addDays(received, 100) },
    { type: 'APPEAL_DECIDED', outcome: 'ANNULLED', decidedOn: addDays(received, -1) }, // refused
    // corrections (R-K9)
    { type: 'CORRECTION_RECORDED', correctedOn: justeradOn, reason: 'Skrivfel', text: 'Rättelse' },
    { type: 'CORRECTION_RECORDED', correctedOn: addDays(justeradOn, -1), reason: 'Skrivfel', text: 'För tidig' }, // refused
    // written motivations (R-H14)
    {
      type: 'RESERVATION_MOTIVATION_SUBMITTED',
      member: 'Sara Kanyinda',
      text: 'Motivering',
      submittedAt: '2024-11-28T09:00:00Z',
    },
    {
      type: 'RESERVATION_MOTIVATION_SUBMITTED',
      member: 'Sara Kanyinda',
      text: 'Sen',
      submittedAt: '2024-12-02T13:00:01Z',
    }, // refused
    {
      type: 'RESERVATION_MOTIVATION_SUBMITTED',
      member: 'Ledamot Fyra',
      text: 'Ingen reservation',
      submittedAt: '2024-11-28T09:00:00Z',
    }, // refused
  ];
}

const ALL_EVENT_TYPES = [
  'PARAGRAPH_AMENDED',
  'JUSTERAT',
  'ANSLAG_POSTED',
  'APPEAL_PERIOD_ENDED',
  'APPEAL_RECEIVED',
  'NO_APPEAL_CONFIRMED',
  'APPEAL_DECIDED',
  'CORRECTION_RECORDED',
  'RESERVATION_MOTIVATION_SUBMITTED',
] as const satisfies ReadonlyArray<ProtocolEvent['type']>;

const beyondBound = (s: Snap) => s.context.corrections.length > MAX_CORRECTIONS;

const traversal = {
  input: INPUT,
  events: (s: Snap) => eventsFor(s),
  limit: TRAVERSAL_LIMIT,
  stopWhen: beyondBound,
};

// ---------------------------------------------------------------- the machine's own structure

// ---------------------------------------------------------------- traversal (computed once)

const stateNodes = allStateNodes(protocolMachine.root);
const stateIds = stateNodes.map((n) => n.id);
const { edges, shortestPaths, adjacency, allPaths } = pathsTakingEveryStep<Snap, ProtocolEvent>(
  protocolMachine,
  traversal,
);
/** Transitions that can pass: not refusal-only (e.g. NO_APPEAL_CONFIRMED while the period runs). */
const passableEdges = edges.filter((e) => !isRefusalOnly(e));
const refusalOnlyEdges = edges.filter(isRefusalOnly);

/** The transitions a step takes, as graph edges (identity of the machine's TransitionDefinition objects). */
function edgesTaken(from: Snap, event: ProtocolEvent, to: Snap): DirectedGraphEdge[] {
  if (to === from) return [];
  const taken = protocolMachine.getTransitionData(from as any, event);
  return edges.filter((e) => taken.includes(e.transition as any));
}

const activeStates = (s: Snap) => stateIds.filter((id) => s.matches(id.replace(/^protocol\./, '') as any));

/** Every step of the traversal: source snapshot, event, resulting snapshot (refused ones included). */
const allSteps = Object.values(adjacency).flatMap(({ state, transitions }) =>
  Object.values(transitions).map(({ event, state: next }) => ({ state, event, next })),
);

// ---------------------------------------------------------------- tests

describe('protocol machine: model-based paths (@xstate/graph)', () => {
  it('the traversal is finite and non-trivial; the event list offers every event type of the machine', () => {
    expect(Object.keys(adjacency).length).toBeGreaterThan(50);
    expect(Object.keys(adjacency).length).toBeLessThan(TRAVERSAL_LIMIT);
    expect(shortestPaths.length).toBe(Object.keys(adjacency).length);
    const offered = new Set(eventsFor(createActor(protocolMachine, { input: INPUT }).getSnapshot()).map((e) => e.type));
    expect([...offered].sort()).toEqual([...ALL_EVENT_TYPES].sort());
    const declared = new Set(edges.map((e) => e.label.text));
    expect([...declared].sort()).toEqual([...ALL_EVENT_TYPES].sort());
    for (const p of allPaths) expect(p.steps[0].event.type).toBe('xstate.init');
    // The bound is reached (so it is what keeps the traversal finite) and never exceeded by more than one step.
    const corrections = Object.values(adjacency).map(({ state }) => state.context.corrections.length);
    expect(Math.max(...corrections)).toBe(MAX_CORRECTIONS + 1);
  });

  it('the machine has exactly the states the model expects (RULEBOOK I, D9)', () => {
    expect([...stateIds].sort()).toEqual(
      [
        'protocol.draft',
        'protocol.justerat',
        'protocol.anslaget',
        'protocol.presumedFinal',
        'protocol.appealed',
        'protocol.final',
        'protocol.annulled',
      ].sort(),
    );
    expect(protocolMachine.root.states.annulled.type).toBe('final');
  });

  it('(1) every state node is reached by some path', () => {
    const reached = new Set(allPaths.flatMap((p) => p.steps.flatMap((s) => activeStates(s.state))));
    const missing = stateIds.filter((id) => !reached.has(id));
    if (missing.length) console.error(`States not reached: ${missing.join(', ')}`);
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
    // draft 3, justerat 3, anslaget 4, presumedFinal 4, appealed 4 (two APPEAL_DECIDED branches), final 3.
    expect(passableEdges.length).toBe(21);
  });

  it('(2b) R-K9, R-I7: refusal-only transitions (PARAGRAPH_AMENDED after justering, NO_APPEAL_CONFIRMED in anslaget) are tried and never taken', () => {
    const keys = refusalOnlyEdges.map(edgeKey).sort();
    expect(keys).toEqual(
      [
        'protocol.anslaget --NO_APPEAL_CONFIRMED--> protocol.final',
        'protocol.anslaget --PARAGRAPH_AMENDED--> protocol.anslaget',
        'protocol.appealed --PARAGRAPH_AMENDED--> protocol.appealed',
        'protocol.final --PARAGRAPH_AMENDED--> protocol.final',
        'protocol.justerat --PARAGRAPH_AMENDED--> protocol.justerat',
        'protocol.presumedFinal --PARAGRAPH_AMENDED--> protocol.presumedFinal',
      ].sort(),
    );
    const tried = new Set<string>();
    for (const { state, event, next } of allSteps) {
      for (const e of refusalOnlyEdges) {
        if (!state.matches(e.source.id.replace(/^protocol\./, '') as any) || event.type !== e.label.text) continue;
        tried.add(edgeKey(e));
        // Refused (the very same snapshot), and the refusal names its rule.
        expect([edgeKey(e), JSON.stringify(event), next === state]).toEqual([edgeKey(e), JSON.stringify(event), true]);
        expect(explainRefusal(state, event)).toMatchObject({
          code: event.type === 'PARAGRAPH_AMENDED' ? 'PARAGRAPH_JUSTERAD' : 'APPEAL_PERIOD_RUNNING',
        });
      }
    }
    expect([...tried].sort()).toEqual(keys);
    // NO_APPEAL_CONFIRMED was offered in anslaget both inside the period and after finalFrom.
    const inAnslaget = allSteps.filter((x) => x.state.matches('anslaget') && x.event.type === 'NO_APPEAL_CONFIRMED');
    const dates = inAnslaget.map((x) =>
      compareDates(
        (x.event as Extract<ProtocolEvent, { type: 'NO_APPEAL_CONFIRMED' }>).confirmedOn,
        x.state.context.finalFrom!,
      ),
    );
    expect(new Set(dates)).toEqual(new Set([-1, 1]));
  });

  it('(2c) every refused step is explained by a rule with a code and a RULEBOOK rule id, or is not handled in that state', () => {
    const codes = new Set<string>();
    for (const { state, event, next } of allSteps) {
      if (next !== state) continue;
      const why = explainRefusal(state, event);
      const handled = candidates(state, event.type).length > 0;
      if (!handled) {
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
        'ANSLAG_BEFORE_JUSTERING R-I4',
        'APPEAL_ALREADY_JUDGED R-I7',
        'APPEAL_PERIOD_RUNNING R-I7',
        'APPEAL_TOO_LATE R-I5',
        'CORRECTION_BEFORE_JUSTERING R-K9',
        'IMMEDIATE_JUSTERING_NOT_AT_MEETING R-I3',
        'IMMEDIATE_JUSTERING_NOT_DECIDED R-I3',
        'JUDGMENT_BEFORE_APPEAL R-I5',
        'JUSTERARE_NOT_AT_MEETING R-I2',
        'JUSTERING_BEFORE_MEETING R-I1',
        'MOTIVATION_TOO_LATE R-H14',
        'NO_SUCH_RESERVATION R-H14',
        'PARAGRAPH_JUSTERAD R-K9',
      ].sort(),
    );
  });

  it('(3) replaying every path step by step with createActor lands in the state the path says', () => {
    let steps = 0;
    for (const p of allPaths) {
      const actor = createActor(protocolMachine, { input: INPUT }).start();
      const trail: string[] = [];
      for (let i = 0; i < p.steps.length; i++) {
        const step = p.steps[i];
        if (i > 0) actor.send(step.event);
        trail.push(step.event.type);
        const got = actor.getSnapshot();
        const at = trail.join(' → ');
        expect([at, got.value]).toEqual([at, step.state.value]);
        expect([at, got.context]).toEqual([at, step.state.context]);
        expect([at, got.status]).toEqual([at, step.state.status]);
        steps++;
      }
      expect(actor.getSnapshot().value).toEqual(p.state.value);
      actor.stop();
    }
    expect(steps).toBeGreaterThan(allPaths.length);
  });

  it('(4) R-I1, R-I4, R-I6, R-I7, D8, D9: in every reached snapshot dates, warnings and outcome are consistent with the state', () => {
    for (const { state } of Object.values(adjacency)) {
      const c = state.context;
      if (c.justeradOn) expect(compareDates(c.justeradOn, MEETING.date)).toBeGreaterThanOrEqual(0);
      if (c.anslagOn) {
        expect(compareDates(c.anslagOn, c.justeradOn!)).toBeGreaterThanOrEqual(0);
        expect(compareDates(c.appealLastDay!, addDays(c.anslagOn, 21))).toBeGreaterThanOrEqual(0);
        expect(c.finalFrom).toBe(addDays(c.appealLastDay!, 1));
      }
      // Late deadlines are flagged on the record (D8), exactly when the deadline moved to the next vardag (R-L7) was
      // missed: justering 2024-12-05 + 2 = Sat 2024-12-07 → Mon 2024-12-09, so its anslag on Sun 2024-12-08 is on time.
      const late = c.justeradOn !== undefined && compareDates(c.justeradOn, nextVardag(addDays(MEETING.date, 14))) > 0;
      expect(c.warnings.some((w) => w.code === 'JUSTERING_LATE')).toBe(late);
      const anslagLate =
        c.anslagOn !== undefined && compareDates(c.anslagOn, nextVardag(addDays(c.justeradOn!, 2))) > 0;
      expect(c.warnings.some((w) => w.code === 'ANSLAG_LATE')).toBe(anslagLate);
      // A justerat paragraph is never edited (R-K9): only a draft may carry the amended paragraph before justering.
      if (c.immediate) expect(c.paragraph).toEqual(AMENDED);
      // R-I7, D9: the outcome matches the state: none while the period runs or an appeal is pending, FINAL or ANNULLED after.
      const v = String(state.value);
      const expectedOutcome = v === 'final' ? 'FINAL' : v === 'annulled' ? 'ANNULLED' : undefined;
      expect([v, c.outcome?.kind]).toEqual([v, expectedOutcome]);
      if (v === 'appealed' || v === 'annulled') expect(c.appeal).toBeDefined();
    }
  });

  it("the engine's transition (one inert scope per machine) answers as xstate's transition() for every state and event of the traversal", () => {
    const { compared, refused } = compareEngineTransition(protocolMachine, adjacency as never);
    expect(compared).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(0);
  });
});

// ---------------------------------------------------------------- helpers used by the tests above

function candidates(snapshot: Snap, eventType: string): Array<{ guard?: unknown }> {
  const nodes = (snapshot as any)._nodes as Array<{ transitions: Map<string, Array<{ guard?: unknown }>> }>;
  return nodes.flatMap((n) => n.transitions.get(eventType) ?? []);
}

function explainRefusal(snapshot: Snap, event: ProtocolEvent) {
  for (const t of candidates(snapshot, event.type)) {
    for (const name of guardNames(t.guard)) {
      const r = protocolDefinition.guardRules[name]?.(snapshot.context, event);
      if (r) return r;
    }
  }
  return null;
}
