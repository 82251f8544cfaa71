import { execFile } from 'child_process';
import * as path from 'path';
import { apiClient, cookieOf, expectErrorBody, sessionOf, sql, useTestApp } from './kit';

/**
 * Sign-in by a person's name and password (issue 12 §1, h-web2): an admin sets a person up through the API (and the
 * CLI), the person signs in at /logga-in with user name and password, the session carries the same Actor a token
 * would (role, the clerk's municipality), revoking the person ends the session, and wrong passwords are limited.
 */
const LIMIT = 4;

describe('web: sign-in by a person’s name and password', () => {
  // A low limit of failed sign-ins, so that the last test can reach it (the API's tests use the same setting).
  const ctx = useTestApp({ seed: 'demo', config: { AUTH_FAILURES_PER_MINUTE: LIMIT } });
  const api = apiClient(ctx);
  const PASSWORD = 'korrekt häst batteri';
  let clerkId = '';

  async function signInForm(userName: string, password: string, next = '/') {
    const form = await ctx.http.get('/logga-in');
    const pre = cookieOf(form, 'svk_pre');
    return ctx.http
      .post('/logga-in/namn')
      .set('Cookie', `svk_pre=${pre}`)
      .type('form')
      .send({ _csrf: pre, userName, password, next });
  }

  describe('POST /api/v1/persons (admin)', () => {
    it('sets up a person; the answer is a view and the password is kept only as a salted scrypt hash', async () => {
      const res = await api.post('/persons', {
        userName: 'Karin.Karlsson',
        name: 'Karin Karlsson',
        role: 'clerk',
        municipalityCode: '1461',
        password: PASSWORD,
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        userName: 'karin.karlsson',
        name: 'Karin Karlsson',
        role: 'clerk',
        municipalityCode: '1461',
        status: 'active',
        revokedAt: null,
      });
      expect(res.body.passwordHash).toBeUndefined();
      clerkId = res.body.id;
      const [row] = await sql(ctx, 'SELECT password_hash FROM person_account WHERE id = ?', [clerkId]);
      expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/);
      expect(row.password_hash).not.toContain('häst');
      const listed = await api.get('/persons', ctx.tokens.admin);
      expect(listed.status).toBe(200);
      expect(listed.body.map((p: { id: string }) => p.id)).toContain(clerkId);
    });

    it('only an admin: 403 for a coordinator and a clerk, 401 without a token', async () => {
      const body = { userName: 'x.y', name: 'X Y', role: 'auditor', password: PASSWORD };
      expect((await api.post('/persons', body, ctx.tokens.coordinator)).status).toBe(403);
      expect((await api.post('/persons', body, ctx.tokens.clerk['1461'])).status).toBe(403);
      expect((await api.get('/persons', ctx.tokens.auditor)).status).toBe(403);
      expect((await api.request('get', '/persons', null)).status).toBe(401);
    });

    it('400 names the field; a clerk needs a municipality; a user name is never reused (409)', async () => {
      const base = { userName: 'eva.e', name: 'Eva E', role: 'auditor', password: PASSWORD };
      const short = await api.post('/persons', { ...base, password: 'kort' });
      expect(short.status).toBe(400);
      expect(short.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['password']);
      const unknown = await api.post('/persons', { ...base, admin: true });
      expect(unknown.status).toBe(400);
      expect(unknown.body.details.fields.map((f: { field: string }) => f.field)).toEqual(['admin']);
      const clerk = await api.post('/persons', { ...base, role: 'clerk' });
      expect(clerk.status).toBe(400);
      expectErrorBody(clerk.body, 'VALIDATION_FAILED');
      expect(clerk.body.details.fields[0].field).toBe('municipalityCode');
      const nowhere = await api.post('/persons', { ...base, role: 'clerk', municipalityCode: '9999' });
      expect(nowhere.status).toBe(404);
      const taken = await api.post('/persons', { ...base, userName: 'KARIN.karlsson' });
      expect(taken.status).toBe(409);
      expectErrorBody(taken.body, 'USER_NAME_TAKEN');
    });
  });

  describe('the sign-in page', () => {
    it('offers the user name and password form beside the token form', async () => {
      const res = await ctx.http.get('/logga-in');
      expect(res.status).toBe(200);
      expect(res.text).toContain('action="/logga-in/namn"');
      expect(res.text).toMatch(/id="userName"[^>]*autocomplete="username"/s);
      expect(res.text).toContain('id="token"');
    });

    it('refuses a wrong password beside the field, keeps the user name, never echoes the password', async () => {
      const res = await signInForm('karin.karlsson', 'fel lösenord här');
      expect(res.status).toBe(401);
      expect(res.text).toMatch(/id="password-error"[^]*Användarnamnet eller lösenordet stämmer inte/);
      expect(res.text).toMatch(/id="userName"[^>]*value="karin.karlsson"/s);
      expect(res.text).not.toContain('fel lösenord här');
      expect(cookieOf(res, 'svk_session')).toBe('');
    });

    it('400 names each missing field; a forged form token is 403', async () => {
      const res = await signInForm('', '');
      expect(res.status).toBe(400);
      expect(res.text).toContain('id="userName-error"');
      expect(res.text).toContain('id="password-error"');
      const forged = await ctx.http
        .post('/logga-in/namn')
        .set('Cookie', 'svk_pre=abc')
        .type('form')
        .send({ _csrf: 'xyz', userName: 'karin.karlsson', password: PASSWORD });
      expect(forged.status).toBe(403);
    });

    it('signs in: the session is the clerk of Mellerud, as a token would make it, and starts on /kommun', async () => {
      const res = await signInForm('Karin.Karlsson', PASSWORD, '/');
      expect(res.status).toBe(303);
      const session = cookieOf(res, 'svk_session');
      expect(session).toMatch(/^[\w-]{43}$/);
      const web = sessionOf(ctx, session);
      const start = await web.get('/');
      expect(start.status).toBe(303);
      expect(start.headers.location).toBe('/kommun');
      const page = await web.get('/kommun');
      expect(page.status).toBe(200);
      expect(page.text).toContain('Inloggad: Karin Karlsson, registrator, 1461');
      // The same municipality binding as the API: another municipality's protocol desk shows Mellerud's.
      const desk = await web.get('/protokoll?kommun=1492');
      expect(desk.status).toBe(200);
      expect(desk.text).toContain('1461');
      const [row] = await sql(ctx, 'SELECT subject_kind, token_id FROM web_session WHERE token_id = ?', [clerkId]);
      expect(row.subject_kind).toBe('person');
    });

    it('revoking the person ends their session at its next request', async () => {
      const res = await signInForm('karin.karlsson', PASSWORD);
      const web = sessionOf(ctx, cookieOf(res, 'svk_session'));
      expect((await web.get('/kommun')).status).toBe(200);
      const revoked = await api.post(`/persons/${clerkId}/revoke`, {});
      expect(revoked.status).toBe(200);
      expect(revoked.body.status).toBe('revoked');
      const after = await web.get('/kommun');
      expect(after.status).toBe(303);
      expect(after.headers.location).toBe('/logga-in?next=%2Fkommun');
      const again = await signInForm('karin.karlsson', PASSWORD);
      expect(again.status).toBe(401);
    });
  });

  it('the CLI sets a person up (`person create`, the password on standard input) who then signs in', async () => {
    const options = ctx.dataSource.options as { type: string; database?: string; url?: string };
    const databaseUrl = ctx.databaseKind === 'sqlite' ? `sqlite:${options.database}` : options.url!;
    const root = path.resolve(__dirname, '../..');
    const args = ['person', 'create', '--user-name', 'rolf', '--name', 'Rolf Revisor', '--role', 'auditor'];
    const created = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', ...args],
        { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number((error as any).code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin!.end(`${PASSWORD}\n`);
    });
    expect(created.stderr).toContain('Set up auditor Rolf Revisor');
    expect(created.code).toBe(0);
    const id = created.stdout.trim();
    expect((await api.get(`/persons/${id}`, ctx.tokens.admin)).body).toMatchObject({
      role: 'auditor',
      createdBy: expect.stringMatching(/^cli/),
    });
    const res = await signInForm('rolf', PASSWORD, '/samverkan');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/samverkan');
  }, 90_000);

  it('wrong passwords are limited: after the limit even the right one is refused with 429 and Retry-After', async () => {
    let status = 0;
    for (let i = 0; i <= LIMIT && status !== 429; i++) status = (await signInForm('rolf', 'inte rätt lösenord')).status;
    expect(status).toBe(429);
    const right = await signInForm('rolf', PASSWORD);
    expect(right.status).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);
    expect(right.text).toContain('För många misslyckade inloggningar');
  });
});
