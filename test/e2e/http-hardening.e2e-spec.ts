import { createHash } from 'crypto';
import type { Response } from 'supertest';
import { TokenService } from '../../src/auth/token.service';
import { loadConfig } from '../../src/config/app-config';
import { CSP, type Directives } from '../../src/http/security-headers';
import { apiClient, bearer, expectErrorBody, MELLERUD, useTestApp } from './kit';

// Every answer carries the security headers and an X-Request-Id, and leaves one JSON line in the access log
// (docs/architecture.md, "HTTP"; docs/api.md, "Conventions").
describe('HTTP: security headers, request ids and the access log', () => {
  const logged: string[] = [];
  const ctx = useTestApp({ seed: 'demo', accessLog: { write: (line: string) => void logged.push(line) } });
  const api = apiClient(ctx);

  /** An auditor token made here, so that its id is known. */
  let reader: { token: string; id: string };
  let decisionId: string;
  beforeAll(async () => {
    reader = await ctx.app.get(TokenService).create('auditor', null, 'http-hardening reader');
    const list = await api.get(`/municipalities/${MELLERUD}/decisions`);
    expect(list.status).toBe(200);
    decisionId = list.body[0].id;
  });

  /** The policy of an answer as directive → sources. */
  function policyOf(res: Response): Directives {
    const header = res.headers['content-security-policy'];
    expect(typeof header).toBe('string');
    const out: Directives = {};
    for (const part of String(header).split(';')) {
      const [name, ...sources] = part.trim().split(/\s+/);
      if (name) out[name] = sources;
    }
    return out;
  }

  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  function expectSecurityHeaders(res: Response, csp: Directives, cache: 'no-store' | 'may-store' = 'no-store') {
    expect(policyOf(res)).toEqual(csp);
    expect(policyOf(res)['frame-ancestors']).toEqual(["'none'"]);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-request-id']).toEqual(expect.any(String));
    if (cache === 'no-store') expect(res.headers['cache-control']).toBe('no-store');
    else expect(res.headers['cache-control'] ?? '').not.toContain('no-store');
  }

  describe('security headers', () => {
    it('a JSON answer: the API policy (nothing loads, nothing runs, no framing) and no-store', async () => {
      const res = await api.get('/municipalities', reader.token);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expectSecurityHeaders(res, CSP.api);
      expect(CSP.api).toEqual({
        'default-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'none'"],
        'frame-ancestors': ["'none'"],
      });
    });

    it('error answers: 401 without a token, 403 for the wrong role, from the error filter', async () => {
      const unauthenticated = await api.request('get', '/municipalities', null);
      expect(unauthenticated.status).toBe(401);
      expectErrorBody(unauthenticated.body, 'UNAUTHENTICATED');
      expectSecurityHeaders(unauthenticated, CSP.api);
      const forbidden = await api.post('/municipalities', { code: '0114', name: 'Upplands Väsby' }, reader.token);
      expect(forbidden.status).toBe(403);
      expectSecurityHeaders(forbidden, CSP.api);
    });

    it('404 of an unknown route, under /api/v1 and outside it, and 404 of an unknown decision', async () => {
      for (const res of [
        await api.get('/no-such-route', reader.token),
        await ctx.http.get('/no-such-page'),
        await api.get('/decisions/00000000-0000-4000-8000-000000000000/extract', reader.token),
      ]) {
        expect(res.status).toBe(404);
        expectErrorBody(res.body, 'NOT_FOUND');
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        expect(policyOf(res)['default-src']).toEqual(["'none'"]);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['cache-control']).toBe('no-store');
      }
    });

    it("Fastify's own 400s: a body that is not JSON, and an undecodable URL (answered before any hook)", async () => {
      const notJson = await api.request('post', '/municipalities', ctx.tokens.admin, '{"code":', {
        headers: { 'Content-Type': 'application/json' },
      });
      expect(notJson.status).toBe(400);
      expectErrorBody(notJson.body, 'VALIDATION_FAILED');
      expectSecurityHeaders(notJson, CSP.api);
      const badUrl = await api.get('/collaborations/%E0%A4%A', reader.token);
      expect(badUrl.status).toBe(400);
      expectErrorBody(badUrl.body, 'VALIDATION_FAILED');
      expectSecurityHeaders(badUrl, CSP.api);
    });

    it('the health route: the API policy, but it may be stored (no personal data)', async () => {
      const res = await api.request('get', '/health', null);
      expect(res.status).toBe(200);
      expectSecurityHeaders(res, CSP.api, 'may-store');
    });

    it('the HTML extract: its one inline stylesheet is allowed by its SHA-256; no script, no style attribute, nothing loaded', async () => {
      const res = await api.get(`/decisions/${decisionId}/extract`, reader.token);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expectSecurityHeaders(res, CSP.extractHtml);
      const styles = [...res.text.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]);
      expect(styles).toHaveLength(1);
      const hash = `'sha256-${createHash('sha256').update(styles[0], 'utf8').digest('base64')}'`;
      expect(policyOf(res)['style-src']).toEqual([hash]);
      expect(policyOf(res)['script-src']).toBeUndefined(); // default-src 'none' applies
      // What the policy would block must not be in the document: scripts, style attributes, anything loaded.
      expect(res.text).not.toMatch(/<script|\sstyle=|<link|<img|\ssrc=|\shref=|url\(/i);
    });

    it('the PDF extract: a policy under which browsers show it (object-src self, inline styles of the viewer page)', async () => {
      const res = await api.get(`/decisions/${decisionId}/extract.pdf`, reader.token).buffer(true);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(Buffer.from(res.body).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expectSecurityHeaders(res, CSP.extractPdf);
      expect(policyOf(res)['script-src']).toBeUndefined();
    });

    it('/api/docs: scripts only from this origin (no inline script), served as JavaScript; styles inline or from this origin', async () => {
      for (const page of ['/api/docs', '/api/docs/']) {
        const res = await ctx.http.get(page);
        expect(res.status).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expectSecurityHeaders(res, CSP.docs, 'may-store');
        const policy = policyOf(res);
        expect(policy['script-src']).toEqual(["'self'"]);
        expect(policy['style-src']).toEqual(["'self'", "'unsafe-inline'"]);

        const scripts = [...res.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
        expect(scripts.length).toBeGreaterThanOrEqual(3);
        const assets: Array<{ url: string; type: RegExp }> = [];
        for (const [, attributes, body] of scripts) {
          expect(body.trim()).toBe(''); // no inline script: 'self' allows none
          const src = attributes.match(/src=["']([^"']+)["']/)?.[1];
          expect(src).toBeDefined();
          assets.push({ url: src!, type: /^application\/javascript/ });
        }
        expect(res.text).not.toMatch(/\son[a-z]+=/i); // no inline event handler either
        for (const [, href] of res.text.matchAll(
          /<link[^>]*rel=["']stylesheet["'][^>]*href=["']([^"']+)["']|<link[^>]*href=["']([^"']+)["'][^>]*rel=["']stylesheet["']/g,
        ))
          assets.push({ url: href, type: /^text\/css/ });
        for (const [, href] of res.text.matchAll(/<link[^>]*rel=["']icon["'][^>]*href=["']([^"']+)["']/g))
          assets.push({ url: href, type: /^image\/png/ });
        expect(assets.filter((a) => String(a.type).includes('css'))).toHaveLength(1);

        for (const asset of assets) {
          const url = new URL(asset.url, `http://localhost${page}`);
          expect(url.origin).toBe('http://localhost'); // relative: this origin, which 'self' allows
          const got = await ctx.http.get(url.pathname);
          expect({ url: url.pathname, status: got.status }).toEqual({ url: url.pathname, status: 200 });
          // nosniff: a script or stylesheet served under another type would be refused by the browser.
          expect(got.headers['content-type']).toMatch(asset.type);
          expect(got.headers['x-content-type-options']).toBe('nosniff');
        }
      }
      // The initialiser gets the document inline, so the page fetches nothing else and needs no connect beyond 'self'.
      const init = await ctx.http.get('/api/docs/docs/swagger-ui-init.js');
      expect(init.status).toBe(200);
      expect(init.text).toContain('"swaggerDoc"');
      const json = await ctx.http.get('/api/docs-json');
      expect(json.status).toBe(200);
      expectSecurityHeaders(json, CSP.api, 'may-store');
    });
  });

  describe('X-Request-Id', () => {
    it('is a new UUID when none is sent, different for each request', async () => {
      const a = await api.get('/municipalities', reader.token);
      const b = await api.get('/municipalities', reader.token);
      expect(a.headers['x-request-id']).toMatch(UUID);
      expect(b.headers['x-request-id']).toMatch(UUID);
      expect(a.headers['x-request-id']).not.toBe(b.headers['x-request-id']);
    });

    it('echoes an acceptable incoming id (1–64 of A–Z a–z 0–9 - _), on success and on errors', async () => {
      const id = 'client-Req_42';
      const ok = await api.get('/municipalities', reader.token).set('X-Request-Id', id);
      expect(ok.headers['x-request-id']).toBe(id);
      const refused = await api.request('get', '/municipalities', null).set('X-Request-Id', id);
      expect(refused.status).toBe(401);
      expect(refused.headers['x-request-id']).toBe(id);
      const max = 'a'.repeat(64);
      expect((await ctx.http.get('/no-such-page').set('X-Request-Id', max)).headers['x-request-id']).toBe(max);
    });

    it.each([
      ['too long', 'a'.repeat(65)],
      ['a space', 'two words'],
      ['a quote', 'x"y'],
      ['a dot', 'a.b'],
      ['a colon', 'a:b'],
    ])('replaces an incoming id with %s by a new UUID', async (_name, sent) => {
      const res = await api.get('/municipalities', reader.token).set('X-Request-Id', sent);
      expect(res.headers['x-request-id']).toMatch(UUID);
    });
  });

  describe('the access log', () => {
    /** The lines of one request, waiting a little: a line is written when the answer has been sent. */
    async function linesOf(requestId: string, expected = 1): Promise<any[]> {
      for (let i = 0; i < 100; i++) {
        const found = logged.map((l) => JSON.parse(l)).filter((l) => l.requestId === requestId);
        if (found.length >= expected) {
          await new Promise((r) => setTimeout(r, 20)); // and no second line comes
          return logged.map((l) => JSON.parse(l)).filter((l) => l.requestId === requestId);
        }
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`no access log line for ${requestId}`);
    }

    const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

    it('one JSON line per request: time (ISO UTC), request id, method, path without the query, route, status, ms, token id', async () => {
      const before = Date.now();
      const res = await api
        .get('/municipalities?asOf=2025-01-01&name=Personnummer-19121212', reader.token)
        .set('X-Request-Id', 'log-line-1');
      // Refused (the endpoint takes no query), and logged like any answer: without the query it was sent with.
      expect(res.status).toBe(400);
      const lines = await linesOf('log-line-1');
      expect(lines).toHaveLength(1);
      const [line] = lines;
      expect(line).toEqual({
        level: 'info',
        time: expect.stringMatching(ISO_UTC),
        msg: 'request',
        requestId: 'log-line-1',
        method: 'GET',
        path: '/api/v1/municipalities',
        route: '/api/v1/municipalities',
        status: 400,
        ms: expect.any(Number),
        tokenId: reader.id,
      });
      expect(line.ms).toBeGreaterThanOrEqual(0);
      expect(Date.parse(line.time)).toBeGreaterThanOrEqual(before - 1000);
      expect(Date.parse(line.time)).toBeLessThanOrEqual(Date.now() + 1000);
      // The token and the query never reach the log.
      const raw = logged.find((l) => l.includes('"log-line-1"'))!;
      expect(raw).not.toContain(reader.token);
      expect(raw).not.toContain('Personnummer');
      expect(raw.endsWith('\n')).toBe(true);
      expect(raw.trimEnd()).not.toContain('\n');
    });

    it('every kind of answer is logged once, with its status; the token id only once the token was accepted', async () => {
      const cases: Array<{ id: string; send: () => Promise<Response>; status: number; tokenId: string | null }> = [
        {
          id: 'log-route-pattern',
          send: () =>
            api.get(`/decisions/${decisionId}/extract`, reader.token).set('X-Request-Id', 'log-route-pattern'),
          status: 200,
          tokenId: reader.id,
        },
        {
          id: 'log-no-token',
          send: () => api.request('get', '/municipalities', null).set('X-Request-Id', 'log-no-token'),
          status: 401,
          tokenId: null,
        },
        {
          id: 'log-bad-token',
          send: () => api.request('get', '/municipalities', 'svk_not-a-token').set('X-Request-Id', 'log-bad-token'),
          status: 401,
          tokenId: null,
        },
        {
          id: 'log-wrong-role',
          send: () =>
            api
              .post('/municipalities', { code: '0114', name: 'Upplands Väsby' }, reader.token)
              .set('X-Request-Id', 'log-wrong-role'),
          status: 403,
          tokenId: reader.id,
        },
        {
          id: 'log-unknown-route',
          send: () =>
            ctx.http.get('/api/v1/nothing-here?x=1').set(bearer(reader.token)).set('X-Request-Id', 'log-unknown-route'),
          status: 404,
          tokenId: null, // no route, so no guard ran
        },
        {
          id: 'log-bad-url',
          send: () => api.get('/collaborations/%ZZ', reader.token).set('X-Request-Id', 'log-bad-url'),
          status: 400,
          tokenId: null,
        },
        {
          id: 'log-docs',
          send: () => ctx.http.get('/api/docs').set('X-Request-Id', 'log-docs'),
          status: 200,
          tokenId: null,
        },
      ];
      for (const c of cases) {
        const res = await c.send();
        expect({ id: c.id, status: res.status }).toEqual({ id: c.id, status: c.status });
        expect(res.headers['x-request-id']).toBe(c.id);
        const lines = await linesOf(c.id);
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatchObject({ requestId: c.id, status: c.status, tokenId: c.tokenId });
        expect(lines[0].time).toMatch(ISO_UTC);
        expect(typeof lines[0].ms).toBe('number');
      }
      const byId = (id: string) => logged.map((l) => JSON.parse(l)).find((l) => l.requestId === id);
      expect(byId('log-route-pattern')).toMatchObject({
        path: `/api/v1/decisions/${decisionId}/extract`,
        route: '/api/v1/decisions/:id/extract',
      });
      expect(byId('log-unknown-route').path).toBe('/api/v1/nothing-here');
      expect(byId('log-bad-url')).toMatchObject({ method: 'GET', path: '/api/v1/collaborations/%ZZ' });
      expect(byId('log-bad-url').route).toBeUndefined();
    });

    it('ACCESS_LOG is stdout (the default) or off; anything else refuses to start', () => {
      expect(loadConfig({}).ACCESS_LOG).toBe('stdout');
      expect(loadConfig({ ACCESS_LOG: 'off' }).ACCESS_LOG).toBe('off');
      expect(() => loadConfig({ ACCESS_LOG: 'file' })).toThrow(/ACCESS_LOG/);
    });
  });
});
