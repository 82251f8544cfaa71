import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { stockholmOffsetMinutes } from '../../../machines/calendar/calendar';
import { Public, READERS, type Role } from '../../auth/roles.decorator';
import { MembershipService } from '../../collaboration/membership.service';
import { CollaborationService } from '../../collaboration/collaboration.service';
import { Clock } from '../../workflow/clock';
import { WorkflowHistory } from '../../workflow/history/workflow-history';
import { refusedInput, statusOf } from '../clerk/clerk-pages.controller';
import { one, type FormBody } from '../form-body';
import { layout } from '../layout';
import type { WebSession } from '../session/web-session.service';
import { WebAuth } from '../web-auth';
import { WebExceptionFilter } from '../web-exception.filter';
import { redirect, sendHtml, type PageContext } from '../web-page';
import { membershipEventBody, membershipRefusals } from './membership-forms';
import { renderMembership, type MembershipFormState } from './membership-render';
import { chooseMunicipality, renderWaiting } from './waiting-render';
import { WaitingReader } from './waiting-reader';

/** Who records membership events: the roles of POST /collaborations/:slug/memberships/:code/events. */
const MEMBERSHIP_WRITERS: Role[] = ['admin', 'coordinator', 'clerk'];
type Ctx = PageContext & { session: WebSession };
const SLUG = /^[a-z0-9][a-z0-9-]{0,99}$/;

/** The clerk's own municipality; another role names one with `?kommun=1461` (as on the protocol desk). */
function municipalityOf(ctx: Ctx, query: unknown): string | null {
  if (ctx.session.actor.municipality) return ctx.session.actor.municipality;
  const asked = (query as Record<string, unknown> | undefined)?.kommun;
  return typeof asked === 'string' && /^\d{4}$/.test(asked) ? asked : null;
}

/**
 * The clerk's municipality pages (issue 12 §3; docs/web.md, "The municipality's pages"): what waits on the
 * municipality, and its membership of each collaboration with the events a clerk records there. Every answer is the
 * services' (WaitingReader composes them); every write is MembershipService.recordMembershipEvent with the signed-in
 * person's Actor, so the page gets the API's 400s, 409s and rule refusals.
 */
@ApiExcludeController()
@Public()
@UseFilters(WebExceptionFilter)
@Controller('kommun')
export class MunicipalityPagesController {
  constructor(
    private readonly auth: WebAuth,
    private readonly waiting: WaitingReader,
    private readonly memberships: MembershipService,
    private readonly collaborations: CollaborationService,
    private readonly history: WorkflowHistory,
    private readonly clock: Clock,
  ) {}

  @Get()
  async start(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await this.auth.require(request, reply, READERS);
    const code = municipalityOf(ctx, request.query);
    if (!code) {
      const body = chooseMunicipality(ctx.t, '/kommun');
      return sendHtml(reply, 200, layout(ctx, { title: ctx.t.web2_chooseMunicipality, body }));
    }
    const waiting = await this.waiting.of(code);
    const name = waiting.memberships[0]?.membership.municipality.name ?? code;
    const body = renderWaiting(ctx, name, waiting);
    sendHtml(reply, 200, layout(ctx, { title: ctx.t.web2_waitingTitle(name), body }));
  }

  @Get('medlemskap/:slug')
  async membership(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const ctx = await this.auth.require(request, reply, READERS);
    const recorded = (request.query as Record<string, unknown> | undefined)?.registrerat === '1';
    await this.renderMembership(ctx, reply, slug, municipalityOf(ctx, request.query), 200, null, recorded);
  }

  @Post('medlemskap/:slug/handelser')
  async record(
    @Param('slug') slug: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ): Promise<void> {
    const values = form ?? {};
    const ctx = await this.auth.requirePost(request, reply, values, MEMBERSHIP_WRITERS);
    const code = municipalityOf(ctx, request.query);
    if (!code || !SLUG.test(slug)) return this.renderMembership(ctx, reply, slug, code, 404, null, false);
    const type = one(values, 'type');
    const versionText = one(values, 'version');
    const version = /^\d{1,9}$/.test(versionText) ? Number(versionText) : versionText;
    const body = membershipEventBody(type, values, version as number, stockholmOffsetMinutes);
    try {
      await this.memberships.recordMembershipEvent(slug, code, body, ctx.session.actor);
    } catch (error) {
      if (!refusedInput(error)) throw error;
      const state: MembershipFormState = { type, values, refusals: membershipRefusals(error, ctx.lang) };
      return this.renderMembership(ctx, reply, slug, code, statusOf(error), state, false);
    }
    const kommun = ctx.session.actor.municipality ? '' : `&kommun=${code}`;
    redirect(reply, `/kommun/medlemskap/${slug}?registrerat=1${kommun}#main`);
  }

  private async renderMembership(
    ctx: Ctx,
    reply: FastifyReply,
    slug: string,
    code: string | null,
    status: number,
    state: MembershipFormState | null,
    recorded: boolean,
  ): Promise<void> {
    if (!code) {
      const body = chooseMunicipality(ctx.t, `/kommun/medlemskap/${encodeURIComponent(slug)}`);
      return sendHtml(reply, 200, layout(ctx, { title: ctx.t.web2_chooseMunicipality, body }));
    }
    const membership = await this.memberships.getMembership(slug, code);
    const [collaboration, history] = await Promise.all([
      this.collaborations.describe(slug),
      this.history.history(membership.workflowId),
    ]);
    const body = renderMembership(ctx, {
      slug,
      collaborationName: collaboration.name,
      membership,
      history,
      writer: MEMBERSHIP_WRITERS.includes(ctx.session.actor.role as Role),
      csrf: ctx.session.csrfToken,
      today: this.clock.todayInStockholm(),
      state,
      recorded,
    });
    const title = ctx.t.web2_membershipTitle(membership.municipality.name, collaboration.name);
    const back = {
      href: ctx.session.actor.municipality ? '/kommun' : `/kommun?kommun=${code}`,
      text: ctx.t.navMunicipality,
    };
    sendHtml(reply, status, layout(ctx, { title, body, back }));
  }
}
