import Ajv, { type ValidateFunction } from 'ajv';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Response } from 'supertest';
import { createKeyFile } from '../../src/checkpoint/key-file';
import { ALG_COSIGNATURE_V1, ALG_ED25519, vkeyOf } from '../../src/checkpoint/note';
import { witnessOnce, type WitnessHttp } from '../../src/cli/witness';
import { accepted, apiClient, binaryBody, clerkToken, enter, ev, useTestApp } from './kit';

// Issue 12 §8: every success response of the collaboration, membership, checkpoint, as-of, area history and invoice
// download routes is documented with its schema. Each real answer is validated against the documented 2xx schema.
const ORIGIN = 'samverkan.example/openapi';
const PREFIX = '/api/v1';

type Method = 'get' | 'post' | 'patch';
type Schema = Record<string, any>;

/** The routes of this scope (path as the document names it). */
const ROUTES: Array<[Method, string]> = [
  ['get', '/collaborations'],
  ['post', '/collaborations'],
  ['get', '/collaborations/{slug}'],
  ['patch', '/collaborations/{slug}/settings'],
  ['post', '/collaborations/{slug}/organisations'],
  ['get', '/collaborations/{slug}/memberships/{municipalityCode}'],
  ['post', '/collaborations/{slug}/memberships/{municipalityCode}/events'],
  ['get', '/collaborations/{slug}/as-of'],
  ['post', '/checkpoints'],
  ['get', '/checkpoints'],
  ['get', '/checkpoints/key'],
  ['get', '/checkpoints/latest'],
  ['get', '/checkpoints/consistency'],
  ['get', '/checkpoints/verify'],
  ['get', '/checkpoints/{size}'],
  ['get', '/checkpoints/{size}/inclusion'],
  ['post', '/checkpoints/{size}/cosignatures'],
  ['get', '/witnesses'],
  ['post', '/witnesses'],
  ['get', '/areas/{id}/history'],
  ['get', '/cost-rules/{id}/invoice-runs/{run}/invoices.csv'],
  ['get', '/cost-rules/{id}/invoice-runs/{run}/invoices.pdf'],
];

/** OpenAPI 3.0 `nullable` as JSON Schema: the schema, or null. Refs point into the document added as 'doc'. */
function toJsonSchema(node: any): any {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string') out[k] = v.replace(/^#\/components\//, 'doc#/components/');
    else if (k !== 'nullable') out[k] = toJsonSchema(v);
  }
  return node.nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

describe('OpenAPI: the documented 2xx schemas of the coordination routes match the real answers', () => {
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'svk-openapi-'));
  const logKeyFile = path.join(keyDir, 'checkpoint.key');
  const ctx = useTestApp({ seed: 'demo', config: { CHECKPOINT_ORIGIN: ORIGIN, CHECKPOINT_KEY_FILE: logKeyFile } });
  const api = () => apiClient(ctx);
  let doc: any;
  let ajv: Ajv;
  const compiled = new Map<string, ValidateFunction>();

  beforeAll(async () => {
    createKeyFile(logKeyFile, ORIGIN, ALG_ED25519);
    doc = (await ctx.http.get('/api/docs-json')).body;
    ajv = new Ajv({ strict: false, allErrors: true });
    ajv.addFormat('binary', true);
    ajv.addSchema({ components: toJsonSchema(doc.components) }, 'doc');
  });
  afterAll(() => fs.rmSync(keyDir, { recursive: true, force: true }));

  /** The one documented 2xx response of a route: its status and its content. */
  function success(method: Method, route: string): { status: number; content: Record<string, { schema: Schema }> } {
    const op = doc.paths[`${PREFIX}${route}`]?.[method];
    if (!op) throw new Error(`${method.toUpperCase()} ${route} is not in the document`);
    const statuses = Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s));
    expect({ route, statuses }).toEqual({ route, statuses: [expect.any(String)] });
    return { status: Number(statuses[0]), content: op.responses[statuses[0]].content };
  }

  /** The answer has the documented status and its JSON body validates against the documented schema. */
  function expectDocumented(method: Method, route: string, res: Response): any {
    const documented = success(method, route);
    expect({ route, status: res.status, body: res.status === documented.status ? 'ok' : res.body }).toEqual({
      route,
      status: documented.status,
      body: 'ok',
    });
    const key = `${method} ${route}`;
    if (!compiled.has(key)) compiled.set(key, ajv.compile(toJsonSchema(documented.content['application/json'].schema)));
    const validate = compiled.get(key)!;
    const valid = validate(res.body);
    expect({ route, errors: valid ? [] : validate.errors }).toEqual({ route, errors: [] });
    return res.body;
  }

  it('documents one 2xx response with content on every route of the scope, and its error bodies', () => {
    for (const [method, route] of ROUTES) {
      const { content } = success(method, route);
      expect({ route, media: Object.keys(content ?? {}) }).toEqual({ route, media: [expect.any(String)] });
      const op = doc.paths[`${PREFIX}${route}`][method];
      for (const [status, response] of Object.entries<any>(op.responses)) {
        if (/^[45]/.test(status))
          expect({ route, status, ref: response.content?.['application/json']?.schema?.$ref }).toEqual({
            route,
            status,
            ref: '#/components/schemas/ErrorBodyDto',
          });
      }
    }
  });

  it('collaborations: list, create, describe (with members, organisations, rules, amendments), settings, organisations', async () => {
    const list = expectDocumented('get', '/collaborations', await api().get('/collaborations'));
    expect(list.map((c: any) => c.slug)).toEqual(['dalslandssamverkan', 'vastra-malardalen']);
    expect(list[0].example).toEqual(expect.objectContaining({ example: true }));

    const created = expectDocumented(
      'post',
      '/collaborations',
      await api().post('/collaborations', {
        slug: 'oa-coord',
        name: 'Samverkan oa-coord',
        parties: ['1460', '1438'],
        declarationVersion: '2023-12-08',
        declarationEffectiveDate: '2024-01-01',
        settings: { exitRule: { decisionOrgan: 'KF', noticeTo: 'COUNCIL_CHAIR', effective: 'DEC_31_YEAR_AFTER' } },
      }),
    );
    expect(created).toMatchObject({ slug: 'oa-coord', example: null, organisations: [], amendments: [] });
    for (const code of ['1460', '1438']) await enter(ctx, code, '2023-11-29', '2023-12-08', 'oa-coord');

    // An amendment approved by both parties: the declaration in force is its text (documentVersionId, sha256).
    const amendment = await api().post('/collaborations/oa-coord/amendments', {
      title: 'Ändring av §11',
      version: 'oa-1',
      text: 'Avsiktsförklaringen ändras (oa-coord).',
    });
    expect(amendment.status).toBe(201);
    for (const party of ['1460', '1438']) {
      const body = { type: 'AMENDMENT_APPROVED', party, decision: { organ: 'KF', date: '2025-02-03' } };
      const res = await api().post(`/amendments/${amendment.body.id}/events`, body, await clerkToken(ctx, party));
      expect(res.status).toBe(201);
    }

    const settings = expectDocumented(
      'patch',
      '/collaborations/{slug}/settings',
      await api().patch('/collaborations/oa-coord/settings', {
        settings: { amendmentOrgan: { '1438': 'KS' }, exitRequestDate: 'fullmaktigeDecision' },
        reason: 'Beslut av parternas jurister 2025-02-01',
        changedOn: '2025-02-01',
      }),
    );
    expect(settings.rules.amendment.byMunicipality).toEqual({ '1438': 'KS' });

    const withOrganisation = expectDocumented(
      'post',
      '/collaborations/{slug}/organisations',
      await api().post('/collaborations/oa-coord/organisations', {
        organisation: { key: 'foreningen-oa', name: 'Föreningen OA', form: 'ASSOCIATION' },
        signedOn: '2024-03-01',
        signatory: { name: 'Ordförande (demodata)', title: 'ordförande' },
        note: 'e2e',
      }),
    );
    expect(withOrganisation.organisations).toEqual([
      expect.objectContaining({ key: 'foreningen-oa', countsAsSignatory: false }),
    ]);

    const described = expectDocumented(
      'get',
      '/collaborations/{slug}',
      await api().get('/collaborations/oa-coord?asOf=2025-06-30'),
    );
    expect(described.declarationInForce).toMatchObject({ version: 'oa-1', sha256: expect.any(String) });
    expect(described.amendments).toEqual([expect.objectContaining({ status: 'IN_FORCE' })]);
    expect(described.members.map((m: any) => m.status)).toEqual(['ACTIVE', 'ACTIVE']);
    // The demo collaborations: an example mark, Västra Mälardalen's organisations and its null exit rule.
    for (const slug of ['dalslandssamverkan', 'vastra-malardalen']) {
      const demo = expectDocumented('get', '/collaborations/{slug}', await api().get(`/collaborations/${slug}`));
      expect(demo.example).toEqual(expect.objectContaining({ label: expect.any(String) }));
    }
    const vm = (await api().get('/collaborations/vastra-malardalen')).body;
    expect(vm.rules.exit).toBeNull();
    expect(vm.organisations.length).toBeGreaterThan(0);
  });

  it('memberships: an event recorded and the membership read, with a pending entry, an exit notice and a warning', async () => {
    const slug = 'oa-members';
    await api().post('/collaborations', {
      slug,
      name: 'Samverkan oa-members',
      parties: ['1492', '1439'],
      declarationVersion: '2023-12-08',
      declarationEffectiveDate: '2024-01-01',
    });
    const route = '/collaborations/{slug}/memberships/{municipalityCode}/events';
    const post = (code: string, body: Record<string, unknown>) =>
      api().post(`/collaborations/${slug}/memberships/${code}/events`, body);
    const adopted = expectDocumented('post', route, await post('1439', ev.adopt('2023-11-29')));
    expect(adopted).toMatchObject({
      status: 'NOT_MEMBER',
      pendingEntry: { decisionOn: '2023-11-29' },
      replayed: false,
    });
    expect(adopted.transition).toMatchObject({ eventType: 'FULLMAKTIGE_ADOPTED_DECLARATION' });

    await enter(ctx, '1492', '2023-11-29', '2023-12-08', slug);
    // A request decided in 2024 whose notice arrives in 2025: the warning REQUEST_YEAR_AMBIGUOUS (R-C5).
    await accepted(ctx, '1492', ev.requestExit('2024-12-16', '2030-12-31'), { slug });
    const notice = {
      ...ev.notice('2025-01-08T09:15:00+01:00'),
      sender: { name: 'Michael Karlsson', office: 'KSO' },
      recipient: { name: 'Stig Bertilsson', office: 'COUNCIL_CHAIR', municipality: '1460' },
      channel: 'EMAIL',
      registrations: [{ municipality: '1492', diarienummer: 'KS 2025/87', registeredOn: '2025-01-08' }],
    };
    const delivered = expectDocumented('post', route, await post('1492', notice));
    expect(delivered.warnings).toEqual([expect.objectContaining({ code: 'REQUEST_YEAR_AMBIGUOUS' })]);
    expect(delivered.exitNotice).toMatchObject({ channel: 'EMAIL', notRecorded: ['receivingRegistration'] });

    const read = '/collaborations/{slug}/memberships/{municipalityCode}';
    const leaving = expectDocumented('get', read, await api().get(`/collaborations/${slug}/memberships/1492`));
    expect(leaving).toMatchObject({ status: 'LEAVING', exitEffectiveOn: '2030-12-31', example: null });
    const demo = expectDocumented('get', read, await api().get('/collaborations/dalslandssamverkan/memberships/1460'));
    expect(demo.example).toEqual(expect.objectContaining({ example: true }));
    expectDocumented(
      'get',
      read,
      await api().get('/collaborations/dalslandssamverkan/memberships/1460?asOf=2023-12-01'),
    );
  });

  it('as-of: a collaboration as its log stood, on a date before it existed and today', async () => {
    const route = '/collaborations/{slug}/as-of';
    for (const slug of ['dalslandssamverkan', 'vastra-malardalen', 'oa-coord']) {
      const now = expectDocumented('get', route, await api().get(`/collaborations/${slug}/as-of`));
      expect(now).toMatchObject({ existed: true, instantFrom: 'now' });
    }
    const vm = (await api().get('/collaborations/vastra-malardalen/as-of')).body;
    expect(vm.areas.length).toBeGreaterThan(0);
    const before = expectDocumented('get', route, await api().get('/collaborations/oa-coord/as-of?date=2000-01-01'));
    expect(before).toMatchObject({ existed: false, name: null, declarationInForce: null, council: null });
    // The log up to now, judged on today: one party leaving (its exit due in 2030), one that has not entered.
    const leaving = expectDocumented('get', route, await api().get('/collaborations/oa-members/as-of'));
    const statuses = leaving.parties.map((p: any) => [p.municipality.code, p.status]).sort();
    expect(statuses).toEqual([
      ['1439', 'NOT_MEMBER'],
      ['1492', 'LEAVING'],
    ]);
    expect(leaving.openDeadlines.length).toBeGreaterThan(0);
  });

  it('checkpoints and witnesses: make, list, key, latest, one, proofs, verify, register a witness and cosign', async () => {
    const made = expectDocumented('post', '/checkpoints', await api().post('/checkpoints'));
    expect(made.created).toBe(true);
    const first = made.checkpoint;
    await api().post('/collaborations', {
      slug: 'oa-grow',
      name: 'Samverkan oa-grow',
      parties: ['1460'],
      declarationVersion: 'v1',
      declarationEffectiveDate: '2025-01-01',
    });
    const second = expectDocumented('post', '/checkpoints', await api().post('/checkpoints')).checkpoint;
    expect(expectDocumented('post', '/checkpoints', await api().post('/checkpoints')).created).toBe(false);

    expect(expectDocumented('get', '/checkpoints', await api().get('/checkpoints'))).toHaveLength(2);
    const key = expectDocumented('get', '/checkpoints/key', await api().request('get', '/checkpoints/key', null));
    expect(key.origin).toBe(ORIGIN);
    expectDocumented('get', '/checkpoints/latest', await api().get('/checkpoints/latest'));
    expectDocumented('get', '/checkpoints/{size}', await api().get(`/checkpoints/${first.size}`));
    const [row] = await ctx.dataSource.query('SELECT id FROM workflow_transition ORDER BY id LIMIT 1 OFFSET 3');
    const inclusion = expectDocumented(
      'get',
      '/checkpoints/{size}/inclusion',
      await api().get(`/checkpoints/${second.size}/inclusion?rowId=${row.id}`),
    );
    expect(inclusion.verifies).toBe(true);
    const consistency = '/checkpoints/consistency';
    const q = (from: number) => `${consistency}?from=${from}&to=${second.size}`;
    expect(expectDocumented('get', consistency, await api().get(q(first.size))).verifies).toBe(true);
    // From a size no checkpoint has: nothing to verify against (null).
    expect(expectDocumented('get', consistency, await api().get(q(first.size - 1))).verifies).toBeNull();

    const witness = createKeyFile(path.join(keyDir, 'witness-1492.key'), 'witness-1492', ALG_COSIGNATURE_V1);
    const registered = expectDocumented(
      'post',
      '/witnesses',
      await api().post('/witnesses', { name: witness.name, vkey: vkeyOf(witness) }),
    );
    expect(registered.name).toBe('witness-1492');
    expect(expectDocumented('get', '/witnesses', await api().get('/witnesses'))).toHaveLength(1);

    // No cosignature yet: a threshold of one witness is a problem.
    const unwitnessed = expectDocumented(
      'get',
      '/checkpoints/verify',
      await api().get('/checkpoints/verify?witnesses=1'),
    );
    expect(unwitnessed.ok).toBe(false);
    expect(unwitnessed.problems).toEqual([expect.objectContaining({ kind: 'witness-threshold' })]);

    // The witness cosigns over HTTP; the answer to its cosignature is the checkpoint with it.
    const cosigned: Response[] = [];
    const token = ctx.tokens.clerk['1492'];
    const http: WitnessHttp = {
      get: async (p) => {
        const res = await api().get(p, token);
        return { status: res.status, body: res.body };
      },
      post: async (p, body) => {
        const res = await api().post(p, body, token);
        if (p.endsWith('/cosignatures')) cosigned.push(res);
        return { status: res.status, body: res.body };
      },
    };
    expect(await witnessOnce(http, witness, null, { save: () => undefined })).toMatchObject({ ok: true });
    expect(cosigned).toHaveLength(1);
    const withCosignature = expectDocumented('post', '/checkpoints/{size}/cosignatures', cosigned[0]);
    expect(withCosignature.cosignatures).toEqual([{ witness: 'witness-1492', cosignedAt: expect.any(String) }]);
    const verified = expectDocumented('get', '/checkpoints/verify', await api().get('/checkpoints/verify?witnesses=1'));
    expect(verified).toEqual({ ok: true, problems: [] });
  });

  it('an area history, and a demo invoice run as CSV and PDF (binary bodies of the documented media type)', async () => {
    const areas = (await api().get('/collaborations/dalslandssamverkan/areas')).body.stages.flatMap(
      (s: any) => s.areas,
    );
    const history = expectDocumented('get', '/areas/{id}/history', await api().get(`/areas/${areas[0].id}/history`));
    expect(history.transitions.length).toBeGreaterThan(0);

    const [rule] = (await api().get('/collaborations/dalslandssamverkan/cost-rules')).body;
    for (const [ext, media] of [
      ['csv', 'text/csv'],
      ['pdf', 'application/pdf'],
    ]) {
      const route = `/cost-rules/{id}/invoice-runs/{run}/invoices.${ext}`;
      const documented = success('get', route);
      expect(documented).toEqual({
        status: 200,
        content: { [media]: { schema: { type: 'string', format: 'binary' } } },
      });
      const res = await api()
        .get(`/cost-rules/${rule.id}/invoice-runs/1/invoices.${ext}`)
        .buffer(true)
        .parse(binaryBody);
      expect(res.status).toBe(documented.status);
      expect(res.headers['content-type']).toContain(media);
      expect((res.body as Buffer).length).toBeGreaterThan(0);
    }
  });
});
