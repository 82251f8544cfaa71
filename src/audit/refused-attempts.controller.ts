import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { ErrorBodyDto } from '../common/error-body.dto';
import { RefusedAttemptsQueryDto } from './dto/refused-attempts-query.dto';
import { RefusedAttemptsService } from './refused-attempts.service';
import { RefusedAttemptPageView } from './refused-attempts.views';

@ApiTags('audit')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorBodyDto })
@ApiResponse({ status: 403, type: ErrorBodyDto })
@Controller('refused-attempts')
export class RefusedAttemptsController {
  constructor(private readonly attempts: RefusedAttemptsService) {}

  @Get()
  @Roles('auditor', 'admin')
  @ApiOperation({
    summary:
      'Refused attempts (kept outside the hash chain): who tried which event, which rule refused it, when; newest first',
  })
  @ApiOkResponse({ type: RefusedAttemptPageView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason', type: ErrorBodyDto })
  list(@Query() query: RefusedAttemptsQueryDto) {
    return this.attempts.list(query);
  }
}
