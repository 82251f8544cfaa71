import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createKeyFile } from '../../src/checkpoint/key-file';
import { ALG_ED25519 } from '../../src/checkpoint/note';
import {
  binaryBody,
  createDalsland,
  decisionKit,
  DocumentedAnswers,
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

  let answers: DocumentedAnswers;

  beforeAll(async () => {
    answers = await DocumentedAnswers.load(ctx);
    await createDalsland(ctx);
    await enter(ctx, '1460');
  });

  it('the validator refuses an answer that does not match (a wrong type, a missing required field, a null not allowed)', () => {
    const validate = (body: unknown) => answers.errors('get', '/api/v1/municipalities', body);
    expect(validate([{ code: '1460', name: 'Bengtsfors' }])).toEqual([]);
    expect(validate([{ code: 1460, name: 'Bengtsfors' }])).not.toEqual([]);
    expect(validate([{ code: '1460' }])).not.toEqual([]);
    const of = (name: string) => (body: unknown) =>
      answers.schemaErrors({ $ref: `#/components/schemas/${name}` }, body);
    const sig = of('SignatureView');
    expect(sig({ id: 'x' })).not.toEqual([]);
    const problem = of('VerifyProblem');
    expect(problem({ seq: 1, kind: 'NO_SUCH_KIND', message: 'm' })).not.toEqual([]);
    expect(problem({ seq: 1, kind: 'HASH_MISMATCH', message: 'm' })).toEqual([]);
    const report = of('VerifyReport');
    const clean = { workflowId: 'w', machine: 'm@1', ok: true, events: 1, firstDivergence: null, problems: [] };
    expect(report(clean)).toEqual([]);
    expect(report({ ...clean, workflowId: null })).not.toEqual([]);
    expect(report({ ...clean, firstDivergence: { seq: 1 } })).not.toEqual([]);
  });

  it('municipalities and the calendar', async () => {
    answers.expectJson(
      await post('/municipalities', { code: '9901', name: 'Provkommun' }),
      'post',
      '/api/v1/municipalities',
    );
    const list = answers.expectJson(await get('/municipalities'), 'get', '/api/v1/municipalities');
    expect(list).toEqual(expect.arrayContaining([{ code: '9901', name: 'Provkommun' }]));
    // 2026-06-05 + 14 is Friday 19 June, midsommarafton: moved, so the answer has notes
    const deadlines = answers.expectJson(
      await get('/calendar/deadlines?meetingDate=2026-06-05&justeringDate=2026-06-18&anslagDate=2026-12-03'),
      'get',
      '/api/v1/calendar/deadlines',
    );
    expect(Object.keys(deadlines.notes ?? {})).not.toHaveLength(0);
    answers.expectJson(await get('/calendar/deadlines?meetingDate=2026-03-02'), 'get', '/api/v1/calendar/deadlines');
    const holidays = answers.expectJson(await get('/calendar/holidays?year=2026'), 'get', '/api/v1/calendar/holidays');
    expect(holidays.aftnar).toHaveLength(3);
  });

  it('documents, versions and signatures (with and without a stand-in)', async () => {
    const text = 'Avsiktsförklaring\n§ 1 Prov.\n';
    answers.expectJson(
      await post('/documents', { key: 'openapi-doc', title: 'Avsiktsförklaring', collaboration: SLUG }),
      'post',
      '/api/v1/documents',
    );
    answers.expectJson(
      await post('/documents', { key: 'openapi-bare', title: 'Utan samverkan' }),
      'post',
      '/api/v1/documents',
    );
    const version = answers.expectJson(
      await post('/documents/openapi-doc/versions', { version: '1.0', text }),
      'post',
      '/api/v1/documents/{key}/versions',
    );
    answers.expectJson(await get('/documents/openapi-doc'), 'get', '/api/v1/documents/{key}');
    answers.expectJson(await get('/documents/openapi-bare'), 'get', '/api/v1/documents/{key}');
    answers.expectJson(await get(`/document-versions/${version.id}`), 'get', '/api/v1/document-versions/{id}');
    const plain = answers.expectJson(
      await post('/signatures', signatureBody('openapi-doc', '1.0', '1492', text)),
      'post',
      '/api/v1/signatures',
    );
    expect(plain.standIn).toBeNull();
    const standIn = answers.expectJson(
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
    answers.expectJson(await get(`/signatures/${plain.id}`), 'get', '/api/v1/signatures/{id}');
    answers.expectJson(await get(`/signatures/${standIn.id}`), 'get', '/api/v1/signatures/{id}');
  });

  it('a workflow: instance, history, diagram, verify (read and POST), and a run of the due events', async () => {
    const workflowId = await membershipWorkflowId(ctx, '1460');
    answers.expectJson(await get(`/workflows/${workflowId}`), 'get', '/api/v1/workflows/{id}');
    const history = answers.expectJson(
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
    answers.expectBinary(svg, 'get', '/api/v1/workflows/{id}/diagram.svg', 'image/svg+xml');
    answers.expectJson(await get(`/workflows/${workflowId}/verify`), 'get', '/api/v1/workflows/{id}/verify');
    const verified = answers.expectJson(
      await post(`/workflows/${workflowId}/verify`, {}, ctx.tokens.auditor),
      'post',
      '/api/v1/workflows/{id}/verify',
    );
    expect(verified.ok).toBe(true);
    answers.expectJson(await post('/workflows/due-events/run', {}), 'post', '/api/v1/workflows/due-events/run');
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
    const reported = answers.expectJson(
      await post(`/bodies/${namnd}/delegation-decisions`, delegation('D 2026/12', '2026-10-05'), token),
      'post',
      '/api/v1/bodies/{id}/delegation-decisions',
    );
    expect(reported.anmalan).toBeNull();
    // A delegate without a title, and a matter without a diarienummer: the nulls are documented
    const bare = { ...delegation('D 2026/13', '2026-10-06'), delegate: { name: 'Bo Ek' }, matter: { title: 'Ärende' } };
    const announced = answers.expectJson(
      await post(`/bodies/${namnd}/delegation-decisions`, bare, token),
      'post',
      '/api/v1/bodies/{id}/delegation-decisions',
    );
    expect(announced.delegate.title).toBeNull();
    const meetingRes = await post(`/bodies/${namnd}/meetings`, { date: '2026-10-20', attendees: ledamoter(7) }, token);
    expect(meetingRes.status).toBe(201);
    await record(meetingRes.body.id, para({ paragraphNumber: '§ 44' }), token);
    const anmald = answers.expectJson(
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
    const notice = answers.expectJson(
      await post(`/delegation-decisions/${announced.id}/tillkannagivande`, { postedOn: today }, token),
      'post',
      '/api/v1/delegation-decisions/{id}/tillkannagivande',
    );
    expect(notice.tillkannagivande).not.toBeNull();
    const list = answers.expectJson(
      await get(`/bodies/${namnd}/delegation-decisions`),
      'get',
      '/api/v1/bodies/{id}/delegation-decisions',
    );
    expect(list).toHaveLength(2);
    answers.expectJson(await get(`/delegation-decisions/${reported.id}`), 'get', '/api/v1/delegation-decisions/{id}');
  });

  it('refused attempts: a page with a refused exit in it, and the last (empty) page', async () => {
    await expectRefused(ctx, '1460', ev.requestExit('2024-03-01', '2026-06-30'), {
      status: 422,
      code: 'EXIT_NOT_ON_31_DEC',
      ruleId: 'R-C4',
    });
    const page = answers.expectJson(await get('/refused-attempts?limit=1'), 'get', '/api/v1/refused-attempts');
    expect(page.attempts).toHaveLength(1);
    answers.expectJson(await get('/refused-attempts?rule=R-NONE'), 'get', '/api/v1/refused-attempts');
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
    const gallrat = answers.expectJson(
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
    const report = answers.expectJson(
      await post('/machines/area/migrations', { from: 1, to: 2, stateMapping: mapping, dryRun: true, only: [notOnV1] }),
      'post',
      '/api/v1/machines/{id}/migrations',
    );
    expect(report.instances[0].outcome).toBe('REFUSED');
    answers.expectJson(
      await post('/machines/area/migrations', { from: 1, to: 2, stateMapping: mapping, dryRun: true }),
      'post',
      '/api/v1/machines/{id}/migrations',
    );
  });

  it('verify jobs (running and done, after the gallring: its removal is listed) and the evidence package', async () => {
    const started = answers.expectJson(await post('/verify', {}, ctx.tokens.auditor), 'post', '/api/v1/verify');
    let job = started;
    while (job.status === 'running') {
      await new Promise((r) => setImmediate(r));
      job = answers.expectJson(await get(`/verify/${started.id}`), 'get', '/api/v1/verify/{jobId}');
    }
    expect(job.status).toBe('done');
    job = answers.expectJson(await get(`/verify/${started.id}`), 'get', '/api/v1/verify/{jobId}');
    expect(job.report.removed).toHaveLength(1);
    const scoped = answers.expectJson(
      await post('/verify', { collaboration: SLUG }, ctx.tokens.auditor),
      'post',
      '/api/v1/verify',
    );
    while ((await get(`/verify/${scoped.id}`)).body.status === 'running') await new Promise((r) => setImmediate(r));
    answers.expectJson(await get(`/verify/${scoped.id}`), 'get', '/api/v1/verify/{jobId}');
    const tar = await ctx.http
      .get(`/api/v1/collaborations/${SLUG}/evidence`)
      .set('Authorization', `Bearer ${ctx.tokens.auditor}`)
      .buffer(true)
      .parse(binaryBody);
    answers.expectBinary(tar, 'get', '/api/v1/collaborations/{slug}/evidence', 'application/x-tar');
  });

  it('every route of these controllers was checked against its documented answer', () => {
    const mine =
      /^\/api\/v1\/municipalities$|^\/api\/v1\/(calendar|documents|document-versions|signatures|workflows|delegation-decisions|refused-attempts|verify|machines|gallring)(\/|$)|^\/api\/v1\/bodies\/\{id\}\/delegation-decisions$|^\/api\/v1\/collaborations\/\{slug\}\/evidence$/;
    answers.expectChecked(answers.routesMatching(mine));
  });
});
