import { bearer, clerkToken, expectErrorBody, type TestContext } from './harness';

/**
 * What the e2e suites on decision records share: bodies and meetings made through the API by the municipality's
 * clerk, a valid paragraph to vary, and the two outcomes of recording one (201, or a refusal that writes nothing).
 */
export interface Attendee {
  name: string;
  party?: string;
  role: string;
  chair?: boolean;
}

export interface MeetingOptions {
  kind?: string;
  memberCount?: number;
  attendees?: Attendee[];
  date?: string;
  closedAt?: string;
  justeringAt?: string;
}

export function decisionKit(ctx: () => TestContext) {
  let counter = 0;
  const clerk = (code: string) => clerkToken(ctx(), code);
  const post = (path: string, body: unknown, token: string) => ctx().http.post(`/api/v1${path}`).set(bearer(token)).send(body as object);
  const get = (path: string) => ctx().http.get(`/api/v1${path}`).set(bearer(ctx().tokens.auditor));

  /** n ledamöter L1..Ln, alternating parties; L1 chairs. */
  const ledamoter = (n: number, prefix = 'L'): Attendee[] =>
    Array.from({ length: n }, (_, i) => ({ name: `${prefix}${i + 1}`, party: i % 2 ? 'S' : 'M', role: 'LEDAMOT', ...(i === 0 ? { chair: true } : {}) }));

  /** A valid paragraph decided by acklamation (A adopted, B the counter-proposal); overrides replace whole keys. */
  const para = (overrides: Record<string, unknown> = {}) => ({
    paragraphNumber: `§ ${++counter}`,
    matter: { title: 'Ärende' },
    subject: 'OTHER',
    beslutsunderlag: [],
    proposals: [
      { id: 'A', by: [{ name: 'L1' }], text: 'Bifall till förvaltningens förslag' },
      { id: 'B', by: [{ name: 'L2' }], text: 'Avslag' },
    ],
    beslutsgang: ['Ordföranden ställer förslagen mot varandra och finner att nämnden bifaller L1s förslag.'],
    method: { kind: 'ACKLAMATION', adopted: 'A' },
    decision: { attSatser: ['bifalla förvaltningens förslag.'] },
    jav: [],
    reservations: [],
    protokollsanteckningar: [],
    sendTo: [],
    ...overrides,
  });

  async function body(code: string, kind: string, memberCount: number): Promise<string> {
    const res = await post(`/municipalities/${code}/bodies`, { kind, name: `${kind} ${++counter}`, memberCount }, await clerk(code));
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  async function meeting(code: string, opts: MeetingOptions = {}): Promise<string> {
    const bodyId = await body(code, opts.kind ?? 'NAMND', opts.memberCount ?? 9);
    const res = await post(
      `/bodies/${bodyId}/meetings`,
      {
        date: opts.date ?? '2024-05-22',
        attendees: opts.attendees ?? ledamoter(7),
        ...(opts.closedAt ? { closedAt: opts.closedAt } : {}),
        ...(opts.justeringAt ? { justeringAt: opts.justeringAt } : {}),
      },
      await clerk(code),
    );
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  const paragraphCount = async (meetingId: string) => (await get(`/meetings/${meetingId}`)).body.paragraphs.length as number;

  /** Records a paragraph that must be refused with `code` (and `ruleId`, 422 unless said); the meeting gets no paragraph. */
  async function refusedParagraph(code: string, meetingId: string, paragraph: unknown, expected: { code: string; ruleId: string; status?: number }) {
    const before = await paragraphCount(meetingId);
    const res = await post(`/meetings/${meetingId}/paragraphs`, paragraph, await clerk(code));
    expect({ status: res.status, code: res.body.code, ruleId: res.body.ruleId }).toEqual({ status: expected.status ?? 422, code: expected.code, ruleId: expected.ruleId });
    expectErrorBody(res.body);
    expect(await paragraphCount(meetingId)).toBe(before);
    return res.body;
  }

  async function recorded(code: string, meetingId: string, paragraph: unknown) {
    const res = await post(`/meetings/${meetingId}/paragraphs`, paragraph, await clerk(code));
    if (res.status !== 201) throw new Error(`expected 201: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  return { clerk, post, get, ledamoter, para, body, meeting, paragraphCount, refusedParagraph, recorded };
}
