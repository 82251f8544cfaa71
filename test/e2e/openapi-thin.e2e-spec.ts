import Ajv from 'ajv';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Response } from 'supertest';
import { createKeyFile } from '../../src/checkpoint/key-file';
import { ALG_ED25519 } from '../../src/checkpoint/note';
import {
  binaryBody,
  createDalsland,
  decisionKit,
  enter,
  ev,
  expectRefused,
  ledamoter,
  membershipWorkflowId,
  signatureBody,
  useTestApp,
} from './kit';

// Issue 12 §8: every success answer of these controllers is described by its schema in /api/docs-json, exactly
// enough that a typed client generated from it reads the real answers: each real answer below is validated (ajv)
// against the schema of its route's documented 2xx response, and that response's status is the one answered.
describe('OpenAPI: the documented 2xx schemas match the real answers (municipalities … gallring)', () => {
  const keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'openapi-thin-keys-')), 'checkpoint.key');
  const origin = 'samverkan.example/openapi';
  createKeyFile(keyFile, origin, ALG_ED25519);
  const ctx = useTestApp({ config: { CHECKPOINT_ORIGIN: origin, CHECKPOINT_KEY_FILE: keyFile } });
  const { clerk, post, get, body, meeting, record, event, para } = decisionKit(ctx);
  const SLUG = 'dalslandssamverkan';
  const CODE = '1438';

  let doc: any;
  let ajv: Ajv;
  /** `METHOD path` of every operation an answer was checked against. */
  const checked = new Set<string>();

  /** OpenAPI 3.0 → JSON Schema for ajv: refs into the document's components, `nullable` as "or null". */
  function toJsonSchema(node: unknown): unknown {
    if (Array.isArray(node)) return node.map(toJsonSchema);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.$ref = v.replace(/^#\/components\//, 'doc#/components/');
      else if (k !== 'nullable') out[k] = toJsonSchema(v);
    }
    return (node as { nullable?: boolean }).nullable === true ? { anyOf: [{ type: 'null' }, out] } : out;
  }

  function operation(method: string, route: string) {
    const op = doc.paths[route]?.[method];
    if (!op) throw new Error(`${method.toUpperCase()} ${route} is not in the OpenAPI document`);
    return op;
  }

  /** The route's one documented 2xx response: its status and the response object. */
  function success(method: string, route: string): { status: number; response: any } {
    const ok = Object.entries(operation(method, route).responses).filter(([s]) => /^2\d\d$/.test(s));
    expect(ok.map(([s]) => s)).toHaveLength(1);
    return { status: Number(ok[0][0]), response: ok[0][1] };
  }

  /** Validates a JSON answer against its route's documented 2xx schema; returns the body. */
  function expectDocumented(res: Response, method: 'get' | 'post', route: string): any {
    const { status, response } = success(method, route);
    expect({ route, status: res.status }).toEqual({ route, status });
    const schema = response.content?.['application/json']?.schema;
    expect({ route, schema: !!schema }).toEqual({ route, schema: true });
    const validate = ajv.compile(toJsonSchema(schema) as object);
    const valid = validate(res.body);
    expect({ route, errors: valid ? null : validate.errors }).toEqual({ route, errors: null });
    checked.add(`${method.toUpperCase()} ${route}`);
    return res.body;
  }

  /** A binary answer: its content type is the one documented, with a binary string schema. */
  function expectDocumentedBinary(res: Response, method: 'get', route: string, mediaType: string): void {
    const { status, response } = success(method, route);
    expect({ route, status: res.status }).toEqual({ route, status });
    expect(String(res.headers['content-type'])).toContain(mediaType);
    expect(response.content?.[mediaType]?.schema).toEqual({ type: 'string', format: 'binary' });
    checked.add(`${method.toUpperCase()} ${route}`);
  }

  beforeAll(async () => {
    const res = await ctx.http.get('/api/docs-json');
    expect(res.status).toBe(200);
    doc = res.body;
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema(toJsonSchema({ components: doc.components }) as object, 'doc');
    await createDalsland(ctx);
    await enter(ctx, '1460');
  });

  it('the validator refuses an answer that does not match (a wrong type, a missing required field, a null not allowed)', () => {
    const validate = ajv.compile(
      toJsonSchema(success('get', '/api/v1/municipalities').response.content['application/json'].schema) as object,
    );
    expect(validate([{ code: '1460', name: 'Bengtsfors' }])).toBe(true);
    expect(validate([{ code: 1460, name: 'Bengtsfors' }])).toBe(false);
    expect(validate([{ code: '1460' }])).toBe(false);
    const sig = ajv.compile(toJsonSchema({ $ref: '#/components/schemas/SignatureView' }) as object);
    expect(sig({ id: 'x' })).toBe(false);
    const problem = ajv.compile(toJsonSchema({ $ref: '#/components/schemas/VerifyProblem' }) as object);
    expect(problem({ seq: 1, kind: 'NO_SUCH_KIND', message: 'm' })).toBe(false);
    expect(problem({ seq: 1, kind: 'HASH_MISMATCH', message: 'm' })).toBe(true);
    const report = ajv.compile(toJsonSchema({ $ref: '#/components/schemas/VerifyReport' }) as object);
    const clean = { workflowId: 'w', machine: 'm@1', ok: true, events: 1, firstDivergence: null, problems: [] };
    expect(report(clean)).toBe(true);
    expect(report({ ...clean, workflowId: null })).toBe(false);
    expect(report({ ...clean, firstDivergence: { seq: 1 } })).toBe(false);
  });

  it('municipalities and the calendar', async () => {
    expectDocumented(
      await post('/municipalities', { code: '9901', name: 'Provkommun' }),
      'post',
      '/api/v1/municipalities',
    );
    const list = expectDocumented(await get('/municipalities'), 'get', '/api/v1/municipalities');
    expect(list).toEqual(expect.arrayContaining([{ code: '9901', name: 'Provkommun' }]));
    // 2026-06-05 + 14 is Friday 19 June, midsommarafton: moved, so the answer has notes
    const deadlines = expectDocumented(
      await get('/calendar/deadlines?meetingDate=2026-06-05&justeringDate=2026-06-18&anslagDate=2026-12-03'),
      'get',
      '/api/v1/calendar/deadlines',
    );
    expect(Object.keys(deadlines.notes ?? {})).not.toHaveLength(0);
    expectDocumented(await get('/calendar/deadlines?meetingDate=2026-03-02'), 'get', '/api/v1/calendar/deadlines');
    const holidays = expectDocumented(await get('/calendar/holidays?year=2026'), 'get', '/api/v1/calendar/holidays');
    expect(holidays.aftnar).toHaveLength(3);
  });

  it('documents, versions and signatures (with and without a stand-in)', async () => {
    const text = 'Avsiktsförklaring\n§ 1 Prov.\n';
    expectDocumented(
      await post('/documents', { key: 'openapi-doc', title: 'Avsiktsförklaring', collaboration: SLUG }),
      'post',
      '/api/v1/documents',
    );
    expectDocumented(
      await post('/documents', { key: 'openapi-bare', title: 'Utan samverkan' }),
      'post',
      '/api/v1/documents',
    );
    const version = expectDocumented(
      await post('/documents/openapi-doc/versions', { version: '1.0', text }),
      'post',
      '/api/v1/documents/{key}/versions',
    );
    expectDocumented(await get('/documents/openapi-doc'), 'get', '/api/v1/documents/{key}');
    expectDocumented(await get('/documents/openapi-bare'), 'get', '/api/v1/documents/{key}');
    expectDocumented(await get(`/document-versions/${version.id}`), 'get', '/api/v1/document-versions/{id}');
    const plain = expectDocumented(
      await post('/signatures', signatureBody('openapi-doc', '1.0', '1492', text)),
      'post',
      '/api/v1/signatures',
    );
    expect(plain.standIn).toBeNull();
    const standIn = expectDocumented(
      await post(
        '/signatures',
        signatureBody('openapi-doc', '1.0', '1461', text, {
          signatory: { name: 'Vice Ordförande', office: 'OTHER' },
          standIn: { legalBasis: 'KS 2023-11-20 § 201' },
        }),
      ),
      'post',
      '/api/v1/signatures',
    );
    expect(standIn.standIn).toEqual({ legalBasis: 'KS 2023-11-20 § 201' });
    expectDocumented(await get(`/signatures/${plain.id}`), 'get', '/api/v1/signatures/{id}');
    expectDocumented(await get(`/signatures/${standIn.id}`), 'get', '/api/v1/signatures/{id}');
  });

  it('a workflow: instance, history, diagram, verify (read and POST), and a run of the due events', async () => {
    const workflowId = await membershipWorkflowId(ctx, '1460');
    expectDocumented(await get(`/workflows/${workflowId}`), 'get', '/api/v1/workflows/{id}');
    const history = expectDocumented(
      await get(`/workflows/${workflowId}/history`),
      'get',
      '/api/v1/workflows/{id}/history',
    );
    expect(history.transitions.length).toBeGreaterThan(1);
    const svg = await ctx.http
      .get(`/api/v1/workflows/${workflowId}/diagram.svg`)
      .set('Authorization', `Bearer ${ctx.tokens.auditor}`)
      .buffer(true)
      .parse(binaryBody);
    expectDocumentedBinary(svg, 'get', '/api/v1/workflows/{id}/diagram.svg', 'image/svg+xml');
    expectDocumented(await get(`/workflows/${workflowId}/verify`), 'get', '/api/v1/workflows/{id}/verify');
    const verified = expectDocumented(
      await post(`/workflows/${workflowId}/verify`, {}, ctx.tokens.auditor),
      'post',
      '/api/v1/workflows/{id}/verify',
    );
    expect(verified.ok).toBe(true);
    expectDocumented(await post('/workflows/due-events/run', {}), 'post', '/api/v1/workflows/due-events/run');
  });

  it('delegationsbeslut: recorded, listed, read, reported at a meeting and announced on their own', async () => {
    const namnd = await body(CODE, 'NAMND', 9);
    const token = await clerk(CODE);
    const delegation = (number: string, decidedOn: string) => ({
      kind: 'DELEGATIONSBESLUT',
      number,
      delegate: { name: 'Anna Berg', title: 'Socialchef' },
      point: '3.2',
      decidedOn,
      matter: { title: 'Ansökan om bistånd', diarienummer: 'SN 2026/77' },
      decision: 'Bistånd beviljas enligt ansökan.',
    });
    const reported = expectDocumented(
      await post(`/bodies/${namnd}/delegation-decisions`, delegation('D 2026/12', '2026-10-05'), token),
      'post',
      '/api/v1/bodies/{id}/delegation-decisions',
    );
    expect(reported.anmalan).toBeNull();
    // A delegate without a title, and a matter without a diarienummer: the nulls are documented
    const bare = { ...delegation('D 2026/13', '2026-10-06'), delegate: { name: 'Bo Ek' }, matter: { title: 'Ärende' } };
    const announced = expectDocumented(
      await post(`/bodies/${namnd}/delegation-decisions`, bare, token),
      'post',
      '/api/v1/bodies/{id}/delegation-decisions',
    );
    expect(announced.delegate.title).toBeNull();
    const meetingRes = await post(`/bodies/${namnd}/meetings`, { date: '2026-10-20', attendees: ledamoter(7) }, token);
    expect(meetingRes.status).toBe(201);
    await record(meetingRes.body.id, para({ paragraphNumber: '§ 44' }), token);
    const anmald = expectDocumented(
      await post(
        `/delegation-decisions/${reported.id}/anmalan`,
        { meetingId: meetingRes.body.id, paragraphNumber: '§ 45' },
        token,
      ),
      'post',
      '/api/v1/delegation-decisions/{id}/anmalan',
    );
    expect(anmald.anmalan).not.toBeNull();
    const today = new Date().toISOString().slice(0, 10);
    const notice = expectDocumented(
      await post(`/delegation-decisions/${announced.id}/tillkannagivande`, { postedOn: today }, token),
      'post',
      '/api/v1/delegation-decisions/{id}/tillkannagivande',
    );
    expect(notice.tillkannagivande).not.toBeNull();
    const list = expectDocumented(
      await get(`/bodies/${namnd}/delegation-decisions`),
      'get',
      '/api/v1/bodies/{id}/delegation-decisions',
    );
    expect(list).toHaveLength(2);
    expectDocumented(await get(`/delegation-decisions/${reported.id}`), 'get', '/api/v1/delegation-decisions/{id}');
  });

  it('refused attempts: a page with a refused exit in it, and the last (empty) page', async () => {
    await expectRefused(ctx, '1460', ev.requestExit('2024-03-01', '2026-06-30'), {
      status: 422,
      code: 'EXIT_NOT_ON_31_DEC',
      ruleId: 'R-C4',
    });
    const page = expectDocumented(await get('/refused-attempts?limit=1'), 'get', '/api/v1/refused-attempts');
    expect(page.attempts).toHaveLength(1);
    expectDocumented(await get('/refused-attempts?rule=R-NONE'), 'get', '/api/v1/refused-attempts');
  });

  it('gallring: a reserving member’s name removed from a final 2021 paragraph', async () => {
    const meetingId = await meeting('1401', { date: '2021-03-10' });
    const token = await clerk('1401');
    const p = await record(
      meetingId,
      para({
        paragraphNumber: '§ 12',
        reservations: [{ members: [{ name: 'L2' }], announcedAt: '2021-03-10T15:00:00Z' }],
      }),
      token,
    );
    expect(
      (await post(`/meetings/${meetingId}/justering`, { justeradOn: '2021-03-12', justerare: ['L1', 'L3'] }, token))
        .status,
    ).toBe(200);
    expect((await post(`/meetings/${meetingId}/anslag`, { anslagOn: '2021-03-15' }, token)).status).toBe(200);
    expect((await post('/workflows/due-events/run', {})).status).toBe(200);
    expect((await event(p.id, { type: 'NO_APPEAL_CONFIRMED', confirmedOn: '2021-04-20' }, token)).body.status).toBe(
      'FINAL',
    );
    const beslut = { diarienummer: 'Dnr 2026/45', decidedOn: '2026-01-15', organ: 'KS' };
    const gallrat = expectDocumented(
      await post('/gallring', { beslut, items: [{ decisionId: p.id, name: 'L2' }] }),
      'post',
      '/api/v1/gallring',
    );
    expect(gallrat.removed).toHaveLength(1);
  });

  it('machine migrations: a dry run, with an instance refused for not being on the version', async () => {
    const mapping = {
      ide: 'ide',
      forankring: 'forankring',
      forstudie: 'forstudie',
      beslut: 'beredning',
      drift: 'genomforande',
    };
    const notOnV1 = await membershipWorkflowId(ctx, '1460');
    const report = expectDocumented(
      await post('/machines/area/migrations', { from: 1, to: 2, stateMapping: mapping, dryRun: true, only: [notOnV1] }),
      'post',
      '/api/v1/machines/{id}/migrations',
    );
    expect(report.instances[0].outcome).toBe('REFUSED');
    expectDocumented(
      await post('/machines/area/migrations', { from: 1, to: 2, stateMapping: mapping, dryRun: true }),
      'post',
      '/api/v1/machines/{id}/migrations',
    );
  });

  it('verify jobs (running and done, after the gallring: its removal is listed) and the evidence package', async () => {
    const started = expectDocumented(await post('/verify', {}, ctx.tokens.auditor), 'post', '/api/v1/verify');
    let job = started;
    while (job.status === 'running') {
      await new Promise((r) => setImmediate(r));
      job = expectDocumented(await get(`/verify/${started.id}`), 'get', '/api/v1/verify/{jobId}');
    }
    expect(job.status).toBe('done');
    job = expectDocumented(await get(`/verify/${started.id}`), 'get', '/api/v1/verify/{jobId}');
    expect(job.report.removed).toHaveLength(1);
    const scoped = expectDocumented(
      await post('/verify', { collaboration: SLUG }, ctx.tokens.auditor),
      'post',
      '/api/v1/verify',
    );
    while ((await get(`/verify/${scoped.id}`)).body.status === 'running') await new Promise((r) => setImmediate(r));
    expectDocumented(await get(`/verify/${scoped.id}`), 'get', '/api/v1/verify/{jobId}');
    const tar = await ctx.http
      .get(`/api/v1/collaborations/${SLUG}/evidence`)
      .set('Authorization', `Bearer ${ctx.tokens.auditor}`)
      .buffer(true)
      .parse(binaryBody);
    expectDocumentedBinary(tar, 'get', '/api/v1/collaborations/{slug}/evidence', 'application/x-tar');
  });

  it('every route of these controllers was checked against its documented answer', () => {
    const mine =
      /^\/api\/v1\/municipalities$|^\/api\/v1\/(calendar|documents|document-versions|signatures|workflows|delegation-decisions|refused-attempts|verify|machines|gallring)(\/|$)|^\/api\/v1\/bodies\/\{id\}\/delegation-decisions$|^\/api\/v1\/collaborations\/\{slug\}\/evidence$/;
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .filter(([route]) => mine.test(route))
      .flatMap(([route, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${route}`))
      .sort();
    expect([...checked].sort()).toEqual(documented);
  });
});
