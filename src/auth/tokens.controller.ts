import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorBodyDto } from '../common/error-body.dto';
import { uuidParam } from '../common/uuid.pipe';
import type { Actor } from '../workflow/actor';
import { CurrentActor } from './current-actor.decorator';
import { CreateTokenDto, IssuedTokenDto, ListTokensQueryDto, TokenViewDto } from './dto/token.dto';
import { Roles } from './roles.decorator';
import { TokenService } from './token.service';

/** The admin's view of the bearer tokens: list, issue, revoke. Answers are views: never a hash. */
@ApiTags('tokens')
@ApiBearerAuth()
@Controller('tokens')
@Roles('admin')
@ApiResponse({ status: 401, type: ErrorBodyDto })
@ApiResponse({ status: 403, type: ErrorBodyDto })
@ApiResponse({ status: 429, description: 'Rate limited (Retry-After)', type: ErrorBodyDto })
export class TokensController {
  constructor(private readonly tokens: TokenService) {}

  @Get()
  @ApiOperation({ summary: 'Every token (or those of one status), oldest first (admin)' })
  @ApiResponse({ status: 200, type: TokenViewDto, isArray: true })
  list(@Query() query: ListTokensQueryDto) {
    return this.tokens.list(query.status);
  }

  @Post()
  @ApiOperation({ summary: 'Issue a token for a person; the secret is in this answer only (admin)' })
  @ApiResponse({ status: 201, type: IssuedTokenDto })
  @ApiResponse({ status: 400, type: ErrorBodyDto })
  @ApiResponse({ status: 404, description: 'Unknown municipality', type: ErrorBodyDto })
  create(@Body() dto: CreateTokenDto, @CurrentActor() actor: Actor) {
    return this.tokens.issue({ ...dto, origin: 'api', createdBy: `token:${actor.id}` });
  }

  @Get(':id')
  @ApiOperation({ summary: 'One token (admin)' })
  @ApiResponse({ status: 200, type: TokenViewDto })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  get(@Param('id', uuidParam) id: string) {
    return this.tokens.get(id);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a token: its next request is refused with 401 (admin; again is harmless)' })
  @ApiResponse({ status: 200, type: TokenViewDto })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  revoke(@Param('id', uuidParam) id: string, @CurrentActor() actor: Actor) {
    return this.tokens.revoke(id, `token:${actor.id}`);
  }
}
