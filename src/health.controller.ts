import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from './auth/roles.decorator';
import { OverdueItem } from './workflow/due-events/due-event-rows';
import { DueEventsScheduler, LastRun } from './workflow/due-events/due-events.scheduler';
import { DueEventsService } from './workflow/due-events/due-events.service';

class HealthDueEventsView {
  /** This process's last scheduler tick; null before the first. */
  @ApiProperty({ type: LastRun, nullable: true }) lastRun!: LastRun | null;
  /** The oldest due event still waiting (its date has come); null when nothing is overdue. */
  @ApiProperty({ type: OverdueItem, nullable: true }) oldestOverdue!: OverdueItem | null;
}

/** What `GET /health` answers: public, so it names no party, collaboration or decision; only kinds and dates. */
export class HealthView {
  @ApiProperty({ enum: ['ok'] }) status!: 'ok';
  @ApiProperty({ type: HealthDueEventsView }) dueEvents!: HealthDueEventsView;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly scheduler: DueEventsScheduler,
    private readonly dueEvents: DueEventsService,
  ) {}

  @Get()
  @Public()
  @ApiOkResponse({ type: HealthView })
  @ApiOperation({
    summary:
      "Liveness, the due-event scheduler's last run in this process (instant, fired count, lease held) and the oldest overdue due event (workflow, event type, due date) or null",
  })
  async health(): Promise<HealthView> {
    return {
      status: 'ok',
      dueEvents: { lastRun: this.scheduler.lastRun, oldestOverdue: await this.dueEvents.oldestOverdue() },
    };
  }
}
