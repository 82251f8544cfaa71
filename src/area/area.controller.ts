import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { READERS, Roles } from '../auth/roles.decorator';
import { ErrorBodyDto } from '../common/error-body.dto';
import { uuidParam } from '../common/uuid.pipe';
import type { Actor } from '../workflow/actor';
import { AreaReader } from './area.reader';
import { AreaService } from './area.service';
import { AreaListView, AreaRecordedView, AreaView } from './area.views';
import { AREA_CREATION_DTOS, AREA_STEP_DTOS } from './dto/area-event.dto';
import { AreaListQueryDto, AreaQueryDto } from './dto/area-query.dto';
import { HistoryView } from '../workflow/history/history.views';

const CREATION_MODELS = Object.values(AREA_CREATION_DTOS);
const STEP_MODELS = Object.values(AREA_STEP_DTOS);
const oneOf = (models: Array<new () => object>) => ({
  schema: { oneOf: models.map((m) => ({ $ref: getSchemaPath(m) })), discriminator: { propertyName: 'type' } },
});

/** Collaboration areas (samverkansområden): proposed under a collaboration, then advanced by their own events. */
@ApiTags('areas')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token', type: ErrorBodyDto })
@ApiResponse({ status: 403, description: 'Wrong role, or a clerk of another municipality', type: ErrorBodyDto })
@ApiExtraModels(...CREATION_MODELS, ...STEP_MODELS)
@Controller()
export class AreaController {
  constructor(
    private readonly service: AreaService,
    private readonly reader: AreaReader,
  ) {}

  @Post('collaborations/:slug/areas')
  @Roles('admin', 'coordinator')
  @HttpCode(201)
  @ApiOperation({ summary: 'Propose an area (AREA_PROPOSED), or register an existing one into operation (G6)' })
  @ApiBody(oneOf(CREATION_MODELS))
  @ApiCreatedResponse({ type: AreaRecordedView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason; nothing written', type: ErrorBodyDto })
  @ApiResponse({ status: 404, description: 'Unknown collaboration or document version', type: ErrorBodyDto })
  @ApiResponse({
    status: 422,
    description: 'A rule refused (e.g. AREA_TOO_FEW_PARTICIPANTS, R-F1)',
    type: ErrorBodyDto,
  })
  create(@Param('slug') slug: string, @Body() body: unknown, @CurrentActor() actor: Actor) {
    return this.service.create(slug, body, actor);
  }

  @Get('collaborations/:slug/areas')
  @Roles(...READERS)
  @ApiOperation({
    summary: "The coordinator's view: every area by stage, what each waits for and since when, its participants",
  })
  @ApiOkResponse({ type: AreaListView })
  @ApiResponse({ status: 400, type: ErrorBodyDto })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  list(@Param('slug') slug: string, @Query() query: AreaListQueryDto) {
    return this.reader.list(slug, query);
  }

  @Get('areas/:id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'An area, and whether it counts as inside the collaboration on asOf (R-F1, R-C9)' })
  @ApiOkResponse({ type: AreaView })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  get(@Param('id', uuidParam) id: string, @Query() query: AreaQueryDto) {
    return this.reader.get(id, query.asOf);
  }

  @Post('areas/:id/events')
  @Roles('admin', 'coordinator', 'clerk')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record an area event; the rules decide (409 not in this stage, 422 refused by a rule)' })
  @ApiParam({ name: 'id', description: 'The area id' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key returns the first result',
  })
  @ApiBody(oneOf(STEP_MODELS))
  @ApiCreatedResponse({ type: AreaRecordedView })
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

  @Get('areas/:id/history')
  @Roles(...READERS)
  @ApiOperation({ summary: "The area's append-only transition log, genesis first" })
  // The body of GET /workflows/{id}/history for the area's workflow (HistoryView).
  @ApiOkResponse({
    type: HistoryView,
    description: "The area workflow's history, as GET /workflows/{id}/history answers",
  })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: id is not a UUID', type: ErrorBodyDto })
  @ApiResponse({ status: 404, description: 'Unknown area', type: ErrorBodyDto })
  history(@Param('id', uuidParam) id: string) {
    return this.service.history(id);
  }
}
