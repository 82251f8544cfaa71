import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { READERS, Roles } from '../auth/roles.decorator';
import { ErrorBodyDto } from '../common/error-body.dto';
import { AsOfService } from './as-of.service';
import { CollaborationAsOfView } from './as-of.views';
import { CollaborationAsOfQueryDto } from './dto/as-of-query.dto';

@ApiTags('collaborations')
@ApiBearerAuth()
@ApiResponse({ status: 401, description: 'No valid bearer token', type: ErrorBodyDto })
@ApiResponse({ status: 403, description: 'Wrong role', type: ErrorBodyDto })
@Controller('collaborations')
export class AsOfController {
  constructor(private readonly service: AsOfService) {}

  @Get(':slug/as-of')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'A collaboration as it stood, computed from the log',
    description:
      'Two axes. The recorded instant: every workflow of the collaboration (memberships, areas, amendments, plans, ' +
      'council, cost rules, decisions) is replayed through its pinned machine from its log rows with recorded_at ≤ ' +
      'the instant. The legal date: statuses are judged on that Stockholm date (an exit is in force after its ' +
      'effective date, not when it was recorded). `?date=` reads the log up to the end of that day in Stockholm; ' +
      '`?instant=` up to that instant, judged on its Stockholm date; neither: now. The answer names the date and ' +
      'instant used; for a past instant it never changes.',
  })
  @ApiOkResponse({ type: CollaborationAsOfView })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED: invalid date or instant, or both given',
    type: ErrorBodyDto,
  })
  @ApiResponse({ status: 404, description: 'Unknown collaboration', type: ErrorBodyDto })
  asOf(@Param('slug') slug: string, @Query() query: CollaborationAsOfQueryDto) {
    return this.service.collaborationAt(slug, query);
  }
}
