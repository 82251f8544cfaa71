import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  anslagDeadline,
  appealLastDay,
  finalFrom,
  justeringDeadline,
  midsommarafton,
  nonVardagReason,
  swedishPublicHolidays,
  type Deadline,
  type LocalDate,
} from '../../machines/calendar/calendar';
import { Clock } from '../workflow/clock';
import { READERS, Roles } from '../auth/roles.decorator';
import { AppError } from '../common/errors';
import { DeadlinesQueryDto } from '../decision/dto/decision.dto';

class HolidaysQueryDto {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1600)
  @Max(9999)
  year?: number;
}

interface Note {
  date: LocalDate;
  code: string;
  message: string;
  messageSv: string;
}

/**
 * The clerks' deadline calculator (RULEBOOK R-I1, R-I4, R-I6, R-I7; DECISIONS D8, D9): any subset of the meeting,
 * justering and anslag dates gives the deadlines that follow, with a note for each date moved past or falling on a
 * holiday. The rules are the calendar's; this only answers.
 */
@ApiTags('calendar')
@ApiBearerAuth()
@Controller('calendar')
export class CalendarController {
  constructor(private readonly clock: Clock) {}

  @Get('deadlines')
  @Roles(...READERS)
  @ApiOperation({
    summary:
      'justeringDeadline (meeting + 14), anslagDeadline (justering + 2), appealLastDay (anslag + 21), each moved to the next vardag; finalFrom',
  })
  deadlines(@Query() q: DeadlinesQueryDto) {
    if (!q.meetingDate && !q.justeringDate && !q.anslagDate) throw noDateGiven();
    const out: Record<string, unknown> = {};
    const notes: Record<string, Note> = {};
    if (q.meetingDate) addDeadline(out, notes, 'justeringDeadline', justeringDeadline(q.meetingDate));
    if (q.justeringDate) addDeadline(out, notes, 'anslagDeadline', anslagDeadline(q.justeringDate));
    if (q.anslagDate) addAppealDeadline(out, notes, q.anslagDate);
    return {
      ...out,
      ...(Object.keys(notes).length ? { notes } : {}),
      rules: { justering: 'R-I1', anslag: 'R-I4', appeal: 'R-I6', final: 'R-I7' },
    };
  }

  @Get('holidays')
  @Roles(...READERS)
  @ApiOperation({ summary: 'Allmänna helgdagar (lag 1989:253) of a year, and the aftnar that are not vardagar' })
  holidays(@Query() q: HolidaysQueryDto) {
    const year = q.year ?? Number(this.clock.todayInStockholm().slice(0, 4));
    const aftnar = [midsommarafton(year), `${year}-12-24`, `${year}-12-31`].map((date) => ({
      date,
      reason: nonVardagReason(date),
    }));
    return { year, holidays: swedishPublicHolidays(year), aftnar };
  }
}

function noDateGiven(): AppError {
  return new AppError(
    'BAD_INPUT',
    'VALIDATION_FAILED',
    'Give at least one of meetingDate, justeringDate, anslagDate.',
    'Ange minst ett av meetingDate, justeringDate, anslagDate.',
    undefined,
    {
      fields: [{ field: 'meetingDate', reason: 'at least one date is required', reasonSv: 'minst ett datum krävs' }],
    },
  );
}

/** The justering or anslag deadline, with the calendar's note when it moved to the next vardag. */
function addDeadline(
  out: Record<string, unknown>,
  notes: Record<string, Note>,
  key: 'justeringDeadline' | 'anslagDeadline',
  d: Deadline,
): void {
  out[key] = d.date;
  if (d.warning) notes[key] = { date: d.date, code: d.warning.code, message: d.warning.en, messageSv: d.warning.sv };
}

/** The last day to appeal and the day the decision is final; a moved last day names the days it was moved past. */
function addAppealDeadline(out: Record<string, unknown>, notes: Record<string, Note>, anslagDate: LocalDate): void {
  const a = appealLastDay(anslagDate);
  out.appealLastDay = a.date;
  out.finalFrom = finalFrom(anslagDate);
  if (a.moved) {
    const skipped = a.skipped.map((s) => `${s.date} (${s.reason.en})`).join(', ');
    const skippedSv = a.skipped.map((s) => `${s.date} (${s.reason.sv})`).join(', ');
    notes.appealLastDay = {
      date: a.date,
      code: 'MOVED_TO_NEXT_VARDAG',
      message: `Three weeks from ${anslagDate} is ${a.rawDate}; moved past ${skipped} to the next vardag (lag 1930:173 2 §).`,
      messageSv: `Tre veckor från ${anslagDate} är ${a.rawDate}; flyttas förbi ${skippedSv} till nästa vardag (lag 1930:173 2 §).`,
    };
  }
}
