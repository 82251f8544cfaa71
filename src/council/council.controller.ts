import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { READERS, Roles } from '../auth/roles.decorator';
import { AsOfQueryDto } from '../collaboration/dto/collaboration.dto';
import { ErrorBodyDto } from '../common/error-body.dto';
import type { Actor } from '../workflow/actor';
import { CouncilService } from './council.service';
import { CouncilView, CouncilWriteView } from './council.views';
import { CouncilMeetingDto, CouncilRecordDto, SeatMemberDto } from './dto/council.dto';

const IDEMPOTENCY = {
  name: 'Idempotency-Key',
  required: false,
  description: 'A retry with the same key returns the first result',
};

/**
 * Samverkansrådet of a collaboration (R-E1..R-E3): one endpoint per kind of entry, each an event on the one council
 * workflow. The coordinator (its support function, R-E5) and the admin record; everyone reads.
 */
@ApiTags('council')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token', type: ErrorBodyDto })
@ApiResponse({ status: 403, description: 'Wrong role', type: ErrorBodyDto })
@ApiResponse({ status: 404, description: 'Unknown collaboration (or, for a seat, not a party)', type: ErrorBodyDto })
@Controller('collaborations/:slug/council')
export class CouncilController {
  constructor(private readonly service: CouncilService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: "The council: each party's two seats on a date (default today), its meetings and records" })
  @ApiOkResponse({ type: CouncilView })
  get(@Param('slug') slug: string, @Query() query: AsOfQueryDto) {
    return this.service.get(slug, query.asOf);
  }

  @Post('members')
  @Roles('admin', 'coordinator')
  @HttpCode(201)
  @ApiOperation({ summary: "R-E1: seat a party's KSO or oppositionsråd (or equivalent, with its basis) from a date" })
  @ApiHeader(IDEMPOTENCY)
  @ApiCreatedResponse({ type: CouncilWriteView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason', type: ErrorBodyDto })
  @ApiResponse({ status: 409, description: 'VERSION_CONFLICT', type: ErrorBodyDto })
  @ApiResponse({ status: 422, description: 'KSO_HAS_NO_EQUIVALENT, SEAT_CHANGE_OUT_OF_ORDER', type: ErrorBodyDto })
  seat(
    @Param('slug') slug: string,
    @Body() dto: SeatMemberDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.service.seatMember(slug, dto, actor, idempotencyKey);
  }

  @Post('meetings')
  @Roles('admin', 'coordinator')
  @HttpCode(201)
  @ApiOperation({ summary: 'A council meeting (date, place); the answer names its meetingId' })
  @ApiHeader(IDEMPOTENCY)
  @ApiCreatedResponse({ type: CouncilWriteView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason', type: ErrorBodyDto })
  @ApiResponse({ status: 409, description: 'VERSION_CONFLICT', type: ErrorBodyDto })
  meeting(
    @Param('slug') slug: string,
    @Body() dto: CouncilMeetingDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.service.addMeeting(slug, dto, actor, idempotencyKey);
  }

  @Post('records')
  @Roles('admin', 'coordinator')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'A council record: INFORMATION, DISCUSSION, RECOMMENDATION or MINNESANTECKNINGAR; never a decision (R-E2) and never an approval (R-G8)',
  })
  @ApiHeader(IDEMPOTENCY)
  @ApiCreatedResponse({ type: CouncilWriteView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason', type: ErrorBodyDto })
  @ApiResponse({ status: 409, description: 'VERSION_CONFLICT', type: ErrorBodyDto })
  @ApiResponse({
    status: 422,
    description: 'COUNCIL_NOT_DECISION_MAKING, UNKNOWN_COUNCIL_MEETING, RECORD_BEFORE_MEETING',
    type: ErrorBodyDto,
  })
  record(
    @Param('slug') slug: string,
    @Body() dto: CouncilRecordDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey?: string,
  ) {
    return this.service.addRecord(slug, dto, actor, idempotencyKey);
  }
}
