import type { FastifyReply, FastifyRequest } from 'fastify';
import { isLang, LANGS, type Lang, type Messages } from './i18n/messages';
import { cookiesOf, setCookie } from './session/cookies';
import type { WebSession } from './session/web-session.service';

export const LANG_COOKIE = 'svk_lang';
const YEAR_SECONDS = 365 * 86_400;

/** What every page is rendered with: the language and its texts, the path (for the language switch), the session. */
export interface PageContext {
  lang: Lang;
  t: Messages;
  /** The request's path and query without `lang`, for links back to this page. */
  here: string;
  session: WebSession | null;
}

/** `?lang=en|sv` switches and is remembered in a cookie; otherwise the cookie; otherwise Swedish. */
export function languageOf(request: FastifyRequest, reply: FastifyReply): Lang {
  const query = (request.query ?? {}) as Record<string, unknown>;
  if (isLang(query.lang)) {
    setCookie(request, reply, LANG_COOKIE, query.lang, YEAR_SECONDS);
    return query.lang;
  }
  const cookie = cookiesOf(request)[LANG_COOKIE];
  return isLang(cookie) ? cookie : 'sv';
}

export function pageContext(request: FastifyRequest, reply: FastifyReply, session: WebSession | null): PageContext {
  const lang = languageOf(request, reply);
  const url = new URL(request.url, 'http://x');
  url.searchParams.delete('lang');
  return { lang, t: LANGS[lang], here: url.pathname + url.search, session };
}

/** `here` with `?lang=` set: the language switch's link (works without JavaScript). */
export function withLang(here: string, lang: Lang): string {
  const url = new URL(here, 'http://x');
  url.searchParams.set('lang', lang);
  return url.pathname + url.search;
}

export function sendHtml(reply: FastifyReply, status: number, body: string): void {
  void reply.code(status).type('text/html; charset=utf-8').send(body);
}

export function redirect(reply: FastifyReply, location: string): void {
  void reply.code(303).header('location', location).send();
}
