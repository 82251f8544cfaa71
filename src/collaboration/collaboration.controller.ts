import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentActor } from '../auth/current-actor.decorator';
import { READERS, Roles } from '../auth/roles.decorator';
import type { Actor } from '../workflow/actor';
import { ErrorBodyDto } from '../common/error-body.dto';
import { CollaborationService } from './collaboration.service';
import { CollaborationSummaryView, CollaborationView } from './collaboration.views';
import {
  AsOfQueryDto,
  ChangeSettingsDto,
  CreateCollaborationDto,
  RecordOrganisationSignatureDto,
} from './dto/collaboration.dto';

@ApiTags('collaborations')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token', type: ErrorBodyDto })
@ApiResponse({ status: 403, description: 'Wrong role or municipality', type: ErrorBodyDto })
@Controller('collaborations')
export class CollaborationController {
  constructor(private readonly service: CollaborationService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'List collaborations' })
  @ApiOkResponse({ type: [CollaborationSummaryView] })
  list() {
    return this.service.list();
  }

  @Post()
  @Roles('admin')
  @ApiOperation({ summary: 'Create a collaboration with its parties, declaration and settings (admin)' })
  @ApiCreatedResponse({ type: CollaborationView, description: 'The collaboration with its parties today' })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED: field and reason (an unknown municipality code too)',
    type: ErrorBodyDto,
  })
  @ApiResponse({ status: 409, description: 'SLUG_TAKEN', type: ErrorBodyDto })
  create(@Body() dto: CreateCollaborationDto, @CurrentActor() actor: Actor) {
    return this.service.create(dto, actor);
  }

  @Get(':slug')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A collaboration with its members and their status (today in Stockholm, or asOf)' })
  @ApiOkResponse({ type: CollaborationView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: asOf is not a date', type: ErrorBodyDto })
  @ApiResponse({ status: 404, description: 'Unknown collaboration', type: ErrorBodyDto })
  describe(@Param('slug') slug: string, @Query() query: AsOfQueryDto) {
    return this.service.describe(slug, query.asOf);
  }

  @Patch(':slug/settings')
  @Roles('admin')
  @ApiOperation({ summary: 'Change settings (DECISIONS D1); logged in the collaboration workflow with its reason' })
  @ApiOkResponse({ type: CollaborationView, description: 'The collaboration with the settings changed' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason', type: ErrorBodyDto })
  @ApiResponse({ status: 404, description: 'Unknown collaboration', type: ErrorBodyDto })
  @ApiResponse({ status: 409, description: 'TRANSITION_NOT_ALLOWED or VERSION_CONFLICT', type: ErrorBodyDto })
  @ApiResponse({ status: 422, description: 'A rule refused (REASON_REQUIRED, D1)', type: ErrorBodyDto })
  changeSettings(@Param('slug') slug: string, @Body() dto: ChangeSettingsDto, @CurrentActor() actor: Actor) {
    return this.service.changeSettings(slug, dto, actor);
  }

  @Post(':slug/organisations')
  @Roles('admin', 'coordinator')
  @ApiOperation({
    summary:
      'Record that an organisation (an association, a company) signed the declaration: shown as a party, never counted (R-F1); collaboration version 3',
  })
  @ApiCreatedResponse({ type: CollaborationView, description: 'The collaboration with its organisations' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason', type: ErrorBodyDto })
  @ApiResponse({ status: 404, description: 'Unknown collaboration', type: ErrorBodyDto })
  @ApiResponse({
    status: 409,
    description: 'TRANSITION_NOT_ALLOWED: a collaboration created before version 3',
    type: ErrorBodyDto,
  })
  @ApiResponse({ status: 422, description: 'ORGANISATION_ALREADY_SIGNED', type: ErrorBodyDto })
  recordOrganisation(
    @Param('slug') slug: string,
    @Body() dto: RecordOrganisationSignatureDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.service.recordOrganisationSignature(slug, dto, actor);
  }
}
