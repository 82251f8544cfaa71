import { expectErrorBody, type TestContext } from './harness';
import { apiClient, type SendOptions } from './http';
import { workflowFootprint } from './workflows';

/**
 * Collaborations and membership events through the API. Unless told otherwise a collaboration is Dalslandssamverkan's
 * five parties under the declaration of 2023-12-08 (in force 2024-01-01), events are the admin's, and the slug is
 * 'dalslandssamverkan'.
 */
export const DALSLAND_PARTIES = ['1460', '1438', '1439', '1461', '1492'];

async function postCollaboration(ctx: TestContext, what: string, body: Record<string, unknown>) {
  const res = await apiClient(ctx).post('/collaborations', body);
  if (res.status !== 201) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Creates Dalslandssamverkan as the declaration gives it (in force 2024-01-01) through the API. */
export function createDalsland(ctx: TestContext, settings?: Record<string, string>, slug = 'dalslandssamverkan') {
  return postCollaboration(ctx, 'createDalsland', {
    slug,
    name: 'Dalslandssamverkan',
    parties: DALSLAND_PARTIES,
    declarationVersion: '2023-12-08',
    declarationEffectiveDate: '2024-01-01',
    ...(settings ? { settings } : {}),
  });
}

/** Creates any collaboration through the API (admin); fails loudly unless 201. */
export function createCollaboration(
  ctx: TestContext,
  slug: string,
  options: {
    parties?: string[];
    settings?: Record<string, string>;
    declarationVersion?: string;
    declarationEffectiveDate?: string;
  } = {},
) {
  return postCollaboration(ctx, `createCollaboration ${slug}`, {
    slug,
    name: `Samverkan ${slug}`,
    parties: options.parties ?? DALSLAND_PARTIES,
    declarationVersion: options.declarationVersion ?? '2023-12-08',
    declarationEffectiveDate: options.declarationEffectiveDate ?? '2024-01-01',
    ...(options.settings ? { settings: options.settings } : {}),
  });
}

/** POSTs one membership event for party `code` as the given token (default: admin); `send.idempotencyKey` sets the Idempotency-Key. */
export function postEvent(
  ctx: TestContext,
  code: string,
  body: unknown,
  token = ctx.tokens.admin,
  slug = 'dalslandssamverkan',
  send?: SendOptions,
) {
  return apiClient(ctx).post(`/collaborations/${slug}/memberships/${code}/events`, body, token, send);
}

/** GET the membership of `code` (as the auditor), as of `asOf` if given. */
export function getMembership(ctx: TestContext, code: string, asOf?: string, slug = 'dalslandssamverkan') {
  const q = asOf ? `?asOf=${asOf}` : '';
  return apiClient(ctx).get(`/collaborations/${slug}/memberships/${code}${q}`);
}

/** The membership of `code` in `slug` (as of `asOf` if given), which must be found (200): the body. */
export async function membershipOf(ctx: TestContext, slug: string, code: string, asOf?: string) {
  const res = await getMembership(ctx, code, asOf, slug);
  expect(res.status).toBe(200);
  return res.body;
}

/** The workflow id of a membership (read as the auditor). */
export async function membershipWorkflowId(
  ctx: TestContext,
  code: string,
  slug = 'dalslandssamverkan',
): Promise<string> {
  const res = await getMembership(ctx, code, undefined, slug);
  if (res.status !== 200)
    throw new Error(`membershipWorkflowId ${slug}/${code}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.workflowId;
}

/** The standard entry: KF decision then KSO signature. */
export async function enter(
  ctx: TestContext,
  code: string,
  decisionDate = '2023-11-29',
  signedOn = '2023-12-08',
  slug = 'dalslandssamverkan',
) {
  const a = await postEvent(
    ctx,
    code,
    { type: 'FULLMAKTIGE_ADOPTED_DECLARATION', decision: { organ: 'KF', date: decisionDate } },
    ctx.tokens.admin,
    slug,
  );
  if (a.status !== 201) throw new Error(`enter/decision: ${a.status} ${JSON.stringify(a.body)}`);
  const b = await postEvent(
    ctx,
    code,
    { type: 'KSO_SIGNED', signedOn, signatory: { name: 'KSO', office: 'KSO' } },
    ctx.tokens.admin,
    slug,
  );
  if (b.status !== 201) throw new Error(`enter/signature: ${b.status} ${JSON.stringify(b.body)}`);
  return b.body;
}

/** POSTs a membership event that must be accepted (201); returns the body. */
export async function accepted(
  ctx: TestContext,
  code: string,
  body: Record<string, unknown>,
  options: { token?: string; slug?: string } = {},
) {
  const res = await postEvent(ctx, code, body, options.token ?? ctx.tokens.admin, options.slug ?? 'dalslandssamverkan');
  if (res.status !== 201)
    throw new Error(
      `expected 201 for ${String(body.type)} on ${options.slug ?? 'dalslandssamverkan'}/${code}: ${res.status} ${JSON.stringify(res.body)}`,
    );
  return res.body;
}

/**
 * Sends a membership event that must be refused, and checks the refusal and that nothing was written to the
 * membership's workflow (head and log unchanged).
 */
export async function expectRefused(
  ctx: TestContext,
  code: string,
  body: unknown,
  expected: { status: number; code: string; ruleId?: string },
  options: { token?: string; slug?: string } = {},
) {
  const slug = options.slug ?? 'dalslandssamverkan';
  const workflowId = await membershipWorkflowId(ctx, code, slug);
  const before = await workflowFootprint(ctx, workflowId);
  const res = await postEvent(ctx, code, body, options.token ?? ctx.tokens.admin, slug);
  expect({ status: res.status, code: res.body?.code }).toEqual({ status: expected.status, code: expected.code });
  expectErrorBody(res.body);
  if (expected.ruleId !== undefined) expect(res.body.ruleId).toBe(expected.ruleId);
  expect(await workflowFootprint(ctx, workflowId)).toEqual(before);
  return res;
}

/** Event bodies. */
export const ev = {
  adopt: (date: string, organ = 'KF', extra: Record<string, unknown> = {}) => ({
    type: 'FULLMAKTIGE_ADOPTED_DECLARATION',
    decision: { organ, date },
    ...extra,
  }),
  sign: (signedOn: string, office = 'KSO', extra: Record<string, unknown> = {}) => ({
    type: 'KSO_SIGNED',
    signedOn,
    signatory: { name: 'Anna Andersson', office },
    ...extra,
  }),
  requestExit: (date: string, desiredExitDate?: string, organ = 'KF') => ({
    type: 'FULLMAKTIGE_REQUESTED_EXIT',
    decision: { organ, date },
    ...(desiredExitDate ? { desiredExitDate } : {}),
  }),
  notice: (arrivedAt: string) => ({ type: 'EXIT_NOTICE_DELIVERED', arrivedAt }),
  informed: (informedOn: string) => ({ type: 'COUNCIL_INFORMED', informedOn }),
  withdraw: (date: string, noticeArrivedAt: string, organ = 'KF') => ({
    type: 'EXIT_REQUEST_WITHDRAWN',
    decision: { organ, date },
    noticeArrivedAt,
  }),
  councilApproved: (decidedOn: string) => ({ type: 'COUNCIL_APPROVED_EXIT', decidedOn }),
};
