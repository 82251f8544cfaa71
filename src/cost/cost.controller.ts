import {
  Body,
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentActor } from '../auth/current-actor.decorator';
import { READERS, Roles } from '../auth/roles.decorator';
import { ErrorBodyDto } from '../common/error-body.dto';
import { badInput } from '../common/errors';
import { uuidParam } from '../common/uuid.pipe';
import type { Actor } from '../workflow/actor';
import { CostRuleService } from './cost-rule.service';
import { CostRuleView, CreditView, InvoiceRunView, InvoiceView } from './cost.views';
import { COST_RULE_EVENT_DTOS } from './dto/cost-rule-event.dto';
import { CreateCostRuleDto, CreditInvoiceDto, InvoiceRunDto, InvoiceRunQueryDto } from './dto/cost-rule.dto';
import { invoiceRunCsv } from './export/invoice-run-csv';
import { invoiceRunPdf } from './export/invoice-run-pdf';
import { InvoicingService } from './invoicing.service';

const WRITERS = ['admin', 'coordinator'] as const;
const EVENT_MODELS = Object.values(COST_RULE_EVENT_DTOS);

// A download's refusal is JSON, not the media type the route produces (ApiProduces would give it that).
const JSON_400_OF_DOWNLOAD = {
  status: 400,
  description: 'VALIDATION_FAILED: id or run',
  content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorBodyDto) } } },
};

function runNumber(text: string): number {
  if (!/^[1-9]\d{0,5}$/.test(text))
    throw badInput('run', 'must be a run number (1, 2, …)', 'ska vara ett körningsnummer (1, 2, …)');
  return Number(text);
}

/** Cost sharing (kostnadsfördelning): cost rules, their invoice runs, invoices and credit invoices. */
@ApiTags('costs')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token', type: ErrorBodyDto })
@ApiResponse({ status: 403, description: 'Wrong role (coordinator and admin write)', type: ErrorBodyDto })
@ApiResponse({ status: 404, type: ErrorBodyDto })
@Controller()
export class CostController {
  constructor(
    private readonly rules: CostRuleService,
    private readonly invoicing: InvoicingService,
  ) {}

  @Post('collaborations/:slug/cost-rules')
  @Roles(...WRITERS)
  @HttpCode(201)
  @ApiOperation({ summary: 'A cost rule of the collaboration (drafted, or in force with `adoption`)' })
  @ApiCreatedResponse({ type: CostRuleView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED naming the field', type: ErrorBodyDto })
  @ApiResponse({ status: 422, description: 'SHARES_EXCEED_100 (R-G3), NOT_A_PARTY (R-G4)', type: ErrorBodyDto })
  create(@Param('slug') slug: string, @Body() dto: CreateCostRuleDto, @CurrentActor() actor: Actor) {
    return this.rules.create(slug, dto, actor);
  }

  @Get('collaborations/:slug/cost-rules')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The cost rules of the collaboration' })
  @ApiOkResponse({ type: [CostRuleView] })
  list(@Param('slug') slug: string) {
    return this.rules.list(slug);
  }

  @Get('cost-rules/:id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A cost rule: its shares, cost base, months, state and runs' })
  @ApiOkResponse({ type: CostRuleView })
  get(@Param('id', uuidParam) id: string) {
    return this.rules.get(id);
  }

  @Post('cost-rules/:id/events')
  @Roles(...WRITERS)
  @HttpCode(201)
  @ApiOperation({ summary: 'COST_RULE_ADOPTED, COUNCIL_INFORMED (R-G8: not approval) or COST_RULE_ENDED' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiExtraModels(...EVENT_MODELS)
  @ApiBody({
    schema: { oneOf: EVENT_MODELS.map((m) => ({ $ref: getSchemaPath(m) })), discriminator: { propertyName: 'type' } },
  })
  @ApiCreatedResponse({ type: CostRuleView })
  @ApiResponse({ status: 409, description: 'TRANSITION_NOT_ALLOWED or VERSION_CONFLICT', type: ErrorBodyDto })
  @ApiResponse({ status: 422, description: 'END_BEFORE_START, INVOICED_AFTER_END', type: ErrorBodyDto })
  record(
    @Param('id', uuidParam) id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.rules.recordEvent(id, body, actor, idempotencyKey);
  }

  @Post('cost-rules/:id/invoice-runs')
  @Roles(...WRITERS)
  @ApiOperation({
    summary:
      'An invoice run: one invoice per paying party (201); with ?preview=true the same answer, nothing recorded (200)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: InvoiceRunView, description: 'Recorded' })
  @ApiOkResponse({ type: InvoiceRunView, description: 'preview=true: computed, nothing recorded' })
  @ApiResponse({
    status: 409,
    description: 'TRANSITION_NOT_ALLOWED (not in force) or VERSION_CONFLICT',
    type: ErrorBodyDto,
  })
  @ApiResponse({
    status: 422,
    description:
      'PERIOD_BEFORE_START, PERIOD_AFTER_END, NOT_A_PARTY, PERIOD_ALREADY_INVOICED, COSTS_DO_NOT_MATCH_PERIOD',
    type: ErrorBodyDto,
  })
  async run(
    @Param('id', uuidParam) id: string,
    @Query() query: InvoiceRunQueryDto,
    @Body() dto: InvoiceRunDto,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    const preview = query.preview === 'true';
    const answer = await this.invoicing.run(id, dto, preview, actor, idempotencyKey);
    reply.status(preview ? 200 : 201);
    return answer;
  }

  @Get('cost-rules/:id/invoices')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Every invoice and credit invoice of the rule' })
  @ApiOkResponse({
    schema: {
      properties: {
        invoices: { type: 'array', items: { $ref: getSchemaPath(InvoiceView) } },
        credits: { type: 'array', items: { $ref: getSchemaPath(CreditView) } },
      },
    },
  })
  @ApiExtraModels(InvoiceView, CreditView)
  invoices(@Param('id', uuidParam) id: string) {
    return this.invoicing.invoices(id);
  }

  @Get('cost-rules/:id/invoice-runs/:run/invoices.csv')
  @Roles(...READERS)
  @ApiOperation({ summary: "A run's invoices as CSV (UTF-8 with BOM, semicolons, decimal comma: 5 000,00)" })
  @ApiParam({ name: 'run', example: '1' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The CSV file (attachment)', schema: { type: 'string', format: 'binary' } })
  @ApiResponse(JSON_400_OF_DOWNLOAD)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  async csv(
    @Param('id', uuidParam) id: string,
    @Param('run') run: string,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { rule, run: view } = await this.invoicing.runOf(id, runNumber(run));
    reply.header('Content-Disposition', `attachment; filename="fakturor-${id}-${view.run}.csv"`);
    return invoiceRunCsv(rule, view);
  }

  @Get('cost-rules/:id/invoice-runs/:run/invoices.pdf')
  @Roles(...READERS)
  @ApiOperation({ summary: "A run's invoices as PDF, one page per invoice" })
  @ApiParam({ name: 'run', example: '1' })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The PDF (inline)', schema: { type: 'string', format: 'binary' } })
  @ApiResponse(JSON_400_OF_DOWNLOAD)
  async pdf(@Param('id', uuidParam) id: string, @Param('run') run: string): Promise<StreamableFile> {
    const { rule, run: view } = await this.invoicing.runOf(id, runNumber(run));
    return new StreamableFile(await invoiceRunPdf(rule, view), {
      type: 'application/pdf',
      disposition: `inline; filename="fakturor-${id}-${view.run}.pdf"`,
    });
  }

  @Post('invoices/:id/credit')
  @Roles(...WRITERS)
  @HttpCode(201)
  @ApiOperation({ summary: 'A credit invoice for an invoice, full or partial: an invoice is never edited (R-K9)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CreditView })
  @ApiResponse({
    status: 422,
    description: 'CREDIT_EXCEEDS_INVOICE, CREDIT_BEFORE_INVOICE, NO_SUCH_INVOICE',
    type: ErrorBodyDto,
  })
  credit(
    @Param('id', uuidParam) id: string,
    @Body() dto: CreditInvoiceDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.invoicing.credit(id, dto, actor, idempotencyKey);
  }
}
