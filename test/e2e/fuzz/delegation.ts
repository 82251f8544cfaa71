import fc from 'fast-check';
import type { FuzzKit, FuzzTarget } from './kit';

/**
 * The fuzz targets of delegationsbeslut and their anmälan (src/decision/delegation, R-I9, R-H17) and of a paragraph's
 * sekretessmarkering added later (R-K7).
 */
export function delegationTargets(fx: FuzzKit): FuzzTarget[] {
  const { pool, pick, unique, setUp, freshParagraph, recentDate } = fx;
  const delegationDecision = fc
    .tuple(fc.constantFrom('DELEGATIONSBESLUT', 'ORDFORANDEBESLUT'), recentDate)
    .map(([kind, decidedOn]) => () => ({
      kind,
      number: `D ${unique()}`,
      delegate: { name: 'Anna Berg', title: 'Socialchef' },
      point: '3.2',
      decidedOn,
      matter: { title: 'Bistånd', diarienummer: `SN ${unique()}` },
      decision: 'Bistånd beviljas enligt ansökan.',
    }));
  return [
    {
      name: 'POST /bodies/:id/delegation-decisions',
      method: 'post',
      aim: () => ({ path: `/bodies/${pool.socialnamnden}/delegation-decisions` }),
      valid: delegationDecision,
    },
    {
      name: 'POST /delegation-decisions/:id/anmalan',
      method: 'post',
      aim: async () => {
        const made = await setUp(`/bodies/${pool.socialnamnden}/delegation-decisions`, {
          kind: 'DELEGATIONSBESLUT',
          number: `D ${unique()}`,
          delegate: { name: 'Anna Berg' },
          point: '3.2',
          decidedOn: '2026-01-05',
          matter: { title: 'Bistånd' },
          decision: 'Bistånd beviljas.',
        });
        const { meeting } = await freshParagraph('draft');
        return { path: `/delegation-decisions/${made.id}/anmalan`, meeting };
      },
      valid: fc.nat().map((n) => (aim) => ({ meetingId: aim.meeting!.id, paragraphNumber: `§ ${900 + (n % 90)}` })),
    },
    {
      // R-I9: the own tillkännagivande, on a delegationsbeslut recorded for it
      name: 'POST /delegation-decisions/:id/tillkannagivande',
      method: 'post',
      aim: async () => {
        const made = await setUp(`/bodies/${pool.socialnamnden}/delegation-decisions`, {
          kind: 'DELEGATIONSBESLUT',
          number: `D ${unique()}`,
          delegate: { name: 'Anna Berg' },
          point: '3.2',
          decidedOn: '2026-01-05',
          matter: { title: 'Bistånd' },
          decision: 'Bistånd beviljas.',
        });
        return { path: `/delegation-decisions/${made.id}/tillkannagivande` };
      },
      valid: fc
        .tuple(recentDate, fc.boolean())
        .map(([postedOn, kept]) => () => ({ postedOn, ...(kept ? { keptAt: 'Kommunkansliet' } : {}) })),
    },
    {
      name: 'POST /decisions/:id/secrecy',
      method: 'post',
      aim: (n) => {
        const decision = pick(pool.decisions, n);
        return { path: `/decisions/${decision.id}/secrecy`, decision };
      },
      valid: fc
        .constantFrom(undefined, 'summary', 'decision.text', 'proposals[0].text')
        .map((field) => () => ({ ...(field ? { field } : {}), provision: 'OSL 26 kap. 1 §' })),
    },
  ];
}
