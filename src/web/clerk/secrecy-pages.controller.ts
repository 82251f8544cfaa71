import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public, READERS, type Role } from '../../auth/roles.decorator';
import { uuidParam } from '../../common/uuid.pipe';
import { DecisionSecrecy } from '../../decision/decision-secrecy';
import { DecisionService } from '../../decision/decision.service';
import { LiftSecrecyDto, SecrecyMarkingDto } from '../../decision/dto/secrecy.dto';
import { Clock } from '../../workflow/clock';
import type { FormBody } from '../form-body';
import { layout } from '../layout';
import type { WebSession } from '../session/web-session.service';
import { WebAuth } from '../web-auth';
import { WebExceptionFilter } from '../web-exception.filter';
import { redirect, sendHtml, type PageContext } from '../web-page';
import { placeRefusals } from './clerk-fields';
import { refusedInput, statusOf } from './clerk-pages.controller';
import { checkedDto } from './dto-check';
import { renderSecrecy, secrecyBody, secrecyFieldOf, type SecrecyPageState } from './secrecy-render';

/** Who marks and lifts: the API's roles of POST /decisions/:id/secrecy and …/secrecy/lifting (decision.controller.ts). */
const SECRECY_WRITERS: Role[] = ['admin', 'clerk'];
type Ctx = PageContext & { session: WebSession };

/**
 * The clerk's page of a paragraph's secrecy (docs/web.md): its markable texts as the reader may read them (R-K12),
 * its sekretessmarkeringar with their liftings, a form to mark the paragraph or one of its texts (R-K7) and one to
 * lift a marking after a sekretessprövning (R-K13). Every write is DecisionSecrecy's, with the signed-in actor.
 */
@ApiExcludeController()
@Public()
@UseFilters(WebExceptionFilter)
@Controller('protokoll/beslut')
export class SecrecyPagesController {
  constructor(
    private readonly auth: WebAuth,
    private readonly decisions: DecisionService,
    private readonly secrecy: DecisionSecrecy,
    private readonly clock: Clock,
  ) {}

  @Get(':id')
  async page(@Param('id', uuidParam) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const ctx = await this.auth.require(request, reply, READERS);
    const done = (request.query as Record<string, unknown> | undefined)?.registrerat;
    const recorded =
      done === 'markering' ? ctx.t.clerk_secrecyMarked : done === 'havning' ? ctx.t.clerk_secrecyLifted : null;
    await this.render(ctx, reply, id, 200, null, recorded);
  }

  @Post(':id/sekretess')
  async mark(
    @Param('id', uuidParam) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ): Promise<void> {
    await this.write('mark', id, request, reply, form, (ctx, values) =>
      this.secrecy.mark(id, checkedDto(SecrecyMarkingDto, secrecyBody('mark', values)), ctx.session.actor),
    );
  }

  @Post(':id/sekretess/havning')
  async lift(
    @Param('id', uuidParam) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ): Promise<void> {
    await this.write('lift', id, request, reply, form, (ctx, values) =>
      this.secrecy.lift(id, checkedDto(LiftSecrecyDto, secrecyBody('lift', values)), ctx.session.actor),
    );
  }

  /** A form's write: on a refusal the page again with what was typed and the refusal beside its field, else 303. */
  private async write(
    name: 'mark' | 'lift',
    id: string,
    request: FastifyRequest,
    reply: FastifyReply,
    form: FormBody,
    send: (ctx: Ctx, values: FormBody) => Promise<unknown>,
  ): Promise<void> {
    const values = form ?? {};
    const ctx = await this.auth.requirePost(request, reply, values, SECRECY_WRITERS);
    try {
      await send(ctx, values);
    } catch (error) {
      if (!refusedInput(error)) throw error;
      const refusals = placeRefusals(error, ctx.lang, secrecyFieldOf);
      return this.render(ctx, reply, id, statusOf(error), { form: name, values, refusals }, null);
    }
    const done = name === 'mark' ? 'markering' : 'havning';
    redirect(reply, `/protokoll/beslut/${id}?registrerat=${done}#secrecy-heading`);
  }

  private async render(
    ctx: Ctx,
    reply: FastifyReply,
    id: string,
    status: number,
    state: SecrecyPageState | null,
    recorded: string | null,
  ): Promise<void> {
    const decision = await this.decisions.getDecision(id);
    const writer = SECRECY_WRITERS.includes(ctx.session.actor.role as Role);
    const body = renderSecrecy(ctx, { decision, writer, today: this.clock.todayInStockholm(), state, recorded });
    const title = ctx.t.clerk_secrecyTitle(decision.paragraphNumber ?? '', decision.matter?.title ?? '');
    const back = decision.meeting
      ? { href: `/protokoll/sammantraden/${decision.meeting.id}`, text: ctx.t.clerk_toMeeting }
      : { href: '/protokoll', text: ctx.t.clerk_toMeetings };
    sendHtml(reply, status, layout(ctx, { title, body, back }));
  }
}
