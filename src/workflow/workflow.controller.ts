import { Body, Controller, Get, Header, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiProperty,
  ApiPropertyOptional,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { READERS, Roles } from '../auth/roles.decorator';
import { AppError } from '../common/errors';
import { uuidParam } from '../common/uuid.pipe';
import { Clock } from './clock';
import { ErrorBodyDto } from '../common/error-body.dto';
import { IsLocalDate } from '../common/validators';
import { DueEventsService } from './due-events/due-events.service';
import { WorkflowEngine } from './engine/workflow-engine.service';
import { VerifyService } from './verify/verify.service';
import { WorkflowHistory } from './history/workflow-history';
// Chain coverage of the tables (h-chain)
import { TableChecks } from '../audit/table-checks';
import { DatabaseProblem } from '../audit/database-problem';
import { StoppedInstanceView, HistoryView } from './history/history.views';
import { VerifyReport } from './workflow.types';
// An instance's diagram as SVG (h-docsout)
import { workflowDiagramSvg } from '../diagram/workflow-diagram';

/** What a run of the due events did: transitions recorded, and events refused by a workflow that had moved on. */
class DueEventsRunView {
  @ApiProperty() fired: number;
  @ApiProperty() refused: number;
}

/** POST /workflows/{id}/verify: the replay's report, and the table checks of the rows that concern the workflow. */
class WorkflowVerifyView extends VerifyReport {
  @ApiProperty({ type: [DatabaseProblem], description: 'The table checks of the rows that point at this workflow' })
  tables: DatabaseProblem[];
}

class RunDueEventsDto {
  @ApiPropertyOptional({
    example: '2027-01-01',
    description: 'Fire what is due up to this date (default today in Stockholm)',
  })
  @IsOptional()
  @IsLocalDate()
  asOf?: string;
}

@ApiTags('workflows')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorBodyDto })
@ApiResponse({ status: 403, type: ErrorBodyDto })
@Controller('workflows')
export class WorkflowController {
  constructor(
    private readonly engine: WorkflowEngine,
    private readonly verifier: VerifyService,
    private readonly dueEvents: DueEventsService,
    private readonly clock: Clock,
    private readonly workflowHistory: WorkflowHistory,
    private readonly tables: TableChecks,
  ) {}

  @Post('due-events/run')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Fire due events (e.g. EXIT_TOOK_EFFECT) now; the service also does this every minute' })
  @ApiOkResponse({ type: DueEventsRunView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: asOf not a date, or after today', type: ErrorBodyDto })
  runDue(@Body() dto: RunDueEventsDto): Promise<DueEventsRunView> {
    const today = this.clock.todayInStockholm();
    // A deadline takes effect when its day has come, never ahead of time.
    if (dto.asOf && dto.asOf > today) {
      throw new AppError(
        'BAD_INPUT',
        'VALIDATION_FAILED',
        `asOf: must not be after today (${today})`,
        `asOf: får inte vara efter dagens datum (${today})`,
        undefined,
        {
          fields: [
            {
              field: 'asOf',
              reason: `must not be after today (${today})`,
              reasonSv: `får inte vara efter dagens datum (${today})`,
            },
          ],
        },
      );
    }
    return this.dueEvents.fireDueEvents(dto.asOf ?? today);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: 'A workflow instance: machine, pinned version, state, version, context, allowed events' })
  @ApiOkResponse({ type: StoppedInstanceView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: id not a UUID', type: ErrorBodyDto })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  async get(@Param('id', uuidParam) id: string): Promise<StoppedInstanceView> {
    const view = await this.engine.get(id);
    // R-I13: a decision under inhibition stops what it drove (read side).
    const stoppedBy = await this.workflowHistory.stoppedBy(id);
    return stoppedBy.length ? { ...view, stoppedBy } : view;
  }

  @Get(':id/history')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'The append-only transition log of a workflow, genesis first: each entry with the person behind the token, ' +
      'the rule that allowed it, its legal date and recorded instant, and links to the records behind it',
  })
  @ApiOkResponse({ type: HistoryView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: id not a UUID', type: ErrorBodyDto })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  history(@Param('id', uuidParam) id: string): Promise<HistoryView> {
    return this.workflowHistory.history(id);
  }

  @Get(':id/diagram.svg')
  @Roles(...READERS)
  @Header('Content-Type', 'image/svg+xml; charset=utf-8')
  @ApiOperation({
    summary:
      "The instance's machine version as SVG (states, events, guards with their rule ids), its current state and the path its log took highlighted",
  })
  @ApiProduces('image/svg+xml')
  @ApiOkResponse({
    description: 'An SVG document with <title> and <desc>',
    content: { 'image/svg+xml': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: id not a UUID', type: ErrorBodyDto })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  diagram(@Param('id', uuidParam) id: string): Promise<string> {
    return workflowDiagramSvg(this.engine, id);
  }

  // Verify at every scale (h-verify): the same check as a GET, which changes nothing.
  @Get(':id/verify')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Replay the log of one workflow and check it (the same as POST, as a read)' })
  @ApiOkResponse({ type: VerifyReport })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: id not a UUID', type: ErrorBodyDto })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  verifyRead(@Param('id', uuidParam) id: string): Promise<VerifyReport> {
    return this.verifier.verify(id);
  }

  @Post(':id/verify')
  @Roles(...READERS)
  @HttpCode(200)
  @ApiOperation({ summary: 'Replay the log through the pinned machine version and check every hash, link and state' })
  @ApiOkResponse({
    type: WorkflowVerifyView,
    description:
      '`tables` are the table checks of the rows that point at this workflow or that its log vouches for (src/audit/table-checks.ts); ok only when both are clean',
  })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: id not a UUID', type: ErrorBodyDto })
  @ApiResponse({ status: 404, type: ErrorBodyDto })
  async verify(@Param('id', uuidParam) id: string): Promise<WorkflowVerifyView> {
    const report = await this.verifier.verify(id);
    const tables = await this.tables.tableProblems({ workflowId: id });
    return { ...report, ok: report.ok && tables.length === 0, tables };
  }
}
