import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { amendmentDefinition } from '../../../machines/amendment/amendment.machine';
import { amendmentOrganOf } from '../../../machines/collaboration/collaboration.rules';
import { CreateAmendmentDto } from '../../amendment/dto/amendment.dto';
import { AmendmentService } from '../../amendment/amendment.service';
import { Public, READERS, type Role } from '../../auth/roles.decorator';
import { CollaborationService } from '../../collaboration/collaboration.service';
import { notFound, type AppError } from '../../common/errors';
import { uuidParam } from '../../common/uuid.pipe';
import { Clock } from '../../workflow/clock';
import { checkedDto } from '../clerk/dto-check';
import { one, type FormBody } from '../form-body';
import { layout } from '../layout';
import type { WebSession } from '../session/web-session.service';
import { WebAuth } from '../web-auth';
import { WebExceptionFilter } from '../web-exception.filter';
import { redirect, sendHtml, type PageContext } from '../web-page';
import { renderAmendments } from './amendment-render';
import {
  formRefusals,
  intOrText,
  keyOf,
  optionalText,
  refusedStatus,
  shownOnForm,
  type FormState,
} from './coordinator-forms';

/** Who registers an amendment: the roles of POST /collaborations/:slug/amendments. */
const AMENDMENT_WRITERS: Role[] = ['admin', 'coordinator'];
/**
 * Who records an approval: the roles the amendment machine lets send AMENDMENT_APPROVED (its one declaration; the
 * engine refuses any other), a clerk for its own municipality only. A party's approval is the municipality's record,
 * so the coordinator sees whose is missing but does not record it.
 */
const APPROVAL_WRITERS = amendmentDefinition.eventRoles.AMENDMENT_APPROVED as Role[];
type Ctx = PageContext & { session: WebSession };

const CREATE_FIELDS = ['title', 'version', 'text', 'statedEffectiveDate', 'addsParty', 'note'];
const APPROVAL_FIELDS = [
  'party',
  'decision_organ',
  'decision_date',
  'decision_paragraph',
  'decision_diarienummer',
  'decisionId',
  'note',
];
/** A rule refusal's field: the fact its rule judged (R-D1, R-D2, R-D4; a recorded decision's own checks). */
const APPROVAL_CODES: Record<string, string> = {
  NOT_PARTY_ON_DATE: 'party',
  WRONG_DECISION_ORGAN: 'decision_organ',
  VERSION_MISMATCH: 'decisionId',
  AMENDMENT_ALREADY_APPROVED: 'party',
  NOT_FOUND: 'decisionId',
};
/** `decision.date` → the form's decision_date; a recorded decision's checks refuse `decisionId`. */
const approvalField = (path: string) => {
  const [head, sub] = path.split('.');
  return head === 'decision' ? `decision_${sub ?? 'date'}` : head;
};

/** The API's body of an approval: a recorded decision by its id, or the decision's facts (a minimal record). */
export function approvalBody(form: FormBody): Record<string, unknown> {
  const body: Record<string, unknown> = {
    type: 'AMENDMENT_APPROVED',
    expectedVersion: intOrText(one(form, 'expectedVersion')),
    party: one(form, 'party').trim(),
  };
  const decisionId = optionalText(form, 'decisionId');
  if (decisionId) body.decisionId = decisionId;
  else {
    const decision: Record<string, unknown> = {
      organ: one(form, 'decision_organ'),
      date: one(form, 'decision_date').trim(),
    };
    const paragraph = optionalText(form, 'decision_paragraph');
    const diarienummer = optionalText(form, 'decision_diarienummer');
    if (paragraph) decision.paragraph = paragraph;
    if (diarienummer) decision.diarienummer = diarienummer;
    body.decision = decision;
  }
  const note = optionalText(form, 'note');
  if (note) body.note = note;
  return body;
}

/**
 * The coordinator's amendments of a collaboration's declaration and their approvals (issue 12 §2): each with its
 * status today (AmendmentService: R-D1 all parties counted on the day, R-D4), the approvals recorded and whose is
 * missing; the forms register an amendment and record a party's approval with the decision behind it (R-D2).
 * A joint body's "approval" is not offered: the rule always refuses it (R-D5); the page says so in words.
 */
@ApiExcludeController()
@Public()
@UseFilters(WebExceptionFilter)
@Controller('samverkan')
export class AmendmentPagesController {
  constructor(
    private readonly auth: WebAuth,
    private readonly collaborations: CollaborationService,
    private readonly amendments: AmendmentService,
    private readonly clock: Clock,
  ) {}

  @Get(':slug/andringar')
  async list(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await this.auth.require(request, reply, READERS);
    const recorded = (request.query as Record<string, unknown> | undefined)?.registrerat === '1';
    await this.render(ctx, reply, slug, 200, null, recorded);
  }

  @Post(':slug/andringar')
  async create(
    @Param('slug') slug: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ): Promise<void> {
    const values = form ?? {};
    const ctx = await this.auth.requirePost(request, reply, values, AMENDMENT_WRITERS);
    await this.collaborations.describe(slug); // 404 for an unknown collaboration, before anything is checked
    const body: Record<string, unknown> = {
      title: one(values, 'title').trim(),
      version: one(values, 'version').trim(),
    };
    body.text = one(values, 'text');
    for (const name of ['statedEffectiveDate', 'addsParty', 'note']) {
      const value = optionalText(values, name);
      if (value) body[name] = value;
    }
    try {
      await this.amendments.create(slug, checkedDto(CreateAmendmentDto, body), ctx.session.actor);
    } catch (error) {
      if (!shownOnForm(error)) throw error;
      const refusals = formRefusals(error as AppError, ctx.lang, CREATE_FIELDS, undefined, {
        ALREADY_A_PARTY: 'addsParty',
        NOT_FOUND: 'addsParty',
        VERSION_EXISTS: 'version',
      });
      return this.render(ctx, reply, slug, refusedStatus(error), { form: 'amendment-new', values, refusals }, false);
    }
    redirect(reply, `/samverkan/${slug}/andringar?registrerat=1#main`);
  }

  @Post(':slug/andringar/:id/godkannanden')
  async approve(
    @Param('slug') slug: string,
    @Param('id', uuidParam) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ): Promise<void> {
    const values = form ?? {};
    const ctx = await this.auth.requirePost(request, reply, values, APPROVAL_WRITERS);
    // The amendment must be one of this collaboration's (404 otherwise): the page never writes to another's.
    const amendment = await this.amendments.get(id);
    if (amendment.collaboration !== slug) throw notFound(`Amendment ${id} of ${slug}`, `Ändringen ${id} i ${slug}`);
    try {
      await this.amendments.recordEvent(id, approvalBody(values), ctx.session.actor, keyOf(values));
    } catch (error) {
      if (!shownOnForm(error)) throw error;
      const refusals = formRefusals(error as AppError, ctx.lang, APPROVAL_FIELDS, approvalField, APPROVAL_CODES);
      const state = { form: `approval-${id}`, values, refusals };
      return this.render(ctx, reply, slug, refusedStatus(error), state, false);
    }
    redirect(reply, `/samverkan/${slug}/andringar?registrerat=1#amendment-${id}`);
  }

  private async render(
    ctx: Ctx,
    reply: FastifyReply,
    slug: string,
    status: number,
    state: FormState | null,
    recorded: boolean,
  ): Promise<void> {
    const c = await this.collaborations.describe(slug);
    const parties = c.members.map((m) => ({ code: m.municipality.code, name: m.municipality.name }));
    const organs = new Set(parties.map((p) => amendmentOrganOf(c.settings, p.code)));
    const role = ctx.session.actor.role as Role;
    const own = ctx.session.actor.municipality;
    const body = renderAmendments(
      {
        slug,
        name: c.name,
        today: this.clock.todayInStockholm(),
        amendments: await this.amendments.list(slug),
        parties,
        approvalParties: parties.filter((p) => !own || p.code === own),
        organ: organs.size === 1 ? [...organs][0] : 'KF',
        writer: AMENDMENT_WRITERS.includes(role),
        approver: APPROVAL_WRITERS.includes(role),
        csrf: ctx.session.csrfToken,
        state,
        recorded,
      },
      ctx.t,
    );
    const title = ctx.t.web2_amendmentsTitle(c.name);
    sendHtml(reply, status, layout(ctx, { title, body, back: { href: `/samverkan/${slug}`, text: c.name } }));
  }
}
