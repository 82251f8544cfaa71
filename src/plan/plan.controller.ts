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
import { AsOfQueryDto } from '../collaboration/dto/collaboration.dto';
import { ErrorBodyDto } from '../common/error-body.dto';
import { uuidParam } from '../common/uuid.pipe';
import type { Actor } from '../workflow/actor';
import { CreatePlanDto, PLAN_EVENT_DTOS } from './dto/plan.dto';
import { PlanService } from './plan.service';
import { PlansAsOfView, PlanView, PlanWriteView } from './plan.views';

const EVENT_MODELS = Object.values(PLAN_EVENT_DTOS);

/** The verksamhetsplaner: created under their collaboration, then addressed by id. */
@ApiTags('plans')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token', type: ErrorBodyDto })
@ApiResponse({ status: 403, description: 'Wrong role', type: ErrorBodyDto })
@Controller()
export class PlanController {
  constructor(private readonly service: PlanService) {}

  @Post('collaborations/:slug/plans')
  @Roles('admin', 'coordinator')
  @HttpCode(201)
  @ApiOperation({ summary: 'A new verksamhetsplan of the collaboration with its first version (period, focus areas)' })
  @ApiCreatedResponse({ type: PlanWriteView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason', type: ErrorBodyDto })
  @ApiResponse({ status: 404, description: 'Unknown collaboration', type: ErrorBodyDto })
  @ApiResponse({ status: 422, description: 'PLAN_PERIOD_REVERSED, DUPLICATE_FOCUS_AREA (R-D8)', type: ErrorBodyDto })
  create(@Param('slug') slug: string, @Body() dto: CreatePlanDto, @CurrentActor() actor: Actor) {
    return this.service.create(slug, dto, actor);
  }

  @Get('collaborations/:slug/plans')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The plans of a collaboration and the one in force on asOf (default today in Stockholm)' })
  @ApiOkResponse({ type: PlansAsOfView })
  @ApiResponse({ status: 404, description: 'Unknown collaboration', type: ErrorBodyDto })
  plans(@Param('slug') slug: string, @Query() query: AsOfQueryDto) {
    return this.service.plansOf(slug, query.asOf);
  }

  @Get('plans/:id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A plan: its versions, when the council was informed of each, and KDG’s adoptions' })
  @ApiOkResponse({ type: PlanView })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  get(@Param('id', uuidParam) id: string) {
    return this.service.get(id);
  }

  @Post('plans/:id/events')
  @Roles('admin', 'coordinator')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Record a plan event: VERSION_DRAFTED, COUNCIL_INFORMED (of one version), KDG_ADOPTED; COUNCIL_ADOPTED is always refused',
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
  @ApiCreatedResponse({ type: PlanWriteView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason; nothing written', type: ErrorBodyDto })
  @ApiResponse({ status: 404, description: 'Unknown plan, or the council record named', type: ErrorBodyDto })
  @ApiResponse({ status: 409, description: 'TRANSITION_NOT_ALLOWED or VERSION_CONFLICT', type: ErrorBodyDto })
  @ApiResponse({
    status: 422,
    description:
      'COUNCIL_NOT_INFORMED (R-D7), PLAN_PERIODS_OVERLAP (R-D8), COUNCIL_NOT_DECISION_MAKING (R-D6), and the other rules',
    type: ErrorBodyDto,
  })
  record(
    @Param('id', uuidParam) id: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.service.recordEvent(id, body, actor, idempotencyKey);
  }
}
