import {
  anslagDeadline,
  appealLastDay,
  finalFrom,
  justeringDeadline,
  type Deadline,
  type LocalDate,
} from '../../machines/calendar/calendar';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { AppError } from '../common/errors';

/** A date that moved to the next vardag (or fell on a holiday), with the calendar's reason. */
export class DeadlineNote {
  @ApiProperty({ example: '2026-06-22' }) date: LocalDate;
  @ApiProperty({ example: 'MOVED_TO_NEXT_VARDAG' }) code: string;
  @ApiProperty() message: string;
  @ApiProperty() messageSv: string;
}

export interface DeadlinesQuery {
  meetingDate?: LocalDate;
  justeringDate?: LocalDate;
  anslagDate?: LocalDate;
}

/** The rule ids each deadline follows. */
export class DeadlineRules {
  @ApiProperty({ enum: ['R-I1'] }) justering: 'R-I1';
  @ApiProperty({ enum: ['R-I4'] }) anslag: 'R-I4';
  @ApiProperty({ enum: ['R-I6'] }) appeal: 'R-I6';
  @ApiProperty({ enum: ['R-I7'] }) final: 'R-I7';
}

@ApiExtraModels(DeadlineNote)
export class DeadlinesAnswer {
  @ApiPropertyOptional({ example: '2026-03-09', description: 'Given meetingDate: meeting + 14, next vardag (R-I1)' })
  justeringDeadline?: LocalDate;
  @ApiPropertyOptional({ description: 'Given justeringDate: justering + 2, next vardag (R-I4)' })
  anslagDeadline?: LocalDate;
  @ApiPropertyOptional({ description: 'Given anslagDate: anslag + 21, next vardag (R-I6)' }) appealLastDay?: LocalDate;
  @ApiPropertyOptional({ description: 'Given anslagDate: the day after the last day to appeal (R-I7)' })
  finalFrom?: LocalDate;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(DeadlineNote) },
    description: 'By the name of the deadline that moved (justeringDeadline, anslagDeadline, appealLastDay)',
  })
  notes?: Record<string, DeadlineNote>;
  @ApiProperty({ type: DeadlineRules }) rules: DeadlineRules;
}

/**
 * The deadline calculator's answer (R-I1, R-I4, R-I6, R-I7; D8, D9), one declaration for the API
 * (GET /calendar/deadlines) and the clerk's page: the rules are the calendar's, this only assembles them with a
 * note for each date that moved to the next vardag.
 */
export function deadlinesAnswer(q: DeadlinesQuery): DeadlinesAnswer {
  if (!q.meetingDate && !q.justeringDate && !q.anslagDate) throw noDateGiven();
  const out: Omit<DeadlinesAnswer, 'rules'> = {};
  const notes: Record<string, DeadlineNote> = {};
  if (q.meetingDate) addDeadline(out, notes, 'justeringDeadline', justeringDeadline(q.meetingDate));
  if (q.justeringDate) addDeadline(out, notes, 'anslagDeadline', anslagDeadline(q.justeringDate));
  if (q.anslagDate) addAppealDeadline(out, notes, q.anslagDate);
  return {
    ...out,
    ...(Object.keys(notes).length ? { notes } : {}),
    rules: { justering: 'R-I1', anslag: 'R-I4', appeal: 'R-I6', final: 'R-I7' },
  };
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
  out: Omit<DeadlinesAnswer, 'rules'>,
  notes: Record<string, DeadlineNote>,
  key: 'justeringDeadline' | 'anslagDeadline',
  d: Deadline,
): void {
  out[key] = d.date;
  if (d.warning) notes[key] = { date: d.date, code: d.warning.code, message: d.warning.en, messageSv: d.warning.sv };
}

/** The last day to appeal and the day the decision is final; a moved last day names the days it was moved past. */
function addAppealDeadline(
  out: Omit<DeadlinesAnswer, 'rules'>,
  notes: Record<string, DeadlineNote>,
  anslagDate: LocalDate,
): void {
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
