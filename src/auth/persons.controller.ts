import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorBodyDto } from '../common/error-body.dto';
import { uuidParam } from '../common/uuid.pipe';
import type { Actor } from '../workflow/actor';
import { CurrentActor } from './current-actor.decorator';
import { CreatePersonDto, ListPersonsQueryDto, PersonViewDto } from './dto/person.dto';
import { PersonService } from './person.service';
import { Roles } from './roles.decorator';

/** The admin's view of the people who sign in to the pages with a password: list, set up, revoke. Never a hash. */
@ApiTags('persons')
@ApiBearerAuth()
@Controller('persons')
@Roles('admin')
@ApiResponse({ status: 401, type: ErrorBodyDto })
@ApiResponse({ status: 403, type: ErrorBodyDto })
@ApiResponse({ status: 429, description: 'Rate limited (Retry-After)', type: ErrorBodyDto })
export class PersonsController {
  constructor(private readonly persons: PersonService) {}

  @Get()
  @ApiOperation({ summary: 'Every person who signs in with a password (or those of one status), oldest first (admin)' })
  @ApiResponse({ status: 200, type: PersonViewDto, isArray: true })
  list(@Query() query: ListPersonsQueryDto) {
    return this.persons.list(query.status);
  }

  @Post()
  @ApiOperation({ summary: 'Set up a person with a role and a password, to sign in to the pages (admin)' })
  @ApiResponse({ status: 201, type: PersonViewDto })
  @ApiResponse({ status: 400, type: ErrorBodyDto })
  @ApiResponse({ status: 404, description: 'Unknown municipality', type: ErrorBodyDto })
  @ApiResponse({ status: 409, description: 'USER_NAME_TAKEN', type: ErrorBodyDto })
  create(@Body() dto: CreatePersonDto, @CurrentActor() actor: Actor) {
    return this.persons.create({ ...dto, createdBy: `token:${actor.id}` });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One person (admin)' })
  @ApiResponse({ status: 200, type: PersonViewDto })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  get(@Param('id', uuidParam) id: string) {
    return this.persons.get(id);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a person: they cannot sign in, and their sessions end (admin; again is harmless)' })
  @ApiResponse({ status: 200, type: PersonViewDto })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  revoke(@Param('id', uuidParam) id: string, @CurrentActor() actor: Actor) {
    return this.persons.revoke(id, `token:${actor.id}`);
  }
}
