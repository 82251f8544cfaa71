import fc from 'fast-check';
import type { FuzzKit, FuzzTarget } from './kit';

/** v1 → v2 state names of the area machine (machines/area/area.v2.machine.ts), some left out (refused instances). */
const AREA_MAPPING: Record<string, string> = {
  ny: 'ny',
  ide: 'ide',
  forankring: 'forankring',
  forstudie: 'forstudie',
  beslut: 'beredning',
  drift: 'genomforande',
  uppfoljning: 'uppfoljning',
  pausad: 'pausad',
};

/** The fuzz targets of machine versions (src/workflow/migrations). */
export function machineTargets(fx: FuzzKit): FuzzTarget[] {
  const { pool, pick } = fx;
  return [
    {
      name: 'POST /machines/:id/migrations',
      method: 'post',
      aim: () => ({ path: '/machines/area/migrations' }),
      // Mostly dry runs over every area@1 instance; an applied one only for a few pool workflows (mostly not areas,
      // so refused per instance), so that the cases after it still find areas on v1.
      valid: fc
        .tuple(fc.boolean(), fc.subarray(Object.keys(AREA_MAPPING), { minLength: 1 }), fc.nat())
        .map(([apply, states, n]) => () => {
          const applied = apply && pool.workflows.length > 0;
          return {
            from: 1,
            to: 2,
            stateMapping: Object.fromEntries(states.map((s) => [s, AREA_MAPPING[s]])),
            dryRun: !applied,
            ...(applied ? { only: [pick(pool.workflows, n)] } : {}),
          };
        }),
    },
  ];
}
