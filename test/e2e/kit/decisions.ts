import { createHash } from 'crypto';
import { clerkToken, expectErrorBody, type TestContext } from './harness';
import { apiClient, type SendOptions } from './http';

/**
 * What the e2e suites on decision records share: attendees, valid paragraphs to vary, signature bodies, and (bound to a
 * test app by decisionKit) bodies and meetings made through the API by the municipality's clerk, the two outcomes of
 * recording a paragraph (201, or a refusal that writes nothing), and the protocol steps (justering, anslag, events).
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

/** n ledamöter L1..Ln (or another prefix); L1 chairs; alternating parties M, S unless `parties: false`. */
export function ledamoter(n: number, options: { prefix?: string; parties?: boolean } = {}): Attendee[] {
  const prefix = options.prefix ?? 'L';
  return Array.from({ length: n }, (_, i) => ({
    name: `${prefix}${i + 1}`,
    ...(options.parties === false ? {} : { party: i % 2 ? 'S' : 'M' }),
    role: 'LEDAMOT',
    ...(i === 0 ? { chair: true } : {}),
  }));
}

/** A valid paragraph decided by acklamation (A by L1 adopted, B by L2 the counter-proposal), without its number. */
const VALID_PARAGRAPH = {
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
};

/** 1, 2, 3, … */
export function counter(): () => number {
  let n = 0;
  return () => ++n;
}

/**
 * A builder of valid paragraphs: the kit's paragraph with `base` over it (each call gets its own copy), then the call's
 * overrides; both replace whole keys. Each paragraph is numbered `§ n` by `next`, unless base or overrides number it.
 */
export function paragraphs(base: Record<string, unknown> = {}, next: () => number = counter()) {
  return (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    paragraphNumber: `§ ${next()}`,
    ...structuredClone({ ...VALID_PARAGRAPH, ...base }),
    ...overrides,
  });
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** A POST /signatures body: the KSO's ink signature on 2023-12-08 of `version` of document `key` for `code`, with the SHA-256 of `text`. */
export function signatureBody(
  key: string,
  version: string,
  code: string,
  text: string,
  extra: Record<string, unknown> = {},
) {
  return {
    documentKey: key,
    version,
    municipalityCode: code,
    signatory: { name: 'Ulla Börjesson', office: 'KSO' },
    signedOn: '2023-12-08',
    method: 'INK',
    signedHash: sha256(text),
    ...extra,
  };
}

export function decisionKit(ctx: TestContext) {
  /** Numbers the kit's bodies and paragraphs. */
  const next = counter();
  const api = apiClient(ctx);
  const clerk = (code: string) => clerkToken(ctx, code);
  const { post, get } = api;

  /** A valid paragraph decided by acklamation (A adopted, B the counter-proposal); overrides replace whole keys. */
  const para = paragraphs({}, next);

  /** A body of `kind` in `code` (named after its kind unless told), made by the clerk: its id. */
  async function body(code: string, kind: string, memberCount: number, name?: string): Promise<string> {
    const res = await post(
      `/municipalities/${code}/bodies`,
      { kind, name: name ?? `${kind} ${next()}`, memberCount },
      await clerk(code),
    );
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  /** A new body (a nämnd of 9 unless told) and a meeting of it (7 ledamöter on 2024-05-22 unless told): the meeting's id. */
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

  const paragraphCount = async (meetingId: string) =>
    (await get(`/meetings/${meetingId}`)).body.paragraphs.length as number;

  /** Records a paragraph that must be refused with `code` (and `ruleId`, 422 unless said); the meeting gets no paragraph. */
  async function refusedParagraph(
    code: string,
    meetingId: string,
    paragraph: unknown,
    expected: { code: string; ruleId: string; status?: number },
  ) {
    const before = await paragraphCount(meetingId);
    const res = await post(`/meetings/${meetingId}/paragraphs`, paragraph, await clerk(code));
    expect({ status: res.status, code: res.body.code, ruleId: res.body.ruleId }).toEqual({
      status: expected.status ?? 422,
      code: expected.code,
      ruleId: expected.ruleId,
    });
    expectErrorBody(res.body);
    expect(await paragraphCount(meetingId)).toBe(before);
    return res.body;
  }

  /** Records a paragraph as `token`, which must be accepted (201): the decision. */
  async function record(meetingId: string, paragraph: unknown, token: string) {
    const res = await post(`/meetings/${meetingId}/paragraphs`, paragraph, token);
    if (res.status !== 201) throw new Error(`expected 201: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** Records a paragraph as the clerk of `code`, which must be accepted (201): the decision. */
  const recorded = async (code: string, meetingId: string, paragraph: unknown) =>
    record(meetingId, paragraph, await clerk(code));

  /** GET /decisions/:id, which must be found (200): the decision. */
  async function decision(id: string) {
    const res = await get(`/decisions/${id}`);
    expect(res.status).toBe(200);
    return res.body;
  }

  /** POST /decisions/:id/events as `token`. */
  const event = (id: string, body: Record<string, unknown>, token: string, send?: SendOptions) =>
    post(`/decisions/${id}/events`, body, token, send);

  /** The meeting's justering by the clerk of `code` (200). */
  async function justera(code: string, meetingId: string, justeradOn: string, justerare = ['L1', 'L2']) {
    const res = await post(`/meetings/${meetingId}/justering`, { justeradOn, justerare }, await clerk(code));
    expect(res.status).toBe(200);
  }

  /** The meeting's anslag by the clerk of `code` (200). */
  async function anslå(code: string, meetingId: string, anslagOn: string) {
    const res = await post(`/meetings/${meetingId}/anslag`, { anslagOn }, await clerk(code));
    expect(res.status).toBe(200);
  }

  return {
    clerk,
    post,
    get,
    ledamoter,
    para,
    body,
    meeting,
    paragraphCount,
    refusedParagraph,
    record,
    recorded,
    decision,
    event,
    justera,
    anslå,
  };
}
