import { Body, Controller, Get, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { randomBytes } from 'crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PersonService } from '../auth/person.service';
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
    private readonly persons: PersonService,
  ) {}

  @Get()
  async start(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const session = await this.auth.optional(request);
    // A clerk starts on what waits on their municipality (h-web2); the others on the collaborations.
    redirect(reply, !session ? SIGN_IN_PATH : session.actor.role === 'clerk' ? '/kommun' : '/samverkan');
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

  /** A person an admin set up (h-web2): user name and password; PersonService decides and limits wrong passwords. */
  @Post('logga-in/namn')
  async signInByName(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ): Promise<void> {
    const ctx = pageContext(request, reply, null);
    const values = form ?? {};
    const next = localPath(one(values, 'next'));
    const userName = one(values, 'userName').trim();
    const again = (status: number, refusals: ShownRefusal[]) =>
      this.render(ctx, request, reply, status, refusals, next, false, userName.slice(0, 200));
    if (!sameSecret(one(values, '_csrf'), cookiesOf(request)[PRE_COOKIE] ?? '')) {
      return again(403, [{ field: null, text: ctx.t.csrfRefused }]);
    }
    const password = one(values, 'password');
    const missing: ShownRefusal[] = [
      ...(userName ? [] : [{ field: 'userName', text: ctx.t.web2_userNameMissing }]),
      ...(password ? [] : [{ field: 'password', text: ctx.t.web2_passwordMissing }]),
    ];
    if (missing.length) return again(400, missing);
    const answer = await this.persons.signIn(userName, password, request.ip ?? 'unknown');
    if (!answer.ok && answer.reason === 'limited') {
      void reply.header('Retry-After', String(answer.retryAfterSeconds));
      return again(429, [{ field: 'userName', text: ctx.t.web2_signInLimited(answer.retryAfterSeconds) }]);
    }
    if (!answer.ok) return again(401, [{ field: 'password', text: ctx.t.web2_signInByNameRefused }]);
    const opened = await this.sessions.openForPerson(answer.person.id);
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
    userName = '',
  ): void {
    const { t } = ctx;
    const pre = randomBytes(24).toString('base64url');
    setCookie(request, reply, PRE_COOKIE, pre, 3600);
    const body = html`<h1>${t.signInTitle}</h1>
      ${signedOut ? html`<div class="notice" role="status"><p>${t.signedOut}</p></div>` : ''}
      ${errorSummary(refusals, t, (name) => name)}
      <h2 id="by-name">${t.web2_signInByNameTitle}</h2>
      <p>${t.web2_signInByNameIntro}</p>
      <form method="post" action="${SIGN_IN_PATH}/namn" novalidate aria-labelledby="by-name">
        ${csrfField(pre)}
        <input type="hidden" name="next" value="${next}" />
        ${field({
          id: 'userName',
          name: 'userName',
          label: t.web2_userName,
          value: userName,
          kind: 'text',
          refusals: refusals.filter((r) => r.field === 'userName'),
          t,
          autocomplete: 'username',
        })}
        ${field({
          id: 'password',
          name: 'password',
          label: t.web2_password,
          value: '',
          kind: 'password',
          refusals: refusals.filter((r) => r.field === 'password'),
          t,
          autocomplete: 'current-password',
        })}
        <button type="submit" class="button">${t.signInButton}</button>
      </form>
      <h2 id="by-token">${t.web2_signInByTokenTitle}</h2>
      <p>${t.signInIntro}</p>
      <form method="post" action="${SIGN_IN_PATH}" novalidate aria-labelledby="by-token">
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
