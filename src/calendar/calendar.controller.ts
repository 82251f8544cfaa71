import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { midsommarafton, nonVardagReason, swedishPublicHolidays } from '../../machines/calendar/calendar';
import { Clock } from '../workflow/clock';
import { READERS, Roles } from '../auth/roles.decorator';
import { DeadlinesQueryDto } from '../decision/dto/decision.dto';
import { ErrorBodyDto } from '../common/error-body.dto';
import { HolidaysView } from './calendar.views';
import { DeadlinesAnswer, deadlinesAnswer } from './deadlines-answer';

class HolidaysQueryDto {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1600)
  @Max(9999)
  year?: number;
}

/**
 * The clerks' deadline calculator (RULEBOOK R-I1, R-I4, R-I6, R-I7; DECISIONS D8, D9): any subset of the meeting,
 * justering and anslag dates gives the deadlines that follow, with a note for each date moved past or falling on a
 * holiday. The rules are the calendar's; this only answers.
 */
@ApiTags('calendar')
@ApiBearerAuth()
@ApiResponse({ status: 401, type: ErrorBodyDto })
@ApiResponse({ status: 403, type: ErrorBodyDto })
@Controller('calendar')
export class CalendarController {
  constructor(private readonly clock: Clock) {}

  @Get('deadlines')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'justeringDeadline (meeting + 14), anslagDeadline (justering + 2), appealLastDay (anslag + 21), each moved to the next vardag; finalFrom',
  })
  @ApiOkResponse({ type: DeadlinesAnswer })
  @ApiResponse({
    status: 400,
    description: 'VALIDATION_FAILED: no date given, or a date that is not one',
    type: ErrorBodyDto,
  })
  deadlines(@Query() q: DeadlinesQueryDto): DeadlinesAnswer {
    return deadlinesAnswer(q);
  }

  @Get('holidays')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Allmänna helgdagar (lag 1989:253) of a year, and the aftnar that are not vardagar' })
  @ApiOkResponse({ type: HolidaysView })
  @ApiResponse({ status: 400, description: 'VALIDATION_FAILED: year not 1600–9999', type: ErrorBodyDto })
  holidays(@Query() q: HolidaysQueryDto): HolidaysView {
    const year = q.year ?? Number(this.clock.todayInStockholm().slice(0, 4));
    const aftnar = [midsommarafton(year), `${year}-12-24`, `${year}-12-31`].map((date) => ({
      date,
      reason: nonVardagReason(date),
    }));
    return { year, holidays: swedishPublicHolidays(year), aftnar };
  }
}
