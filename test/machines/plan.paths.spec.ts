/**
 * Model-based path coverage of the plan machine (verksamhetsplan) with @xstate/graph: versions, the council informed
 * of one exact version, KDG's adoption and a revision, with refused variants (R-D6, R-D7, R-D8, R-E2). Context is
 * bounded (at most two versions, two council informations), so the traversal is finite.
 */
import type { SnapshotFrom } from 'xstate';
import { planMachine } from '../../machines/plan/plan.machine';
import type { PlanEvent, PlanInput } from '../../machines/plan/plan.types';
import { describePaths } from './path-suite';

type Snap = SnapshotFrom<typeof planMachine>;

const INPUT: PlanInput = { collaboration: 'dalslandssamverkan', title: 'Verksamhetsplan 2025' };
const AREAS = [{ key: 'kompetens', name: 'Kompetensförsörjning' }];

function eventsFor(): PlanEvent[] {
  return [
    {
      type: 'VERSION_DRAFTED',
      draftedOn: '2024-11-01',
      validFrom: '2025-01-01',
      validTo: '2025-12-31',
      focusAreas: AREAS,
    },
    // R-D8: refused variants
    {
      type: 'VERSION_DRAFTED',
      draftedOn: '2024-11-01',
      validFrom: '2026-01-01',
      validTo: '2025-12-31',
      focusAreas: AREAS,
    },
    {
      type: 'VERSION_DRAFTED',
      draftedOn: '2024-11-01',
      validFrom: '2025-01-01',
      validTo: '2025-12-31',
      focusAreas: [...AREAS, ...AREAS],
    },
    // R-D7: the council informed of version 1 before, of version 1 after the adoption instant, of version 2, of no version
    { type: 'COUNCIL_INFORMED', version: 1, informedAt: '2024-12-12T09:00:00+01:00' },
    { type: 'COUNCIL_INFORMED', version: 1, informedAt: '2024-12-12T15:00:00+01:00' },
    { type: 'COUNCIL_INFORMED', version: 2, informedAt: '2024-12-12T09:30:00+01:00' },
    { type: 'COUNCIL_INFORMED', version: 9, informedAt: '2024-12-12T09:00:00+01:00' },
    // R-D6, R-D7, R-D8: adoptions of version 1 (once overlapping another plan), of version 2 a day later, and too early
    { type: 'KDG_ADOPTED', version: 1, adoptedAt: '2024-12-12T14:00:00+01:00', otherAdoptedPeriods: [] },
    {
      type: 'KDG_ADOPTED',
      version: 1,
      adoptedAt: '2024-12-12T14:00:00+01:00',
      otherAdoptedPeriods: [{ planId: 'other', version: 1, validFrom: '2025-12-31', validTo: '2026-12-31' }],
    },
    { type: 'KDG_ADOPTED', version: 2, adoptedAt: '2024-12-13T14:00:00+01:00', otherAdoptedPeriods: [] },
    { type: 'KDG_ADOPTED', version: 2, adoptedAt: '2024-12-12T13:00:00+01:00', otherAdoptedPeriods: [] },
    // R-D6, R-E2: never passes
    { type: 'COUNCIL_ADOPTED', decidedOn: '2024-12-12', councilRecordId: 'r-1' },
  ];
}

describePaths<Snap, PlanEvent>('plan', {
  machine: planMachine,
  input: INPUT,
  events: eventsFor,
  stopWhen: (s) => s.context.versions.length > 2 || s.context.councilInformed.length > 2,
  eventTypes: ['VERSION_DRAFTED', 'COUNCIL_INFORMED', 'KDG_ADOPTED', 'COUNCIL_ADOPTED'],
  leafIds: ['plan.empty', 'plan.drafting', 'plan.adopted'],
  refusalOnly: ['plan --COUNCIL_ADOPTED--> plan'],
  minSnapshots: 30,
  minPassable: 7,
});
