import fc from 'fast-check';
import { addDays, fromEpochDay, toEpochDay, toStockholmDate } from '../../../machines/calendar/calendar';
import { apiClient, ledamoter, MELLERUD_PARAGRAPH, paragraphs, type TestContext } from '../kit';

/**
 * What the fuzzer's targets are made of (test/e2e/fuzz.e2e-spec.ts runs them): the records the cases aim at, the
 * reads a 2xx must pass, set-up writes, and the dates the valid bodies use. A module's targets are in a file of their
 * own in this folder (`<module>.ts`, a function of a FuzzKit to FuzzTarget[]), listed in index.ts.
 */

export const today = toStockholmDate(new Date().toISOString());
export const tomorrow = addDays(today, 1);

/** Dates that are well formed or nearly so but impossible, too far back, in the future or at the calendar's end. */
export const HOSTILE_DATES = [
  '9999-12-31',
  '9999-12-20',
  '0000-01-01',
  '0001-01-01',
  '1899-12-31',
  '2024-02-30',
  '2023-02-29',
  tomorrow,
  addDays(today, 400),
  '2099-12-31',
  '2126-12-31',
];
export const HOSTILE_OFFSETS = ['Z', '+14:00', '-14:00', '+14:01', '+23:59', '-23:59', '+01:00', ''];

export interface MeetingRef {
  id: string;
  names: string[];
  mellerud: boolean;
}
export interface DecisionRef {
  id: string;
  workflowId: string;
  meeting?: MeetingRef;
}

/** A request a case sent: its path, the body as sent (parsed), and the answer. */
export interface Sent {
  path: string;
  body: unknown;
  res: any;
}

/** Where a case goes: its path and the records it aims at (whose names a valid body uses). */
export interface Aim {
  path: string;
  meeting?: MeetingRef;
  decision?: DecisionRef;
}

/**
 * A write endpoint: its route as the app declares it (`name`: method and path under /api/v1; parameter names do not
 * matter), where a case goes (`aim`; with `fresh`, a live record made for the case before it is counted: a paragraph
 * waiting for its justering, a party that is not a member yet), its valid bodies, and what a 2xx must leave readable.
 */
export interface FuzzTarget {
  name: string;
  method: 'post' | 'patch' | 'put' | 'delete';
  aim: (n: number, fresh: boolean) => Aim | Promise<Aim>;
  valid: fc.Arbitrary<(aim: Aim) => unknown>;
  readBack?: (sent: Sent) => Promise<void>;
  /** A POST that only reads (verify): its 2xx changes nothing either. */
  readOnly?: true;
}

/** What the cases aim at: the demo data's records (filled in by the suite's beforeAll) and those the cases create. */
export interface FuzzPool {
  slugs: string[];
  parties: Map<string, string[]>;
  codes: string[];
  socialnamnden: string;
  bodies: string[];
  meetings: MeetingRef[];
  decisions: DecisionRef[];
  documents: Array<{ key: string; versions: Array<{ id: string; version: string; text: string }> }>;
  workflows: string[];
  /** Tokens the cases issued (never the suite's own: a revoke aims only at these). */
  tokens: string[];
}

export type FuzzKit = ReturnType<typeof fuzzKit>;

export function fuzzKit(ctx: TestContext) {
  const api = apiClient(ctx);
  const pool: FuzzPool = {
    slugs: ['dalslandssamverkan', 'vastra-malardalen'],
    parties: new Map<string, string[]>([
      ['dalslandssamverkan', ['1460', '1438', '1439', '1461', '1492']],
      ['vastra-malardalen', ['1984', '1983', '1960']],
    ]),
    codes: ['1460', '1438', '1439', '1461', '1492', '1984', '1983', '1960', '1487'],
    socialnamnden: '',
    bodies: [],
    meetings: [],
    decisions: [],
    documents: [],
    workflows: [],
    tokens: [],
  };
  const pick = <T>(list: T[], n: number): T => list[n % list.length];
  let counter = 0;
  const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

  /** GET {path} answers 200 (as the auditor unless told). */
  const ok = async (path: string, token?: string) => {
    const res = await api.get(path, token);
    expect({ path, status: res.status }).toEqual({ path, status: 200 });
    return res;
  };
  const verifies = async (workflowId: string) => {
    const res = await api.post(`/workflows/${workflowId}/verify`, undefined, ctx.tokens.auditor);
    expect({ workflowId, status: res.status, ok: res.body.ok }).toEqual({ workflowId, status: 200, ok: true });
  };
  const decisionReads = async (id: string, workflowId?: string) => {
    await ok(`/decisions/${id}`);
    await ok(`/decisions/${id}/extract`);
    if (workflowId) await verifies(workflowId);
  };
  const meetingReads = async (meetingId: string) => {
    const meeting = (await ok(`/meetings/${meetingId}`)).body;
    for (const p of meeting.paragraphs) await decisionReads(p.id, p.workflowId);
  };

  /** A set-up write before a case is counted: it must succeed. */
  async function setUp(path: string, body: unknown) {
    const res = await api.post(path, body);
    if (res.status >= 300) throw new Error(`set-up ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** A new meeting of the socialnämnd (L1..L7, 5 days ago) with one paragraph in `stage` (the dates are real). */
  async function freshParagraph(stage: 'draft' | 'justerad' | 'anslagen') {
    const made = await setUp(`/bodies/${pool.socialnamnden}/meetings`, {
      date: addDays(today, -5),
      attendees: ledamoter(7),
    });
    const meeting: MeetingRef = { id: made.id, names: ledamoter(7).map((a) => a.name), mellerud: false };
    const paragraph = await setUp(`/meetings/${meeting.id}/paragraphs`, paragraphs()());
    const decision: DecisionRef = { id: paragraph.id, workflowId: paragraph.workflowId, meeting };
    if (stage !== 'draft')
      await setUp(`/meetings/${meeting.id}/justering`, { justeradOn: addDays(today, -3), justerare: ['L1', 'L2'] });
    if (stage === 'anslagen') await setUp(`/meetings/${meeting.id}/anslag`, { anslagOn: addDays(today, -1) });
    pool.meetings.push(meeting);
    pool.decisions.push(decision);
    pool.workflows.push(decision.workflowId);
    return { meeting, decision };
  }

  /** A valid paragraph for the meeting (the Mellerud one for the demo meeting, the kit's for L1..L7). */
  const paragraphFor = (meeting: { mellerud: boolean } | undefined, number: string) =>
    meeting?.mellerud
      ? { ...structuredClone(MELLERUD_PARAGRAPH), paragraphNumber: number }
      : paragraphs({ paragraphNumber: number })();

  const pastDate = fc.integer({ min: toEpochDay('2016-01-01'), max: toEpochDay(today) }).map(fromEpochDay);
  const pastInstant = pastDate.map((d) => `${d}T10:00:00+01:00`);
  /** A date as the valid bodies give it: mostly a past day, sometimes one the API must refuse. */
  const someDate = fc.oneof(
    { weight: 5, arbitrary: pastDate },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_DATES) },
  );
  const someInstant = fc.oneof(
    { weight: 5, arbitrary: pastInstant },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.constantFrom(...HOSTILE_DATES), fc.constantFrom(...HOSTILE_OFFSETS))
        .map(([d, o]) => `${d}T23:30:00${o}`),
    },
  );
  /** A date of the last few days: after the fresh meetings (5 days ago) and their justering (3 days ago). */
  const recentDate = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: -3, max: 0 }).map((d) => addDays(today, d)) },
    { weight: 1, arbitrary: someDate },
  );
  const recentInstant = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: -3, max: 0 }).map((d) => `${addDays(today, d)}T00:30:00+01:00`) },
    { weight: 1, arbitrary: someInstant },
  );

  return {
    ctx,
    api,
    pool,
    pick,
    unique,
    ok,
    verifies,
    decisionReads,
    meetingReads,
    setUp,
    freshParagraph,
    paragraphFor,
    pastDate,
    someDate,
    someInstant,
    recentDate,
    recentInstant,
  };
}
