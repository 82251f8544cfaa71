import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/roles.decorator';
import { NoticeBoardReader } from '../../decision/notice-board.reader';
import { DecisionService } from '../../decision/decision.service';
import { renderExtractHtml } from '../../decision/extract/extract-html';
import { checkPublicExtract } from '../../../machines/protocol/secrecy.rules';
import { AppError } from '../../common/errors';
import type { MunicipalityView } from '../../municipality/municipality.service';
import { Clock } from '../../workflow/clock';
import { html } from '../html';
import { genitive } from '../i18n/messages';
import { WebExceptionFilter } from '../web-exception.filter';
import { sendHtml } from '../web-page';
import { ATOM_TYPE, atomFeed } from './atom-feed';
import { boardContext, boardHref, boardLayout, type BoardContext } from './board-page';
import { archiveBody, boardBody, boardPath, indexBody, municipalitySlug } from './board-render';

/**
 * The official notice board (anslagstavla, KL 8 kap. 9 §), one per municipality, public: no sign-in, no session, no
 * cookie (the language is `?lang=` only), its own layout. It reads the clerk's recorded anslag through
 * NoticeBoardReader; what is up today is the protocol rules' decision (R-I4), not this controller's.
 */
@ApiExcludeController()
@Public()
@UseFilters(WebExceptionFilter)
@Controller('anslagstavla')
export class BoardController {
  constructor(
    private readonly board: NoticeBoardReader,
    private readonly clock: Clock,
    private readonly decisions: DecisionService,
  ) {}

  @Get()
  async index(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = boardContext(request);
    const all = await this.board.municipalitiesWithBoards();
    sendHtml(reply, 200, boardLayout(ctx, { title: ctx.t.boardIndexTitle, body: indexBody(ctx, all) }));
  }

  @Get(':kommun')
  async current(
    @Param('kommun') kommun: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = boardContext(request);
    const m = await this.find(kommun);
    if (!m) return this.notFound(ctx, reply);
    const view = await this.board.board(m.code);
    const feed = `${boardPath(m)}/flode.atom${ctx.lang === 'sv' ? '' : `?lang=${ctx.lang}`}`;
    const title = ctx.t.boardTitle(m.name, genitive(m.name, ctx.lang));
    sendHtml(reply, 200, boardLayout(ctx, { title, body: boardBody(ctx, view, feed), feed }));
  }

  @Get(':kommun/arkiv')
  async archive(
    @Param('kommun') kommun: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = boardContext(request);
    const m = await this.find(kommun);
    if (!m) return this.notFound(ctx, reply);
    const view = await this.board.board(m.code);
    sendHtml(reply, 200, boardLayout(ctx, { title: ctx.t.boardArchive, body: archiveBody(ctx, view) }));
  }

  /** The Atom feed a municipality's own site embeds; readable from any origin (it is public, and only what is posted). */
  @Get(':kommun/flode.atom')
  async feed(
    @Param('kommun') kommun: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = boardContext(request);
    const m = await this.find(kommun);
    if (!m) return this.notFound(ctx, reply);
    const view = await this.board.board(m.code);
    const origin = `${request.protocol}://${request.host}`;
    void reply
      .code(200)
      .type(ATOM_TYPE)
      .header('access-control-allow-origin', '*')
      .send(atomFeed(view, origin, ctx.lang, this.clock.nowIso()));
  }

  /**
   * The protokollsutdrag of a justerat paragraph, for anyone who asks (R-K1, R-I11): an allmän handling, with what is
   * marked secret withheld under its provision (R-K7; the answer hook withholds it here whoever asks). A paragraph not
   * yet justerat is a draft and is not handed out (404, R-K10); JSON in the service's error shape when asked for.
   */
  @Get(':kommun/utdrag/:id')
  async extract(
    @Param('kommun') kommun: string,
    @Param('id') id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const ctx = boardContext(request);
    const m = await this.find(kommun);
    const view = m && UUID.test(id) ? await this.decisions.getDecision(id).catch(unlessNotFound) : null;
    if (!m || !view || view.municipality.code !== m.code) return this.notFound(ctx, reply);
    const refused = checkPublicExtract(view.justeradOn);
    if (!refused) return sendHtml(reply, 200, renderExtractHtml(view));
    if (String(request.headers.accept ?? '').includes('application/json')) {
      const { code, message, messageSv, ruleId } = refused;
      void reply.code(404).type('application/json').send({ code, message, messageSv, ruleId });
      return;
    }
    const body = html`<h1>${ctx.lang === 'sv' ? 'Protokollet är inte justerat' : 'The protocol is not justerat'}</h1>
      <p>${ctx.lang === 'sv' ? refused.messageSv : refused.message} (${refused.ruleId})</p>
      <p><a href="${boardHref(ctx, boardPath(m))}">${ctx.t.boardTitle(m.name, genitive(m.name, ctx.lang))}</a></p>`;
    sendHtml(reply, 404, boardLayout(ctx, { title: ctx.t.notFoundTitle, body }));
  }

  /** A municipality by its code (1461) or the slug of its name (mellerud). */
  private async find(kommun: string): Promise<MunicipalityView | undefined> {
    const all = await this.board.municipalitiesWithBoards();
    return all.find((m) => m.code === kommun || municipalitySlug(m.name) === kommun);
  }

  private notFound(ctx: BoardContext, reply: FastifyReply): void {
    const body = html`<h1>${ctx.t.notFoundTitle}</h1>
      <p>${ctx.t.notFoundText}</p>
      <p><a href="${boardHref(ctx, '/anslagstavla')}">${ctx.t.boardIndexTitle}</a></p>`;
    sendHtml(reply, 404, boardLayout(ctx, { title: ctx.t.notFoundTitle, body }));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An unknown decision is a page that does not exist; anything else fails as it would. */
function unlessNotFound(error: unknown): null {
  if (error instanceof AppError && error.kind === 'NOT_FOUND') return null;
  throw error;
}
