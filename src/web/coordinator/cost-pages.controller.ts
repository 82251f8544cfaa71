import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AreaReader } from '../../area/area.reader';
import { Public, READERS, type Role } from '../../auth/roles.decorator';
import { CollaborationService } from '../../collaboration/collaboration.service';
import { notFound } from '../../common/errors';
import { uuidParam } from '../../common/uuid.pipe';
import { CostRuleService } from '../../cost/cost-rule.service';
import type { CostRuleView } from '../../cost/cost.views';
import { CreateCostRuleDto, CreditInvoiceDto, InvoiceRunDto } from '../../cost/dto/cost-rule.dto';
import { invoiceRunCsv } from '../../cost/export/invoice-run-csv';
import { invoiceRunPdf } from '../../cost/export/invoice-run-pdf';
import { InvoicingService } from '../../cost/invoicing.service';
import { WorkflowHistory } from '../../workflow/history/workflow-history';
import { placeRefusals } from '../clerk/clerk-fields';
import { refusedInput, statusOf } from '../clerk/clerk-pages.controller';
import { checkedDto } from '../clerk/dto-check';
import { one, type FormBody } from '../form-body';
import { layout } from '../layout';
import type { WebSession } from '../session/web-session.service';
import { WebAuth } from '../web-auth';
import { WebExceptionFilter } from '../web-exception.filter';
import { redirect, sendHtml, type PageContext } from '../web-page';
import type { CostFormState } from './cost-fields';
import {
  COST_EVENT_FORMS,
  creditBody,
  creditFieldOf,
  eventFieldOf,
  ruleBody,
  ruleEventBody,
  ruleFieldOf,
  runBody,
  runFieldOf,
} from './cost-forms';
import { renderCostList } from './cost-list-render';
import { renderCostRule } from './cost-rule-render';
import { renderInvoicePreview } from './invoice-preview-render';

/** Who may write cost rules, runs and credits: the API's roles of those routes (src/cost/cost.controller.ts). */
const COST_WRITERS: Role[] = ['admin', 'coordinator'];
type Ctx = PageContext & { session: WebSession };
const RECORDED = [...Object.keys(COST_EVENT_FORMS), 'created', 'INVOICE_RUN_ISSUED', 'INVOICE_CREDITED'];

/** A run number of a download's path (1, 2, …); anything else is no run of the rule. */
function runNumberOf(text: string): number {
  if (!/^[1-9]\d{0,5}$/.test(text)) throw notFound(`Invoice run ${text}`, `Faktureringskörning ${text}`);
  return Number(text);
}

/**
 * The coordinator's cost pages (docs/web.md, "The coordinator's cost pages"): a collaboration's cost rules and the
 * form that creates one, a rule's page with its events, the invoice run through its preview (computed by the cost
 * rules, written nowhere) to its confirmation, the issued invoices with their CSV and PDF, and credit invoices. Every
 * answer is CostRuleService's or InvoicingService's with the signed-in person's Actor; nothing is decided here.
 */
@ApiExcludeController()
@Public()
@UseFilters(WebExceptionFilter)
@Controller('samverkan/:slug/kostnader')
export class CostPagesController {
  constructor(
    private readonly auth: WebAuth,
    private readonly collaborations: CollaborationService,
    private readonly areas: AreaReader,
    private readonly rules: CostRuleService,
    private readonly invoicing: InvoicingService,
    private readonly history: WorkflowHistory,
  ) {}

  @Get()
  async list(@Param('slug') slug: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const ctx = await this.auth.require(request, reply, READERS);
    await this.renderList(ctx, reply, slug, 200, null);
  }

  /** Creates a rule (drafted, or in force with its adoption): 303 to its page; refused: the form with what was typed. */
  @Post()
  async create(
    @Param('slug') slug: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ) {
    const values = form ?? {};
    const ctx = await this.auth.requirePost(request, reply, values, COST_WRITERS);
    const c = await this.collaborations.describe(slug);
    const { body, payers } = ruleBody(
      values,
      c.members.map((m) => m.municipality.code),
    );
    let id: string;
    try {
      id = (await this.rules.create(slug, checkedDto(CreateCostRuleDto, body), ctx.session.actor)).id;
    } catch (error) {
      if (!refusedInput(error)) throw error;
      const refusals = placeRefusals(error, ctx.lang, ruleFieldOf(payers, one(values, 'host').trim()));
      return this.renderList(ctx, reply, slug, statusOf(error), { form: 'rule', values, refusals });
    }
    redirect(reply, `/samverkan/${slug}/kostnader/${id}?registrerat=created#main`);
  }

  @Get(':id')
  async show(
    @Param('slug') slug: string,
    @Param('id', uuidParam) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const ctx = await this.auth.require(request, reply, READERS);
    const q = (request.query ?? {}) as Record<string, unknown>;
    const recorded = typeof q.registrerat === 'string' && RECORDED.includes(q.registrerat) ? q.registrerat : null;
    // The preview's "change" link brings the run form's values back in the query.
    const values = Object.fromEntries(
      Object.entries(q).filter(
        ([k, v]) => k !== 'registrerat' && k !== 'lang' && (typeof v === 'string' || Array.isArray(v)),
      ),
    ) as FormBody;
    const state = Object.keys(values).length ? { form: 'run', values, refusals: [] } : null;
    await this.renderRule(ctx, reply, slug, id, 200, state, recorded);
  }

  @Post(':id/handelser')
  async record(
    @Param('slug') slug: string,
    @Param('id', uuidParam) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ) {
    const values = form ?? {};
    const ctx = await this.auth.requirePost(request, reply, values, COST_WRITERS);
    await this.ruleOf(slug, id);
    const type = one(values, 'type');
    const version = Number(one(values, 'version'));
    if (!COST_EVENT_FORMS[type] || !Number.isInteger(version) || version < 0)
      return this.renderRule(ctx, reply, slug, id, 400, null, null);
    try {
      await this.rules.recordEvent(id, ruleEventBody(type, values, version), ctx.session.actor, key(values));
    } catch (error) {
      if (!refusedInput(error)) throw error;
      const refusals = placeRefusals(error, ctx.lang, eventFieldOf(type));
      return this.renderRule(ctx, reply, slug, id, statusOf(error), { form: `event:${type}`, values, refusals }, null);
    }
    redirect(reply, `/samverkan/${slug}/kostnader/${id}?registrerat=${type}#main`);
  }

  /**
   * The preview of a run: InvoicingService.run with `preview`, which computes the invoices from the rules of
   * machines/cost and writes nothing. A GET: it changes nothing, and it can be reloaded. Refused: the rule's page
   * with the run form, its refusal beside the field and what was typed kept.
   */
  @Get(':id/forhandsgranskning')
  async preview(
    @Param('slug') slug: string,
    @Param('id', uuidParam) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    const ctx = await this.auth.require(request, reply, COST_WRITERS);
    const rule = await this.ruleOf(slug, id);
    const values = (request.query ?? {}) as FormBody;
    const { body, rows } = runBody(values);
    try {
      const run = await this.invoicing.run(id, checkedDto(InvoiceRunDto, body), true, ctx.session.actor);
      const page = renderInvoicePreview(ctx, slug, rule, run, values);
      sendHtml(
        reply,
        200,
        layout(ctx, {
          title: ctx.t.cost_previewTitle(run.run),
          body: page,
          back: { href: `/samverkan/${slug}/kostnader/${id}`, text: rule.title },
        }),
      );
    } catch (error) {
      if (!refusedInput(error)) throw error;
      const refusals = placeRefusals(error, ctx.lang, runFieldOf(rows));
      return this.renderRule(ctx, reply, slug, id, statusOf(error), { form: 'run', values, refusals }, null);
    }
  }

  /** The confirmation of a preview: the run issued with the version the preview read (a stale preview is a 409). */
  @Post(':id/korningar')
  async issue(
    @Param('slug') slug: string,
    @Param('id', uuidParam) id: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ) {
    const values = form ?? {};
    const ctx = await this.auth.requirePost(request, reply, values, COST_WRITERS);
    await this.ruleOf(slug, id);
    const { body, rows } = runBody(values);
    body.expectedVersion = versionOf(values);
    let run: number;
    try {
      const dto = checkedDto(InvoiceRunDto, body);
      run = (await this.invoicing.run(id, dto, false, ctx.session.actor, key(values))).run;
    } catch (error) {
      if (!refusedInput(error)) throw error;
      const refusals = placeRefusals(error, ctx.lang, runFieldOf(rows));
      return this.renderRule(ctx, reply, slug, id, statusOf(error), { form: 'run', values, refusals }, null);
    }
    redirect(reply, `/samverkan/${slug}/kostnader/${id}?registrerat=INVOICE_RUN_ISSUED#run-${run}`);
  }

  @Post(':id/fakturor/:invoiceId/kreditering')
  async credit(
    @Param('slug') slug: string,
    @Param('id', uuidParam) id: string,
    @Param('invoiceId', uuidParam) invoiceId: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Body() form: FormBody,
  ) {
    const values = form ?? {};
    const ctx = await this.auth.requirePost(request, reply, values, COST_WRITERS);
    await this.ruleOf(slug, id);
    const { invoices } = await this.invoicing.invoices(id);
    if (!invoices.some((i) => i.id === invoiceId)) throw notFound(`Invoice ${invoiceId}`, `Fakturan ${invoiceId}`);
    const body = creditBody(values, versionOf(values));
    try {
      await this.invoicing.credit(invoiceId, checkedDto(CreditInvoiceDto, body), ctx.session.actor, key(values));
    } catch (error) {
      if (!refusedInput(error)) throw error;
      const refusals = placeRefusals(error, ctx.lang, creditFieldOf);
      const state = { form: `credit:${invoiceId}`, values, refusals };
      return this.renderRule(ctx, reply, slug, id, statusOf(error), state, null);
    }
    redirect(reply, `/samverkan/${slug}/kostnader/${id}?registrerat=INVOICE_CREDITED#invoices-heading`);
  }

  /** A run's issued invoices as CSV (the API's export), to download. */
  @Get(':id/korningar/:run/fakturor.csv')
  async csv(
    @Param('slug') slug: string,
    @Param('id', uuidParam) id: string,
    @Param('run') run: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.download(request, reply, slug, id, run, 'csv');
  }

  /** A run's issued invoices as PDF/A-3b (the API's renderer), to download and keep. */
  @Get(':id/korningar/:run/fakturor.pdf')
  async pdf(
    @Param('slug') slug: string,
    @Param('id', uuidParam) id: string,
    @Param('run') run: string,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ) {
    await this.download(request, reply, slug, id, run, 'pdf');
  }

  /** One run's invoices as an attachment, from the API's own renderers (one path for both formats). */
  private async download(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    id: string,
    run: string,
    format: 'csv' | 'pdf',
  ): Promise<void> {
    await this.auth.require(request, reply, READERS);
    await this.ruleOf(slug, id);
    const { rule, run: view } = await this.invoicing.runOf(id, runNumberOf(run));
    const body = format === 'csv' ? invoiceRunCsv(rule, view) : await invoiceRunPdf(rule, view);
    void reply
      .code(200)
      .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf')
      .header('content-disposition', `attachment; filename="fakturor-${id}-${view.run}.${format}"`)
      .send(body);
  }

  /** The rule, if it is one of this collaboration's (404 otherwise: the path names both). */
  private async ruleOf(slug: string, id: string): Promise<CostRuleView> {
    const rule = await this.rules.get(id);
    if (rule.collaboration !== slug) throw notFound(`Cost rule ${id} of ${slug}`, `Kostnadsregeln ${id} i ${slug}`);
    return rule;
  }

  private async areasOf(slug: string) {
    const list = await this.areas.list(slug, {});
    return list.stages.flatMap((s) => s.areas).map((a) => ({ id: a.id, workflowId: a.workflowId, title: a.title }));
  }

  private async renderList(ctx: Ctx, reply: FastifyReply, slug: string, status: number, state: CostFormState | null) {
    const c = await this.collaborations.describe(slug);
    const [rules, areas] = await Promise.all([this.rules.list(slug), this.areasOf(slug)]);
    const parties = c.members.map((m) => ({ code: m.municipality.code, name: m.municipality.name }));
    const writes = COST_WRITERS.includes(ctx.session.actor.role as Role);
    const body = renderCostList(ctx, { slug, name: c.name, parties, areas, rules, writes }, state);
    const title = ctx.t.cost_title(c.name);
    sendHtml(reply, status, layout(ctx, { title, body, back: { href: `/samverkan/${slug}`, text: c.name } }));
  }

  private async renderRule(
    ctx: Ctx,
    reply: FastifyReply,
    slug: string,
    id: string,
    status: number,
    state: CostFormState | null,
    recorded: string | null,
  ) {
    const rule = await this.ruleOf(slug, id);
    const [{ invoices, credits }, { transitions }, areas] = await Promise.all([
      this.invoicing.invoices(id),
      this.history.history(id),
      this.areasOf(slug),
    ]);
    const area = areas.find((a) => a.workflowId === rule.scope.areaWorkflowId) ?? null;
    const writes = COST_WRITERS.includes(ctx.session.actor.role as Role);
    const data = { slug, rule, invoices, credits, writes, area, history: transitions };
    const body = renderCostRule(ctx, data, state, recorded);
    const back = { href: `/samverkan/${slug}/kostnader`, text: ctx.t.cost_backToRules };
    sendHtml(reply, status, layout(ctx, { title: rule.title, body, back }));
  }
}

/** The version the form was rendered with, as a number; anything else as sent, which the DTO refuses (400). */
function versionOf(values: FormBody): number | string {
  const text = one(values, 'version');
  return /^\d{1,9}$/.test(text) ? Number(text) : text;
}

/** The form's idempotency key (one per rendered form): a form sent twice is recorded once. */
function key(values: FormBody): string | undefined {
  return one(values, '_key') || undefined;
}
