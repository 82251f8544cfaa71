import fc from 'fast-check';
import type { Aim, FuzzKit, FuzzTarget } from './kit';

/** The fuzz targets of Samverkansrådet: seats, meetings and records (src/council). */
export function councilTargets(fx: FuzzKit): FuzzTarget[] {
  const { pool, pick, unique, ok, verifies, setUp, someDate } = fx;
  /** The council meetings the cases made, by collaboration. */
  const meetings = new Map<string, string[]>();
  const slugOf = (aim: Aim) => aim.path.split('/')[2];

  /**
   * A new collaboration, whose council has nothing recorded yet (no council workflow): the first write starts it.
   * Its parties are not entered yet; the council seats them all the same.
   */
  async function freshCollaboration() {
    const made = await setUp('/collaborations', {
      slug: `fuzz-c-${unique()}`,
      name: 'Fuzz',
      parties: ['1460', '1438'],
      declarationVersion: 'v1',
      declarationEffectiveDate: '2020-01-01',
    });
    pool.slugs.push(made.slug);
    pool.parties.set(made.slug, ['1460', '1438']);
    return made.slug as string;
  }
  const aimAt = (what: string) => async (n: number, fresh: boolean) => ({
    path: `/collaborations/${fresh ? await freshCollaboration() : pick(pool.slugs, n)}/council/${what}`,
  });

  /** What every council write must leave: the council reads back with this write's row, and its workflow verifies. */
  const councilReads = async (res: any) => {
    const read = (await ok(`/collaborations/${res.body.collaboration}/council`)).body;
    expect(read.workflowId).toBe(res.body.workflowId);
    expect(read.version).toBeGreaterThanOrEqual(res.body.transition.seq);
    await verifies(res.body.workflowId);
    return read;
  };

  return [
    {
      name: 'POST /collaborations/:slug/council/members',
      method: 'post',
      aim: aimAt('members'),
      valid: fc
        .record({
          party: fc.nat(),
          seat: fc.constantFrom('KSO', 'OPPOSITIONSRAD'),
          from: someDate,
          equivalent: fc.boolean(),
          politicalParty: fc.option(fc.constantFrom('S', 'M', 'C'), { freq: 2 }),
        })
        .map(({ party, seat, from, equivalent, politicalParty }) => (aim: Aim) => ({
          municipality: pick(pool.parties.get(slugOf(aim)) ?? pool.codes, party),
          seat,
          name: `Ledamot ${unique()}`,
          from,
          ...(politicalParty !== null ? { politicalParty } : {}),
          ...(equivalent ? { equivalent: { office: 'Gruppledare', basis: 'KS 2024-01-15 § 3' } } : {}),
        })),
      readBack: async ({ res, body }) => {
        const read = await councilReads(res);
        expect(read.seatHistory.map((s: any) => s.name)).toContain((body as any).name);
      },
    },
    {
      name: 'POST /collaborations/:slug/council/meetings',
      method: 'post',
      aim: aimAt('meetings'),
      valid: fc
        .record({ date: fc.oneof(someDate, fc.constantFrom('2030-03-14')), note: fc.boolean() })
        .map(({ date, note }) => () => ({ date, place: 'Dals-Eds kommunhus', ...(note ? { note: 'Fuzz' } : {}) })),
      readBack: async ({ res }) => {
        const read = await councilReads(res);
        const id = (res.body.transition.payload as any).meetingId;
        expect(read.meetings.map((m: any) => m.meetingId)).toContain(id);
        meetings.set(res.body.collaboration, [...(meetings.get(res.body.collaboration) ?? []), id]);
      },
    },
    {
      name: 'POST /collaborations/:slug/council/records',
      method: 'post',
      aim: aimAt('records'),
      valid: fc
        .record({
          kind: fc.constantFrom(
            'INFORMATION',
            'DISCUSSION',
            'RECOMMENDATION',
            'MINNESANTECKNINGAR',
            'INFORMATION',
            'BESLUT',
            'APPROVAL',
          ),
          recordedOn: someDate,
          meeting: fc.option(fc.nat(), { freq: 2 }),
          subject: fc.option(fc.constantFrom('COST_ARRANGEMENT', 'PLAN', 'AREA', 'EXIT', 'OTHER'), { freq: 2 }),
          text: fc.boolean(),
        })
        .map(({ kind, recordedOn, meeting, subject, text }) => (aim: Aim) => {
          const known = meetings.get(slugOf(aim)) ?? [];
          return {
            kind,
            title: `Anteckning ${unique()}`,
            recordedOn,
            ...(text ? { text: 'Rådet informerades.\nRad två.' } : {}),
            ...(meeting !== null
              ? { meetingId: known.length ? pick(known, meeting) : '00000000-0000-4000-8000-000000000000' }
              : {}),
            ...(subject !== null ? { subject } : {}),
          };
        }),
      readBack: async ({ res }) => {
        const read = await councilReads(res);
        const id = (res.body.transition.payload as any).recordId;
        expect(read.records.find((r: any) => r.recordId === id)).toMatchObject({ legalEffect: 'NONE' });
      },
    },
  ];
}
