import fc from 'fast-check';
import type { FuzzKit, FuzzTarget } from './kit';

/**
 * The fuzz target of lifting a paragraph's sekretessmarkering after a sekretessprövning (R-K13): the marking of a
 * fresh paragraph as a whole, or of a text not marked by itself, on a recent date (before or after the marking).
 */
export function secrecyTargets(fx: FuzzKit): FuzzTarget[] {
  const { setUp, freshParagraph, recentDate } = fx;
  return [
    {
      name: 'POST /decisions/:id/secrecy/lifting',
      method: 'post',
      // A fresh paragraph marked secret as a whole, so that a case may lift it (or, by a text, be refused).
      aim: async () => {
        const { decision } = await freshParagraph('draft');
        await setUp(`/decisions/${decision.id}/secrecy`, { provision: 'OSL 26 kap. 1 §' });
        return { path: `/decisions/${decision.id}/secrecy/lifting`, decision };
      },
      valid: fc
        .tuple(fc.constantFrom(undefined, undefined, 'summary', 'proposals[0].text'), recentDate)
        .map(([field, decidedOn]) => () => ({
          ...(field ? { field } : {}),
          decidedOn,
          decidedBy: 'Socialnämndens ordförande',
          reason: 'Sekretessen gäller inte längre.',
        })),
    },
  ];
}
