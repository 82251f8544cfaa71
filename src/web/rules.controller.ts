import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/roles.decorator';
import { html } from './html';
import { layout } from './layout';
import { renderRules } from './rules-page';
import { WebAuth } from './web-auth';
import { WebExceptionFilter } from './web-exception.filter';
import { pageContext, sendHtml } from './web-page';

/** /regler: the served copy of docs/rules.md that every refusal's rule id links to (open: rules are not secret). */
@ApiExcludeController()
@Public()
@UseFilters(WebExceptionFilter)
@Controller('regler')
export class RulesController {
  private readonly rules = renderRules();

  constructor(private readonly auth: WebAuth) {}

  @Get()
  async show(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = pageContext(request, reply, await this.auth.optional(request));
    const body = html`<h1>${ctx.t.rulesTitle}</h1>
      <p>${ctx.t.rulesIntro}</p>
      <div lang="en">${this.rules}</div>`;
    sendHtml(reply, 200, layout(ctx, { title: ctx.t.rulesTitle, body }));
  }
}
