import type { FastifyReply, FastifyRequest } from 'fastify';
import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * The access log: one JSON line per answer, written with pino. A line:
 *
 *   {"level":"info","time":"2026-01-15T09:30:00.123Z","requestId":"…","method":"GET","path":"/api/v1/decisions/…",
 *    "route":"/api/v1/decisions/:id","status":200,"ms":3.4,"tokenId":"…","msg":"request"}
 *
 * `time` is ISO 8601 in UTC, when the answer was sent; `path` is the path without the query string (a query may carry
 * what the log should not keep); `route` is the route's pattern (absent when no route matched); `tokenId` is the id of
 * the bearer token the request was authenticated with (never the token), null without one.
 */
export type AccessLog = Logger;

/** Longer paths are cut here: a line stays a line. */
const MAX_PATH = 1024;

/** stdout (the default), off, or a stream of the caller's (tests). */
export function createAccessLog(destination: 'stdout' | 'off' | DestinationStream): AccessLog | null {
  if (destination === 'off') return null;
  const options: pino.LoggerOptions = {
    base: null,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  return destination === 'stdout'
    ? pino(options, pino.destination({ dest: 1, sync: false }))
    : pino(options, destination);
}

/** The path of a request URL, without its query string, cut at MAX_PATH characters. */
export function pathOf(url: string): string {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  return path.length > MAX_PATH ? `${path.slice(0, MAX_PATH)}…` : path;
}

/** The actor the global guard (src/auth/auth.guard.ts) put on the request once its token was accepted. */
function tokenIdOf(request: FastifyRequest): string | null {
  const actor = (request as FastifyRequest & { actor?: { id?: unknown } }).actor;
  return typeof actor?.id === 'string' ? actor.id : null;
}

export function logAnswer(log: AccessLog, request: FastifyRequest, reply: FastifyReply, ms: number): void {
  log.info(
    {
      requestId: request.id,
      method: request.method,
      path: pathOf(request.url),
      route: request.routeOptions.url,
      status: reply.statusCode,
      ms: Math.round(ms * 10) / 10,
      tokenId: tokenIdOf(request),
    },
    'request',
  );
}
