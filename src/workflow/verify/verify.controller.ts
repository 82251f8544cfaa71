import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/roles.decorator';
import { ErrorBodyDto } from '../../common/error-body.dto';
import { uuidParam } from '../../common/uuid.pipe';
import { StartVerifyDto } from './verify-job.dto';
import { scopeOf, VerifyJobsService, VerifyJobView } from './verify-jobs.service';

/** Verify of the whole database or of a collaboration, as a job that a page polls (docs/api.md, "Verify"). */
@ApiTags('verify')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorBodyDto })
@ApiResponse({ status: 403, type: ErrorBodyDto })
@Controller('verify')
export class VerifyController {
  constructor(private readonly jobs: VerifyJobsService) {}

  @Post()
  @Roles('admin', 'auditor')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start verifying the whole database, a collaboration or a workflow; poll GET /verify/{jobId}',
  })
  @ApiResponse({ status: 202, type: VerifyJobView, description: 'The job, running' })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: field and reason', type: ErrorBodyDto })
  @ApiResponse({ status: 404, description: 'Unknown collaboration or workflow', type: ErrorBodyDto })
  @ApiResponse({ status: 409, type: ErrorBodyDto, description: 'VERIFY_RUNNING: a job is running' })
  start(@Body() dto: StartVerifyDto) {
    return this.jobs.start(scopeOf(dto));
  }

  @Get(':jobId')
  @Roles('admin', 'auditor')
  @ApiOperation({ summary: 'A verify job: its progress, and its report when done' })
  @ApiOkResponse({ type: VerifyJobView })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  get(@Param('jobId', uuidParam) jobId: string) {
    return this.jobs.get(jobId);
  }
}
