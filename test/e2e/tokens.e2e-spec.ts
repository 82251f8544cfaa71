import type { INestApplication } from '@nestjs/common';
import { createHash } from 'crypto';
import request from 'supertest';
import { TokenService } from '../../src/auth/token.service';
import { createApp } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/app-config';
import { apiClient, createTestDatabase, expectErrorBody, sql, testConfig, useTestApp } from './kit';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const DAY_MS = 86_400_000;

// Tokens as a security officer expects them: a person's name, a role, a creation time, an expiry and a last use;
// listed, issued and revoked by an admin through the API; a revoked or expired token refused at its next request.
describe('tokens', () => {
  const ctx = useTestApp({ config: { TOKEN_TTL_DAYS: 30 } });
  const api = apiClient(ctx);
  const admin = () => ctx.tokens.admin;
  const adminId = async () => (await ctx.app.get(TokenService).authenticate(ctx.tokens.admin))!.id;

  const issue = async (body: Record<string, unknown>) => {
    const res = await api.post('/tokens', body, admin());
    expect({ status: res.status, body: res.body }).toMatchObject({ status: 201 });
    return res.body;
  };

  it('POST /tokens issues a token for a person: the secret once, a view of the rest, never the hash', async () => {
    const before = Date.now();
    const body = await issue({ name: 'Anna Andersson, registrator Åmål', role: 'clerk', municipalityCode: '1492' });
    expect(body).toEqual({
      token: expect.stringMatching(/^svk_[A-Za-z0-9_-]{43}$/),
      id: expect.any(String),
      name: 'Anna Andersson, registrator Åmål',
      role: 'clerk',
      municipalityCode: '1492',
      label: null,
      origin: 'api',
      createdBy: `token:${await adminId()}`,
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
      lastUsedAt: null,
      revokedAt: null,
      revokedBy: null,
      status: 'active',
    });
    // TOKEN_TTL_DAYS (30 in this file) is the default expiry.
    const expires = Date.parse(body.expiresAt) - Date.parse(body.createdAt);
    expect(expires).toBe(30 * DAY_MS);
    expect(Date.parse(body.createdAt)).toBeGreaterThanOrEqual(before - 1000);
    // The token works as the clerk of Åmål.
    expect((await api.get('/collaborations', body.token)).status).toBe(200);
    // The list and the single view never carry the hash (nor the secret).
    const hash = sha256(body.token);
    for (const res of [await api.get('/tokens', admin()), await api.get(`/tokens/${body.id}`, admin())]) {
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(hash);
      expect(JSON.stringify(res.body)).not.toContain(body.token);
    }
    await ctx.app.get(TokenService).settled();
    const listed = (await api.get('/tokens', admin())).body.find((t: any) => t.id === body.id);
    const { token: _secret, ...view } = body;
    expect(listed).toEqual({ ...view, lastUsedAt: expect.any(String) });
  });

  it('a shorter expiry may be asked for, never a longer one than TOKEN_TTL_DAYS', async () => {
    const short = await issue({ name: 'Tillfällig revisor', role: 'auditor', expiresInDays: 2 });
    expect(Date.parse(short.expiresAt) - Date.parse(short.createdAt)).toBe(2 * DAY_MS);
    const long = await api.post('/tokens', { name: 'För länge', role: 'auditor', expiresInDays: 31 }, admin());
    expect(long.status).toBe(400);
    expectErrorBody(long.body, 'VALIDATION_FAILED');
    expect(long.body.details.fields).toEqual([expect.objectContaining({ field: 'expiresInDays' })]);
  });

  it.each([
    ['without a name', { role: 'auditor' }, 'name'],
    ['with a blank name', { name: '   ', role: 'auditor' }, 'name'],
    ['with an unknown role', { name: 'X', role: 'superuser' }, 'role'],
    ['a clerk without a municipality', { name: 'X', role: 'clerk' }, 'municipalityCode'],
    [
      'an auditor bound to a municipality',
      { name: 'X', role: 'auditor', municipalityCode: '1492' },
      'municipalityCode',
    ],
    ['with a hash of its own', { name: 'X', role: 'auditor', tokenHash: 'a'.repeat(64) }, 'tokenHash'],
  ])('POST /tokens %s → 400 naming the field', async (_name, body, field) => {
    const count = Number((await sql(ctx, 'SELECT COUNT(*) AS n FROM api_token'))[0].n);
    const res = await api.post('/tokens', body, admin());
    expect(res.status).toBe(400);
    expectErrorBody(res.body, 'VALIDATION_FAILED');
    expect(res.body.details.fields.map((f: any) => f.field)).toContain(field);
    expect(Number((await sql(ctx, 'SELECT COUNT(*) AS n FROM api_token'))[0].n)).toBe(count);
  });

  it('a clerk token of an unknown municipality → 404 UNKNOWN_MUNICIPALITY', async () => {
    const res = await api.post('/tokens', { name: 'X', role: 'clerk', municipalityCode: '9999' }, admin());
    expect(res.status).toBe(404);
    expectErrorBody(res.body, 'UNKNOWN_MUNICIPALITY');
  });

  it('only an admin lists, issues and revokes tokens (403 for every other role, 401 without a token)', async () => {
    const target = await issue({ name: 'Mål', role: 'auditor' });
    for (const token of [ctx.tokens.coordinator, ctx.tokens.auditor, ctx.tokens.clerk['1492']]) {
      for (const res of [
        await api.get('/tokens', token),
        await api.get(`/tokens/${target.id}`, token),
        await api.post('/tokens', { name: 'X', role: 'admin' }, token),
        await api.post(`/tokens/${target.id}/revoke`, undefined, token),
      ]) {
        expect(res.status).toBe(403);
        expectErrorBody(res.body, 'FORBIDDEN');
      }
    }
    expect((await api.request('get', '/tokens', null)).status).toBe(401);
    expect((await api.get('/tokens', target.token)).status).toBe(403);
    expect((await api.get(`/tokens/${target.id}`, admin())).body.status).toBe('active');
  });

  it('POST /tokens/{id}/revoke: the next request with it is 401 at once; again is harmless; unknown → 404', async () => {
    const t = await issue({ name: 'Lämnar tjänsten', role: 'coordinator' });
    expect((await api.get('/collaborations', t.token)).status).toBe(200);
    const revoked = await api.post(`/tokens/${t.id}/revoke`, undefined, admin());
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      id: t.id,
      status: 'revoked',
      revokedAt: expect.any(String),
      revokedBy: `token:${await adminId()}`,
    });
    expect(revoked.body).not.toHaveProperty('token');
    const refused = await api.get('/collaborations', t.token);
    expect(refused.status).toBe(401);
    expectErrorBody(refused.body, 'UNAUTHENTICATED');
    const again = await api.post(`/tokens/${t.id}/revoke`, undefined, admin());
    expect(again.status).toBe(200);
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    const unknown = await api.post('/tokens/00000000-0000-4000-8000-000000000000/revoke', undefined, admin());
    expect(unknown.status).toBe(404);
    expectErrorBody(unknown.body, 'NOT_FOUND');
    expect((await api.post('/tokens/not-a-uuid/revoke', undefined, admin())).status).toBe(400);
    expect((await api.get('/tokens?status=revoked', admin())).body.map((v: any) => v.id)).toContain(t.id);
  });

  it('an expired token is refused with 401 TOKEN_EXPIRED at once, and listed as expired', async () => {
    const t = await issue({ name: 'Kort uppdrag', role: 'auditor', expiresInDays: 1 });
    expect((await api.get('/collaborations', t.token)).status).toBe(200);
    const past = new Date(Date.now() - 1000).toISOString();
    await sql(ctx, 'UPDATE api_token SET expires_at = ? WHERE id = ?', [past, t.id]);
    const res = await api.get('/collaborations', t.token);
    expect(res.status).toBe(401);
    expectErrorBody(res.body, 'TOKEN_EXPIRED');
    expect(res.body.details).toEqual({ expiresAt: past });
    expect(await ctx.app.get(TokenService).authenticate(t.token)).toBeNull();
    expect((await api.get(`/tokens/${t.id}`, admin())).body.status).toBe('expired');
    const expired = (await api.get('/tokens?status=expired', admin())).body;
    expect(expired.map((v: any) => v.id)).toEqual([t.id]);
    expect((await api.get('/tokens?status=active', admin())).body.map((v: any) => v.id)).not.toContain(t.id);
    expect((await api.get('/tokens?status=soon', admin())).status).toBe(400);
  });

  it('last_used_at: written at the first use, then at most once a minute per token', async () => {
    const t = await issue({ name: 'Användare', role: 'auditor' });
    const tokens = ctx.app.get(TokenService);
    const lastUsed = async () =>
      (await sql(ctx, 'SELECT last_used_at AS at FROM api_token WHERE id = ?', [t.id]))[0].at as string | null;
    expect(await lastUsed()).toBeNull();
    const before = new Date().toISOString();
    expect((await api.get('/collaborations', t.token)).status).toBe(200);
    await tokens.settled();
    const first = await lastUsed();
    expect(first! >= before).toBe(true);
    for (let i = 0; i < 5; i++) expect((await api.get('/collaborations', t.token)).status).toBe(200);
    await tokens.settled();
    expect(await lastUsed()).toBe(first);
    expect((await api.get(`/tokens/${t.id}`, admin())).body.lastUsedAt).toBe(first);
    // A refused request is no use.
    const unused = await issue({ name: 'Oanvänd', role: 'auditor' });
    await api.post(`/tokens/${unused.id}/revoke`, undefined, admin());
    expect((await api.get('/collaborations', unused.token)).status).toBe(401);
    await tokens.settled();
    expect((await api.get(`/tokens/${unused.id}`, admin())).body.lastUsedAt).toBeNull();
  });

  it('the OpenAPI document has the token routes', async () => {
    const doc = (await ctx.http.get('/api/docs-json')).body;
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/tokens', '/api/v1/tokens/{id}', '/api/v1/tokens/{id}/revoke']),
    );
    expect(doc.components.schemas.TokenViewDto.properties).not.toHaveProperty('tokenHash');
  });
});

describe('ADMIN_TOKEN', () => {
  const A = 'a'.repeat(16) + 'first-admin-token-0123456789';
  const B = 'b'.repeat(16) + 'second-admin-token-012345678';

  it('must be at least 32 characters: the configuration refuses a shorter one, saying so', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: 'demo-admin-token' })).toThrow(
      /ADMIN_TOKEN: ADMIN_TOKEN must be at least 32 characters/,
    );
    expect(loadConfig({ ADMIN_TOKEN: A }).ADMIN_TOKEN).toBe(A);
  });

  it('a start with another ADMIN_TOKEN revokes the one it replaced; a start without one revokes the last', async () => {
    const database = await createTestDatabase();
    const start = (adminToken?: string) =>
      createApp(testConfig(database.url, 'none', adminToken ? { ADMIN_TOKEN: adminToken } : {}), { logger: false });
    const tokensOf = (app: INestApplication, raw: string) =>
      request(app.getHttpServer()).get('/api/v1/tokens').set('Authorization', `Bearer ${raw}`);
    let app: INestApplication | null = null;
    try {
      app = await start(A);
      const first = await tokensOf(app, A);
      expect(first.status).toBe(200);
      expect(first.body).toEqual([
        expect.objectContaining({ origin: 'env', role: 'admin', name: 'ADMIN_TOKEN (environment)', status: 'active' }),
      ]);
      await app.close();

      // The same token again: still the one row, still working; not renewed (it expires like every token).
      app = await start(A);
      const again = await tokensOf(app, A);
      expect(again.status).toBe(200);
      expect(again.body).toEqual([{ ...first.body[0], lastUsedAt: expect.any(String) }]);
      await app.close();

      app = await start(B);
      expect((await tokensOf(app, A)).status).toBe(401);
      const replaced = await tokensOf(app, B);
      expect(replaced.status).toBe(200);
      expect(replaced.body.map((v: any) => [v.origin, v.status, v.revokedBy])).toEqual([
        ['env', 'revoked', 'env'],
        ['env', 'active', null],
      ]);
      await app.close();

      app = await start(undefined);
      expect((await tokensOf(app, B)).status).toBe(401);
      await app.close();

      // A revoked ADMIN_TOKEN stays revoked when it comes back.
      app = await start(A);
      expect((await tokensOf(app, A)).status).toBe(401);
      const rows = await app.get(TokenService).list();
      expect(rows.map((v) => [v.origin, v.status])).toEqual([
        ['env', 'revoked'],
        ['env', 'revoked'],
      ]);
    } finally {
      await app?.close();
      await database.drop();
    }
  });
});
