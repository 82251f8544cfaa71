import fc from 'fast-check';
import type { FuzzKit, FuzzTarget } from './kit';

/** The fuzz target of gallring (src/gallring): a pool decision's name, under a past or future gallringsbeslut. */
export function gallringTargets(fx: FuzzKit): FuzzTarget[] {
  const { pool, pick } = fx;
  return [
    {
      name: 'POST /gallring',
      method: 'post',
      aim: () => ({ path: '/gallring' }),
      valid: fc
        .tuple(fc.nat(), fc.constantFrom('L1', 'L2', 'L3'), fc.constantFrom('2026-01-15', '2040-01-01'))
        .map(([n, name, decidedOn]) => () => ({
          beslut: { diarienummer: 'Dnr 2026/45', decidedOn, organ: 'KS' },
          items: [
            {
              decisionId: pool.decisions.length ? pick(pool.decisions, n).id : '00000000-0000-4000-8000-000000000000',
              name,
            },
          ],
        })),
    },
  ];
}
