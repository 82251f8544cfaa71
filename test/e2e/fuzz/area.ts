import fc from 'fast-check';
import { addDays } from '../../../machines/calendar/calendar';
import { AREA_PURPOSES, LEGAL_FORMS } from '../../../machines/area/area.types';
import { ledamoter, paragraphs } from '../kit';
import { today, type Aim, type FuzzKit, type FuzzTarget } from './kit';

const PURPOSES = Object.keys(AREA_PURPOSES);
/** Mostly a legal form; sometimes a network, which R-F3 refuses (422). */
const FORMS = [...LEGAL_FORMS, ...LEGAL_FORMS, 'NATVERK'];
/** The stages a fresh area is taken to before its case (each a few set-up steps further than the one before). */
const FRESH_STAGES = ['ide', 'forankring', 'forstudie', 'beslut', 'villkor', 'undertecknande', 'drift'] as const;
const ENDING = ['AREA_CLOSED', 'AREA_WOUND_DOWN'];
type FreshStage = (typeof FRESH_STAGES)[number];

interface AreaRef {
  id: string;
  slug: string;
}

/** What the valid bodies are made from: the area as it read just before the case, the facts prepared for it. */
interface AreaFacts {
  view: any;
  /** A justerat KF participation decision per participant that has not decided yet (made by the set-up). */
  decisions: Record<string, string>;
}

/** The fuzz targets of collaboration areas (src/area). */
export function areaTargets(fx: FuzzKit): FuzzTarget[] {
  const { pool, pick, unique, ok, verifies, setUp, pastDate, someDate, recentDate } = fx;
  const areas: AreaRef[] = [];
  /** By the events path a case aims at: what its valid body is made from. */
  const facts = new Map<string, AreaFacts>();
  /** Participation decisions made by the set-up, by area id and municipality code (each used for one area). */
  const prepared = new Map<string, Record<string, string>>();
  let demoLoaded = false;

  /** The demo data's areas (Dalsland's in operation, Västra Mälardalen's six in förstudie), once. */
  async function loadDemo() {
    if (demoLoaded) return;
    demoLoaded = true;
    for (const slug of ['dalslandssamverkan', 'vastra-malardalen']) {
      const listed = (await ok(`/collaborations/${slug}/areas`)).body;
      for (const a of listed.stages.flatMap((s: any) => s.areas)) areas.push({ id: a.id, slug });
    }
  }

  const docVersion = (n: number) => {
    const docs = pool.documents.filter((d) => d.versions.length);
    const doc = pick(docs, n);
    return pick(doc.versions, n >> 2).id;
  };

  /** A justerat decision of `code`'s KF (met five days ago, justerat three days ago) on taking part in an area of `slug`. */
  async function participationDecision(code: string, slug: string): Promise<string> {
    const body = await setUp(`/municipalities/${code}/bodies`, {
      kind: 'KF',
      name: `Kommunfullmäktige ${unique()}`,
      memberCount: 31,
    });
    const meeting = await setUp(`/bodies/${body.id}/meetings`, { date: addDays(today, -5), attendees: ledamoter(20) });
    const paragraph = await setUp(
      `/meetings/${meeting.id}/paragraphs`,
      paragraphs({ subject: 'AREA_PARTICIPATION', collaboration: slug })({ paragraphNumber: `§ ${unique()}` }),
    );
    await setUp(`/meetings/${meeting.id}/justering`, { justeradOn: addDays(today, -3), justerare: ['L1', 'L2'] });
    return paragraph.id as string;
  }

  const step = (id: string, body: Record<string, unknown>) => setUp(`/areas/${id}/events`, body);

  /** A new area of Dalsland taken to `stage` through the API (dates of the last ten days). */
  async function freshArea(stage: FreshStage, n: number): Promise<AreaRef> {
    const slug = 'dalslandssamverkan';
    const participants = n % 2 ? ['1460', '1461'] : ['1460', '1461', '1492'];
    const on = (d: number) => addDays(today, d);
    const made = await setUp(`/collaborations/${slug}/areas`, {
      type: 'AREA_PROPOSED',
      title: `Fuzzområde ${unique()}`,
      purposes: [pick(PURPOSES, n)],
      proposedOn: on(-10),
      participants,
    });
    const ref = { id: made.id as string, slug };
    areas.push(ref);
    const upTo = FRESH_STAGES.indexOf(stage);
    if (upTo >= 1) await step(ref.id, { type: 'FORANKRING_STARTED', startedOn: on(-9) });
    if (upTo >= 2) {
      await step(ref.id, { type: 'KDG_ASSIGNED', assignedOn: on(-9), assignment: 'Utred gemensam organisation' });
      await step(ref.id, { type: 'COUNCIL_INFORMED', informedOn: on(-8) });
      await step(ref.id, { type: 'FORSTUDIE_STARTED', startedOn: on(-8) });
    }
    if (upTo >= 3) {
      await step(ref.id, {
        type: 'REPORT_SUBMITTED',
        submittedOn: on(-7),
        documentVersionId: docVersion(n),
        formAnalysis: 'Avtalssamverkan räcker för verksamheten.',
        proposedLegalForm: pick([...LEGAL_FORMS], n >> 1),
        costModel: { name: 'Fördelning efter invånarantal' },
      });
      await step(ref.id, { type: 'DECISIONS_REQUESTED', requestedOn: on(-7) });
    }
    if (upTo >= 4)
      for (const code of participants)
        await step(ref.id, {
          type: 'PARTICIPATION_DECIDED',
          municipalityCode: code,
          answer: 'YES',
          decisionId: await participationDecision(code, slug),
        });
    const agreement = docVersion(n >> 3);
    if (upTo >= 5)
      await step(ref.id, {
        type: 'AREA_FORMALISED',
        formalisedOn: on(-2),
        legalForm: (await ok(`/areas/${ref.id}`)).body.record.report.proposedLegalForm,
        documentVersionIds: [agreement],
        hostMunicipality: participants[n % participants.length],
        startDate: on(0),
        noticeTerms: 'Uppsägning tolv månader före ett årsskifte',
      });
    if (upTo >= 6) {
      for (const code of participants)
        await step(ref.id, {
          type: 'AGREEMENT_SIGNED',
          signedOn: on(-1),
          municipalityCodes: [code],
          signatory: { name: 'Göran Eriksson', office: 'KOMMUNDIREKTOR', title: `Kommunchef ${code}` },
          authority: { basis: 'Firmatecknare enligt delegationsordningen' },
          documentVersionId: agreement,
        });
      await step(ref.id, { type: 'OPERATION_STARTED', startedOn: on(0) });
    }
    return ref;
  }

  /** The facts of an area just before its case; a participation decision for each participant that may decide now. */
  async function factsOf(ref: AreaRef): Promise<AreaFacts> {
    const view = (await ok(`/areas/${ref.id}`)).body;
    const decisions = prepared.get(ref.id) ?? {};
    prepared.set(ref.id, decisions);
    if (view.allowedEvents.includes('PARTICIPATION_DECIDED'))
      for (const p of view.participants)
        if (p.status === 'UNDECIDED' && !decisions[p.code])
          decisions[p.code] = await participationDecision(p.code, ref.slug);
    return { view, decisions };
  }

  /** The area events, each valid in some stage of the area as it read (`facts`). */
  const areaEvents = (f: AreaFacts, v: Record<string, any>) => {
    const { view, decisions } = f;
    const date = v.date as string;
    const yes = view.participants
      .filter((p: any) => p.status === 'YES' || p.status === 'REGISTERED_EXISTING')
      .map((p: any) => p.code as string);
    const undecided: string[] = view.participants.filter((p: any) => p.status === 'UNDECIDED').map((p: any) => p.code);
    const signed = new Set((view.record.signatures ?? []).flatMap((s: any) => s.municipalityCodes));
    const unsigned = yes.filter((c: string) => !signed.has(c));
    const governing = (view.record.formalisation?.documents ?? []).map((d: any) => d.documentVersionId);
    const decidedForm = view.record.formalisation?.legalForm ?? view.record.report?.proposedLegalForm;
    const deciding: string = pick(undecided.length ? undecided : view.participants.map((p: any) => p.code), v.n);
    return [
      { type: 'FORANKRING_STARTED', startedOn: date },
      {
        type: 'KDG_ASSIGNED',
        assignedOn: date,
        assignment: `Uppdrag ${v.text}`,
        ...(v.flag ? { focusArea: 'Kompetensförsörjning' } : {}),
      },
      { type: 'COUNCIL_INFORMED', informedOn: date },
      { type: 'COUNCIL_DECIDED', decidedOn: date },
      { type: 'FORSTUDIE_STARTED', startedOn: date },
      {
        type: 'REPORT_SUBMITTED',
        submittedOn: date,
        documentVersionId: docVersion(v.n),
        formAnalysis: `Formanalys ${v.text}`,
        proposedLegalForm: pick(FORMS, v.n >> 1),
        costModel: { name: 'Fördelning efter invånarantal', ...(v.flag ? { description: 'Per invånare' } : {}) },
      },
      { type: 'DECISIONS_REQUESTED', requestedOn: date },
      {
        type: 'PARTICIPATION_DECIDED',
        municipalityCode: deciding,
        answer: v.flag ? 'NO' : 'YES',
        decisionId: decisions[deciding] ?? Object.values(decisions)[0] ?? pool.decisions[0].id,
      },
      {
        type: 'AREA_FORMALISED',
        formalisedOn: date,
        legalForm: v.n % 7 === 0 ? pick(FORMS, v.n) : (decidedForm ?? pick(FORMS, v.n)),
        documentVersionIds: [docVersion(v.n)],
        hostMunicipality: pick(yes.length ? yes : ['1460'], v.n),
        startDate: date,
        noticeTerms: `Uppsägning ${v.text}`,
      },
      {
        type: 'AGREEMENT_SIGNED',
        signedOn: date,
        municipalityCodes: unsigned.length ? [pick(unsigned, v.n)] : yes.slice(0, 1),
        signatory: {
          name: 'Tanja Mattsson',
          office: pick(['KOMMUNDIREKTOR', 'OTHER', 'KSO', 'OPPOSITIONSRAD'], v.n),
          ...(v.flag ? { title: 'Socialchef' } : {}),
        },
        ...(v.n % 5 ? { authority: { basis: 'Firmatecknare enligt delegationsordningen' } } : {}),
        documentVersionId: governing.length ? pick(governing, v.n) : docVersion(v.n),
      },
      { type: 'OPERATION_STARTED', startedOn: date },
      { type: 'FOLLOW_UP_STARTED', startedOn: date },
      {
        type: 'FOLLOW_UP_REPORTED',
        reportedOn: date,
        summary: `Uppföljning ${v.text}`,
        ...(v.flag ? { documentVersionId: docVersion(v.n) } : {}),
      },
      { type: 'REVISION_STARTED', startedOn: date, reason: `Revidering ${v.text}` },
      { type: 'REVISION_DECIDED', decidedOn: date, backTo: v.flag ? 'BESLUT' : 'FORMALISERING', reason: 'Nya villkor' },
      { type: 'AREA_WOUND_DOWN', woundDownOn: date, reason: 'Avveckling', underTerms: 'Avtalet § 12' },
      { type: 'AREA_PAUSED', pausedOn: date, reason: 'Paus' },
      { type: 'AREA_RESUMED', resumedOn: date },
      { type: 'AREA_CLOSED', closedOn: date, reason: 'Avslutas utan genomförande' },
    ];
  };

  /** The area as it reads after a 2xx: found, in the answer's state and version, in its collaboration's list; verifies. */
  async function areaReads(answer: any) {
    const read = (await ok(`/areas/${answer.id}`)).body;
    expect({ id: answer.id, state: read.state, version: read.version }).toEqual({
      id: answer.id,
      state: answer.state,
      version: answer.version,
    });
    const listed = (await ok(`/collaborations/${read.collaboration}/areas`)).body;
    expect(listed.stages.flatMap((s: any) => s.areas).map((a: any) => a.id)).toContain(answer.id);
    await ok(`/areas/${answer.id}/history`);
    await verifies(answer.workflowId);
    return read;
  }

  return [
    {
      name: 'POST /collaborations/:slug/areas',
      method: 'post',
      aim: (n) => ({ path: `/collaborations/${pick(pool.slugs, n)}/areas` }),
      valid: fc
        .record({
          existing: fc.boolean(),
          n: fc.nat(),
          count: fc.integer({ min: 2, max: 4 }),
          outsider: fc.boolean(),
          date: someDate,
          start: fc.oneof({ weight: 5, arbitrary: pastDate }, { weight: 1, arbitrary: someDate }),
          description: fc.option(fc.string({ minLength: 1, maxLength: 100 }), { nil: undefined }),
        })
        .map(({ existing, n, count, outsider, date, start, description }) => (aim: Aim) => {
          const slug = aim.path.split('/')[2];
          const parties = pool.parties.get(slug) ?? ['1460', '1461'];
          const participants = Array.from({ length: count }, (_, i) => pick(parties, n + i));
          if (outsider) participants.push('1487');
          const base = {
            title: `Fuzzområde ${unique()}`,
            purposes: [pick(PURPOSES, n), ...(n % 3 ? [] : [pick(PURPOSES, n + 1)])].filter(
              (p, i, all) => all.indexOf(p) === i,
            ),
            ...(description !== undefined ? { description: `Beskrivning ${description}` } : {}),
            participants,
          };
          if (!existing) return { type: 'AREA_PROPOSED', ...base, proposedOn: date };
          return {
            type: 'AREA_REGISTERED_EXISTING',
            ...base,
            registeredOn: date,
            legalForm: pick(FORMS, n),
            documentVersionIds: [docVersion(n)],
            ...(n % 2 ? { hostMunicipality: pick(participants, n >> 1) } : {}),
            startDate: start,
            noticeTerms: 'Uppsägning tolv månader',
          };
        }),
      readBack: async ({ res, body }) => {
        const read = await areaReads(res.body);
        expect(read.title).toBe((body as any).title);
        expect(read.participants.map((p: any) => p.code)).toEqual([...new Set((body as any).participants)]);
        areas.push({ id: res.body.id, slug: res.body.collaboration });
      },
    },
    {
      name: 'POST /areas/:id/events',
      method: 'post',
      aim: async (n, fresh) => {
        await loadDemo();
        const ref = fresh ? await freshArea(pick([...FRESH_STAGES], n), n >> 3) : pick(areas, n);
        const path = `/areas/${ref.id}/events`;
        facts.set(path, await factsOf(ref));
        return { path };
      },
      valid: fc
        .record({
          date: recentDate,
          n: fc.nat(),
          which: fc.nat(),
          anyEvent: fc.integer({ min: 0, max: 7 }),
          flag: fc.boolean(),
          text: fc.string({ minLength: 1, maxLength: 80 }),
        })
        .map((v) => (aim: Aim) => {
          const f = facts.get(aim.path)!;
          const all = areaEvents(f, v);
          // Mostly an event the area takes now (its allowedEvents); sometimes any, which the stage may refuse (409).
          // The events that end an area are taken seldom, so that the areas live on through their stages.
          const now = all.filter((e) => f.view.allowedEvents.includes(e.type));
          const going = now.filter((e) => !ENDING.includes(e.type));
          const choice = v.anyEvent === 0 || !now.length ? all : v.anyEvent === 1 || !going.length ? now : going;
          return pick(choice, v.which);
        }),
      readBack: async ({ res }) => {
        await areaReads(res.body);
        expect(res.body.transition.seq).toBe(res.body.version);
      },
    },
  ];
}
