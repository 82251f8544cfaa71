import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { READERS, Roles } from '../auth/roles.decorator';
import { ErrorBodyDto } from '../common/error-body.dto';
import { uuidParam } from '../common/uuid.pipe';
import type { Actor } from '../workflow/actor';
import { AmendmentService } from './amendment.service';
import { AmendmentEventResultView, AmendmentView } from './amendment.views';
import { AMENDMENT_EVENT_DTOS, AmendmentAsOfQueryDto, CreateAmendmentDto } from './dto/amendment.dto';

const EVENT_MODELS = Object.values(AMENDMENT_EVENT_DTOS);

/** Amendments of a collaboration's declaration (avsiktsförklaringen §15): the text, the approvals, in force when. */
@ApiTags('amendments')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token', type: ErrorBodyDto })
@ApiResponse({ status: 403, description: 'Wrong role or municipality', type: ErrorBodyDto })
@Controller()
export class AmendmentController {
  constructor(private readonly service: AmendmentService) {}

  @Post('collaborations/:slug/amendments')
  @Roles('admin', 'coordinator')
  @ApiOperation({
    summary:
      'Register an amendment: its text becomes a new version of the declaration; it may state a later date (D3) and add a party (D4)',
  })
  @ApiCreatedResponse({ type: AmendmentView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason', type: ErrorBodyDto })
  @ApiResponse({ status: 404, description: 'Unknown collaboration or municipality', type: ErrorBodyDto })
  @ApiResponse({ status: 409, description: 'ALREADY_A_PARTY or VERSION_EXISTS', type: ErrorBodyDto })
  create(@Param('slug') slug: string, @Body() dto: CreateAmendmentDto, @CurrentActor() actor: Actor) {
    return this.service.create(slug, dto, actor);
  }

  @Get('collaborations/:slug/amendments')
  @Roles(...READERS)
  @ApiOperation({ summary: "A collaboration's amendments with their approvals and status on a date" })
  @ApiOkResponse({ type: [AmendmentView] })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  list(@Param('slug') slug: string, @Query() query: AmendmentAsOfQueryDto) {
    return this.service.list(slug, query.asOf);
  }

  @Get('amendments/:id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'An amendment, its approvals and its status on a date (default today in Stockholm)' })
  @ApiOkResponse({ type: AmendmentView })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  get(@Param('id', uuidParam) id: string, @Query() query: AmendmentAsOfQueryDto) {
    return this.service.get(id, query.asOf);
  }

  @Post('amendments/:id/events')
  @Roles('admin', 'coordinator', 'clerk')
  @HttpCode(201)
  @ApiOperation({
    summary:
      "Record a party's approval (R-D1, R-D2, R-D4); the council's or KDG's is refused NOT_COMPETENT (R-D5). 409 not in this state, 422 refused by a rule",
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key returns the first result',
  })
  @ApiExtraModels(...EVENT_MODELS)
  @ApiBody({
    schema: { oneOf: EVENT_MODELS.map((m) => ({ $ref: getSchemaPath(m) })), discriminator: { propertyName: 'type' } },
  })
  @ApiCreatedResponse({ type: AmendmentEventResultView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason; nothing written', type: ErrorBodyDto })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  @ApiResponse({ status: 409, description: 'TRANSITION_NOT_ALLOWED or VERSION_CONFLICT', type: ErrorBodyDto })
  @ApiResponse({ status: 422, description: 'A rule refused: code, ruleId, message and messageSv', type: ErrorBodyDto })
  record(
    @Param('id', uuidParam) id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.service.recordEvent(id, body, actor, idempotencyKey);
  }
}
