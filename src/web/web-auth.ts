import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../auth/roles.decorator';
import { cookiesOf } from './session/cookies';
import { sameSecret, SESSION_COOKIE, WebSessionService, type WebSession } from './session/web-session.service';
import { pageContext, type PageContext } from './web-page';

/** Thrown where a page needs a session it does not have: the filter answers 303 to the sign-in page. */
export class WebRedirect extends Error {
  constructor(readonly location: string) {
    super(`redirect to ${location}`);
  }
}

/** Thrown when the session's role may not use a page (the API's @Roles, the same names). */
export class WebForbidden extends Error {}

/** Thrown when a POST's form token is not the session's (CSRF). */
export class WebCsrfRefused extends Error {}

export const SIGN_IN_PATH = '/logga-in';

/** Where the pages get the signed-in person from, and check a form's CSRF token. */
@Injectable()
export class WebAuth {
  constructor(private readonly sessions: WebSessionService) {}

  async optional(request: FastifyRequest): Promise<WebSession | null> {
    const session = await this.sessions.find(cookiesOf(request)[SESSION_COOKIE]);
    // The page's reader of a text marked secret (src/personal-data/reveal-personal-data.ts, R-K12).
    if (session) (request as FastifyRequest & { actor?: WebSession['actor'] }).actor = session.actor;
    return session;
  }

  /** The page's context with a session of one of `roles` (any role without); otherwise to the sign-in page. */
  async require(
    request: FastifyRequest,
    reply: FastifyReply,
    roles?: Role[],
  ): Promise<PageContext & { session: WebSession }> {
    const session = await this.optional(request);
    if (!session) throw new WebRedirect(`${SIGN_IN_PATH}?next=${encodeURIComponent(request.url)}`);
    if (roles && !roles.includes(session.actor.role as Role)) throw new WebForbidden();
    return { ...pageContext(request, reply, session), session };
  }

  /** A POST: a session, and the form's `_csrf` equal to the session's token (403 otherwise). */
  async requirePost(
    request: FastifyRequest,
    reply: FastifyReply,
    form: Record<string, unknown>,
    roles?: Role[],
  ): Promise<PageContext & { session: WebSession }> {
    const ctx = await this.require(request, reply, roles);
    const sent = typeof form._csrf === 'string' ? form._csrf : '';
    if (!sameSecret(sent, ctx.session.csrfToken)) throw new WebCsrfRefused();
    return ctx;
  }
}
