import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public, READERS, type Role } from '../../auth/roles.decorator';
import { deadlinesAnswer, type DeadlinesAnswer } from '../../calendar/deadlines-answer';
import { AppError } from '../../common/errors';
import { uuidParam } from '../../common/uuid.pipe';
import { DecisionService } from '../../decision/decision.service';
import {
  CreateMeetingDto,
  DeadlinesQueryDto,
  MeetingAnslagDto,
  MeetingJusteringDto,
  RecordParagraphDto,
} from '../../decision/dto/decision.dto';
import { ExtractDocuments } from '../../decision/extract/extract-documents';
import { MeetingList } from '../../decision/meeting-list';
import { PersonalDataService } from '../../personal-data/personal-data.service';
import { Clock } from '../../workflow/clock';
import { one, type FormBody } from '../form-body';
import type { ShownRefusal } from '../forms';
import { html } from '../html';
import { layout } from '../layout';
import type { WebSession } from '../session/web-session.service';
import { WebAuth } from '../web-auth';
import { WebExceptionFilter } from '../web-exception.filter';
import { redirect, sendHtml, type PageContext } from '../web-page';
import { linesOf, placeRefusals } from './clerk-fields';
import { CALCULATOR_FIELDS, renderCalculator, type CalculatorValues } from './deadlines-render';
import { checkedDto } from './dto-check';
import { renderMeeting, type MeetingPageData, type MeetingPageState } from './meeting-render';
import { meetingBody, meetingFieldOf, meetingForm, meetingsTable, type MeetingFormState } from './meetings-render';
import { paragraphBody, paragraphFieldOf } from './paragraph-form';

/** Who may record meetings, paragraphs, justering and anslag: the API's roles of those routes (decision.controller.ts). */
const PROTOCOL_WRITERS: Role[] = ['admin', 'clerk'];
type Ctx = PageContext & { session: WebSession };

/** The status of a refused form: 400 bad input, 409 conflict, else 422 (a rule). */
export const statusOf = (e: AppError) => (e.kind === 'BAD_INPUT' ? 400 : e.kind === 'CONFLICT' ? 409 : 422);
/** Only a refusal of what was typed is shown on the form; 403/404 and anything unexpected go to the error page. */
export const refusedInput = (e: unknown): e is AppError =>
  e instanceof AppError && e.kind !== 'NOT_FOUND' && e.kind !== 'FORBIDDEN';

/**
 * The clerk's protocol desk (docs/web.md, "The clerk's pages"): the municipality's meetings, a meeting with its
 * attendance and paragraphs, recording a paragraph as a protocol is written, justering and anslag with the
 * deadlines the calendar computes, the protokollsutdrag as PDF, and the deadline calculator. Every write is the
 * DecisionService's, with the signed-in person's Actor; nothing is decided here.
 */
@ApiExcludeController()
@Public()
@UseFilters(WebExceptionFilter)
@Controller('protokoll')
export class ClerkPagesController {
  constructor(
    private readonly auth: WebAuth,
    private readonly decisions: DecisionService,
    private readonly meetings: MeetingList,
    private readonly clock: Clock,
    private readonly extracts: ExtractDocuments,
    private readonly personal: PersonalDataService,
  ) {}

  /**
   * The meeting with its attendees' names as typed (issue 10 §9 keeps markers in the record): the form's choices
   * and vote lists post names, which the service marks again, and a refused form selects what was chosen.
   */
  private async namedMeeting(id: string) {
    const meeting = await this.decisions.getMeeting(id);
    return { ...meeting, attendees: await this.personal.revealValue(meeting.attendees) };
  }

  @Get()
  async list(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await this.auth.require(request, reply, READERS);
    await this.renderList(ctx, reply, 200, null, municipalityOf(ctx, request.query));
  }

  @Post('sammantraden')
  async createMeeting(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ): Promise<void> {
    const values = form ?? {};
    const ctx = await this.auth.requirePost(request, reply, values, PROTOCOL_WRITERS);
    const { body, rows } = meetingBody(values);
    const bodyId = one(values, 'bodyId');
    let id: string;
    try {
      if (!/^[0-9a-f-]{36}$/.test(bodyId)) throw missingBody();
      id = (await this.decisions.createMeeting(bodyId, checkedDto(CreateMeetingDto, body), ctx.session.actor)).id;
    } catch (error) {
      if (!refusedInput(error)) throw error;
      const refusals = placeRefusals(error, ctx.lang, meetingFieldOf(rows));
      return this.renderList(ctx, reply, statusOf(error), { values, refusals }, ctx.session.actor.municipality);
    }
    redirect(reply, `/protokoll/sammantraden/${id}?registrerat=sammantrade#main`);
  }

  @Get('sammantraden/:id')
  async meeting(@Param('id', uuidParam) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const ctx = await this.auth.require(request, reply, READERS);
    const q = (request.query ?? {}) as Record<string, unknown>;
    const recorded = typeof q.registrerat === 'string' ? recordedText(ctx, q.registrerat) : null;
    await this.renderMeeting(ctx, reply, id, 200, null, recorded);
  }

  @Post('sammantraden/:id/paragrafer')
  async recordParagraph(
    @Param('id', uuidParam) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ): Promise<void> {
    const values = form ?? {};
    const ctx = await this.auth.requirePost(request, reply, values, PROTOCOL_WRITERS);
    const meeting = (await this.namedMeeting(id)) as MeetingPageData;
    const { body, origins } = paragraphBody(values, meeting.attendees);
    try {
      await this.decisions.recordParagraph(id, checkedDto(RecordParagraphDto, body), ctx.session.actor);
    } catch (error) {
      if (!refusedInput(error)) throw error;
      // The rules name people by their markers; the form has their names (R-H20's, R-H6's refusals name a member).
      const details = await this.personal.revealValue((error.details ?? {}) as Record<string, unknown>);
      const placeOf = paragraphFieldOf(values, origins, meeting.attendees);
      const refusals = placeRefusals(error, ctx.lang, (path, code) => placeOf(path, code, details));
      return this.renderMeeting(ctx, reply, id, statusOf(error), { form: 'paragraph', values, refusals }, null);
    }
    redirect(reply, `/protokoll/sammantraden/${id}?registrerat=paragraf#paragraphs-heading`);
  }

  @Post('sammantraden/:id/justering')
  async justera(
    @Param('id', uuidParam) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ): Promise<void> {
    const values = form ?? {};
    const ctx = await this.auth.requirePost(request, reply, values, PROTOCOL_WRITERS);
    const chair = one(values, 'chair').trim();
    const body = {
      justeradOn: one(values, 'justeradOn').trim(),
      justerare: linesOf(one(values, 'justerare')),
      ...(chair ? { chair } : {}),
    };
    try {
      await this.decisions.justeraMeeting(id, checkedDto(MeetingJusteringDto, body), ctx.session.actor);
    } catch (error) {
      if (!refusedInput(error)) throw error;
      const refusals = placeRefusals(error, ctx.lang, (path) => path?.split('.')[0] ?? null);
      return this.renderMeeting(ctx, reply, id, statusOf(error), { form: 'justering', values, refusals }, null);
    }
    redirect(reply, `/protokoll/sammantraden/${id}?registrerat=justering#paragraphs-heading`);
  }

  @Post('sammantraden/:id/anslag')
  async ansla(
    @Param('id', uuidParam) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ): Promise<void> {
    const values = form ?? {};
    const ctx = await this.auth.requirePost(request, reply, values, PROTOCOL_WRITERS);
    const board = one(values, 'noticeBoard').trim();
    const body = { anslagOn: one(values, 'anslagOn').trim(), ...(board ? { noticeBoard: board } : {}) };
    try {
      await this.decisions.anslaMeeting(id, checkedDto(MeetingAnslagDto, body), ctx.session.actor);
    } catch (error) {
      if (!refusedInput(error)) throw error;
      const refusals = placeRefusals(error, ctx.lang, (path) => path);
      return this.renderMeeting(ctx, reply, id, statusOf(error), { form: 'anslag', values, refusals }, null);
    }
    redirect(reply, `/protokoll/sammantraden/${id}?registrerat=anslag#paragraphs-heading`);
  }

  /** The protokollsutdrag as PDF (the API's renderer), to download and keep. */
  @Get('beslut/:id/protokollsutdrag.pdf')
  async extractPdf(@Param('id', uuidParam) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    await this.auth.require(request, reply, READERS);
    const pdf = await this.extracts.pdf(id);
    void reply
      .code(200)
      .type('application/pdf')
      .header('content-disposition', `attachment; filename="protokollsutdrag-${id}.pdf"`)
      .send(pdf);
  }

  /** The deadline calculator (the calendar's answer of GET /calendar/deadlines), a GET form. */
  @Get('frister')
  async calculator(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await this.auth.require(request, reply, READERS);
    const q = (request.query ?? {}) as Record<string, unknown>;
    const values = Object.fromEntries(
      Object.keys(CALCULATOR_FIELDS).map((k) => [k, typeof q[k] === 'string' ? (q[k] as string).trim() : '']),
    ) as CalculatorValues;
    const asked = Object.values(values).some(Boolean);
    let answer: DeadlinesAnswer | null = null;
    let refusals: ShownRefusal[] = [];
    let status = 200;
    if (asked) {
      const query = Object.fromEntries(
        (Object.keys(CALCULATOR_FIELDS) as Array<keyof CalculatorValues>)
          .filter((k) => values[k])
          .map((k) => [CALCULATOR_FIELDS[k], values[k]]),
      );
      try {
        answer = deadlinesAnswer(checkedDto(DeadlinesQueryDto, query));
      } catch (error) {
        if (!refusedInput(error)) throw error;
        const back = Object.fromEntries(Object.entries(CALCULATOR_FIELDS).map(([k, v]) => [v, k]));
        refusals = placeRefusals(error, ctx.lang, (path) => (path ? (back[path] ?? null) : null));
        status = 400;
      }
    }
    const body = renderCalculator(ctx, values, answer, refusals);
    sendHtml(reply, status, layout(ctx, { title: ctx.t.clerk_calculatorTitle, body, back: backToMeetings(ctx) }));
  }

  private async renderList(
    ctx: Ctx,
    reply: FastifyReply,
    status: number,
    state: MeetingFormState | null,
    code: string | null,
  ): Promise<void> {
    const { t } = ctx;
    if (!code) {
      const body = html`<h1>${t.clerk_meetingsTitleAll}</h1>
        <form method="get" action="/protokoll" class="event-form">
          <div class="form-group">
            <label for="kommun">${t.colMunicipality}</label>
            <div id="kommun-hint" class="hint">${t.clerk_municipalityHint}</div>
            <input id="kommun" name="kommun" type="text" inputmode="numeric" aria-describedby="kommun-hint" />
          </div>
          <button type="submit" class="button">${t.show}</button>
        </form>`;
      return sendHtml(reply, status, layout(ctx, { title: t.clerk_meetingsTitleAll, body }));
    }
    const [meetings, bodies] = await Promise.all([this.meetings.of(code), this.decisions.listBodies(code)]);
    const writer = PROTOCOL_WRITERS.includes(ctx.session.actor.role as Role);
    const body = html`<h1>${t.clerk_meetingsTitle(code)}</h1>
      <p><a href="/protokoll/frister">${t.clerk_calculatorTitle}</a></p>
      ${meetingsTable(meetings, t)} ${delegationLinks(t, bodies)}
      ${
        writer && bodies.length
          ? html`<h2 id="new-meeting-heading">${t.clerk_newMeeting}</h2>
              ${meetingForm(bodies, ctx.session.csrfToken, t, state)}`
          : ''
      }`;
    sendHtml(reply, status, layout(ctx, { title: t.clerk_meetingsTitle(code), body }));
  }

  private async renderMeeting(
    ctx: Ctx,
    reply: FastifyReply,
    id: string,
    status: number,
    state: MeetingPageState | null,
    recorded: string | null,
  ): Promise<void> {
    const meeting = await this.namedMeeting(id);
    const decisions = await Promise.all(meeting.paragraphs.map((p) => this.decisions.getDecision(p.id)));
    const today = this.clock.todayInStockholm();
    const ifToday = {
      justering: deadlinesAnswer({ justeringDate: today }),
      anslag: deadlinesAnswer({ anslagDate: today }),
    };
    const data = meeting as MeetingPageData;
    const body = renderMeeting(ctx, { meeting: data, decisions, ifToday, today, state, recorded });
    const title = ctx.t.clerk_meetingTitle(meeting.body.name, meeting.date);
    sendHtml(reply, status, layout(ctx, { title, body, back: backToMeetings(ctx, meeting.municipalityCode) }));
  }
}

/** Each body's delegationsbeslut (delegation-pages.controller.ts). */
function delegationLinks(t: PageContext['t'], bodies: Array<{ id: string; name: string }>) {
  if (!bodies.length) return '';
  return html`<h2 id="delegations-heading">${t.deleg_bodies}</h2>
    <ul>
      ${bodies.map((b) => html`<li><a href="/protokoll/organ/${b.id}/delegationsbeslut">${b.name}</a></li>`)}
    </ul>`;
}

function backToMeetings(ctx: PageContext, code?: string) {
  return { href: code ? `/protokoll?kommun=${code}` : '/protokoll', text: ctx.t.clerk_toMeetings };
}

/** The clerk's own municipality; an admin or a reader names one with ?kommun= (four digits). */
function municipalityOf(ctx: Ctx, query: unknown): string | null {
  if (ctx.session.actor.municipality) return ctx.session.actor.municipality;
  const asked = (query as Record<string, unknown> | undefined)?.kommun;
  return typeof asked === 'string' && /^\d{4}$/.test(asked) ? asked : null;
}

function recordedText(ctx: PageContext, what: string): string | null {
  const t = ctx.t;
  const texts: Record<string, string> = {
    sammantrade: t.clerk_recordedMeeting,
    paragraf: t.clerk_recordedParagraph,
    justering: t.clerk_recordedJustering,
    anslag: t.clerk_recordedAnslag,
  };
  return Object.hasOwn(texts, what) ? texts[what] : null;
}

function missingBody(): AppError {
  return new AppError('BAD_INPUT', 'VALIDATION_FAILED', 'bodyId: choose a body', 'bodyId: välj ett organ', undefined, {
    fields: [{ field: 'bodyId', reason: 'choose a body', reasonSv: 'välj ett organ' }],
  });
}
