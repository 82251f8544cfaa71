import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Response } from 'supertest';
import { createKeyFile } from '../../src/checkpoint/key-file';
import { ALG_COSIGNATURE_V1, ALG_ED25519, vkeyOf } from '../../src/checkpoint/note';
import { witnessOnce, type WitnessHttp } from '../../src/cli/witness';
import {
  accepted,
  apiClient,
  binaryBody,
  clerkToken,
  DocumentedAnswers,
  enter,
  ev,
  useTestApp,
  type Method,
} from './kit';

// Issue 12 §8: every success response of the collaboration, membership, checkpoint, as-of, area history and invoice
// download routes is documented with its schema. Each real answer is validated against the documented 2xx schema.
const ORIGIN = 'samverkan.example/openapi';
const PREFIX = '/api/v1';

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

describe('OpenAPI: the documented 2xx schemas of the coordination routes match the real answers', () => {
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'svk-openapi-'));
  const logKeyFile = path.join(keyDir, 'checkpoint.key');
  const ctx = useTestApp({ seed: 'demo', config: { CHECKPOINT_ORIGIN: ORIGIN, CHECKPOINT_KEY_FILE: logKeyFile } });
  const api = () => apiClient(ctx);
  let answers: DocumentedAnswers;

  beforeAll(async () => {
    createKeyFile(logKeyFile, ORIGIN, ALG_ED25519);
    answers = await DocumentedAnswers.load(ctx, PREFIX);
  });
  afterAll(() => fs.rmSync(keyDir, { recursive: true, force: true }));

  it('documents one 2xx response with content on every route of the scope, and its error bodies', () => {
    for (const [method, route] of ROUTES) {
      const { content } = answers.success(method, route).response;
      expect({ route, media: Object.keys(content ?? {}) }).toEqual({ route, media: [expect.any(String)] });
      for (const [status, response] of Object.entries<any>(answers.operation(method, route).responses)) {
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
    const list = answers.expectJson(await api().get('/collaborations'), 'get', '/collaborations');
    expect(list.map((c: any) => c.slug)).toEqual(['dalslandssamverkan', 'vastra-malardalen']);
    expect(list[0].example).toEqual(expect.objectContaining({ example: true }));

    const created = answers.expectJson(
      await api().post('/collaborations', {
        slug: 'oa-coord',
        name: 'Samverkan oa-coord',
        parties: ['1460', '1438'],
        declarationVersion: '2023-12-08',
        declarationEffectiveDate: '2024-01-01',
        settings: { exitRule: { decisionOrgan: 'KF', noticeTo: 'COUNCIL_CHAIR', effective: 'DEC_31_YEAR_AFTER' } },
      }),
      'post',
      '/collaborations',
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

    const settings = answers.expectJson(
      await api().patch('/collaborations/oa-coord/settings', {
        settings: { amendmentOrgan: { '1438': 'KS' }, exitRequestDate: 'fullmaktigeDecision' },
        reason: 'Beslut av parternas jurister 2025-02-01',
        changedOn: '2025-02-01',
      }),
      'patch',
      '/collaborations/{slug}/settings',
    );
    expect(settings.rules.amendment.byMunicipality).toEqual({ '1438': 'KS' });

    const withOrganisation = answers.expectJson(
      await api().post('/collaborations/oa-coord/organisations', {
        organisation: { key: 'foreningen-oa', name: 'Föreningen OA', form: 'ASSOCIATION' },
        signedOn: '2024-03-01',
        signatory: { name: 'Ordförande (demodata)', title: 'ordförande' },
        note: 'e2e',
      }),
      'post',
      '/collaborations/{slug}/organisations',
    );
    expect(withOrganisation.organisations).toEqual([
      expect.objectContaining({ key: 'foreningen-oa', countsAsSignatory: false }),
    ]);

    const described = answers.expectJson(
      await api().get('/collaborations/oa-coord?asOf=2025-06-30'),
      'get',
      '/collaborations/{slug}',
    );
    expect(described.declarationInForce).toMatchObject({ version: 'oa-1', sha256: expect.any(String) });
    expect(described.amendments).toEqual([expect.objectContaining({ status: 'IN_FORCE' })]);
    expect(described.members.map((m: any) => m.status)).toEqual(['ACTIVE', 'ACTIVE']);
    // The demo collaborations: an example mark, Västra Mälardalen's organisations and its null exit rule.
    for (const slug of ['dalslandssamverkan', 'vastra-malardalen']) {
      const demo = answers.expectJson(await api().get(`/collaborations/${slug}`), 'get', '/collaborations/{slug}');
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
    const adopted = answers.expectJson(await post('1439', ev.adopt('2023-11-29')), 'post', route);
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
    const delivered = answers.expectJson(await post('1492', notice), 'post', route);
    expect(delivered.warnings).toEqual([expect.objectContaining({ code: 'REQUEST_YEAR_AMBIGUOUS' })]);
    expect(delivered.exitNotice).toMatchObject({ channel: 'EMAIL', notRecorded: ['receivingRegistration'] });

    const read = '/collaborations/{slug}/memberships/{municipalityCode}';
    const leaving = answers.expectJson(await api().get(`/collaborations/${slug}/memberships/1492`), 'get', read);
    expect(leaving).toMatchObject({ status: 'LEAVING', exitEffectiveOn: '2030-12-31', example: null });
    const demo = answers.expectJson(
      await api().get('/collaborations/dalslandssamverkan/memberships/1460'),
      'get',
      read,
    );
    expect(demo.example).toEqual(expect.objectContaining({ example: true }));
    answers.expectJson(
      await api().get('/collaborations/dalslandssamverkan/memberships/1460?asOf=2023-12-01'),
      'get',
      read,
    );
  });

  it('as-of: a collaboration as its log stood, on a date before it existed and today', async () => {
    const route = '/collaborations/{slug}/as-of';
    for (const slug of ['dalslandssamverkan', 'vastra-malardalen', 'oa-coord']) {
      const now = answers.expectJson(await api().get(`/collaborations/${slug}/as-of`), 'get', route);
      expect(now).toMatchObject({ existed: true, instantFrom: 'now' });
    }
    const vm = (await api().get('/collaborations/vastra-malardalen/as-of')).body;
    expect(vm.areas.length).toBeGreaterThan(0);
    const before = answers.expectJson(await api().get('/collaborations/oa-coord/as-of?date=2000-01-01'), 'get', route);
    expect(before).toMatchObject({ existed: false, name: null, declarationInForce: null, council: null });
    // The log up to now, judged on today: one party leaving (its exit due in 2030), one that has not entered.
    const leaving = answers.expectJson(await api().get('/collaborations/oa-members/as-of'), 'get', route);
    const statuses = leaving.parties.map((p: any) => [p.municipality.code, p.status]).sort();
    expect(statuses).toEqual([
      ['1439', 'NOT_MEMBER'],
      ['1492', 'LEAVING'],
    ]);
    expect(leaving.openDeadlines.length).toBeGreaterThan(0);
  });

  it('checkpoints and witnesses: make, list, key, latest, one, proofs, verify, register a witness and cosign', async () => {
    const made = answers.expectJson(await api().post('/checkpoints'), 'post', '/checkpoints');
    expect(made.created).toBe(true);
    const first = made.checkpoint;
    await api().post('/collaborations', {
      slug: 'oa-grow',
      name: 'Samverkan oa-grow',
      parties: ['1460'],
      declarationVersion: 'v1',
      declarationEffectiveDate: '2025-01-01',
    });
    const second = answers.expectJson(await api().post('/checkpoints'), 'post', '/checkpoints').checkpoint;
    expect(answers.expectJson(await api().post('/checkpoints'), 'post', '/checkpoints').created).toBe(false);

    expect(answers.expectJson(await api().get('/checkpoints'), 'get', '/checkpoints')).toHaveLength(2);
    const key = answers.expectJson(await api().request('get', '/checkpoints/key', null), 'get', '/checkpoints/key');
    expect(key.origin).toBe(ORIGIN);
    answers.expectJson(await api().get('/checkpoints/latest'), 'get', '/checkpoints/latest');
    answers.expectJson(await api().get(`/checkpoints/${first.size}`), 'get', '/checkpoints/{size}');
    const [row] = await ctx.dataSource.query('SELECT id FROM workflow_transition ORDER BY id LIMIT 1 OFFSET 3');
    const inclusion = answers.expectJson(
      await api().get(`/checkpoints/${second.size}/inclusion?rowId=${row.id}`),
      'get',
      '/checkpoints/{size}/inclusion',
    );
    expect(inclusion.verifies).toBe(true);
    const consistency = '/checkpoints/consistency';
    const q = (from: number) => `${consistency}?from=${from}&to=${second.size}`;
    expect(answers.expectJson(await api().get(q(first.size)), 'get', consistency).verifies).toBe(true);
    // From a size no checkpoint has: nothing to verify against (null).
    expect(answers.expectJson(await api().get(q(first.size - 1)), 'get', consistency).verifies).toBeNull();

    const witness = createKeyFile(path.join(keyDir, 'witness-1492.key'), 'witness-1492', ALG_COSIGNATURE_V1);
    const registered = answers.expectJson(
      await api().post('/witnesses', { name: witness.name, vkey: vkeyOf(witness) }),
      'post',
      '/witnesses',
    );
    expect(registered.name).toBe('witness-1492');
    expect(answers.expectJson(await api().get('/witnesses'), 'get', '/witnesses')).toHaveLength(1);

    // No cosignature yet: a threshold of one witness is a problem.
    const unwitnessed = answers.expectJson(
      await api().get('/checkpoints/verify?witnesses=1'),
      'get',
      '/checkpoints/verify',
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
    const withCosignature = answers.expectJson(cosigned[0], 'post', '/checkpoints/{size}/cosignatures');
    expect(withCosignature.cosignatures).toEqual([{ witness: 'witness-1492', cosignedAt: expect.any(String) }]);
    const verified = answers.expectJson(
      await api().get('/checkpoints/verify?witnesses=1'),
      'get',
      '/checkpoints/verify',
    );
    expect(verified).toEqual({ ok: true, problems: [] });
  });

  it('an area history, and a demo invoice run as CSV and PDF (binary bodies of the documented media type)', async () => {
    const areas = (await api().get('/collaborations/dalslandssamverkan/areas')).body.stages.flatMap(
      (s: any) => s.areas,
    );
    const history = answers.expectJson(await api().get(`/areas/${areas[0].id}/history`), 'get', '/areas/{id}/history');
    expect(history.transitions.length).toBeGreaterThan(0);

    const [rule] = (await api().get('/collaborations/dalslandssamverkan/cost-rules')).body;
    for (const [ext, media] of [
      ['csv', 'text/csv'],
      ['pdf', 'application/pdf'],
    ]) {
      const route = `/cost-rules/{id}/invoice-runs/{run}/invoices.${ext}`;
      const { status, response } = answers.success('get', route);
      expect({ status, content: response.content }).toEqual({
        status: 200,
        content: { [media]: { schema: { type: 'string', format: 'binary' } } },
      });
      const res = await api()
        .get(`/cost-rules/${rule.id}/invoice-runs/1/invoices.${ext}`)
        .buffer(true)
        .parse(binaryBody);
      answers.expectBinary(res, 'get', route, media);
    }
  });

  it('every route of the scope was checked against its documented answer', () => {
    answers.expectChecked(ROUTES.map(([method, route]) => `${method.toUpperCase()} ${route}`));
  });
});
