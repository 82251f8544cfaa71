import fc from 'fast-check';
import { addDays } from '../../../machines/calendar/calendar';
import { today, type FuzzKit, type FuzzTarget } from './kit';

/** The fuzz targets of the verksamhetsplaner and their events (src/plan). */
export function planTargets(fx: FuzzKit): FuzzTarget[] {
  const { pool, pick, unique, ok, verifies, setUp, someDate, recentDate, recentInstant } = fx;
  /** The plans the cases made. */
  const plans: string[] = [];

  const focusAreas = fc
    .array(fc.constantFrom('kompetensforsorjning', 'digitalisering', 'infrastruktur', 'folkhalsa'), {
      minLength: 1,
      maxLength: 4,
    })
    .map((keys) => keys.map((key) => ({ key, name: `Fokus ${key}` })));
  /** A validity period: from a year in 2016..2035, one or two years long (sometimes reversed). */
  const period = fc
    .record({ year: fc.integer({ min: 2016, max: 2035 }), years: fc.integer({ min: -1, max: 2 }) })
    .map(({ year, years }) => ({ validFrom: `${year}-01-01`, validTo: `${year + years}-12-31` }));

  /** Months no other fresh plan's period covers: a KDG adoption of one does not overlap another's (R-D8). */
  let nextMonth = 0;
  /** A new plan (version 1 drafted ten days ago), and every other one with the council informed of it five days ago. */
  async function freshPlan(slug: string, informed: boolean) {
    const month = nextMonth++;
    const first = `${2040 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;
    const made = await setUp(`/collaborations/${slug}/plans`, {
      title: `Fuzzplan ${unique()}`,
      draftedOn: addDays(today, -10),
      validFrom: first,
      validTo: addDays(first, 27),
      focusAreas: [{ key: 'digitalisering', name: 'Digitalisering' }],
    });
    if (informed)
      await setUp(`/plans/${made.id}/events`, {
        type: 'COUNCIL_INFORMED',
        version: 1,
        informedAt: `${addDays(today, -5)}T10:00:00+01:00`,
      });
    plans.push(made.id);
    return made.id as string;
  }

  return [
    {
      name: 'POST /collaborations/:slug/plans',
      method: 'post',
      aim: (n) => ({ path: `/collaborations/${pick(pool.slugs, n)}/plans` }),
      valid: fc
        .record({ drafted: someDate, period, focusAreas, note: fc.boolean() })
        .map(({ drafted, period, focusAreas, note }) => () => ({
          title: `Verksamhetsplan ${unique()}`,
          draftedOn: drafted,
          ...period,
          focusAreas,
          ...(note ? { note: 'Fuzz' } : {}),
        })),
      readBack: async ({ res }) => {
        const read = (await ok(`/plans/${res.body.id}`)).body;
        expect(read.versions).toEqual(res.body.versions);
        const listed = (await ok(`/collaborations/${res.body.collaboration}/plans`)).body;
        expect(listed.plans.map((p: any) => p.id)).toContain(res.body.id);
        await verifies(res.body.id);
        plans.push(res.body.id);
      },
    },
    {
      name: 'POST /plans/:id/events',
      method: 'post',
      aim: async (n, fresh) => ({
        path: `/plans/${fresh || !plans.length ? await freshPlan(pick(pool.slugs, n), n % 2 === 0) : pick(plans, n)}/events`,
      }),
      valid: fc
        .record({
          which: fc.oneof(
            { weight: 3, arbitrary: fc.constant(0) },
            { weight: 1, arbitrary: fc.constant(1) },
            { weight: 3, arbitrary: fc.constant(2) },
            { weight: 1, arbitrary: fc.constant(3) },
            { weight: 2, arbitrary: fc.constant(4) },
            { weight: 1, arbitrary: fc.constant(5) },
            { weight: 1, arbitrary: fc.constant(6) },
          ),
          version: fc.integer({ min: 1, max: 3 }),
          date: recentDate,
          instant: recentInstant,
          period,
          focusAreas,
        })
        .map(({ which, version, date, instant, period, focusAreas }) => () => {
          if (which <= 1) return { type: 'COUNCIL_INFORMED', version: which === 0 ? 1 : version, informedAt: instant };
          if (which <= 3) return { type: 'KDG_ADOPTED', version: which === 2 ? 1 : version, adoptedAt: instant };
          if (which === 4) return { type: 'VERSION_DRAFTED', draftedOn: date, ...period, focusAreas };
          if (which === 5) return { type: 'COUNCIL_ADOPTED', decidedOn: date };
          return {
            type: 'COUNCIL_INFORMED',
            version,
            informedAt: instant,
            councilRecordId: '00000000-0000-4000-8000-000000000000',
          };
        }),
      readBack: async ({ res }) => {
        const read = (await ok(`/plans/${res.body.id}`)).body;
        expect(read.version).toBe(res.body.version);
        expect(read.versions).toEqual(res.body.versions);
        await ok(`/collaborations/${res.body.collaboration}/plans`);
        await verifies(res.body.id);
      },
    },
  ];
}
