import type { Response, Test } from 'supertest';
import { bearer, type TestContext } from './harness';

export type Method = 'get' | 'post' | 'patch';

/** What a request may carry besides its token and body. */
export interface SendOptions {
  /** Sent as the Idempotency-Key header. */
  idempotencyKey?: string;
  /** Any other headers (e.g. Content-Type for a raw body). */
  headers?: Record<string, string>;
}

/**
 * The API under /api/v1 of one test app, with a bearer token on every request: reads as the auditor and writes as the
 * admin unless told otherwise. `request` is the primitive: a null token sends no Authorization header, an undefined
 * body sends no body (a string body is sent as it is).
 */
export function apiClient(ctx: TestContext) {
  const request = (
    method: Method,
    path: string,
    token: string | null,
    body?: unknown,
    options: SendOptions = {},
  ): Test => {
    let req = ctx.http[method](`/api/v1${path}`);
    if (token !== null) req = req.set(bearer(token));
    if (options.idempotencyKey !== undefined) req = req.set('Idempotency-Key', options.idempotencyKey);
    if (options.headers) req = req.set(options.headers);
    return body === undefined ? req : req.send(body as string | object);
  };
  return {
    request,
    /** GET /api/v1{path} (as the auditor unless told). */
    get: (path: string, token: string = ctx.tokens.auditor) => request('get', path, token),
    /** POST /api/v1{path} (as the admin unless told); `options.idempotencyKey` sets the Idempotency-Key header. */
    post: (path: string, body?: unknown, token: string = ctx.tokens.admin, options?: SendOptions) =>
      request('post', path, token, body, options),
    /** PATCH /api/v1{path} (as the admin unless told). */
    patch: (path: string, body?: unknown, token: string = ctx.tokens.admin, options?: SendOptions) =>
      request('patch', path, token, body, options),
  };
}

export type ApiClient = ReturnType<typeof apiClient>;

/** supertest's `.parse(binaryBody)`: the answer's bytes as one Buffer (a PDF, a CSV, an evidence archive). */
export function binaryBody(res: Response, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
