import { Body, Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { randomBytes } from 'crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/roles.decorator';
import { csrfField, errorSummary, field, type ShownRefusal } from './forms';
import { one, type FormBody } from './form-body';
import { html } from './html';
import { layout } from './layout';
import { cookiesOf, setCookie } from './session/cookies';
import { sameSecret, SESSION_COOKIE, WebSessionService } from './session/web-session.service';
import { SIGN_IN_PATH, WebAuth } from './web-auth';
import { WebExceptionFilter } from './web-exception.filter';
import { pageContext, redirect, sendHtml, type PageContext } from './web-page';

/** The sign-in form's own CSRF token (there is no session yet): a cookie and a hidden field that must be equal. */
const PRE_COOKIE = 'svk_pre';

/** A `next` that stays on this site: a path, never `//host` or a URL. */
function localPath(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])/.test(next) && next.length < 2000 ? next : '/';
}

/** `/`, signing in and out. Public for the API's guard: the pages check their own session (WebAuth). */
@ApiExcludeController()
@Public()
@UseFilters(WebExceptionFilter)
@Controller()
export class SignInController {
  constructor(
    private readonly auth: WebAuth,
    private readonly sessions: WebSessionService,
  ) {}

  @Get()
  async start(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.auth.optional(request);
    redirect(reply, session ? '/samverkan' : SIGN_IN_PATH);
  }

  @Get('logga-in')
  async form(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = pageContext(request, reply, await this.auth.optional(request));
    const query = request.query as Record<string, unknown>;
    this.render(ctx, request, reply, 200, [], localPath(query.next), query.ut === '1');
  }

  @Post('logga-in')
  async signIn(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() form: FormBody): Promise<void> {
    const ctx = pageContext(request, reply, null);
    const next = localPath(one(form, 'next'));
    if (!sameSecret(one(form, '_csrf'), cookiesOf(request)[PRE_COOKIE] ?? '')) {
      return this.render(ctx, request, reply, 403, [{ field: null, text: ctx.t.csrfRefused }], next);
    }
    const token = one(form, 'token').trim();
    if (!token) return this.render(ctx, request, reply, 400, [{ field: 'token', text: ctx.t.signInMissing }], next);
    const opened = token.length <= 200 ? await this.sessions.open(token) : null;
    if (!opened) return this.render(ctx, request, reply, 401, [{ field: 'token', text: ctx.t.signInRefused }], next);
    setCookie(request, reply, SESSION_COOKIE, opened.cookie, opened.maxAgeSeconds);
    setCookie(request, reply, PRE_COOKIE, '', 0);
    redirect(reply, next === SIGN_IN_PATH ? '/' : next);
  }

  @Post('logga-ut')
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Body() form: FormBody): Promise<void> {
    await this.auth.requirePost(request, reply, form ?? {});
    await this.sessions.close(cookiesOf(request)[SESSION_COOKIE]);
    setCookie(request, reply, SESSION_COOKIE, '', 0);
    redirect(reply, `${SIGN_IN_PATH}?ut=1`);
  }

  private render(
    ctx: PageContext,
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    refusals: ShownRefusal[],
    next: string,
    signedOut = false,
  ): void {
    const { t } = ctx;
    const pre = randomBytes(24).toString('base64url');
    setCookie(request, reply, PRE_COOKIE, pre, 3600);
    const body = html`<h1>${t.signInTitle}</h1>
      ${signedOut ? html`<div class="notice" role="status"><p>${t.signedOut}</p></div>` : ''}
      ${errorSummary(refusals, t, (name) => name)}
      <p>${t.signInIntro}</p>
      <form method="post" action="${SIGN_IN_PATH}" novalidate>
        ${csrfField(pre)}
        <input type="hidden" name="next" value="${next}" />
        ${field({
          id: 'token',
          name: 'token',
          label: t.signInToken,
          hint: t.signInTokenHint,
          value: '',
          kind: 'password',
          refusals: refusals.filter((r) => r.field === 'token'),
          t,
          autocomplete: 'current-password',
        })}
        <button type="submit" class="button">${t.signInButton}</button>
      </form>`;
    sendHtml(reply, status, layout(ctx, { title: t.signInTitle, body }));
  }
}
