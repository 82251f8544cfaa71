import fc from 'fast-check';
import type { FuzzKit, FuzzTarget } from './kit';

/** One of the membership events, valid for some state of a party's workflow. */
const membershipEvent = (date: string, instant: string, exit: number, organ: string) => [
  { type: 'FULLMAKTIGE_ADOPTED_DECLARATION', decision: { organ, date } },
  { type: 'KSO_SIGNED', signedOn: date, signatory: { name: 'Anna Andersson', office: 'KSO' } },
  { type: 'FULLMAKTIGE_REQUESTED_EXIT', decision: { organ, date }, desiredExitDate: `${exit}-12-31` },
  { type: 'EXIT_NOTICE_DELIVERED', arrivedAt: instant },
  { type: 'COUNCIL_INFORMED', informedOn: date, note: 'Fuzz' },
  { type: 'EXIT_REQUEST_WITHDRAWN', decision: { organ, date }, noticeArrivedAt: instant },
  { type: 'COUNCIL_APPROVED_EXIT', decidedOn: date },
];

/** The fuzz targets of collaborations, their settings and the membership events (src/collaboration). */
export function collaborationTargets(fx: FuzzKit): FuzzTarget[] {
  const { pool, pick, unique, ok, verifies, setUp, someDate, someInstant } = fx;
  return [
    {
      name: 'POST /collaborations',
      method: 'post',
      aim: () => ({ path: '/collaborations' }),
      valid: fc
        .record({ n: fc.nat(), settings: fc.boolean(), effective: someDate })
        .map(({ n, settings, effective }) => () => ({
          slug: `fuzz-${unique()}`,
          name: `Fuzzsamverkan ${n}`,
          parties: ['1460', '1438'],
          declarationVersion: 'v1',
          declarationEffectiveDate: effective,
          ...(settings ? { settings: { exitRequestDate: 'fullmaktigeDecision' } } : {}),
        })),
      readBack: async ({ res }) => {
        await ok(`/collaborations/${res.body.slug}`);
        await verifies(res.body.workflowId);
        pool.slugs.push(res.body.slug);
        pool.parties.set(
          res.body.slug,
          res.body.members.map((m: any) => m.municipality.code),
        );
      },
    },
    {
      name: 'PATCH /collaborations/:slug/settings',
      method: 'patch',
      aim: (n) => ({ path: `/collaborations/${pick(pool.slugs, n)}/settings` }),
      valid: fc
        .record({ value: fc.constantFrom('noticeArrival', 'fullmaktigeDecision'), changedOn: someDate })
        .map(({ value, changedOn }) => () => ({ settings: { exitRequestDate: value }, reason: 'Fuzz', changedOn })),
      readBack: async ({ res }) => {
        const read = (await ok(`/collaborations/${res.body.slug}`)).body;
        expect(read.settings).toEqual(res.body.settings);
        await verifies(res.body.workflowId);
      },
    },
    {
      name: 'POST /collaborations/:slug/memberships/:code/events',
      method: 'post',
      aim: async (n, fresh) => {
        if (fresh) {
          // A new collaboration: its parties are not members yet, so the entry events meet a state that takes them.
          const made = await setUp('/collaborations', {
            slug: `fuzz-m-${unique()}`,
            name: 'Fuzz',
            parties: ['1460', '1438'],
            declarationVersion: 'v1',
            declarationEffectiveDate: '2020-01-01',
          });
          pool.slugs.push(made.slug);
          pool.parties.set(made.slug, ['1460', '1438']);
          return { path: `/collaborations/${made.slug}/memberships/1460/events` };
        }
        const slug = pick(pool.slugs, n);
        return { path: `/collaborations/${slug}/memberships/${pick(pool.parties.get(slug)!, n >> 3)}/events` };
      },
      valid: fc
        .record({
          date: someDate,
          instant: someInstant,
          exit: fc.integer({ min: 2026, max: 2130 }),
          organ: fc.constantFrom('KF', 'KF', 'KS'),
          which: fc.nat(),
        })
        .map(
          ({ date, instant, exit, organ, which }) =>
            () =>
              pick(membershipEvent(date, instant, exit, organ), which),
        ),
      readBack: async ({ res }) => {
        const workflow = (await ok(`/workflows/${res.body.workflowId}`)).body;
        expect(workflow.version).toBeGreaterThanOrEqual(res.body.transition.seq);
        await verifies(res.body.workflowId);
      },
    },
  ];
}
