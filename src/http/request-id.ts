import { randomUUID } from 'crypto';
import type { IncomingMessage } from 'http';

/** The header a client may send its own request id in, and every answer carries the request's id in. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What an incoming id may look like: 1 to 64 of A–Z, a–z, 0–9, '-' and '_' (no spaces, no log-line tricks). */
const ACCEPTABLE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The incoming id if it is acceptable, else null (a repeated header arrives joined with ", " and is refused). */
export function acceptableRequestId(value: unknown): string | null {
  return typeof value === 'string' && ACCEPTABLE_ID.test(value) ? value : null;
}

/**
 * Fastify's `genReqId`: the client's `X-Request-Id` when it is acceptable, else a new UUID. Fastify calls it once per
 * request, also for a request it answers itself (an undecodable URL), and the id is `request.id` from then on.
 */
export function requestIdOf(req: IncomingMessage): string {
  return acceptableRequestId(req.headers[REQUEST_ID_HEADER]) ?? randomUUID();
}
