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
import type { Actor } from '../workflow/actor';
import { AsOfQueryDto } from './dto/collaboration.dto';
import { MEMBERSHIP_EVENT_DTOS } from './dto/membership-event.dto';
import { MembershipService } from './membership.service';
import { MembershipRecordedView, MembershipView } from './membership.views';

const EVENT_MODELS = Object.values(MEMBERSHIP_EVENT_DTOS);

/** A party's membership of a collaboration, under the collaboration's path. */
@ApiTags('collaborations')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token', type: ErrorBodyDto })
@ApiResponse({ status: 403, description: 'Wrong role or municipality', type: ErrorBodyDto })
@Controller('collaborations')
export class MembershipController {
  constructor(private readonly service: MembershipService) {}

  @Get(':slug/memberships/:municipalityCode')
  @Roles(...READERS)
  // The operation ids are the ones these routes had before they moved to this controller: clients are built on them.
  @ApiOperation({
    operationId: 'CollaborationController_membership',
    summary: "A municipality's membership and its status on a date (default today in Stockholm)",
  })
  @ApiParam({ name: 'municipalityCode', example: '1492' })
  @ApiOkResponse({ type: MembershipView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: asOf is not a date', type: ErrorBodyDto })
  @ApiResponse({
    status: 404,
    description: 'Unknown collaboration or municipality, or not a party',
    type: ErrorBodyDto,
  })
  membership(@Param('slug') slug: string, @Param('municipalityCode') code: string, @Query() query: AsOfQueryDto) {
    return this.service.getMembership(slug, code, query.asOf);
  }

  @Post(':slug/memberships/:municipalityCode/events')
  @Roles('admin', 'coordinator', 'clerk')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'CollaborationController_record',
    summary: 'Record a membership event; the rules decide (409 not allowed in this state, 422 refused by a rule)',
  })
  @ApiParam({ name: 'municipalityCode', example: '1492' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key returns the first result',
  })
  @ApiExtraModels(...EVENT_MODELS)
  @ApiBody({
    schema: { oneOf: EVENT_MODELS.map((m) => ({ $ref: getSchemaPath(m) })), discriminator: { propertyName: 'type' } },
  })
  @ApiCreatedResponse({
    type: MembershipRecordedView,
    description: 'Recorded: the membership after the event, and the log row',
  })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason; nothing written', type: ErrorBodyDto })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  @ApiResponse({
    status: 409,
    description: 'TRANSITION_NOT_ALLOWED (with state and allowed events) or VERSION_CONFLICT',
    type: ErrorBodyDto,
  })
  @ApiResponse({ status: 422, description: 'A rule refused: code, ruleId, message and messageSv', type: ErrorBodyDto })
  record(
    @Param('slug') slug: string,
    @Param('municipalityCode') code: string,
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.service.recordMembershipEvent(slug, code, body, actor, idempotencyKey);
  }
}
