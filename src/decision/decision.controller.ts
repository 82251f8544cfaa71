import { Body, Controller, Get, Header, Headers, HttpCode, Param, Post, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { READERS, Roles } from '../auth/roles.decorator';
import { uuidParam } from '../common/uuid.pipe';
import { ErrorBodyDto } from '../common/error-body.dto';
import type { Actor } from '../workflow/actor';
import { DecisionService } from './decision.service';
import { BodyOpennessService } from './body-openness.service';
// The past as it stood (h-asof)
import { DecisionAsOf, DecisionAsOfView } from './decision-as-of';
import { DecisionEventResultView, DecisionView } from './decision.views';
import { BodyView, DecisionListItemView, MeetingView } from './meeting.views';
import { DecisionAsOfQueryDto } from './dto/decision-as-of-query.dto';
import {
  CreateBodyDto,
  CreateMeetingDto,
  MeetingAnslagDto,
  MeetingJusteringDto,
  OpenMeetingsDecisionDto,
} from './dto/decision.dto';
import { LiftSecrecyDto, RecordParagraphRequestDto, SecrecyMarkingDto } from './dto/secrecy.dto';
import { DecisionSecrecy } from './decision-secrecy';
import { PROTOCOL_EVENT_DTOS } from './dto/protocol-event.dto';
import { renderExtractHtml } from './extract/extract-html';
import { ExtractDocuments } from './extract/extract-documents';

const PROTOCOL_MODELS = Object.values(PROTOCOL_EVENT_DTOS);
const WRITERS = ['admin', 'clerk'] as const;

// A refusal is JSON also where the success is a file (@ApiProduces would otherwise claim its media type for it).
const ERROR_CONTENT = { 'application/json': { schema: { $ref: getSchemaPath(ErrorBodyDto) } } };
/** 400: a body, query or path id that does not validate (nothing is written). */
const invalid = (what = 'field and reason') =>
  ApiResponse({ status: 400, description: `VALIDATION_FAILED: ${what}`, content: ERROR_CONTENT });
const unknown = (what: string) => ApiResponse({ status: 404, description: what, content: ERROR_CONTENT });
/** A document the extract is rendered into (its bytes). */
const file = (mediaType: string, description: string) =>
  ApiOkResponse({ description, content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } } });

@ApiTags('decisions')
@ApiExtraModels(ErrorBodyDto)
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorBodyDto })
@ApiResponse({ status: 403, description: 'Wrong role, or a clerk of another municipality', type: ErrorBodyDto })
@Controller()
export class DecisionController {
  constructor(
    private readonly service: DecisionService,
    private readonly asOf: DecisionAsOf,
    private readonly extracts: ExtractDocuments,
    private readonly secrecy: DecisionSecrecy,
    private readonly bodies: BodyOpennessService,
  ) {}

  @Post('municipalities/:code/bodies')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Add a body (KF, KS, nämnd, utskott) with its number of ledamöter to a municipality' })
  @ApiCreatedResponse({ type: BodyView })
  @invalid()
  @unknown('Unknown municipality')
  @ApiResponse({ status: 409, description: 'BODY_EXISTS: a body of that name', type: ErrorBodyDto })
  createBody(@Param('code') code: string, @Body() dto: CreateBodyDto, @CurrentActor() actor: Actor) {
    return this.service.createBody(code, dto, actor);
  }

  @Post('bodies/:id/open-meetings-decision')
  @Roles(...WRITERS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      "R-H18: record fullmäktige's decision that lets an existing nämnd (KS, utskott) meet in public (once a body)",
  })
  @ApiOkResponse({ type: BodyView })
  @invalid()
  @unknown('Unknown body')
  @ApiResponse({ status: 409, description: 'OPEN_MEETINGS_DECISION_EXISTS', type: ErrorBodyDto })
  @ApiResponse({ status: 422, description: 'FULLMAKTIGE_MEETS_IN_PUBLIC: a KF body (R-H18)', type: ErrorBodyDto })
  recordOpenMeetingsDecision(
    @Param('id', uuidParam) id: string,
    @Body() dto: OpenMeetingsDecisionDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.bodies.recordOpenMeetingsDecision(id, dto, actor);
  }

  @Get('municipalities/:code/bodies')
  @Roles(...READERS)
  @ApiOperation({ summary: "A municipality's bodies, by name" })
  @ApiOkResponse({ type: [BodyView] })
  @unknown('Unknown municipality')
  listBodies(@Param('code') code: string) {
    return this.service.listBodies(code);
  }

  @Get('municipalities/:code/decisions')
  @Roles(...READERS)
  @ApiOperation({
    summary: "A municipality's decisions (recorded paragraphs and minimal records), newest first, with their status",
  })
  @ApiOkResponse({ type: [DecisionListItemView] })
  @unknown('Unknown municipality')
  listDecisions(@Param('code') code: string) {
    return this.service.listDecisions(code);
  }

  @Post('bodies/:id/meetings')
  @Roles(...WRITERS)
  @ApiOperation({ summary: 'Record a meeting (sammanträde) with the members and serving substitutes present' })
  @ApiCreatedResponse({ type: MeetingView })
  @invalid('field and reason (a person listed twice, two chairs: attendees)')
  @unknown('Unknown body')
  createMeeting(@Param('id', uuidParam) id: string, @Body() dto: CreateMeetingDto, @CurrentActor() actor: Actor) {
    return this.service.createMeeting(id, dto, actor);
  }

  @Get('meetings/:id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A meeting with its paragraphs and their status' })
  @ApiOkResponse({ type: MeetingView })
  @invalid('id: must be a UUID')
  @unknown('Unknown meeting')
  getMeeting(@Param('id', uuidParam) id: string) {
    return this.service.getMeeting(id);
  }

  @Post('meetings/:id/paragraphs')
  @Roles(...WRITERS)
  @ApiOperation({
    summary:
      'Record a decision paragraph (§): proposals, beslutsgång, method, decision, jäv, reservations (R-H2..R-H19)',
  })
  @ApiCreatedResponse({ type: DecisionView })
  @invalid()
  @unknown('Unknown meeting or document version')
  @ApiResponse({ status: 409, description: 'PARAGRAPH_EXISTS: that § is recorded for the meeting', type: ErrorBodyDto })
  @ApiResponse({
    status: 422,
    description:
      'NOT_QUORATE, NOT_ELIGIBLE_TO_RESERVE, RESERVATION_TOO_LATE, MOTIVATION_TOO_LATE, VOTE_RESULT_MISMATCH, TIE_NEEDS_CASTING_VOTE, ...',
    type: ErrorBodyDto,
  })
  recordParagraph(
    @Param('id', uuidParam) id: string,
    @Body() dto: RecordParagraphRequestDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.service.recordParagraph(id, dto, actor);
  }

  @Post('decisions/:id/secrecy')
  @Roles(...WRITERS)
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Mark the paragraph, or one of its texts, secret (sekretessmarkering, OSL 5 kap., R-K7): a record of its own, ' +
      'logged; the texts it covers are withheld from then on for a reader without the right (R-K12), and always in ' +
      'an extract, on the notice board and in an export',
  })
  @ApiCreatedResponse({ type: DecisionView })
  @invalid()
  @unknown('Unknown decision')
  @ApiResponse({ status: 409, description: 'MINIMAL_RECORD: no paragraph to mark', type: ErrorBodyDto })
  @ApiResponse({
    status: 422,
    description: 'SECRECY_PROVISION_INVALID, SECRECY_FIELD_UNKNOWN, SECRECY_ALREADY_MARKED, SECRECY_TEXT_IN_CHAIN',
    type: ErrorBodyDto,
  })
  markSecret(@Param('id', uuidParam) id: string, @Body() dto: SecrecyMarkingDto, @CurrentActor() actor: Actor) {
    return this.secrecy.mark(id, dto, actor);
  }

  @Post('decisions/:id/secrecy/lifting')
  @Roles(...WRITERS)
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Lift a secrecy marking after a sekretessprövning found that the secrecy no longer applies (R-K13): a record of ' +
      'its own with the date, who decided and why; the texts show from then on, and the history keeps the marking',
  })
  @ApiCreatedResponse({ type: DecisionView })
  @invalid()
  @unknown('Unknown decision')
  @ApiResponse({
    status: 422,
    description: 'SECRECY_NOT_MARKED, SECRECY_ALREADY_LIFTED, SECRECY_LIFTED_BEFORE_MARKED',
    type: ErrorBodyDto,
  })
  liftSecrecy(@Param('id', uuidParam) id: string, @Body() dto: LiftSecrecyDto, @CurrentActor() actor: Actor) {
    return this.secrecy.lift(id, dto, actor);
  }

  @Post('meetings/:id/justering')
  @Roles(...WRITERS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The protocol is justerat: every paragraph still in draft becomes JUSTERAT (late after 14 days is flagged, R-I1)',
  })
  @ApiOkResponse({ type: MeetingView })
  @invalid()
  @unknown('Unknown meeting')
  @ApiResponse({ status: 409, description: 'NOTHING_TO_JUSTERA', type: ErrorBodyDto })
  @ApiResponse({ status: 422, description: 'A rule refused (the signers, R-I2): code and ruleId', type: ErrorBodyDto })
  justera(@Param('id', uuidParam) id: string, @Body() dto: MeetingJusteringDto, @CurrentActor() actor: Actor) {
    return this.service.justeraMeeting(id, dto, actor);
  }

  @Post('meetings/:id/anslag')
  @Roles(...WRITERS)
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The notice of the justerat protocol is posted: the appeal period starts for each justerat paragraph (R-I4..R-I6)',
  })
  @ApiOkResponse({ type: MeetingView })
  @invalid()
  @unknown('Unknown meeting')
  @ApiResponse({ status: 409, description: 'NOTHING_TO_ANSLA', type: ErrorBodyDto })
  @ApiResponse({
    status: 422,
    description: 'A rule refused (the dates, R-I4..R-I6): code and ruleId',
    type: ErrorBodyDto,
  })
  anslag(@Param('id', uuidParam) id: string, @Body() dto: MeetingAnslagDto, @CurrentActor() actor: Actor) {
    return this.service.anslaMeeting(id, dto, actor);
  }

  @Get('decisions/:id')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'A decision: the paragraph as recorded, its protocol status, deadlines, corrections and the workflows it drove. ' +
      'With asOf: its protocol workflow replayed from the log rows recorded by the end of that Stockholm day, and ' +
      'where its appeal period stood on that date (asOf.appealPeriod).',
  })
  @ApiExtraModels(DecisionView, DecisionAsOfView)
  // anyOf, not oneOf: an asOf answer is a DecisionView too (DecisionAsOfView only adds asOf)
  @ApiOkResponse({
    description: 'A DecisionView; with asOf, a DecisionAsOfView',
    schema: { anyOf: [{ $ref: getSchemaPath(DecisionView) }, { $ref: getSchemaPath(DecisionAsOfView) }] },
  })
  @invalid('id: must be a UUID, or asOf: a date')
  @ApiResponse({
    status: 404,
    description: 'Unknown, or (asOf) not recorded by the end of that day',
    type: ErrorBodyDto,
  })
  getDecision(@Param('id', uuidParam) id: string, @Query() query: DecisionAsOfQueryDto) {
    return query.asOf ? this.asOf.get(id, query.asOf) : this.service.getDecision(id);
  }

  @Post('decisions/:id/events')
  @Roles(...WRITERS)
  @HttpCode(201)
  @ApiOperation({
    summary:
      'A protocol event of one paragraph (omedelbar justering, anslag, appeal, laga kraft, correction, motivation)',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiExtraModels(...PROTOCOL_MODELS)
  @ApiBody({
    schema: {
      oneOf: PROTOCOL_MODELS.map((m) => ({ $ref: getSchemaPath(m) })),
      discriminator: { propertyName: 'type' },
    },
  })
  @ApiCreatedResponse({ type: DecisionEventResultView })
  @invalid('field and reason; nothing written')
  @unknown('Unknown decision')
  @ApiResponse({
    status: 409,
    description: 'TRANSITION_NOT_ALLOWED, VERSION_CONFLICT or MINIMAL_RECORD',
    type: ErrorBodyDto,
  })
  @ApiResponse({ status: 422, description: 'A rule refused: code, ruleId, message and messageSv', type: ErrorBodyDto })
  recordEvent(
    @Param('id', uuidParam) id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') key?: string,
  ) {
    return this.service.recordProtocolEvent(id, body, actor, key);
  }

  @Get('decisions/:id/extract')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Protokollsutdrag of the paragraph as HTML' })
  @ApiProduces('text/html')
  @file('text/html', 'The protokollsutdrag, an HTML page')
  @invalid('id: must be a UUID')
  @unknown('Unknown decision')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async extractHtml(@Param('id', uuidParam) id: string): Promise<string> {
    return renderExtractHtml(await this.service.getDecision(id));
  }

  @Get('decisions/:id/extract.pdf')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Protokollsutdrag of the paragraph as PDF' })
  @ApiProduces('application/pdf')
  @file('application/pdf', 'The protokollsutdrag, a PDF/A-3b document')
  @invalid('id: must be a UUID')
  @unknown('Unknown decision')
  async extractPdf(@Param('id', uuidParam) id: string): Promise<StreamableFile> {
    const pdf = await this.extracts.pdf(id);
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="protokollsutdrag-${id}.pdf"`,
    });
  }
}
