import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isValidLocalDate } from '../../../machines/calendar/calendar';
import { Public, READERS, type Role } from '../../auth/roles.decorator';
import { CollaborationService } from '../../collaboration/collaboration.service';
import { CouncilService } from '../../council/council.service';
import { CouncilMeetingDto, CouncilRecordDto, SeatMemberDto } from '../../council/dto/council.dto';
import { Clock } from '../../workflow/clock';
import { checkedDto } from '../clerk/dto-check';
import { one, type FormBody } from '../form-body';
import { layout } from '../layout';
import type { WebSession } from '../session/web-session.service';
import { WebAuth } from '../web-auth';
import { WebExceptionFilter } from '../web-exception.filter';
import { redirect, sendHtml, type PageContext } from '../web-page';
import {
  formRefusals,
  intOrText,
  keyOf,
  optionalText,
  refusedStatus,
  shownOnForm,
  type FormState,
} from './coordinator-forms';
import { renderCouncil } from './council-render';

/** Who records in the council: the roles of POST /collaborations/:slug/council/* (its support function, R-E5). */
const COUNCIL_WRITERS: Role[] = ['admin', 'coordinator'];
type Ctx = PageContext & { session: WebSession };

/** Each council form: its page fields, the API's body of what was posted, the DTO that checks it, the service call. */
interface CouncilForm {
  fields: string[];
  body: (form: FormBody) => Record<string, unknown>;
  /** A rule refusal's field: the fact its rule judged. */
  codes: Record<string, string>;
}

/** The texts of `names` as typed (trimmed); an empty optional one is left out, so the DTO refuses only what is wrong. */
function texts(form: FormBody, required: string[], optional: string[]): Record<string, unknown> {
  const body: Record<string, unknown> = { expectedVersion: intOrText(one(form, 'expectedVersion')) };
  for (const name of required) body[name] = one(form, name).trim();
  for (const name of optional) {
    const value = optionalText(form, name);
    if (value !== undefined) body[name] = value;
  }
  return body;
}

const FORMS: Record<'moten' | 'anteckningar' | 'ledamoter', CouncilForm & { id: string }> = {
  moten: {
    id: 'council-meeting',
    fields: ['date', 'place', 'note'],
    body: (f) => texts(f, ['date', 'place'], ['note']),
    codes: {},
  },
  anteckningar: {
    id: 'council-record',
    fields: ['kind', 'title', 'text', 'recordedOn', 'meetingId', 'subject', 'note'],
    body: (f) => texts(f, ['kind', 'title', 'recordedOn'], ['text', 'meetingId', 'subject', 'note']),
    codes: {
      COUNCIL_NOT_DECISION_MAKING: 'kind',
      UNKNOWN_COUNCIL_MEETING: 'meetingId',
      RECORD_BEFORE_MEETING: 'recordedOn',
    },
  },
  ledamoter: {
    id: 'council-member',
    fields: ['municipality', 'seat', 'name', 'politicalParty', 'from', 'equivalentOffice', 'equivalentBasis', 'note'],
    body: (f) => {
      const body = texts(f, ['municipality', 'seat', 'name', 'from'], ['politicalParty', 'note']);
      const office = optionalText(f, 'equivalentOffice');
      const basis = optionalText(f, 'equivalentBasis');
      if (office !== undefined || basis !== undefined) body.equivalent = { office: office ?? '', basis: basis ?? '' };
      return body;
    },
    codes: { KSO_HAS_NO_EQUIVALENT: 'equivalentOffice', SEAT_CHANGE_OUT_OF_ORDER: 'from', NOT_A_PARTY: 'municipality' },
  },
};

/** `equivalent.office` → the form's equivalentOffice; every other DTO path is the field of its first part. */
const fieldOfPath = (path: string): string => {
  const [head, sub] = path.split('.');
  if (head === 'equivalent') return sub === 'basis' ? 'equivalentBasis' : 'equivalentOffice';
  return head;
};

/**
 * The coordinator's page of Samverkansrådet (issue 12 §2): its members on a date (R-E1), meetings and records, and
 * what its outputs are not: no decision (R-E2) and nothing that can be appealed (R-I10). The forms record a meeting,
 * a record and a member through CouncilService, checked against the API's DTOs first.
 */
@ApiExcludeController()
@Public()
@UseFilters(WebExceptionFilter)
@Controller('samverkan')
export class CouncilPagesController {
  constructor(
    private readonly auth: WebAuth,
    private readonly collaborations: CollaborationService,
    private readonly council: CouncilService,
    private readonly clock: Clock,
  ) {}

  @Get(':slug/rad')
  async show(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await this.auth.require(request, reply, READERS);
    const query = (request.query ?? {}) as Record<string, unknown>;
    await this.render(ctx, reply, slug, 200, null, query.registrerat === '1', query.datum);
  }

  @Post(':slug/rad/moten')
  async meeting(
    @Param('slug') slug: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ): Promise<void> {
    await this.record(slug, 'moten', request, reply, form);
  }

  @Post(':slug/rad/anteckningar')
  async addRecord(
    @Param('slug') slug: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ): Promise<void> {
    await this.record(slug, 'anteckningar', request, reply, form);
  }

  @Post(':slug/rad/ledamoter')
  async seat(
    @Param('slug') slug: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ): Promise<void> {
    await this.record(slug, 'ledamoter', request, reply, form);
  }

  /** One council form: checked against the API's DTO, written by CouncilService; refused, the page again with it. */
  private async record(
    slug: string,
    what: keyof typeof FORMS,
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormBody,
  ): Promise<void> {
    const values = form ?? {};
    const ctx = await this.auth.requirePost(request, reply, values, COUNCIL_WRITERS);
    const spec = FORMS[what];
    await this.collaborations.describe(slug); // 404 for an unknown collaboration, before anything is checked
    const actor = ctx.session.actor;
    const key = keyOf(values);
    try {
      const body = spec.body(values);
      if (what === 'moten') await this.council.addMeeting(slug, checkedDto(CouncilMeetingDto, body), actor, key);
      else if (what === 'anteckningar')
        await this.council.addRecord(slug, checkedDto(CouncilRecordDto, body), actor, key);
      else await this.council.seatMember(slug, checkedDto(SeatMemberDto, body), actor, key);
    } catch (error) {
      if (!shownOnForm(error)) throw error;
      const refusals = formRefusals(error, ctx.lang, spec.fields, fieldOfPath, spec.codes);
      return this.render(ctx, reply, slug, refusedStatus(error), { form: spec.id, values, refusals }, false);
    }
    redirect(reply, `/samverkan/${slug}/rad?registrerat=1#main`);
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
    const council = await this.council.get(slug, date);
    const body = renderCouncil(
      {
        slug,
        name: c.name,
        today,
        council,
        typedDate: typed || date,
        dateInvalid,
        writer: COUNCIL_WRITERS.includes(ctx.session.actor.role as Role),
        csrf: ctx.session.csrfToken,
        state,
        recorded,
      },
      ctx.t,
      ctx.lang,
    );
    const title = ctx.t.cp_councilTitle(c.name);
    sendHtml(reply, status, layout(ctx, { title, body, back: { href: `/samverkan/${slug}`, text: c.name } }));
  }
}
