import type { FastifyRequest } from 'fastify';
import { html, type Html } from '../html';
import { isLang, LANGS, type Lang, type Messages } from '../i18n/messages';
import { withLang } from '../web-page';

/** What a board page is rendered with: the language (from `?lang=` only: the board sets no cookie) and its path. */
export interface BoardContext {
  lang: Lang;
  t: Messages;
  here: string;
}

export function boardContext(request: FastifyRequest): BoardContext {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const lang: Lang = isLang(query.lang) ? query.lang : 'sv';
  const url = new URL(request.url, 'http://x');
  url.searchParams.delete('lang');
  return { lang, t: LANGS[lang], here: url.pathname + url.search };
}

/** A link within the board that keeps the reader's language (there is no cookie to remember it). */
export function boardHref(ctx: BoardContext, path: string): string {
  return ctx.lang === 'sv' ? path : withLang(path, ctx.lang);
}

/**
 * The board's own layout, apart from the signed-in pages: no person, no sign-out, no navigation into the service; the
 * same stylesheet, and no script (nothing on the board needs one). A feed link in the head lets a browser or a
 * municipality's site find the Atom feed.
 */
export function boardLayout(ctx: BoardContext, page: { title: string; body: Html; feed?: string }): string {
  const { t, lang } = ctx;
  const other = t.languageSwitchLang as Lang;
  return html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${page.title} – ${t.boardServiceName}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        ${page.feed ? html`<link rel="alternate" type="application/atom+xml" href="${page.feed}" />` : ''}
      </head>
      <body>
        <a class="skip-link" href="#main">${t.skipLink}</a>
        <header class="header header--board">
          <div class="width">
            <span class="header__name">${t.boardServiceName}</span>
            <nav class="header__tools" aria-label="${t.mainNav}">
              <a href="${withLang(ctx.here, other)}" lang="${other}" hreflang="${other}">${t.languageSwitch}</a>
            </nav>
          </div>
        </header>
        <main id="main" class="width" tabindex="-1">${page.body}</main>
        <footer class="footer">
          <div class="width"><p>${t.boardFooter}</p></div>
        </footer>
      </body>
    </html> `.value;
}
