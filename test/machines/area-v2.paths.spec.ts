/**
 * Area machine version 2 (RULEBOOK §4.2's first-word state names, area.v2.machine.ts): the same path coverage as v1,
 * and a check that v2 is v1 renamed: from every snapshot of v1's traversal, migrating and then stepping in v2 gives
 * what stepping in v1 and then migrating gives (state and context), for every event.
 */
import { initialTransition, transition, type AnyMachineSnapshot } from 'xstate';
import { areaDefinition, areaMachine } from '../../machines/area/area.machine';
import { AREA_V2_RENAMES, areaDefinitionV2, areaMachineV2, areaStateV1toV2 } from '../../machines/area/area.v2.machine';
import type { AreaEvent } from '../../machines/area/area.types';
import { stateString } from '../../src/workflow/machine-registry';
import { restoreMigrated } from '../../src/workflow/migrations/migrated-snapshot';
import { ALL_EVENT_TYPES, beyondBound, EVENTS, INPUT, type Snap } from './area.path-events';
import { pathsTakingEveryStep } from './graph-kit';
import { describePaths } from './path-suite';

describePaths<Snap, AreaEvent>('area v2', {
  machine: areaMachineV2,
  input: INPUT,
  events: () => EVENTS,
  stopWhen: beyondBound,
  limit: 60_000,
  eventTypes: ALL_EVENT_TYPES,
  leafIds: [
    'area.ny',
    'area.ide',
    'area.forankring',
    'area.forstudie',
    'area.beredning',
    'area.utanfor',
    'area.formalisering.villkor',
    'area.formalisering.undertecknande',
    'area.genomforande',
    'area.uppfoljning',
    'area.revidering',
    'area.avvecklad',
    'area.avslutad',
    'area.pausad',
  ],
  refusalOnly: ['area --COUNCIL_DECIDED--> area'],
  minSnapshots: 40,
  minPassable: 40,
});

/** A v1 snapshot moved into v2 as the migration does (mapping = the renames). */
function migrated(s: AnyMachineSnapshot): AnyMachineSnapshot {
  const fromState = stateString(s.value);
  const r = restoreMigrated(areaDefinitionV2, s.context, {
    version: 1,
    fromState,
    toState: areaStateV1toV2(fromState),
  });
  if (!r.ok) throw new Error(r.message);
  return r.snapshot;
}

/**
 * State and context; a compensation records the stage it happened in with its own version's names (history is not
 * rewritten by a migration), so those names are compared renamed.
 */
const view = (s: AnyMachineSnapshot) =>
  JSON.stringify({
    state: stateString(s.value),
    context: {
      ...s.context,
      compensations: s.context.compensations?.map((c: { stageBefore: string }) => ({
        ...c,
        stageBefore: c.stageBefore.replace(/\b(beslut|drift)\b/g, (m) => AREA_V2_RENAMES[m]),
      })),
    },
  });

describe('area v2 is area v1 with two states renamed', () => {
  const { adjacency } = pathsTakingEveryStep<Snap, AreaEvent>(areaMachine, {
    input: INPUT,
    events: () => EVENTS,
    limit: 60_000,
    stopWhen: beyondBound,
  });

  it('every v1 snapshot migrates; stepping then migrating equals migrating then stepping, for every event', () => {
    const differing: string[] = [];
    let compared = 0;
    for (const { state } of Object.values(adjacency)) {
      const inV2 = migrated(state as AnyMachineSnapshot);
      for (const event of EVENTS) {
        const [v1Next] = transition(areaMachine, state as never, event);
        const [v2Next] = transition(areaMachineV2, inV2 as never, event);
        compared++;
        if (view(migrated(v1Next as AnyMachineSnapshot)) !== view(v2Next as AnyMachineSnapshot))
          differing.push(`${stateString(state.value)} + ${event.type}`);
      }
    }
    expect(differing.slice(0, 10)).toEqual([]);
    expect(compared).toBeGreaterThan(1000);
  });

  it('starts as v1 does, keeps v1 registered for new areas, and has the same roles and rules', () => {
    expect(view(initialTransition(areaMachineV2, INPUT)[0])).toBe(view(initialTransition(areaMachine, INPUT)[0]));
    expect(areaDefinitionV2.startsNewInstances).toBe(false);
    expect(areaDefinitionV2.eventRoles).toEqual(areaDefinition.eventRoles);
    expect(Object.keys(areaDefinitionV2.guardRules)).toEqual(Object.keys(areaDefinition.guardRules));
  });

  it('a state that v2 does not have is refused as a target', () => {
    const r = restoreMigrated(areaDefinitionV2, initialTransition(areaMachine, INPUT)[0].context, {
      version: 1,
      fromState: 'beslut',
      toState: 'beslut',
    });
    expect(r).toMatchObject({ ok: false, code: 'MIGRATION_INVALID_TARGET' });
  });
});
