import { Controller, Get, Param, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createReadStream } from 'node:fs';
import { endOfStockholmDay } from '../../as-of/as-of-instant';
import { AsOfService } from '../../as-of/as-of.service';
import { CollaborationAsOfQueryDto } from '../../as-of/dto/as-of-query.dto';
import { RefusedAttemptsQueryDto } from '../../audit/dto/refused-attempts-query.dto';
import { RefusedAttemptsService } from '../../audit/refused-attempts.service';
import { Public, READERS, type Role } from '../../auth/roles.decorator';
import { CollaborationService } from '../../collaboration/collaboration.service';
import { uuidParam } from '../../common/uuid.pipe';
import { DocumentService } from '../../document/document.service';
import { EvidenceQueryDto } from '../../evidence/dto/evidence.dto';
import { EvidenceService } from '../../evidence/evidence.service';
import { SignatureService } from '../../signature/signature.service';
import { WorkflowHistory } from '../../workflow/history/workflow-history';
import { checkedDto } from '../clerk/dto-check';
import type { ShownRefusal } from '../forms';
import { html, type Html } from '../html';
import { longDate, stockholmTime } from '../i18n/messages';
import { layout } from '../layout';
import type { WebSession } from '../session/web-session.service';
import { WebAuth } from '../web-auth';
import { WebExceptionFilter } from '../web-exception.filter';
import { redirect, sendHtml, type PageContext } from '../web-page';
import { asOfForm, type AuditFormState } from './audit-index-render';
import { AUDITORS, AuditIndex } from './audit-index';
import { InputCheck, queryText, refusalsOf, refusedInput, startOfStockholmDay, statusOf } from './audit-inputs';
import { renderAsOf } from './as-of-render';
import { renderHistory } from './history-render';
import { renderDocumentVersion, renderSignature } from './records-render';
import { renderRefused, type RefusedFilter } from './refused-render';

type Ctx = PageContext & { session: WebSession };

/**
 * The auditor's pages (docs/web.md, "The auditor's pages"): a start page with the forms, a workflow's history as a
 * timeline, a collaboration as it stood, refused attempts, the evidence package, and the records behind an event.
 * Each asks the service the API's route asks (WorkflowHistory, AsOfService, RefusedAttemptsService, EvidenceService,
 * DocumentService, SignatureService), with the API's DTO for what was typed; nothing is decided here.
 */
@ApiExcludeController()
@Public()
@UseFilters(WebExceptionFilter)
@Controller('granskning')
export class AuditPagesController {
  constructor(
    private readonly auth: WebAuth,
    private readonly collaborations: CollaborationService,
    private readonly history: WorkflowHistory,
    private readonly asOf: AsOfService,
    private readonly refused: RefusedAttemptsService,
    private readonly evidence: EvidenceService,
    private readonly documents: DocumentService,
    private readonly signatures: SignatureService,
    private readonly index: AuditIndex,
  ) {}

  @Get()
  async start(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await this.auth.require(request, reply, AUDITORS);
    await this.renderIndex(ctx, reply, 200, null);
  }

  /** The history form (GET): to the workflow's page, or the form again with the id refused beside its field. */
  @Get('arbetsfloden')
  async historyForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await this.auth.require(request, reply, READERS);
    const typed = queryText(request.query, 'id');
    const check = new InputCheck(ctx.t);
    const id = check.id('id', typed);
    if (!id) {
      if (check.ok) check.refuse('id', ctx.t.auditIdInvalid);
      return this.renderIndex(ctx, reply, 400, { form: 'history', values: { id: typed }, refusals: check.refusals });
    }
    redirect(reply, `/granskning/arbetsfloden/${id}`);
  }

  @Get('arbetsfloden/:id')
  async workflow(@Param('id', uuidParam) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const ctx = await this.auth.require(request, reply, READERS);
    const view = await this.history.history(id);
    const body = renderHistory(ctx, view, AUDITORS.includes(ctx.session.actor.role as Role));
    const title = ctx.t.historyTitle(`${view.machineId}@${view.machineVersion}`);
    sendHtml(reply, 200, layout(ctx, { title, body, back: this.back(ctx) }));
  }

  /** A collaboration as it stood (GET): the as-of service's answer for a date, or a date and a Stockholm time. */
  @Get('som-den-stod')
  async asOfPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await this.auth.require(request, reply, READERS);
    const { t, lang } = ctx;
    const choices = await this.choices();
    const values = {
      samverkan: queryText(request.query, 'samverkan'),
      datum: queryText(request.query, 'datum'),
      klockslag: queryText(request.query, 'klockslag'),
    };
    const send = (status: number, result: Html | null, refusals: ShownRefusal[] = []) =>
      sendHtml(
        reply,
        status,
        layout(ctx, {
          title: t.auditAsOfHeading,
          body: html`<h1>${t.auditAsOfHeading}</h1>
            ${asOfForm(ctx, choices, values, refusals)} ${result ?? ''}`,
          back: this.back(ctx),
        }),
      );
    if (!values.samverkan && !values.datum && !values.klockslag) return send(200, null);
    const check = new InputCheck(t);
    const choice = choices.find((c) => c.slug === values.samverkan);
    if (!choice) check.refuse('samverkan', t.auditUnknownCollaboration);
    const date = check.date('datum', values.datum, true);
    const instant = check.instantAt('klockslag', date, values.klockslag);
    if (!check.ok || !choice) return send(400, null, check.refusals);
    try {
      const query = checkedDto(CollaborationAsOfQueryDto, instant ? { instant } : { date });
      const view = await this.asOf.collaborationAt(choice.slug, query);
      const today = view.existed ? null : (await this.collaborations.describe(choice.slug, view.date)).members;
      const when = instant ? `${stockholmTime(instant)} ${t.stockholmTime}` : longDate(view.date, lang);
      return send(200, renderAsOf(ctx, view, t.asOfTitle(choice.name, when), today));
    } catch (error) {
      if (!refusedInput(error)) throw error;
      const refusals = refusalsOf(error, lang, { date: 'datum', instant: 'klockslag' });
      return send(statusOf(error), null, refusals);
    }
  }

  /** Refused attempts (GET), filtered by rule or code, workflow and Stockholm dates; `fore` pages back. */
  @Get('vagrade-forsok')
  async refusedPage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await this.auth.require(request, reply, AUDITORS);
    const { t, lang } = ctx;
    const q = request.query;
    const filter: RefusedFilter = {
      regel: queryText(q, 'regel').toUpperCase(),
      arbetsflode: queryText(q, 'arbetsflode'),
      fran: queryText(q, 'fran'),
      till: queryText(q, 'till'),
    };
    const fore = queryText(q, 'fore');
    const check = new InputCheck(t);
    const send = (status: number, page: Parameters<typeof renderRefused>[2], refusals = check.refusals) =>
      sendHtml(
        reply,
        status,
        layout(ctx, { title: t.refusedTitle, body: renderRefused(ctx, filter, page, refusals), back: this.back(ctx) }),
      );
    const workflowId = check.id('arbetsflode', filter.arbetsflode);
    const from = check.date('fran', filter.fran);
    const to = check.date('till', filter.till);
    if (!check.ok) return send(400, null);
    const query = {
      ...(workflowId ? { workflowId } : {}),
      ...(filter.regel ? { rule: filter.regel } : {}),
      ...(from ? { from: startOfStockholmDay(from) } : {}),
      ...(to ? { to: endOfStockholmDay(to) } : {}),
      ...(fore ? { cursor: fore } : {}),
    };
    try {
      const page = await this.refused.list(checkedDto(RefusedAttemptsQueryDto, query));
      return send(200, page);
    } catch (error) {
      if (!refusedInput(error)) throw error;
      const fields = { rule: 'regel', workflowId: 'arbetsflode', from: 'fran', to: 'till' };
      return send(statusOf(error), null, refusalsOf(error, lang, fields));
    }
  }

  /** The evidence package (GET, a download): the service's tar, or the form again with its refusal in words. */
  @Get('bevispaket')
  async evidencePackage(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const ctx = await this.auth.require(request, reply, AUDITORS);
    const { t, lang } = ctx;
    const values = {
      samverkan: queryText(request.query, 'samverkan'),
      fran: queryText(request.query, 'fran'),
      till: queryText(request.query, 'till'),
    };
    const check = new InputCheck(t);
    if (!(await this.choices()).some((c) => c.slug === values.samverkan))
      check.refuse('samverkan', t.auditUnknownCollaboration);
    const from = check.date('fran', values.fran);
    const to = check.date('till', values.till);
    if (!check.ok) return this.renderIndex(ctx, reply, 400, { form: 'evidence', values, refusals: check.refusals });
    let result: Awaited<ReturnType<EvidenceService['export']>>;
    try {
      const dto = checkedDto(EvidenceQueryDto, { ...(from ? { from } : {}), ...(to ? { to } : {}) });
      result = await this.evidence.export(values.samverkan, dto.from, dto.to);
    } catch (error) {
      if (!refusedInput(error)) throw error;
      const refusals = refusalsOf(error, lang, { from: 'fran', to: 'till' });
      return this.renderIndex(ctx, reply, statusOf(error), { form: 'evidence', values, refusals });
    }
    const stream = createReadStream(result.path);
    stream.on('close', () => void result.done());
    void reply
      .code(200)
      .header('Content-Type', 'application/x-tar')
      .header('Content-Disposition', `attachment; filename="${result.info.packageId}.tar"`)
      .header('Cache-Control', 'no-store')
      .header('X-Package-Rows', String(result.info.rows))
      .send(stream);
  }

  @Get('handlingar/dokumentversion/:id')
  async documentVersion(
    @Param('id', uuidParam) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const ctx = await this.auth.require(request, reply, READERS);
    const v = await this.documents.getVersion(id);
    const title = ctx.t.recordDocumentVersion(v.documentKey, v.version);
    sendHtml(reply, 200, layout(ctx, { title, body: renderDocumentVersion(ctx, v), back: this.back(ctx) }));
  }

  @Get('handlingar/underskrift/:id')
  async signature(@Param('id', uuidParam) id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const ctx = await this.auth.require(request, reply, READERS);
    const s = await this.signatures.get(id);
    const title = ctx.t.recordSignature(s.signatory.name);
    sendHtml(reply, 200, layout(ctx, { title, body: renderSignature(ctx, s), back: this.back(ctx) }));
  }

  private choices() {
    return this.index.choices();
  }

  private renderIndex(ctx: Ctx, reply: FastifyReply, status: number, state: AuditFormState | null) {
    return this.index.send(ctx, reply, status, state);
  }

  private back(ctx: Ctx) {
    return AUDITORS.includes(ctx.session.actor.role as Role)
      ? { href: '/granskning', text: ctx.t.auditTitle }
      : { href: '/samverkan', text: ctx.t.collaborationsTitle };
  }
}
