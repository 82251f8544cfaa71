import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public, READERS, type Role } from '../../auth/roles.decorator';
import {
  AnnounceDelegationDecisionDto,
  RecordDelegationDecisionDto,
  ReportDelegationDecisionDto,
} from '../../decision/delegation/delegation.dto';
import { DelegationService } from '../../decision/delegation/delegation.service';
import { MeetingList } from '../../decision/meeting-list';
import { uuidParam } from '../../common/uuid.pipe';
import { Clock } from '../../workflow/clock';
import { one, type FormBody } from '../form-body';
import { layout } from '../layout';
import type { WebSession } from '../session/web-session.service';
import { WebAuth } from '../web-auth';
import { WebExceptionFilter } from '../web-exception.filter';
import { redirect, sendHtml, type PageContext } from '../web-page';
import { refusedInput, statusOf } from './clerk-pages.controller';
import { placeRefusals } from './clerk-fields';
import { recordBody, recordFieldOf, renderDelegations, type DelegationFormState } from './delegation-render';
import { checkedDto } from './dto-check';

/** Who may record, report and announce delegationsbeslut: the API's roles of those routes (delegation.controller.ts). */
const WRITERS: Role[] = ['admin', 'clerk'];
type Ctx = PageContext & { session: WebSession };

/** The optional texts of a form, left out when empty (the DTOs refuse a blank text). */
function present(values: FormBody, names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, one(values, n).trim()]).filter(([, v]) => v));
}

/**
 * The clerk's delegationsbeslut of a body (issue 12 §3, R-I9, R-H17): the list with each one's status (awaiting
 * anmälan, reported at § N, announced on its own), a form to record one, to report one at a meeting, and to announce
 * one on the notice board. Every write is the DelegationService's with the signed-in person's Actor; nothing is
 * decided here, and a refused form comes back as typed with its refusal beside its field.
 */
@ApiExcludeController()
@Public()
@UseFilters(WebExceptionFilter)
@Controller('protokoll')
export class DelegationPagesController {
  constructor(
    private readonly auth: WebAuth,
    private readonly delegations: DelegationService,
    private readonly meetings: MeetingList,
    private readonly clock: Clock,
  ) {}

  @Get('organ/:id/delegationsbeslut')
  async list(@Param('id', uuidParam) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const ctx = await this.auth.require(request, reply, READERS);
    const q = (request.query ?? {}) as Record<string, unknown>;
    const done = typeof q.klart === 'string' ? doneText(ctx, q.klart) : null;
    await this.render(ctx, reply, id, 200, null, done);
  }

  @Post('organ/:id/delegationsbeslut')
  async record(
    @Param('id', uuidParam) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ): Promise<void> {
    const values = form ?? {};
    const ctx = await this.auth.requirePost(request, reply, values, WRITERS);
    try {
      await this.delegations.record(id, checkedDto(RecordDelegationDecisionDto, recordBody(values)), ctx.session.actor);
    } catch (error) {
      if (!refusedInput(error)) throw error;
      const refusals = placeRefusals(error, ctx.lang, recordFieldOf);
      return this.render(ctx, reply, id, statusOf(error), { form: 'record', values, refusals }, null);
    }
    redirect(reply, `/protokoll/organ/${id}/delegationsbeslut?klart=registrerat#main`);
  }

  @Post('delegationsbeslut/:id/anmalan')
  async report(
    @Param('id', uuidParam) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ): Promise<void> {
    const values = form ?? {};
    const ctx = await this.auth.requirePost(request, reply, values, WRITERS);
    const d = await this.delegations.get(id);
    const body = present(values, ['meetingId', 'paragraphNumber', 'lateReason']);
    try {
      await this.delegations.report(id, checkedDto(ReportDelegationDecisionDto, body), ctx.session.actor);
    } catch (error) {
      if (!refusedInput(error)) throw error;
      // a rule about the meeting (wrong body, before the decision, justerat, not the next) is shown at the meeting
      const refusals = placeRefusals(error, ctx.lang, (path, code) =>
        path ? path : code === 'PARAGRAPH_EXISTS' ? 'paragraphNumber' : 'meetingId',
      );
      return this.render(ctx, reply, d.reportToBodyId, statusOf(error), { form: `report:${id}`, values, refusals });
    }
    redirect(reply, `/protokoll/organ/${d.reportToBodyId}/delegationsbeslut?klart=anmalt#main`);
  }

  @Post('delegationsbeslut/:id/tillkannagivande')
  async announce(
    @Param('id', uuidParam) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ): Promise<void> {
    const values = form ?? {};
    const ctx = await this.auth.requirePost(request, reply, values, WRITERS);
    const d = await this.delegations.get(id);
    const body = present(values, ['postedOn', 'keptAt', 'takenDownOn']);
    try {
      await this.delegations.announce(id, checkedDto(AnnounceDelegationDecisionDto, body), ctx.session.actor);
    } catch (error) {
      if (!refusedInput(error)) throw error;
      const refusals = placeRefusals(error, ctx.lang, (path, code) =>
        path ? path : code === 'ANSLAG_TAKEN_DOWN_TOO_EARLY' ? 'takenDownOn' : 'postedOn',
      );
      return this.render(ctx, reply, d.body.id, statusOf(error), { form: `notice:${id}`, values, refusals });
    }
    redirect(reply, `/protokoll/organ/${d.body.id}/delegationsbeslut?klart=tillkannagivet#main`);
  }

  private async render(
    ctx: Ctx,
    reply: FastifyReply,
    bodyId: string,
    status: number,
    state: DelegationFormState | null,
    done: string | null = null,
  ): Promise<void> {
    const body = await this.delegations.body(bodyId);
    const [decisions, meetings] = await Promise.all([
      this.delegations.list(bodyId),
      this.meetings.of(body.municipalityCode),
    ]);
    const page = renderDelegations(ctx.t, {
      body,
      decisions,
      meetings,
      csrf: ctx.session.csrfToken,
      writer: WRITERS.includes(ctx.session.actor.role as Role),
      today: this.clock.todayInStockholm(),
      state,
      done,
    });
    const back = { href: `/protokoll?kommun=${body.municipalityCode}`, text: ctx.t.clerk_toMeetings };
    sendHtml(reply, status, layout(ctx, { title: ctx.t.deleg_title(body.name), body: page, back }));
  }
}

function doneText(ctx: PageContext, what: string): string | null {
  const texts: Record<string, string> = {
    registrerat: ctx.t.deleg_recorded,
    anmalt: ctx.t.deleg_reportedDone,
    tillkannagivet: ctx.t.deleg_announcedDone,
  };
  return Object.hasOwn(texts, what) ? texts[what] : null;
}
