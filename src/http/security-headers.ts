import { createHash } from 'crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { STYLE as EXTRACT_STYLE } from '../decision/extract/extract-html';

/**
 * The security headers of every answer (docs/architecture.md, "HTTP"): helmet's set (computed once per policy) with a
 * Content-Security-Policy chosen by route, `X-Frame-Options: DENY`, `Referrer-Policy: no-referrer`, `X-Content-Type-Options: nosniff`, and
 * `Cache-Control: no-store` on everything that may carry personal data.
 */
export type Directives = Record<string, string[]>;

const NONE = ["'none'"];
const SELF = "'self'";
/** In every policy: nothing may frame an answer, set a <base> or post a form. */
const ALWAYS: Directives = { 'base-uri': NONE, 'form-action': NONE, 'frame-ancestors': NONE };

function sha256Source(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

export const CSP = {
  /** JSON, errors and everything not listed below: the answer may load nothing and run nothing. */
  api: { 'default-src': NONE, ...ALWAYS },
  /**
   * The protokollsutdrag in HTML (src/decision/extract/extract-html.ts): a standalone document whose only active
   * content is its one inline <style>, allowed by its hash; no script, image, font, frame or connection.
   */
  extractHtml: { 'default-src': NONE, 'style-src': [sha256Source(EXTRACT_STYLE)], ...ALWAYS },
  /**
   * The protokollsutdrag in PDF. Chrome shows a PDF in an <embed> of the PDF itself on a page of its own with inline
   * styles, and that page gets the PDF's policy (crbug.com/271452): `object-src 'none'` blocks the viewer, no inline
   * style squeezes it. Scripts stay off.
   */
  extractPdf: { 'default-src': NONE, 'object-src': [SELF], 'style-src': ["'unsafe-inline'"], ...ALWAYS },
  /**
   * Swagger UI at /api/docs (@nestjs/swagger): its scripts are files of this origin (the bundle, the preset and
   * swagger-ui-init.js, which carries the OpenAPI document), so no inline script and no eval; its page has two inline
   * <style> blocks and a style attribute, hence 'unsafe-inline' for styles only; images are its favicons and the
   * data: SVGs of its stylesheet; "Try it out" calls this origin.
   */
  docs: {
    'default-src': NONE,
    'script-src': [SELF],
    'style-src': [SELF, "'unsafe-inline'"],
    'img-src': [SELF, 'data:'],
    'connect-src': [SELF],
    ...ALWAYS,
  },
  // Web pages (h-web): the pages load only their own /assets files (no inline script or style, no eval), and their
  // forms post only to this origin.
  web: {
    'default-src': NONE,
    'script-src': [SELF],
    'style-src': [SELF],
    'img-src': [SELF],
    'connect-src': [SELF],
    ...ALWAYS,
    'form-action': [SELF],
  },
} satisfies Record<string, Directives>;

/** The paths the policies and the cache rule are about (bootstrap.ts owns them). */
export interface HttpPaths {
  /** '/api/v1' */
  apiPrefix: string;
  /** '/api/docs': the Swagger UI page and its assets */
  docsPath: string;
  /** '/api/docs-json': the OpenAPI document */
  docsJsonPath: string;
}

/** Which routes get which policy; every other route, and an answer without a route (404), gets CSP.api. */
function routePolicies(paths: HttpPaths): { name: string; matches: (route: string) => boolean; csp: Directives }[] {
  const { apiPrefix, docsPath } = paths;
  return [
    { name: 'extract HTML', matches: (r) => r === `${apiPrefix}/decisions/:id/extract`, csp: CSP.extractHtml },
    { name: 'extract PDF', matches: (r) => r === `${apiPrefix}/decisions/:id/extract.pdf`, csp: CSP.extractPdf },
    { name: 'API docs', matches: (r) => r === docsPath || r.startsWith(`${docsPath}/`), csp: CSP.docs },
    // Cost sharing: the invoices of a run as PDF are shown in the browser's viewer like the extract.
    {
      name: 'invoices PDF',
      matches: (r) => r === `${apiPrefix}/cost-rules/:id/invoice-runs/:run/invoices.pdf`,
      csp: CSP.extractPdf,
    },
    // Web pages (h-web): a decision's protokollsutdrag as the pages show it, then every page outside /api.
    { name: 'web extract', matches: (r) => r === '/beslut/:id', csp: CSP.extractHtml },
    // The public protokollsutdrag of a justerat paragraph (h-secret, R-I11): the same standalone document.
    { name: 'public extract', matches: (r) => r === '/anslagstavla/:kommun/utdrag/:id', csp: CSP.extractHtml },
    { name: 'web pages', matches: (r) => !r.startsWith('/api'), csp: CSP.web },
  ];
}

/**
 * The answers that may be stored by a browser or a proxy: the health route and the API docs (page, assets, OpenAPI
 * document), which carry no personal data. Every other answer, errors and 404s included, is `no-store`.
 */
export function mayBeStored(route: string | undefined, paths: HttpPaths): boolean {
  if (route === undefined) return false;
  const { apiPrefix, docsPath, docsJsonPath } = paths;
  return (
    route === `${apiPrefix}/health` || route === docsJsonPath || route === docsPath || route.startsWith(`${docsPath}/`)
  );
}

/** helmet's options for one policy; helmet's other defaults stay (nosniff, COOP and CORP same-origin, …). */
export function helmetOptions(csp: Directives): HelmetOptions {
  return {
    contentSecurityPolicy: { useDefaults: false, directives: csp },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // One year; not includeSubDomains: the service does not speak for the other hosts of the domain it runs under.
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
  };
}

/** The headers helmet sets for these options (they are fixed: no nonce), computed once instead of at every answer. */
export function headersOf(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: unknown) => void (headers[name] = String(value)),
    removeHeader: (name: string) => void delete headers[name],
  };
  let failed: unknown = null;
  helmet(options)({} as never, response as never, (error?: unknown) => void (failed = error ?? null));
  if (failed) throw failed;
  return headers;
}

/** What an answer gets: its policy's headers, and no-store unless it may be stored. */
interface RouteHeaders {
  headers: Record<string, string>;
}

/**
 * Registers the headers on the Fastify instance: call it before any route is added (the policy of a route is set
 * when it is added). Every policy's headers are computed once (headersOf); one hook sets the route's set on each
 * answer, with `Cache-Control: no-store` folded in where the answer may not be stored. Start-up fails if a route a
 * policy names does not exist, so a renamed route cannot silently fall back to the API policy and break its page.
 */
export async function registerSecurityHeaders(fastify: FastifyInstance, paths: HttpPaths): Promise<void> {
  const policies = routePolicies(paths);
  const used = new Set<string>();
  const withCache = (csp: Directives, store: boolean): RouteHeaders => ({
    headers: { ...headersOf(helmetOptions(csp)), ...(store ? {} : { 'Cache-Control': 'no-store' }) },
  });
  // Answers without a route (404, a refused body before routing) get the API policy and no-store.
  const fallback = withCache(CSP.api, false);
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const policy = policies.find((p) => p.matches(route.url));
    if (policy) used.add(policy.name);
    const securityHeaders = withCache(policy?.csp ?? CSP.api, mayBeStored(route.url, paths));
    route.config = { ...(route.config ?? {}), securityHeaders };
  });
  fastify.addHook('onReady', async () => {
    const missing = policies.filter((p) => !used.has(p.name)).map((p) => p.name);
    if (missing.length) throw new Error(`Security headers: no route for the policy of ${missing.join(', ')}`);
  });
  fastify.addHook('onRequest', (request, reply, done) => {
    const config = request.routeOptions.config as { securityHeaders?: RouteHeaders } | undefined;
    void reply.headers((config?.securityHeaders ?? fallback).headers);
    done();
  });
}

const outsideHooks = { ...headersOf(helmetOptions(CSP.api)), 'Cache-Control': 'no-store' };

/** The same headers on an answer Fastify gives before any hook runs (an undecodable URL: bootstrap's frameworkErrors). */
export function setSecurityHeadersOutsideHooks(_request: FastifyRequest, reply: FastifyReply): void {
  void reply.headers(outsideHooks);
}
