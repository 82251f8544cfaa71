import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isValidLocalDate, stockholmOffsetMinutes } from '../../../machines/calendar/calendar';
import { Public, READERS, type Role } from '../../auth/roles.decorator';
import { CollaborationService } from '../../collaboration/collaboration.service';
import { notFound } from '../../common/errors';
import { uuidParam } from '../../common/uuid.pipe';
import { CouncilService } from '../../council/council.service';
import { CreatePlanDto } from '../../plan/dto/plan.dto';
import { PlanService } from '../../plan/plan.service';
import { Clock } from '../../workflow/clock';
import { checkedDto, stockholmInstant } from '../clerk/dto-check';
import { one, type FormBody } from '../form-body';
import { layout } from '../layout';
import type { WebSession } from '../session/web-session.service';
import { WebAuth } from '../web-auth';
import { WebExceptionFilter } from '../web-exception.filter';
import { redirect, sendHtml, type PageContext } from '../web-page';
import {
  focusAreasOf,
  formRefusals,
  intOrText,
  keyOf,
  optionalText,
  refusedStatus,
  shownOnForm,
  type FormState,
} from './coordinator-forms';
import { renderPlans } from './plan-render';

/** Who records a plan or its events: the roles of POST /collaborations/:slug/plans and POST /plans/:id/events. */
const PLAN_WRITERS: Role[] = ['admin', 'coordinator'];
type Ctx = PageContext & { session: WebSession };

/** The form fields of each plan form, as the form posts them (a refusal of another path goes to the summary). */
const FIELDS = {
  create: ['title', 'draftedOn', 'validFrom', 'validTo', 'focusAreas', 'note'],
  VERSION_DRAFTED: ['draftedOn', 'validFrom', 'validTo', 'focusAreas', 'note'],
  COUNCIL_INFORMED: ['version', 'informedAt', 'councilRecordId', 'note'],
  KDG_ADOPTED: ['version', 'adoptedAt', 'note'],
} as const;

/** A rule refusal's field: the fact its rule judged (the plan rules name none in their details). */
const FIELD_OF_CODE: Record<string, string> = {
  PLAN_PERIOD_REVERSED: 'validTo',
  DUPLICATE_FOCUS_AREA: 'focusAreas',
  UNKNOWN_PLAN_VERSION: 'version',
  COUNCIL_NOT_INFORMED: 'adoptedAt',
  PLAN_PERIODS_OVERLAP: 'version',
  PLAN_VERSION_ALREADY_ADOPTED: 'version',
  PLAN_ADOPTION_OUT_OF_ORDER: 'adoptedAt',
  NOT_FOUND: 'councilRecordId',
};

/** The API's body of a version's fields: focus areas one a line, empty optional texts left out. */
function versionBody(form: FormBody): Record<string, unknown> {
  const body: Record<string, unknown> = {
    draftedOn: one(form, 'draftedOn').trim(),
    validFrom: one(form, 'validFrom').trim(),
    validTo: one(form, 'validTo').trim(),
    focusAreas: focusAreasOf(one(form, 'focusAreas')),
  };
  const note = optionalText(form, 'note');
  if (note) body.note = note;
  return body;
}

/** The API's body of a plan event from its form; instants typed in Stockholm time are sent with their offset. */
export function planEventBody(type: string, form: FormBody): Record<string, unknown> {
  const body: Record<string, unknown> = { type, expectedVersion: intOrText(one(form, 'expectedVersion')) };
  if (type === 'VERSION_DRAFTED') return { ...body, ...versionBody(form) };
  body.version = intOrText(one(form, 'version'));
  const instant = type === 'COUNCIL_INFORMED' ? 'informedAt' : 'adoptedAt';
  body[instant] = stockholmInstant(one(form, instant), stockholmOffsetMinutes);
  const record = optionalText(form, 'councilRecordId');
  if (type === 'COUNCIL_INFORMED' && record) body.councilRecordId = record;
  const note = optionalText(form, 'note');
  if (note) body.note = note;
  return body;
}

/**
 * The coordinator's operational plan (issue 12 §2): a collaboration's verksamhetsplaner, the one in force today and on
 * a date picked, each plan's versions with what changed and when the council was informed (R-D6..R-D8, as PlanService
 * gives them), and the forms of a new plan and of its events. Every write is PlanService's, with the person's Actor.
 */
@ApiExcludeController()
@Public()
@UseFilters(WebExceptionFilter)
@Controller('samverkan')
export class PlanPagesController {
  constructor(
    private readonly auth: WebAuth,
    private readonly collaborations: CollaborationService,
    private readonly plans: PlanService,
    private readonly council: CouncilService,
    private readonly clock: Clock,
  ) {}

  @Get(':slug/verksamhetsplan')
  async show(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await this.auth.require(request, reply, READERS);
    const query = (request.query ?? {}) as Record<string, unknown>;
    await this.render(ctx, reply, slug, 200, null, query.registrerat === '1', query.datum);
  }

  @Post(':slug/verksamhetsplan')
  async create(
    @Param('slug') slug: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ): Promise<void> {
    const values = form ?? {};
    const ctx = await this.auth.requirePost(request, reply, values, PLAN_WRITERS);
    await this.collaborations.describe(slug); // 404 for an unknown collaboration, before anything is checked
    try {
      const dto = checkedDto(CreatePlanDto, { title: one(values, 'title').trim(), ...versionBody(values) });
      await this.plans.create(slug, dto, ctx.session.actor);
    } catch (error) {
      if (!shownOnForm(error)) throw error;
      const state = { form: 'plan-new', values, refusals: this.refusals(error, ctx, FIELDS.create) };
      return this.render(ctx, reply, slug, refusedStatus(error), state, false);
    }
    redirect(reply, `/samverkan/${slug}/verksamhetsplan?registrerat=1#main`);
  }

  @Post(':slug/verksamhetsplan/:id/handelser')
  async record(
    @Param('slug') slug: string,
    @Param('id', uuidParam) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ): Promise<void> {
    const values = form ?? {};
    const ctx = await this.auth.requirePost(request, reply, values, PLAN_WRITERS);
    // The plan must be one of this collaboration's (404 otherwise): the page never writes to another's.
    const plan = await this.plans.get(id);
    if (plan.collaboration !== slug) throw notFound(`Plan ${id} of ${slug}`, `Planen ${id} i ${slug}`);
    const type = one(values, 'type');
    const fields: readonly string[] = Object.hasOwn(FIELDS, type) ? FIELDS[type as keyof typeof FIELDS] : [];
    try {
      await this.plans.recordEvent(id, planEventBody(type, values), ctx.session.actor, keyOf(values));
    } catch (error) {
      if (!shownOnForm(error)) throw error;
      const state = { form: `plan-${id}-${type}`, values, refusals: this.refusals(error, ctx, fields) };
      return this.render(ctx, reply, slug, refusedStatus(error), state, false);
    }
    redirect(reply, `/samverkan/${slug}/verksamhetsplan?registrerat=1#plan-${id}`);
  }

  private refusals(error: Parameters<typeof formRefusals>[0], ctx: Ctx, fields: readonly string[]) {
    return formRefusals(error, ctx.lang, [...fields], (path) => path.split('.')[0], FIELD_OF_CODE);
  }

  private async render(
    ctx: Ctx,
    reply: FastifyReply,
    slug: string,
    status: number,
    state: FormState | null,
    recorded: boolean,
    datum?: unknown,
  ): Promise<void> {
    const today = this.clock.todayInStockholm();
    const typed = typeof datum === 'string' ? datum : '';
    const dateInvalid = typed !== '' && !isValidLocalDate(typed);
    const date = typed && !dateInvalid ? typed : today;
    const c = await this.collaborations.describe(slug);
    const [now, on, council] = await Promise.all([
      this.plans.plansOf(slug, today),
      this.plans.plansOf(slug, date),
      this.council.get(slug, today),
    ]);
    const plans = await Promise.all(now.plans.map((p) => this.plans.get(p.id)));
    const body = renderPlans(
      {
        slug,
        name: c.name,
        today,
        date,
        typedDate: typed || date,
        dateInvalid,
        inForceToday: now.inForce,
        inForceOnDate: on.inForce,
        plans,
        councilRecords: council.records,
        writer: PLAN_WRITERS.includes(ctx.session.actor.role as Role),
        csrf: ctx.session.csrfToken,
        state,
        recorded,
      },
      ctx.t,
      ctx.lang,
    );
    const title = ctx.t.cp_planTitle(c.name);
    sendHtml(reply, status, layout(ctx, { title, body, back: { href: `/samverkan/${slug}`, text: c.name } }));
  }
}
