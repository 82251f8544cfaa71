import fc from 'fast-check';
import { ledamoter } from '../kit';
import type { Aim, FuzzKit, FuzzTarget } from './kit';

/** One of the protocol events, valid for some state of a paragraph's workflow. */
const protocolEvent = (date: string, instant: string, paragraph: unknown) => [
  { type: 'PARAGRAPH_AMENDED', paragraph, reason: 'Fuzz' },
  { type: 'JUSTERAT', justeradOn: date, justerare: ['L1', 'L2'], immediate: true },
  { type: 'ANSLAG_POSTED', anslagOn: date, noticeBoard: 'https://example.se/anslag' },
  { type: 'APPEAL_RECEIVED', receivedOn: date, court: 'Förvaltningsrätten i Göteborg', caseNumber: '1-26' },
  { type: 'NO_APPEAL_CONFIRMED', confirmedOn: date, basis: 'Lagakraftbevis' },
  { type: 'APPEAL_DECIDED', outcome: 'REJECTED', decidedOn: date },
  { type: 'CORRECTION_RECORDED', correctedOn: date, reason: 'Skrivfel', text: 'Rättelse\nrad två' },
  { type: 'RESERVATION_MOTIVATION_SUBMITTED', member: 'L2', text: 'Motivering', submittedAt: instant },
];

const STAGES = ['draft', 'justerad', 'anslagen'] as const;

/** The fuzz targets of bodies, meetings, paragraphs and protocol events (src/decision). */
export function decisionTargets(fx: FuzzKit): FuzzTarget[] {
  const {
    pool,
    pick,
    unique,
    ok,
    verifies,
    decisionReads,
    meetingReads,
    freshParagraph,
    paragraphFor,
    someDate,
    someInstant,
    recentDate,
    recentInstant,
  } = fx;
  return [
    {
      name: 'POST /municipalities/:code/bodies',
      method: 'post',
      aim: (n) => ({ path: `/municipalities/${pick(pool.codes, n)}/bodies` }),
      valid: fc
        .record({
          kind: fc.constantFrom('KF', 'KS', 'NAMND', 'UTSKOTT'),
          members: fc.integer({ min: 1, max: 60 }),
          // R-H18: fullmäktige's decision allowing a nämnd's meetings to be open to the public
          open: fc.option(someDate, { nil: undefined }),
        })
        .map(({ kind, members, open }) => () => ({
          kind,
          name: `Fuzzorgan ${unique()}`,
          memberCount: members,
          ...(open && kind !== 'KF' ? { openMeetingsDecision: { decidedOn: open, reference: 'KF § 12' } } : {}),
        })),
      readBack: async ({ res }) => {
        const bodies = (await ok(`/municipalities/${res.body.municipalityCode}/bodies`)).body;
        expect(bodies.map((b: any) => b.id)).toContain(res.body.id);
        pool.bodies.push(res.body.id);
      },
    },
    {
      name: 'POST /bodies/:id/open-meetings-decision',
      method: 'post',
      aim: (n) => ({ path: `/bodies/${pick(pool.bodies, n)}/open-meetings-decision` }),
      // R-H18: refused for a KF body and for a body that has one; a past day, sometimes one the API must refuse
      valid: someDate.map((decidedOn) => () => ({ decidedOn, reference: `KF § ${unique()}` })),
      readBack: async ({ res }) => {
        const bodies = (await ok(`/municipalities/${res.body.municipalityCode}/bodies`)).body;
        const read = bodies.find((b: any) => b.id === res.body.id);
        expect(read.openMeetingsDecision).toEqual(res.body.openMeetingsDecision);
      },
    },
    {
      name: 'POST /bodies/:id/meetings',
      method: 'post',
      aim: (n) => ({ path: `/bodies/${pick(pool.bodies, n)}/meetings` }),
      valid: fc
        .record({
          date: someDate,
          n: fc.integer({ min: 1, max: 9 }),
          times: fc.boolean(),
          at: someInstant,
          // R-H18: open to the public or not (refused for a nämnd without fullmäktige's decision, or a closed KF)
          open: fc.option(fc.boolean(), { nil: undefined }),
        })
        .map(({ date, n, times, at, open }) => () => ({
          date,
          attendees: ledamoter(n),
          place: 'Kommunhuset',
          ...(times ? { closedAt: at, justeringAt: `${date}T20:00:00+01:00` } : {}),
          ...(open !== undefined ? { public: open } : {}),
        })),
      readBack: async ({ res }) => {
        await ok(`/meetings/${res.body.id}`);
        pool.meetings.push({ id: res.body.id, names: res.body.attendees.map((a: any) => a.name), mellerud: false });
      },
    },
    {
      name: 'POST /meetings/:id/paragraphs',
      method: 'post',
      aim: async (n, fresh) => {
        const meeting = fresh ? (await freshParagraph('draft')).meeting : pick(pool.meetings, n);
        return { path: `/meetings/${meeting.id}/paragraphs`, meeting };
      },
      // R-H12: sometimes a member who does not take part (announced in time or late), or myndighetsutövning
      valid: fc.record({ part: fc.nat({ max: 2 }), timely: fc.boolean() }).map(({ part, timely }) => (aim: Aim) => {
        const paragraph = paragraphFor(aim.meeting, `§ ${unique()}`) as Record<string, unknown>;
        const member = aim.meeting?.names.at(-1);
        if (part === 1 && member)
          return { ...paragraph, notParticipating: [{ member, announcedBeforeQuestion: timely }] };
        if (part === 2) return { ...paragraph, myndighetsutovning: true };
        return paragraph;
      }),
      readBack: async ({ res }) => {
        await decisionReads(res.body.id, res.body.workflowId);
        await ok(`/decisions/${res.body.id}/extract.pdf`);
        pool.decisions.push({ id: res.body.id, workflowId: res.body.workflowId, meeting: undefined });
        pool.workflows.push(res.body.workflowId);
      },
    },
    {
      name: 'POST /meetings/:id/justering',
      method: 'post',
      aim: async (n, fresh) => {
        const meeting = fresh ? (await freshParagraph('draft')).meeting : pick(pool.meetings, n);
        return { path: `/meetings/${meeting.id}/justering`, meeting };
      },
      valid: recentDate.map((date) => (aim: Aim) => ({ justeradOn: date, justerare: aim.meeting!.names.slice(0, 2) })),
      readBack: async ({ res }) => meetingReads(res.body.id),
    },
    {
      name: 'POST /meetings/:id/anslag',
      method: 'post',
      aim: async (n, fresh) => {
        const meeting = fresh ? (await freshParagraph('justerad')).meeting : pick(pool.meetings, n);
        return { path: `/meetings/${meeting.id}/anslag`, meeting };
      },
      valid: recentDate.map((anslagOn) => () => ({ anslagOn, noticeBoard: 'https://example.se/anslag' })),
      readBack: async ({ res }) => meetingReads(res.body.id),
    },
    {
      name: 'POST /decisions/:id/events',
      method: 'post',
      aim: async (n, fresh) => {
        const decision = fresh ? (await freshParagraph(pick([...STAGES], n))).decision : pick(pool.decisions, n);
        return { path: `/decisions/${decision.id}/events`, decision, meeting: decision.meeting };
      },
      valid: fc.record({ date: recentDate, instant: recentInstant, which: fc.nat() }).map(
        ({ date, instant, which }) =>
          (aim: Aim) =>
            pick(protocolEvent(date, instant, paragraphFor(aim.meeting, `§ ${unique()}`)), which),
      ),
      readBack: async ({ res }) => {
        await decisionReads(res.body.id, res.body.workflowId);
        for (const c of res.body.compensations ?? []) if (c.workflowId) await verifies(c.workflowId);
      },
    },
  ];
}
