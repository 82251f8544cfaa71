import fc from 'fast-check';
import type { Aim, FuzzKit, FuzzTarget } from './kit';

/** The fuzz targets of amendments (src/amendment) and of the organisations that sign a declaration (src/collaboration). */
export function amendmentTargets(fx: FuzzKit): FuzzTarget[] {
  const { pool, pick, unique, ok, verifies, setUp, someDate, recentDate } = fx;
  /** The amendments the cases made (id → its collaboration). */
  const amendments = new Map<string, string>();
  const idOf = (aim: Aim) => aim.path.split('/')[2];

  /** A new collaboration (version 3, its parties not entered yet): what the organisations' cases may sign. */
  async function freshCollaboration() {
    const made = await setUp('/collaborations', {
      slug: `fuzz-a-${unique()}`,
      name: 'Fuzz',
      parties: ['1460', '1438'],
      declarationVersion: 'v1',
      declarationEffectiveDate: '2020-01-01',
    });
    pool.slugs.push(made.slug);
    pool.parties.set(made.slug, ['1460', '1438']);
    return made.slug as string;
  }

  async function freshAmendment(slug: string) {
    const made = await setUp(`/collaborations/${slug}/amendments`, {
      title: 'Fuzzändring',
      version: `fuzz-${unique()}`,
      text: 'Avsiktsförklaringen ändras (fuzz).',
    });
    amendments.set(made.id, slug);
    return made.id as string;
  }

  const amendmentBody = fc
    .record({
      n: fc.nat(),
      key: fc.boolean(),
      stated: fc.option(fc.oneof(someDate, fc.constantFrom('2027-01-01', '2030-06-30')), { freq: 3 }),
      adds: fc.option(fc.constantFrom('1487', '1460', '1984', '1438'), { freq: 4 }),
      text: fc.string({ minLength: 1, maxLength: 200 }),
      note: fc.boolean(),
    })
    .map(({ n, key, stated, adds, text, note }) => () => ({
      title: `Fuzzändring ${n}`,
      version: `fuzz-${unique()}`,
      text: `Ändring: ${text}`,
      ...(key ? { documentKey: `fuzz-decl-${n % 3}` } : {}),
      ...(stated !== null ? { statedEffectiveDate: stated } : {}),
      ...(adds !== null ? { addsParty: adds } : {}),
      ...(note ? { note: 'Fuzz' } : {}),
    }));

  const eventBody = fc
    .record({
      date: recentDate,
      organ: fc.oneof(
        { weight: 4, arbitrary: fc.constant(null) },
        { weight: 1, arbitrary: fc.constantFrom('KF', 'KS', 'NAMND') },
      ),
      party: fc.nat(),
      which: fc.oneof(
        { weight: 6, arbitrary: fc.constant('inline' as const) },
        { weight: 1, arbitrary: fc.constant('joint' as const) },
        { weight: 1, arbitrary: fc.constant('recorded' as const) },
      ),
      paragraph: fc.boolean(),
    })
    .map(({ date, organ, party, which, paragraph }) => (aim: Aim) => {
      const slug = amendments.get(idOf(aim)) ?? 'dalslandssamverkan';
      const code = pick(pool.parties.get(slug) ?? pool.codes, party);
      if (which === 'joint')
        return { type: 'JOINT_BODY_APPROVED', body: pick(['SAMVERKANSRADET', 'KDG'], party), decidedOn: date };
      if (which === 'recorded' && pool.decisions.length)
        return { type: 'AMENDMENT_APPROVED', party: code, decisionId: pick(pool.decisions, party).id };
      return {
        type: 'AMENDMENT_APPROVED',
        party: code,
        decision: {
          organ: organ ?? (slug === 'vastra-malardalen' ? 'KS' : 'KF'),
          date,
          ...(paragraph ? { paragraph: '§ 12', diarienummer: 'KS 2026/1' } : {}),
        },
      };
    });

  return [
    {
      name: 'POST /collaborations/:slug/amendments',
      method: 'post',
      aim: (n) => ({ path: `/collaborations/${pick(pool.slugs, n)}/amendments` }),
      valid: amendmentBody,
      readBack: async ({ res }) => {
        const read = (await ok(`/amendments/${res.body.id}`)).body;
        expect(read.document).toEqual(res.body.document);
        await ok(`/document-versions/${res.body.document.versionId}`);
        const listed = (await ok(`/collaborations/${res.body.collaboration}/amendments`)).body;
        expect(listed.map((a: any) => a.id)).toContain(res.body.id);
        await ok(`/collaborations/${res.body.collaboration}`);
        await verifies(res.body.workflowId);
        amendments.set(res.body.id, res.body.collaboration);
      },
    },
    {
      name: 'POST /amendments/:id/events',
      method: 'post',
      aim: async (n, fresh) => {
        const id =
          fresh || !amendments.size ? await freshAmendment(pick(pool.slugs, n)) : pick([...amendments.keys()], n);
        return { path: `/amendments/${id}/events` };
      },
      valid: eventBody,
      readBack: async ({ res }) => {
        const read = (await ok(`/amendments/${res.body.id}`)).body;
        expect(read.version).toBeGreaterThanOrEqual(res.body.transition.seq);
        expect(read.approvals.length).toBe(res.body.approvals.length);
        await ok(`/collaborations/${res.body.collaboration}`);
        await verifies(res.body.workflowId);
        if (res.body.addedParty) {
          const c = (await ok(`/collaborations/${res.body.collaboration}`)).body;
          const m = c.members.find((x: any) => x.municipality.code === res.body.addedParty);
          expect(m).toBeDefined();
          await verifies(m.workflowId);
          pool.parties.set(res.body.collaboration, [
            ...(pool.parties.get(res.body.collaboration) ?? []),
            m.municipality.code,
          ]);
        }
      },
    },
    {
      name: 'POST /collaborations/:slug/organisations',
      method: 'post',
      aim: async (n, fresh) => ({
        path: `/collaborations/${fresh ? await freshCollaboration() : pick(pool.slugs, n)}/organisations`,
      }),
      valid: fc
        .record({
          form: fc.constantFrom('ASSOCIATION', 'COMPANY', 'OTHER'),
          signedOn: someDate,
          signatory: fc.boolean(),
          version: fc.option(fc.constantFrom('v1', '2023-12-08', 'no-such-version'), { freq: 4 }),
          again: fc.nat({ max: 5 }),
        })
        .map(({ form, signedOn, signatory, version, again }) => () => ({
          organisation: { key: again === 0 ? 'fuzz-forening' : `fuzz-org-${unique()}`, name: 'Fuzzföreningen', form },
          signedOn,
          ...(signatory ? { signatory: { name: 'Ordförande', title: 'ordförande' } } : {}),
          ...(version !== null ? { declarationVersion: version } : {}),
        })),
      readBack: async ({ res, body }) => {
        const read = (await ok(`/collaborations/${res.body.slug}`)).body;
        expect(read.organisations).toEqual(res.body.organisations);
        const key = (body as any).organisation.key;
        expect(read.organisations.map((o: any) => o.key)).toContain(key);
        await verifies(res.body.workflowId);
      },
    },
  ];
}
