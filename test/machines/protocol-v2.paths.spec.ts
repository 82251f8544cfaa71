/**
 * Protocol machine version 2 (protocol.v2.machine.ts): the path coverage of the shared suite (every leaf state and
 * passable transition reached, refusal-only ones tried and never taken, every path replayed, the engine's transition
 * as xstate's), the new rules checked on every reached snapshot, and version 1 kept as it was for the logs it wrote.
 * Context is bounded (corrections, inhibitions, late appeals), so the traversal is finite.
 */
import { createActor } from 'xstate';
import { compareDates } from '../../machines/calendar/calendar';
import { guardNames } from '../../machines/kernel/explain';
import { protocolDefinition, protocolMachine } from '../../machines/protocol/protocol.machine';
import type { ProtocolEvent } from '../../machines/protocol/protocol.types';
import { beyondBound, EVENT_TYPES, eventsFor, INPUT, JUSTERARE, type Snap } from './protocol-v2.path-events';
import { protocolDefinitionV2, protocolMachineV2 } from '../../machines/protocol/protocol.v2.machine';
import { inhibitionInForce, justeringPassedOn } from '../../machines/protocol/protocol.v2.rules';
import { MACHINE_DEFINITIONS } from '../../machines/registry';
import { pathsTakingEveryStep } from './graph-kit';
import { describePaths } from './path-suite';

const LIMIT = Number(process.env.TL ?? 100_000);

describePaths<Snap, ProtocolEvent>('protocol v2', {
  machine: protocolMachineV2,
  input: INPUT,
  events: eventsFor,
  stopWhen: beyondBound,
  limit: LIMIT,
  eventTypes: EVENT_TYPES,
  leafIds: [
    'protocol.draft',
    'protocol.justerat',
    'protocol.anslaget',
    'protocol.presumedFinal',
    'protocol.appealed',
    'protocol.final',
    'protocol.unappealable',
    'protocol.annulled',
  ],
  refusalOnly: [
    'protocol.anslaget --NO_APPEAL_CONFIRMED--> protocol.final',
    'protocol.anslaget --PARAGRAPH_AMENDED--> protocol.anslaget',
    'protocol.appealed --PARAGRAPH_AMENDED--> protocol.appealed',
    'protocol.final --PARAGRAPH_AMENDED--> protocol.final',
    'protocol.justerat --PARAGRAPH_AMENDED--> protocol.justerat',
    'protocol.presumedFinal --PARAGRAPH_AMENDED--> protocol.presumedFinal',
    'protocol.unappealable --PARAGRAPH_AMENDED--> protocol.unappealable',
  ],
  minSnapshots: 100,
  minPassable: 35,
});

function explainRefusal(s: Snap, event: ProtocolEvent) {
  const nodes = (s as any)._nodes as Array<{ transitions: Map<string, Array<{ guard?: unknown }>> }>;
  for (const t of nodes.flatMap((n) => n.transitions.get(event.type) ?? []))
    for (const name of guardNames(t.guard)) {
      const r = protocolDefinitionV2.guardRules[name]?.(s.context, event);
      if (r) return r;
    }
  return null;
}

describe('protocol v2: the rules it adds, on every reached snapshot', () => {
  const { adjacency } = pathsTakingEveryStep<Snap, ProtocolEvent>(protocolMachineV2, {
    input: INPUT,
    events: eventsFor,
    limit: LIMIT,
    stopWhen: beyondBound,
  });
  const snapshots = Object.values(adjacency).map((a) => a.state);
  const steps = Object.values(adjacency).flatMap(({ state, transitions }) =>
    Object.values(transitions).map(({ event, state: next }) => ({ state, event, next })),
  );

  it('refusals name their rules, the new ones included (R-I1, R-I4, R-I13, R-I14)', () => {
    const codes = new Set<string>();
    for (const { state, event, next } of steps) {
      if (next !== state) continue;
      const why = explainRefusal(state, event);
      if (why) codes.add(`${why.code} ${why.ruleId}`);
    }
    for (const expected of [
      'JUSTERING_DEADLINE_NOT_PASSED R-I1',
      'ANSLAG_DEADLINE_NOT_PASSED R-I4',
      'INHIBITION_BEFORE_APPEAL R-I13',
      'INHIBITION_IN_FORCE R-I13',
      'NO_INHIBITION_IN_FORCE R-I13',
      'INHIBITION_LIFTED_BEFORE_ORDER R-I13',
      'NO_LATE_APPEAL_PENDING R-I14',
    ])
      expect([...codes]).toContain(expected);
    // R-I14: version 2 never refuses a late appeal.
    expect([...codes]).not.toContain('APPEAL_TOO_LATE R-I5');
  });

  it('R-I1, R-I4: the deadline facts are recorded once, in the state they concern, and due until recorded', () => {
    for (const s of snapshots) {
      const c = s.context;
      const state = String(s.value);
      // Withdrawn when the justering, entered afterwards, is dated on time; kept when it was late (D8).
      expect(c.warnings.filter((w) => w.code === 'JUSTERING_LATE' && w.details?.passedOn).length).toBe(
        c.late?.justering && c.late.justering.onTime !== true ? 1 : 0,
      );
      if (c.late?.justering) expect(c.late.justering).toMatchObject(justeringPassedOn(c)!);
      if (c.late?.justering?.actOn)
        expect(c.late.justering.onTime).toBe(compareDates(c.late.justering.actOn, c.late.justering.deadline) <= 0);
      const due = protocolDefinitionV2.dueEvents!(c, state).map((d) => d.type);
      if (state === 'draft') expect(due).toEqual(c.late?.justering ? [] : ['JUSTERING_DEADLINE_PASSED']);
      if (state === 'justerat') expect(due).toEqual(c.late?.anslag ? [] : ['ANSLAG_DEADLINE_PASSED']);
      if (state === 'anslaget') expect(due).toEqual(['APPEAL_PERIOD_ENDED']);
      if (!['draft', 'justerat', 'anslaget'].includes(state)) expect(due).toEqual([]);
    }
  });

  it('R-I13: an inhibition holds only while the appeal is before the court; the judgment ends it', () => {
    let inhibited = 0;
    for (const s of snapshots) {
      const state = String(s.value);
      if (inhibitionInForce(s.context)) {
        inhibited++;
        expect(state).toBe('appealed');
        expect(
          compareDates(inhibitionInForce(s.context)!.orderedOn, s.context.appeal!.receivedOn),
        ).toBeGreaterThanOrEqual(0);
      }
      if (state === 'final' || state === 'annulled')
        for (const i of s.context.inhibitions ?? []) expect(i.endedOn).toBeDefined();
    }
    expect(inhibited).toBeGreaterThan(0);
    expect(snapshots.some((s) => s.context.inhibitions?.some((i) => i.endedBy === 'JUDGMENT'))).toBe(true);
    expect(snapshots.some((s) => s.context.inhibitions?.some((i) => i.endedBy === 'LIFTED'))).toBe(true);
  });

  it('R-I14: a late appeal leaves the state as it was; DISMISSED leaves the decision as it was', () => {
    let late = 0;
    for (const { state, event, next } of steps) {
      if (
        event.type === 'APPEAL_RECEIVED' &&
        next !== state &&
        (next.context.lateAppeals?.length ?? 0) > (state.context.lateAppeals?.length ?? 0)
      ) {
        late++;
        expect(next.value).toEqual(state.value);
        expect(next.context.appeal).toEqual(state.context.appeal);
      }
      if (
        event.type === 'APPEAL_DECIDED' &&
        event.outcome === 'DISMISSED' &&
        next !== state &&
        state.value !== 'appealed'
      )
        expect([next.value, next.context.outcome]).toEqual([state.value, state.context.outcome]);
    }
    expect(late).toBeGreaterThan(0);
  });

  it('R-I15: a paragraph that is only beredning gets no appeal clock after its anslag', () => {
    const unappealable = snapshots.filter((s) => s.value === 'unappealable');
    expect(unappealable.length).toBeGreaterThan(0);
    for (const s of unappealable) {
      expect(s.context.paragraph.nature).toBe('BEREDNING');
      expect([s.context.appealLastDay, s.context.finalFrom]).toEqual([undefined, undefined]);
      expect(protocolDefinitionV2.dueEvents!(s.context, 'unappealable')).toEqual([]);
    }
    for (const s of snapshots.filter((x) => x.value === 'anslaget')) expect(s.context.paragraph.nature).toBeUndefined();
    // R-I15: the input may say so as well (appealable: false), whatever the paragraph's nature.
    const actor = createActor(protocolMachineV2, { input: { ...INPUT, appealable: false } }).start();
    actor.send({ type: 'JUSTERAT', justeradOn: '2024-12-02', justerare: JUSTERARE });
    actor.send({ type: 'ANSLAG_POSTED', anslagOn: '2024-12-03' });
    expect(actor.getSnapshot().value).toBe('unappealable');
    actor.stop();
  });
});

describe('protocol v2 beside v1', () => {
  it('versions 1 and 2 stay registered beside version 3 (h-delegnotice); version 1 keeps its graph and rules', () => {
    const protocols = MACHINE_DEFINITIONS.filter((d) => d.id === 'protocol').map((d) => d.version);
    expect(protocols.sort()).toEqual([1, 2, 3]);
    expect(protocolDefinitionV2.startsNewInstances).toBeUndefined();
    expect(Object.keys(protocolMachine.root.states).sort()).toEqual(
      ['anslaget', 'annulled', 'appealed', 'draft', 'final', 'justerat', 'presumedFinal'].sort(),
    );
    expect(protocolDefinition.systemEvents).toEqual(['APPEAL_PERIOD_ENDED']);
    for (const name of Object.keys(protocolDefinition.guardRules))
      expect(protocolDefinitionV2.guardRules[name]).toBe(protocolDefinition.guardRules[name]);
  });

  it('version 1 still refuses a late appeal (APPEAL_TOO_LATE), so its old logs replay as they were written', () => {
    const actor = createActor(protocolMachine, { input: INPUT }).start();
    actor.send({ type: 'JUSTERAT', justeradOn: '2024-12-02', justerare: JUSTERARE });
    actor.send({ type: 'ANSLAG_POSTED', anslagOn: '2024-12-04' });
    const c = actor.getSnapshot().context;
    expect(
      protocolDefinition.guardRules.appealOk(c, { type: 'APPEAL_RECEIVED', receivedOn: c.finalFrom }),
    ).toMatchObject({ code: 'APPEAL_TOO_LATE', ruleId: 'R-I5' });
    expect(
      protocolDefinition.dueEvents!(createActor(protocolMachine, { input: INPUT }).getSnapshot().context, 'draft'),
    ).toEqual([]);
    actor.stop();
  });
});
