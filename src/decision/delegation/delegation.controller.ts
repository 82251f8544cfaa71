import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../../auth/current-actor.decorator';
import { READERS, Roles } from '../../auth/roles.decorator';
import { ErrorBodyDto } from '../../common/error-body.dto';
import { uuidParam } from '../../common/uuid.pipe';
import type { Actor } from '../../workflow/actor';
import {
  AnnounceDelegationDecisionDto,
  RecordDelegationDecisionDto,
  ReportDelegationDecisionDto,
} from './delegation.dto';
import { DelegationService } from './delegation.service';
import { DelegationDecisionView } from './delegation.views';

const WRITERS = ['admin', 'clerk'] as const;

@ApiTags('decisions')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorBodyDto })
@ApiResponse({ status: 403, description: 'Wrong role, or a clerk of another municipality', type: ErrorBodyDto })
@Controller()
export class DelegationController {
  constructor(private readonly service: DelegationService) {}

  @Post('bodies/:id/delegation-decisions')
  @Roles(...WRITERS)
  @ApiOperation({
    summary:
      'Record a delegationsbeslut (KL 6 kap. 37 §) or an ordförandebeslut (6 kap. 39 §) of the body, by its delegate under a point of the delegationsordning',
  })
  @ApiCreatedResponse({ type: DelegationDecisionView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason', type: ErrorBodyDto })
  @ApiResponse({ status: 404, description: 'Unknown body (or the body to report to)', type: ErrorBodyDto })
  @ApiResponse({ status: 422, description: 'DELEGATION_NOT_IN_FULLMAKTIGE, validation', type: ErrorBodyDto })
  record(@Param('id', uuidParam) id: string, @Body() dto: RecordDelegationDecisionDto, @CurrentActor() actor: Actor) {
    return this.service.record(id, dto, actor);
  }

  @Get('bodies/:id/delegation-decisions')
  @Roles(...READERS)
  @ApiOperation({ summary: 'The delegationsbeslut the body decided or that are reported to it, newest first' })
  @ApiOkResponse({ type: [DelegationDecisionView] })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  list(@Param('id', uuidParam) id: string) {
    return this.service.list(id);
  }

  @Get('delegation-decisions/:id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A delegationsbeslut with its anmälan (the reporting paragraph and its appeal period)' })
  @ApiOkResponse({ type: DelegationDecisionView })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  get(@Param('id', uuidParam) id: string) {
    return this.service.get(id);
  }

  @Post('delegation-decisions/:id/anmalan')
  @Roles(...WRITERS)
  @ApiOperation({
    summary:
      'Report (anmäl) the delegationsbeslut at a meeting (KL 6 kap. 40 §): a paragraph of it whose appeal period runs from that protocol’s anslag (R-I9)',
  })
  @ApiCreatedResponse({ type: DelegationDecisionView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason', type: ErrorBodyDto })
  @ApiResponse({ status: 404, description: 'Unknown delegationsbeslut or meeting', type: ErrorBodyDto })
  @ApiResponse({
    status: 409,
    description: 'DELEGATION_ALREADY_REPORTED, PARAGRAPH_EXISTS',
    type: ErrorBodyDto,
  })
  @ApiResponse({
    status: 422,
    description:
      'DELEGATION_REPORTED_TO_WRONG_BODY, DELEGATION_REPORTED_BEFORE_DECISION, DELEGATION_REPORT_AFTER_JUSTERING, ORDFORANDEBESLUT_NOT_AT_NEXT_MEETING, DELEGATION_ANNOUNCED_SEPARATELY',
    type: ErrorBodyDto,
  })
  report(@Param('id', uuidParam) id: string, @Body() dto: ReportDelegationDecisionDto, @CurrentActor() actor: Actor) {
    return this.service.report(id, dto, actor);
  }

  @Post('delegation-decisions/:id/tillkannagivande')
  @Roles(...WRITERS)
  @ApiOperation({
    summary:
      'Announce the delegationsbeslut on its own on the municipality’s anslagstavla (protokollfört särskilt): its appeal period runs from this notice (R-I9, R-I6)',
  })
  @ApiCreatedResponse({ type: DelegationDecisionView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason', type: ErrorBodyDto })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  @ApiResponse({ status: 409, description: 'DELEGATION_ALREADY_ANNOUNCED', type: ErrorBodyDto })
  @ApiResponse({
    status: 422,
    description: 'DELEGATION_NOTICE_AFTER_ANMALAN, DELEGATION_NOTICE_BEFORE_DECISION, ANSLAG_TAKEN_DOWN_TOO_EARLY',
    type: ErrorBodyDto,
  })
  announce(
    @Param('id', uuidParam) id: string,
    @Body() dto: AnnounceDelegationDecisionDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.service.announce(id, dto, actor);
  }
}
