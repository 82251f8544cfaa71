import { apiClient, bearer, expectErrorBody, useTestApp } from './kit';

// Rate limits in the guard, per process: failed authentications per client address, requests per token. 429 answers
// in the service's error shape with Retry-After. Each block has its own app (its own windows) with low limits; every
// request of the test client comes from one address (127.0.0.1).
const expectLimited = (res: { status: number; body: any; headers: Record<string, string> }) => {
  expect(res.status).toBe(429);
  expectErrorBody(res.body, 'RATE_LIMITED');
  const seconds = Number(res.headers['retry-after']);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(60);
  expect(res.body.details).toEqual({ retryAfterSeconds: seconds });
};

describe('AUTH_FAILURES_PER_MINUTE', () => {
  const ctx = useTestApp({ config: { AUTH_FAILURES_PER_MINUTE: 3 } });
  const api = apiClient(ctx);

  it('after 3 failures from an address, its requests get 429 for the rest of the minute, a valid token too', async () => {
    // A request that authenticates is no failure.
    expect((await api.get('/collaborations', ctx.tokens.auditor)).status).toBe(200);
    for (const headers of [{}, bearer('svk_guess-1'), bearer('svk_guess-2')]) {
      const res = await ctx.http.get('/api/v1/collaborations').set(headers);
      expect(res.status).toBe(401);
      expectErrorBody(res.body, 'UNAUTHENTICATED');
    }
    const limited = await ctx.http.get('/api/v1/collaborations').set(bearer('svk_guess-3'));
    expectLimited(limited);
    expect(limited.body.messageSv).toMatch(/misslyckade inloggningar/);
    // The address is refused before its token is looked at: guessing stops, for a valid token as well.
    expectLimited(await api.get('/collaborations', ctx.tokens.auditor));
    expectLimited(await api.post('/workflows/due-events/run', {}, ctx.tokens.admin));
    // The health check needs no token and is not limited.
    expect((await ctx.http.get('/api/v1/health')).status).toBe(200);
  });
});

describe('REQUESTS_PER_MINUTE_PER_TOKEN', () => {
  const ctx = useTestApp({ config: { REQUESTS_PER_MINUTE_PER_TOKEN: 5 } });
  const api = apiClient(ctx);

  it('a token gets 5 requests a minute, then 429 with Retry-After; other tokens go on', async () => {
    for (let i = 0; i < 5; i++) expect((await api.get('/collaborations', ctx.tokens.auditor)).status).toBe(200);
    const limited = await api.get('/collaborations', ctx.tokens.auditor);
    expectLimited(limited);
    expect(limited.body.message).toMatch(/Too many requests with this token/);
    expectLimited(await api.get('/municipalities', ctx.tokens.auditor));
    expect((await api.get('/collaborations', ctx.tokens.coordinator)).status).toBe(200);
    // A refused request with an unknown token counts against the address, not a token.
    expect((await api.get('/collaborations', 'svk_unknown')).status).toBe(401);
  });
});

describe('limits 0 = off', () => {
  const ctx = useTestApp({ config: { AUTH_FAILURES_PER_MINUTE: 0, REQUESTS_PER_MINUTE_PER_TOKEN: 0 } });
  const api = apiClient(ctx);

  it('no failure limit and no request limit', async () => {
    for (let i = 0; i < 30; i++) expect((await api.get('/collaborations', `svk_guess-${i}`)).status).toBe(401);
    for (let i = 0; i < 30; i++) expect((await api.get('/collaborations', ctx.tokens.auditor)).status).toBe(200);
  });
});
