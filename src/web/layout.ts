import { html, type Html } from './html';
import type { Messages } from './i18n/messages';
import { withLang, type PageContext } from './web-page';

export interface PageSpec {
  title: string;
  body: Html;
  /** Shown above the heading for orientation; the last one is the page itself and is not a link. */
  back?: { href: string; text: string };
  /** Extra elements of <head> (the auditor's running verify job: a <noscript> meta refresh). */
  head?: Html;
}

export function roleText(t: Messages, role: string, municipality: string | null): string {
  if (role === 'clerk' && municipality) return t.roleOfClerk(municipality);
  const key = `role_${role}` as keyof Messages;
  const value = t[key];
  return typeof value === 'string' ? value : role;
}

/**
 * The one layout (GOV.UK Design System's frame): skip link, header with the service name, the language switch, the
 * signed-in person and role with sign-out, one main landmark, footer. No inline script or style (strict CSP): the CSS
 * and the script are files under /assets.
 */
export function layout(ctx: PageContext, page: PageSpec): string {
  const { t, lang, session } = ctx;
  const other = t.languageSwitchLang as 'sv' | 'en';
  const doc = html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${page.title} – ${t.serviceName}</title>
        <link rel="stylesheet" href="/assets/app.css" />
        <script src="/assets/app.js" defer></script>
        ${page.head ?? ''}
      </head>
      <body>
        <a class="skip-link" href="#main">${t.skipLink}</a>
        <header class="header">
          <div class="width">
            <a class="header__name" href="/">${t.serviceName}</a>
            <span class="header__tagline">${t.serviceTagline}</span>
            <nav class="header__tools" aria-label="${t.mainNav}">
              <a href="${withLang(ctx.here, other)}" lang="${other}" hreflang="${other}">${t.languageSwitch}</a>
              ${
                session
                  ? html`<a href="/samverkan">${t.navCollaborations}</a>
                      ${municipalityNav(t, session.actor.role)} ${clerkNav(t, session.actor.role)}
                      ${auditNav(t, session.actor.role)}
                      <span class="header__person"
                        >${t.signedInAs(session.name, roleText(t, session.actor.role, session.actor.municipality))}</span
                      >
                      <form method="post" action="/logga-ut" class="inline-form">
                        <input type="hidden" name="_csrf" value="${session.csrfToken}" />
                        <button type="submit" class="link-button">${t.signOut}</button>
                      </form>`
                  : ''
              }
            </nav>
          </div>
        </header>
        <main id="main" class="width" tabindex="-1">
          ${page.back ? html`<p><a class="back-link" href="${page.back.href}">${page.back.text}</a></p>` : ''}
          ${page.body}
        </main>
        <footer class="footer">
          <div class="width">
            <p>${t.footer}</p>
            <p><a href="/regler">${t.footerRules}</a></p>
          </div>
        </footer>
      </body>
    </html> `;
  return doc.value;
}

/** The clerk's links (h-clerk): the protocol desk and the deadline calculator, for the roles that record protocols. */
function clerkNav(t: Messages, role: string) {
  return role === 'clerk' || role === 'admin'
    ? html`<a href="/protokoll">${t.navProtocol}</a> <a href="/protokoll/frister">${t.navDeadlines}</a>`
    : '';
}

/** The auditor's link (h-audpages): the audit pages, for the roles of the API's auditor routes. */
function auditNav(t: Messages, role: string) {
  return role === 'auditor' || role === 'admin' ? html`<a href="/granskning">${t.navAudit}</a>` : '';
}

/** The municipality's pages (h-web2): what waits on it and its memberships, for a clerk (and an admin, by ?kommun=). */
function municipalityNav(t: Messages, role: string) {
  return role === 'clerk' || role === 'admin' ? html`<a href="/kommun">${t.navMunicipality}</a>` : '';
}
