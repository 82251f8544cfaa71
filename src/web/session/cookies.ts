import type { FastifyReply, FastifyRequest } from 'fastify';

/** The cookies of a request (no package: the pages read three names). */
export function cookiesOf(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  const header = request.headers.cookie;
  if (typeof header !== 'string') return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    try {
      out[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      // An undecodable value is no value.
    }
  }
  return out;
}

/** Secure where the request came over TLS (directly, or as Fastify's trustProxy reports it). */
function isTls(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/** HttpOnly, SameSite=Strict, Path=/, Secure over TLS; maxAge in seconds (0 deletes it). */
export function setCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  name: string,
  value: string,
  maxAgeSeconds: number,
  options: { httpOnly?: boolean } = {},
): void {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', `Max-Age=${maxAgeSeconds}`, 'SameSite=Strict'];
  if (options.httpOnly !== false) parts.push('HttpOnly');
  if (isTls(request)) parts.push('Secure');
  // Fastify adds a set-cookie header to those already set (it does not replace them).
  void reply.header('set-cookie', parts.join('; '));
}
