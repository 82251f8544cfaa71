import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public, READERS } from '../auth/roles.decorator';
import { uuidParam } from '../common/uuid.pipe';
import { workflowDiagramSvg } from '../diagram/workflow-diagram';
import { WorkflowEngine } from '../workflow/engine/workflow-engine.service';
import { WebAuth } from './web-auth';
import { WebExceptionFilter } from './web-exception.filter';

/**
 * An instance's diagram for the pages (issue 12 §6): the SVG of its machine with its current state and its path
 * highlighted, its <title> and <desc> in the session's language. The area page embeds it as an <img>.
 */
@ApiExcludeController()
@Public() // the API's bearer guard stands aside: the session is checked here (WebAuth), as on every page
@UseFilters(WebExceptionFilter)
@Controller()
export class DiagramPagesController {
  constructor(
    private readonly auth: WebAuth,
    private readonly engine: WorkflowEngine,
  ) {}

  @Get('arbetsfloden/:id/diagram.svg')
  async diagram(@Param('id', uuidParam) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const ctx = await this.auth.require(request, reply, READERS);
    const svg = await workflowDiagramSvg(this.engine, id, ctx.t.diagram);
    void reply.code(200).type('image/svg+xml; charset=utf-8').header('cache-control', 'no-store').send(svg);
  }
}
