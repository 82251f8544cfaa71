import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { TokenService } from '../../src/auth/token.service';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';

/**
 * The e2e harness: the real application (AppModule, migrations, pipes, filter) on a fresh database per test file.
 * `npm test` uses a new SQLite file; `npm run test:pg` (TEST_DATABASE=postgres) creates and drops a new PostgreSQL
 * database for the file. Tokens for every role are created through the real TokenService.
 */
export interface TestContext {
  app: INestApplication;
  http: ReturnType<typeof request>;
  dataSource: DataSource;
  databaseKind: 'sqlite' | 'postgres';
  tokens: {
    admin: string;
    coordinator: string;
    auditor: string;
    /** clerk tokens by municipality code */
    clerk: Record<string, string>;
  };
  close(): Promise<void>;
}

export const ALL_CODES = ['1460', '1438', '1439', '1461', '1492', '1984', '1983', '1960'];

export async function startTestApp(options: { seed?: 'demo' | 'none' } = {}): Promise<TestContext> {
  const kind = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
  let url: string;
  let dropDatabase: (() => Promise<void>) | null = null;
  let tmpDir: string | null = null;
  if (kind === 'postgres') {
    const admin = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const name = `samverkan_test_${randomBytes(6).toString('hex')}`;
    const client = new Client({ connectionString: admin });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
    dropDatabase = async () => {
      const c = new Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'samverkan-e2e-'));
    url = `sqlite:${path.join(tmpDir, 'test.sqlite')}`;
  }
  const config = loadConfig({}, { DATABASE_URL: url, SEED: options.seed ?? 'none', DUE_EVENTS_INTERVAL_MS: 0, SQLITE_SYNCHRONOUS: 'NORMAL' });
  const app = await createApp(config, { logger: false });
  const tokenService = app.get(TokenService);
  const make = async (role: string, code: string | null = null) => (await tokenService.create(role, code, `e2e ${role} ${code ?? ''}`)).token;
  const clerk: Record<string, string> = {};
  for (const code of ALL_CODES) clerk[code] = await make('clerk', code);
  const tokens = { admin: await make('admin'), coordinator: await make('coordinator'), auditor: await make('auditor'), clerk };
  return {
    app,
    http: request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    databaseKind: kind,
    tokens,
    async close() {
      await app.close();
      if (dropDatabase) await dropDatabase();
      if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Creates Dalslandssamverkan as the declaration gives it (in force 2024-01-01) through the API. */
export async function createDalsland(ctx: TestContext, settings?: Record<string, string>, slug = 'dalslandssamverkan') {
  const res = await ctx.http
    .post('/api/v1/collaborations')
    .set(bearer(ctx.tokens.admin))
    .send({
      slug,
      name: 'Dalslandssamverkan',
      parties: ['1460', '1438', '1439', '1461', '1492'],
      declarationVersion: '2023-12-08',
      declarationEffectiveDate: '2024-01-01',
      ...(settings ? { settings } : {}),
    });
  if (res.status !== 201) throw new Error(`createDalsland: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** POSTs one membership event as the given token (default: admin). */
export function postEvent(ctx: TestContext, code: string, body: Record<string, unknown>, token = ctx.tokens.admin, slug = 'dalslandssamverkan') {
  return ctx.http.post(`/api/v1/collaborations/${slug}/memberships/${code}/events`).set(bearer(token)).send(body);
}

export function getMembership(ctx: TestContext, code: string, asOf?: string, slug = 'dalslandssamverkan') {
  const q = asOf ? `?asOf=${asOf}` : '';
  return ctx.http.get(`/api/v1/collaborations/${slug}/memberships/${code}${q}`).set(bearer(ctx.tokens.auditor));
}

/** The standard entry: KF decision then KSO signature. */
export async function enter(ctx: TestContext, code: string, decisionDate = '2023-11-29', signedOn = '2023-12-08', slug = 'dalslandssamverkan') {
  const a = await postEvent(ctx, code, { type: 'FULLMAKTIGE_ADOPTED_DECLARATION', decision: { organ: 'KF', date: decisionDate } }, ctx.tokens.admin, slug);
  if (a.status !== 201) throw new Error(`enter/decision: ${a.status} ${JSON.stringify(a.body)}`);
  const b = await postEvent(ctx, code, { type: 'KSO_SIGNED', signedOn, signatory: { name: 'KSO', office: 'KSO' } }, ctx.tokens.admin, slug);
  if (b.status !== 201) throw new Error(`enter/signature: ${b.status} ${JSON.stringify(b.body)}`);
  return b.body;
}

// ---------------------------------------------------------------------------------------------- helpers (issue 2 tests)

/** Creates any collaboration through the API (admin); fails loudly unless 201. */
export async function createCollaboration(
  ctx: TestContext,
  slug: string,
  options: { parties?: string[]; settings?: Record<string, string>; declarationVersion?: string; declarationEffectiveDate?: string } = {},
) {
  const res = await ctx.http
    .post('/api/v1/collaborations')
    .set(bearer(ctx.tokens.admin))
    .send({
      slug,
      name: `Samverkan ${slug}`,
      parties: options.parties ?? ['1460', '1438', '1439', '1461', '1492'],
      declarationVersion: options.declarationVersion ?? '2023-12-08',
      declarationEffectiveDate: options.declarationEffectiveDate ?? '2024-01-01',
      ...(options.settings ? { settings: options.settings } : {}),
    });
  if (res.status !== 201) throw new Error(`createCollaboration ${slug}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The workflow id of a membership (read as the auditor). */
export async function membershipWorkflowId(ctx: TestContext, code: string, slug = 'dalslandssamverkan'): Promise<string> {
  const res = await getMembership(ctx, code, undefined, slug);
  if (res.status !== 200) throw new Error(`membershipWorkflowId ${slug}/${code}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.workflowId;
}

/** GET /workflows/{id}/history (auditor): the log rows, genesis first. */
export async function getHistory(ctx: TestContext, workflowId: string): Promise<any[]> {
  const res = await ctx.http.get(`/api/v1/workflows/${workflowId}/history`).set(bearer(ctx.tokens.auditor));
  if (res.status !== 200) throw new Error(`getHistory ${workflowId}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.transitions;
}

/** POST /workflows/{id}/verify (auditor). */
export async function verifyWorkflow(ctx: TestContext, workflowId: string): Promise<any> {
  const res = await ctx.http.post(`/api/v1/workflows/${workflowId}/verify`).set(bearer(ctx.tokens.auditor));
  if (res.status !== 200) throw new Error(`verifyWorkflow ${workflowId}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** What a write would change: the head (version, state) and the log (length, last hash). */
export async function workflowFootprint(ctx: TestContext, workflowId: string) {
  const head = await ctx.http.get(`/api/v1/workflows/${workflowId}`).set(bearer(ctx.tokens.auditor));
  if (head.status !== 200) throw new Error(`workflowFootprint ${workflowId}: ${head.status} ${JSON.stringify(head.body)}`);
  const transitions = await getHistory(ctx, workflowId);
  return { version: head.body.version, state: head.body.state, events: transitions.length, lastHash: transitions[transitions.length - 1]?.hash };
}

/** Every refusal has exactly this shape: { code, message, messageSv, ruleId?, details? }. */
export function expectErrorBody(body: any, code?: string) {
  expect(body).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String), messageSv: expect.any(String) }));
  for (const key of Object.keys(body)) expect(['code', 'message', 'messageSv', 'ruleId', 'details']).toContain(key);
  expect(body.message.length).toBeGreaterThan(0);
  expect(body.messageSv.length).toBeGreaterThan(0);
  if (code) expect(body.code).toBe(code);
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
  const res = await postEvent(ctx, code, body as Record<string, unknown>, options.token ?? ctx.tokens.admin, slug);
  expect({ status: res.status, code: res.body?.code }).toEqual({ status: expected.status, code: expected.code });
  expectErrorBody(res.body);
  if (expected.ruleId !== undefined) expect(res.body.ruleId).toBe(expected.ruleId);
  expect(await workflowFootprint(ctx, workflowId)).toEqual(before);
  return res;
}

/** POSTs a membership event that must be accepted (201); returns the body. */
export async function accepted(ctx: TestContext, code: string, body: Record<string, unknown>, options: { token?: string; slug?: string } = {}) {
  const res = await postEvent(ctx, code, body, options.token ?? ctx.tokens.admin, options.slug ?? 'dalslandssamverkan');
  if (res.status !== 201) throw new Error(`expected 201 for ${String(body.type)} on ${options.slug ?? 'dalslandssamverkan'}/${code}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Raw SQL with `?` placeholders on either database ($1, $2 … on PostgreSQL). */
export function sql(ctx: TestContext, text: string, params: unknown[] = []): Promise<any> {
  let i = 0;
  const query = ctx.databaseKind === 'postgres' ? text.replace(/\?/g, () => `$${++i}`) : text;
  return ctx.dataSource.query(query, params);
}

/** Event bodies. */
export const ev = {
  adopt: (date: string, organ = 'KF', extra: Record<string, unknown> = {}) => ({ type: 'FULLMAKTIGE_ADOPTED_DECLARATION', decision: { organ, date }, ...extra }),
  sign: (signedOn: string, office = 'KSO', extra: Record<string, unknown> = {}) => ({ type: 'KSO_SIGNED', signedOn, signatory: { name: 'Anna Andersson', office }, ...extra }),
  requestExit: (date: string, desiredExitDate?: string, organ = 'KF') => ({
    type: 'FULLMAKTIGE_REQUESTED_EXIT',
    decision: { organ, date },
    ...(desiredExitDate ? { desiredExitDate } : {}),
  }),
  notice: (arrivedAt: string) => ({ type: 'EXIT_NOTICE_DELIVERED', arrivedAt }),
  informed: (informedOn: string) => ({ type: 'COUNCIL_INFORMED', informedOn }),
  withdraw: (date: string, noticeArrivedAt: string, organ = 'KF') => ({ type: 'EXIT_REQUEST_WITHDRAWN', decision: { organ, date }, noticeArrivedAt }),
  councilApproved: (decidedOn: string) => ({ type: 'COUNCIL_APPROVED_EXIT', decidedOn }),
};

const extraClerks = new WeakMap<TestContext, Map<string, string>>();

/** A clerk token for any municipality (the harness pre-creates ALL_CODES; others are created once, on demand). */
export async function clerkToken(ctx: TestContext, code: string): Promise<string> {
  if (ctx.tokens.clerk[code]) return ctx.tokens.clerk[code];
  let known = extraClerks.get(ctx);
  if (!known) extraClerks.set(ctx, (known = new Map()));
  if (!known.has(code)) known.set(code, (await ctx.app.get(TokenService).create('clerk', code, `e2e clerk ${code}`)).token);
  return known.get(code)!;
}
