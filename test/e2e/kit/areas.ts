import { addDays } from '../../../machines/calendar/calendar';
import { decisionKit, ledamoter } from './decisions';
import { clerkToken, expectErrorBody, type TestContext } from './harness';
import { apiClient, type SendOptions } from './http';
import { workflowFootprint } from './workflows';

/**
 * Collaboration areas through the API: proposing (as the coordinator), events, reads, refusals that write nothing,
 * and the facts an area needs: a document version, and a justerat participation decision of a municipality's organ.
 */
export const PURPOSE = 'KOMPETENSFORSORJNING_OCH_SARBARHET';

export function areaKit(ctx: TestContext) {
  const api = apiClient(ctx);
  const decisions = decisionKit(ctx);
  let documents = 0;

  /** POST /collaborations/{slug}/areas as `token` (default the coordinator). */
  const create = (slug: string, body: Record<string, unknown>, token = ctx.tokens.coordinator) =>
    api.post(`/collaborations/${slug}/areas`, body, token);

  /** Proposes an area that must be accepted (201): the answer. */
  async function propose(slug: string, participants: string[], extra: Record<string, unknown> = {}) {
    const res = await create(slug, {
      type: 'AREA_PROPOSED',
      title: 'Gemensam socialtjänst',
      purposes: [PURPOSE],
      proposedOn: '2025-02-03',
      participants,
      ...extra,
    });
    if (res.status !== 201) throw new Error(`propose: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** POST /areas/{id}/events as `token` (default the coordinator). */
  const send = (id: string, body: Record<string, unknown>, token = ctx.tokens.coordinator, options?: SendOptions) =>
    api.post(`/areas/${id}/events`, body, token, options);

  /** An area event that must be accepted (201): the answer. */
  async function step(id: string, body: Record<string, unknown>, token = ctx.tokens.coordinator) {
    const res = await send(id, body, token);
    if (res.status !== 201) throw new Error(`${String(body.type)}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** An area event that must be refused with `expected`, leaving the area's workflow as it was. */
  async function refused(
    id: string,
    body: Record<string, unknown>,
    expected: { status: number; code: string; ruleId?: string },
    token = ctx.tokens.coordinator,
  ) {
    const area = await get(id);
    const before = await workflowFootprint(ctx, area.workflowId);
    const res = await send(id, body, token);
    expect({ status: res.status, code: res.body?.code }).toEqual({ status: expected.status, code: expected.code });
    expectErrorBody(res.body);
    if (expected.ruleId !== undefined) expect(res.body.ruleId).toBe(expected.ruleId);
    expect(await workflowFootprint(ctx, area.workflowId)).toEqual(before);
    return res.body;
  }

  /** GET /areas/{id} (as the auditor), which must be found. */
  async function get(id: string, asOf?: string) {
    const res = await api.get(`/areas/${id}${asOf ? `?asOf=${asOf}` : ''}`);
    if (res.status !== 200) throw new Error(`get area ${id}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  }

  /** A new document with one version of `text`: the version's id and hash. */
  async function documentVersion(text: string, title = 'Avtal om samverkan') {
    const key = `omradesdokument-${++documents}`;
    expect((await api.post('/documents', { key, title })).status).toBe(201);
    const v = await api.post(`/documents/${key}/versions`, { version: '1.0', text });
    expect(v.status).toBe(201);
    return v.body as { id: string; sha256: string };
  }

  /**
   * A justerat decision of `code`'s organ (KF unless told) about taking part in an area of `slug`, recorded by its clerk
   * at a meeting on `date`, justerat two days later: the decision's id.
   */
  async function participationDecision(
    code: string,
    slug: string,
    options: { organ?: string; date?: string; subject?: string; justera?: boolean } = {},
  ) {
    const date = options.date ?? '2025-03-24';
    const kind = options.organ ?? 'KF';
    const meeting = await decisions.meeting(code, {
      kind,
      memberCount: 31,
      attendees: ledamoter(20),
      date,
    });
    const d = await decisions.recorded(
      code,
      meeting,
      decisions.para({ subject: options.subject ?? 'AREA_PARTICIPATION', collaboration: slug }),
    );
    if (options.justera !== false) await decisions.justera(code, meeting, addDays(date, 2));
    return d.id as string;
  }

  /** The clerk of `code` records that municipality's answer on a recorded decision. */
  async function decide(id: string, code: string, answer: 'YES' | 'NO', decisionId: string) {
    return step(
      id,
      { type: 'PARTICIPATION_DECIDED', municipalityCode: code, answer, decisionId },
      await clerkToken(ctx, code),
    );
  }

  /** Takes a proposed area through förankring and förstudie into the decision stage, with `form` as the proposed form. */
  async function toDecisions(id: string, form = 'KOMMUNALFORBUND') {
    await step(id, { type: 'FORANKRING_STARTED', startedOn: '2025-02-10' });
    await step(id, { type: 'KDG_ASSIGNED', assignedOn: '2025-02-17', assignment: 'Utred gemensam organisation' });
    await step(id, { type: 'COUNCIL_INFORMED', informedOn: '2025-02-20' });
    await step(id, { type: 'FORSTUDIE_STARTED', startedOn: '2025-03-01' });
    const report = await documentVersion('Förstudierapport: formanalys och kostnadsmodell', 'Förstudierapport');
    await step(id, {
      type: 'REPORT_SUBMITTED',
      submittedOn: '2025-03-10',
      documentVersionId: report.id,
      formAnalysis: 'Kommunalförbund väger tyngst för myndighetsutövning och styrning.',
      proposedLegalForm: form,
      costModel: { name: 'Fördelning efter invånarantal' },
    });
    return step(id, { type: 'DECISIONS_REQUESTED', requestedOn: '2025-03-12' });
  }

  /** The anslag of a decision's protocol by its municipality's clerk. */
  async function anslag(code: string, decisionId: string, anslagOn: string) {
    const d = await decisions.decision(decisionId);
    await decisions.anslå(code, d.meeting.id, anslagOn);
  }

  return {
    decisions,
    anslag,
    api,
    create,
    propose,
    send,
    step,
    refused,
    get,
    documentVersion,
    participationDecision,
    decide,
    toDecisions,
  };
}
