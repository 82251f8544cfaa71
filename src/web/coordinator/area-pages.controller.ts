import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AreaReader } from '../../area/area.reader';
import { AreaService } from '../../area/area.service';
import { Public, READERS, type Role } from '../../auth/roles.decorator';
import { AppError } from '../../common/errors';
import { uuidParam } from '../../common/uuid.pipe';
import { CostRuleService } from '../../cost/cost-rule.service';
import { renderExtractHtml } from '../../decision/extract/extract-html';
import { DecisionService } from '../../decision/decision.service';
import { one, type FormBody } from '../form-body';
import { layout } from '../layout';
import { WebAuth } from '../web-auth';
import { WebExceptionFilter } from '../web-exception.filter';
import { redirect, sendHtml, type PageContext } from '../web-page';
import type { WebSession } from '../session/web-session.service';
import { AREA_EVENT_FORMS, eventBody, refusalsOf, type EventFormState } from './area-event-forms';
import { renderArea } from './area-render';

/** Who may record an area event: the API's roles of POST /areas/:id/events. */
const AREA_WRITERS: Role[] = ['admin', 'coordinator', 'clerk'];

/** An area's page and its event forms; a decision's protokollsutdrag for the links of its participants. */
@ApiExcludeController()
@Public()
@UseFilters(WebExceptionFilter)
@Controller()
export class AreaPagesController {
  constructor(
    private readonly auth: WebAuth,
    private readonly reader: AreaReader,
    private readonly areas: AreaService,
    private readonly costs: CostRuleService,
    private readonly decisions: DecisionService,
  ) {}

  @Get('omraden/:id')
  async show(
    @Param('id', uuidParam) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = await this.auth.require(request, reply, READERS);
    const query = request.query as Record<string, unknown>;
    const recorded =
      typeof query.registrerat === 'string' && AREA_EVENT_FORMS[query.registrerat] ? query.registrerat : null;
    await this.render(ctx, reply, id, 200, null, recorded);
  }

  /**
   * Records one event through AreaService, which decides (nothing is re-decided here). Recorded: 303 back to the
   * page (a reload does not post again). Refused: the page again, 400/409/422, with the refusal beside its field and
   * every typed value kept.
   */
  @Post('omraden/:id/handelser')
  async record(
    @Param('id', uuidParam) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ): Promise<void> {
    const values = form ?? {};
    const ctx = await this.auth.requirePost(request, reply, values, AREA_WRITERS);
    const type = one(values, 'type');
    const fields = AREA_EVENT_FORMS[type];
    const version = Number(one(values, 'version'));
    if (!fields || !Number.isInteger(version) || version < 0) {
      return this.render(ctx, reply, id, 400, null, null);
    }
    const key = one(values, '_key');
    try {
      await this.areas.recordEvent(id, eventBody(type, values, version), ctx.session.actor, key || undefined);
    } catch (error) {
      if (!(error instanceof AppError) || error.kind === 'NOT_FOUND' || error.kind === 'FORBIDDEN') throw error;
      const state: EventFormState = {
        type,
        values,
        refusals: refusalsOf(
          error,
          ctx.lang,
          fields.map((f) => f.name),
        ),
      };
      const status = error.kind === 'BAD_INPUT' ? 400 : error.kind === 'CONFLICT' ? 409 : 422;
      return this.render(ctx, reply, id, status, state, null);
    }
    redirect(reply, `/omraden/${id}?registrerat=${encodeURIComponent(type)}#main`);
  }

  /** The protokollsutdrag of a decision (the API's HTML, under its own CSP), for the links of an area's participants. */
  @Get('beslut/:id')
  async extract(
    @Param('id', uuidParam) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    await this.auth.require(request, reply, READERS);
    sendHtml(reply, 200, renderExtractHtml(await this.decisions.getDecision(id)));
  }

  private async render(
    ctx: PageContext & { session: WebSession },
    reply: FastifyReply,
    id: string,
    status: number,
    state: EventFormState | null,
    recorded: string | null,
  ): Promise<void> {
    const area = await this.reader.get(id);
    const [history, costs] = await Promise.all([this.areas.history(id), this.costs.list(area.collaboration)]);
    const own = costs.filter((c) => c.scope.areaWorkflowId === area.workflowId);
    const body = renderArea(ctx, area, history.transitions, own, state, recorded);
    sendHtml(
      reply,
      status,
      layout(ctx, {
        title: area.title,
        body,
        back: { href: `/samverkan/${area.collaboration}/omraden`, text: ctx.t.toPipeline },
      }),
    );
  }
}
