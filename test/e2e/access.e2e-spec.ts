import { execFile } from 'child_process';
import * as path from 'path';
import { TokenService } from '../../src/auth/token.service';
import {
  accepted,
  apiClient,
  bearer,
  createCollaboration,
  enter,
  ev,
  expectErrorBody,
  expectRefused,
  membershipWorkflowId,
  postEvent,
  sql,
  useTestApp,
  workflowFootprint,
} from './kit';

// Access: every endpoint needs a bearer token (401), and a role that may not do something gets 403 with the standard
// error body. Roles: admin, coordinator, clerk (bound to one municipality), auditor (reads everything, writes nothing).
describe('access control', () => {
  const ctx = useTestApp();
  const api = apiClient(ctx);
  let workflowId: string;
  const slug = 'access';
  type Who = 'admin' | 'coordinator' | 'clerk' | 'auditor';
  const WHO: Who[] = ['admin', 'coordinator', 'clerk', 'auditor'];
  // The clerk in the matrix is the clerk of Åmål (1492); it writes for 1492 only.
  const token = (who: Who) => (who === 'clerk' ? ctx.tokens.clerk['1492'] : ctx.tokens[who]);

  let initialCollaborations: unknown;
  beforeAll(async () => {
    initialCollaborations = (await api.get('/collaborations', ctx.tokens.admin)).body;
    await createCollaboration(ctx, slug);
    // Åmål is leaving, so COUNCIL_INFORMED (allowed for admin, coordinator and clerk) can be recorded again and again.
    await enter(ctx, '1492', '2023-11-29', '2023-12-08', slug);
    await accepted(ctx, '1492', ev.requestExit('2025-03-10', '2035-12-31'), { slug });
    await accepted(ctx, '1492', ev.notice('2025-03-20T10:00:00+01:00'), { slug });
    workflowId = await membershipWorkflowId(ctx, '1492', slug);
  });

  interface Endpoint {
    name: string;
    method: 'get' | 'post' | 'patch';
    path: () => string;
    /** A valid body for the role (so that a refusal is about the role, never the input). */
    body?: (who: Who) => object;
    expect: Record<Who, number>;
  }
  const READ = { admin: 200, coordinator: 200, clerk: 200, auditor: 200 };
  const ADMIN_ONLY = (ok: number) => ({ admin: ok, coordinator: 403, clerk: 403, auditor: 403 });
  let counter = 0;
  const endpoints: Endpoint[] = [
    { name: 'GET /collaborations', method: 'get', path: () => '/api/v1/collaborations', expect: READ } as Endpoint,
    {
      name: 'GET /collaborations/:slug',
      method: 'get',
      path: () => `/api/v1/collaborations/${slug}`,
      expect: READ,
    } as Endpoint,
    {
      name: 'GET membership',
      method: 'get',
      path: () => `/api/v1/collaborations/${slug}/memberships/1492`,
      expect: READ,
    } as Endpoint,
    {
      name: 'POST membership event (COUNCIL_INFORMED)',
      method: 'post',
      path: () => `/api/v1/collaborations/${slug}/memberships/1492/events`,
      body: () => ev.informed('2025-04-02'),
      expect: { admin: 201, coordinator: 201, clerk: 201, auditor: 403 },
    } as Endpoint,
    {
      name: 'POST /collaborations',
      method: 'post',
      path: () => '/api/v1/collaborations',
      body: (who) => ({
        slug: `access-new-${who}-${++counter}`,
        name: 'Ny',
        parties: ['1460'],
        declarationVersion: 'v1',
        declarationEffectiveDate: '2024-01-01',
      }),
      expect: ADMIN_ONLY(201),
    } as Endpoint,
    {
      name: 'PATCH /collaborations/:slug/settings',
      method: 'patch',
      path: () => `/api/v1/collaborations/${slug}/settings`,
      // Only the admin's call gets through, once: it changes the setting (a change that changes nothing is refused).
      body: () => ({
        settings: { exitRequestDate: 'fullmaktigeDecision' },
        reason: 'Jurister',
        changedOn: '2025-01-01',
      }),
      expect: ADMIN_ONLY(200),
    } as Endpoint,
    {
      name: 'GET /workflows/:id/history',
      method: 'get',
      path: () => `/api/v1/workflows/${workflowId}/history`,
      expect: READ,
    } as Endpoint,
    {
      name: 'POST /workflows/:id/verify',
      method: 'post',
      path: () => `/api/v1/workflows/${workflowId}/verify`,
      expect: READ,
    } as Endpoint,
    {
      name: 'GET /workflows/:id',
      method: 'get',
      path: () => `/api/v1/workflows/${workflowId}`,
      expect: READ,
    } as Endpoint,
    {
      name: 'POST /workflows/due-events/run',
      method: 'post',
      path: () => '/api/v1/workflows/due-events/run',
      body: () => ({}),
      expect: ADMIN_ONLY(200),
    } as Endpoint,
    { name: 'GET /municipalities', method: 'get', path: () => '/api/v1/municipalities', expect: READ } as Endpoint,
    {
      name: 'POST /municipalities',
      method: 'post',
      path: () => '/api/v1/municipalities',
      body: (who) => ({ code: who === 'admin' ? '1998' : '1999', name: `Testkommun ${who}` }),
      expect: ADMIN_ONLY(201),
    } as Endpoint,
  ];
  const request = (e: Endpoint, headers: Record<string, string>, who: Who = 'admin') => {
    const req = ctx.http[e.method](e.path()).set(headers);
    return e.body ? req.send(e.body(who)) : req;
  };

  describe.each(endpoints.map((e) => [e.name, e] as const))('%s', (_name, e) => {
    it('401 UNAUTHENTICATED without a token, with an unknown token, and with a malformed Authorization header', async () => {
      for (const headers of [
        {},
        bearer('svk_not-a-real-token'),
        { Authorization: `Basic ${ctx.tokens.admin}` },
        { Authorization: 'Bearer' },
        { Authorization: ctx.tokens.admin },
      ]) {
        const res = await request(e, headers);
        expect({ headers, status: res.status }).toEqual({ headers, status: 401 });
        expectErrorBody(res.body, 'UNAUTHENTICATED');
      }
    });

    it.each(WHO)('role %s', async (who) => {
      const res = await request(e, bearer(token(who)), who);
      expect({ who, status: res.status }).toEqual({ who, status: e.expect[who] });
      if (res.status === 403) {
        expectErrorBody(res.body, 'FORBIDDEN');
        expect(res.body.messageSv).toMatch(/får inte/);
      }
    });
  });

  it('SEED=none: the service starts without collaborations (everything here was set up through the API), with the reference municipalities', async () => {
    expect(initialCollaborations).toEqual([]);
    const municipalities = await api.get('/municipalities');
    expect(municipalities.body).toEqual(
      expect.arrayContaining([
        { code: '1460', name: 'Bengtsfors' },
        { code: '1492', name: 'Åmål' },
        { code: '1984', name: 'Arboga' },
      ]),
    );
  });

  it('the auditor writes nothing: its refused writes left no collaboration, municipality or log row behind', async () => {
    const list = await api.get('/collaborations');
    expect(list.body.map((c: any) => c.slug).filter((s: string) => s.startsWith('access-new-'))).toEqual([
      expect.stringMatching(/^access-new-admin-/),
    ]);
    const municipalities = await api.get('/municipalities');
    expect(municipalities.body.map((m: any) => m.code)).toContain('1998');
    expect(municipalities.body.map((m: any) => m.code)).not.toContain('1999');
    const audit = await sql(ctx, "SELECT COUNT(*) AS n FROM workflow_transition WHERE actor_role = 'auditor'");
    expect(Number(audit[0].n)).toBe(0);
  });

  it('the token decides before the input: no token with an invalid body or an unknown slug is 401, not 400 or 404', async () => {
    expect(
      (await ctx.http.post(`/api/v1/collaborations/${slug}/memberships/1492/events`).send({ type: 'NOPE' })).status,
    ).toBe(401);
    expect((await ctx.http.get('/api/v1/collaborations/no-such-collaboration')).status).toBe(401);
    expect((await ctx.http.get('/api/v1/workflows/not-a-uuid')).status).toBe(401);
    // The auditor's write is refused for its role before the body is read.
    expect((await postEvent(ctx, '1492', { type: 'NOPE' }, ctx.tokens.auditor, slug)).status).toBe(403);
  });

  it('a revoked token is refused with 401', async () => {
    const { token: raw, id } = await ctx.app.get(TokenService).create('auditor', null, 'to be revoked');
    expect((await api.get('/collaborations', raw)).status).toBe(200);
    await sql(ctx, 'UPDATE api_token SET revoked_at = ? WHERE id = ?', [new Date().toISOString(), id]);
    const res = await api.get('/collaborations', raw);
    expect(res.status).toBe(401);
    expectErrorBody(res.body, 'UNAUTHENTICATED');
  });

  describe('membership events by role and municipality', () => {
    const s = 'access-events';
    beforeAll(async () => {
      await createCollaboration(ctx, s);
      await enter(ctx, '1461', '2023-11-29', '2023-12-08', s);
      await accepted(ctx, '1461', ev.requestExit('2025-03-10', '2035-12-31'), { slug: s });
    });

    it('a clerk records events for its own municipality; the log names the clerk and the municipality', async () => {
      const body = await accepted(ctx, '1438', ev.adopt('2023-11-29'), { slug: s, token: ctx.tokens.clerk['1438'] });
      expect(body.transition.actor).toMatchObject({ role: 'clerk', municipality: '1438' });
      expect(
        (await accepted(ctx, '1438', ev.sign('2023-12-08'), { slug: s, token: ctx.tokens.clerk['1438'] })).state,
      ).toBe('member.active');
    });

    it('a clerk acting for another municipality gets 403, for every event type, and nothing is written', async () => {
      for (const body of [ev.adopt('2023-11-29'), ev.sign('2023-12-08'), ev.councilApproved('2025-04-02')]) {
        await expectRefused(
          ctx,
          '1460',
          body,
          { status: 403, code: 'FORBIDDEN' },
          { slug: s, token: ctx.tokens.clerk['1438'] },
        );
      }
      for (const body of [
        ev.notice('2025-03-20T10:00:00+01:00'),
        ev.withdraw('2025-04-01', '2025-04-02T10:00:00+02:00'),
      ]) {
        await expectRefused(
          ctx,
          '1461',
          body,
          { status: 403, code: 'FORBIDDEN' },
          { slug: s, token: ctx.tokens.clerk['1492'] },
        );
      }
    });

    it('the coordinator may not record FULLMAKTIGE_* events, a signature or a withdrawal (403, nothing written)', async () => {
      for (const body of [ev.adopt('2023-11-29'), ev.sign('2023-12-08')]) {
        await expectRefused(
          ctx,
          '1460',
          body,
          { status: 403, code: 'FORBIDDEN' },
          { slug: s, token: ctx.tokens.coordinator },
        );
      }
      for (const body of [ev.requestExit('2025-03-10'), ev.withdraw('2025-04-01', '2025-04-02T10:00:00+02:00')]) {
        const res = await expectRefused(
          ctx,
          '1461',
          body,
          { status: 403, code: 'FORBIDDEN' },
          { slug: s, token: ctx.tokens.coordinator },
        );
        expect(res.body.details).toMatchObject({ allowed: expect.not.arrayContaining(['coordinator']) });
      }
    });

    it('the coordinator records EXIT_NOTICE_DELIVERED and COUNCIL_INFORMED', async () => {
      const notice = await accepted(ctx, '1461', ev.notice('2025-03-20T10:00:00+01:00'), {
        slug: s,
        token: ctx.tokens.coordinator,
      });
      expect(notice).toMatchObject({ state: 'member.leaving', exitEffectiveOn: '2035-12-31' });
      const informed = await accepted(ctx, '1461', ev.informed('2025-04-02'), {
        slug: s,
        token: ctx.tokens.coordinator,
      });
      expect(informed.transition.actor).toMatchObject({ role: 'coordinator', municipality: null });
    });

    it('the auditor reads every membership, the history and verify, but any event is 403 and writes nothing', async () => {
      for (const code of ['1460', '1438', '1461']) {
        expect((await api.get(`/collaborations/${s}/memberships/${code}`)).status).toBe(200);
      }
      const id = await membershipWorkflowId(ctx, '1461', s);
      const before = await workflowFootprint(ctx, id);
      for (const body of [ev.informed('2025-04-03'), ev.withdraw('2025-04-01', '2025-04-02T10:00:00+02:00')]) {
        const res = await postEvent(ctx, '1461', body, ctx.tokens.auditor, s);
        expect(res.status).toBe(403);
        expectErrorBody(res.body, 'FORBIDDEN');
      }
      expect(await workflowFootprint(ctx, id)).toEqual(before);
    });
  });

  describe('tokens', () => {
    it('TokenService: a clerk token needs a municipality; only clerks are bound to one; the role must exist', async () => {
      const tokens = ctx.app.get(TokenService);
      await expect(tokens.create('clerk', null, null)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(tokens.create('auditor', '1492', null)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(tokens.create('superuser', null, null)).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
      await expect(tokens.create('clerk', '9999', null)).rejects.toMatchObject({ code: 'UNKNOWN_MUNICIPALITY' });
      const clerk = await tokens.create('clerk', '1460', 'e2e');
      expect(await tokens.authenticate(clerk.token)).toEqual({ id: clerk.id, role: 'clerk', municipality: '1460' });
      // Stored only as its SHA-256.
      const rows = await sql(ctx, 'SELECT token_hash FROM api_token WHERE id = ?', [clerk.id]);
      expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[0].token_hash).not.toContain(clerk.token);
    });

    it('the CLI creates a working token (`token create --role auditor`) against the same database', async () => {
      const options = ctx.dataSource.options as { type: string; database?: string; url?: string };
      const databaseUrl = ctx.databaseKind === 'sqlite' ? `sqlite:${options.database}` : options.url!;
      const root = path.resolve(__dirname, '../..');
      const run = (args: string[]) =>
        new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
          execFile(
            process.execPath,
            ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', ...args],
            { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 30_000 },
            (error, stdout, stderr) => resolve({ code: error ? Number((error as any).code ?? 1) : 0, stdout, stderr }),
          );
        });
      const created = await run([
        'token',
        'create',
        '--role',
        'auditor',
        '--name',
        'Revisor Eva',
        '--label',
        'cli e2e',
      ]);
      expect(created.code).toBe(0);
      const raw = created.stdout.trim();
      expect(raw).toMatch(/^svk_\S+$/);
      expect((await api.get('/collaborations', raw)).status).toBe(200);
      const write = await api.post('/workflows/due-events/run', {}, raw);
      expect(write.status).toBe(403);
      // A clerk token without its municipality is refused by the CLI.
      const clerk = await run(['token', 'create', '--role', 'clerk', '--name', 'Registrator utan kommun']);
      expect(clerk.code).toBe(1);
      expect(clerk.stderr).toMatch(/municipality/);
    });
  });

  describe('OpenAPI', () => {
    it('GET /api/docs serves the documentation and /api/docs-json the OpenAPI document', async () => {
      const html = await ctx.http.get('/api/docs');
      expect(html.status).toBe(200);
      expect(html.text).toMatch(/swagger/i);
      const doc = await ctx.http.get('/api/docs-json');
      expect(doc.status).toBe(200);
      expect(doc.body.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining([
          '/api/v1/collaborations',
          '/api/v1/collaborations/{slug}',
          '/api/v1/collaborations/{slug}/settings',
          '/api/v1/collaborations/{slug}/memberships/{municipalityCode}',
          '/api/v1/collaborations/{slug}/memberships/{municipalityCode}/events',
          '/api/v1/workflows/{id}',
          '/api/v1/workflows/{id}/history',
          '/api/v1/workflows/{id}/verify',
          '/api/v1/workflows/due-events/run',
          '/api/v1/municipalities',
        ]),
      );
      expect(doc.body.components.securitySchemes).toHaveProperty('bearer');
    });

    it('the OpenAPI document describes the payload of every membership event type and the error body', async () => {
      const doc = (await ctx.http.get('/api/docs-json')).body;
      const schemas = doc.components.schemas;
      const op = doc.paths['/api/v1/collaborations/{slug}/memberships/{municipalityCode}/events'].post;
      const refs: string[] = op.requestBody.content['application/json'].schema.oneOf.map((o: any) =>
        o.$ref.split('/').pop(),
      );
      const documentedTypes = refs.map((name) => schemas[name].properties.type.enum[0]).sort();
      expect(documentedTypes).toEqual([
        'COUNCIL_APPROVED_EXIT',
        'COUNCIL_INFORMED',
        'ENTRY_DECIDED',
        'EXIT_NOTICE_DELIVERED',
        'EXIT_REQUEST_WITHDRAWN',
        'FULLMAKTIGE_ADOPTED_DECLARATION',
        'FULLMAKTIGE_REQUESTED_EXIT',
        'KSO_SIGNED',
      ]);
      const byType = Object.fromEntries(refs.map((name) => [schemas[name].properties.type.enum[0], schemas[name]]));
      expect(byType.EXIT_NOTICE_DELIVERED.properties).toHaveProperty('arrivedAt');
      expect(byType.COUNCIL_INFORMED.properties).toHaveProperty('informedOn');
      expect(byType.EXIT_REQUEST_WITHDRAWN.properties).toHaveProperty('noticeArrivedAt');
      expect(byType.FULLMAKTIGE_REQUESTED_EXIT.properties).toHaveProperty('desiredExitDate');
      expect(byType.KSO_SIGNED.properties).toHaveProperty('standIn');
      for (const schema of Object.values(byType) as any[]) expect(schema.properties).toHaveProperty('expectedVersion');
      expect(Object.keys(op.responses)).toEqual(
        expect.arrayContaining(['201', '400', '401', '403', '404', '409', '422']),
      );
      expect(op.parameters.map((p: any) => p.name)).toEqual(
        expect.arrayContaining(['slug', 'municipalityCode', 'Idempotency-Key']),
      );
      expect(schemas.ErrorBodyDto.required).toEqual(expect.arrayContaining(['code', 'message', 'messageSv']));
    });
  });
});
