import { ApiProperty } from '@nestjs/swagger';
import { addDays } from '../../machines/calendar/local-dates';
import { stockholmOffsetMinutes, toStockholmDate } from '../../machines/calendar/stockholm-time';
import { validationFailed } from '../common/validation';

/** The two axes of an as-of answer: the legal date it judges by, and the recorded instant it reads the log up to. */
export class AsOfPoint {
  @ApiProperty({ example: '2026-06-30', description: 'The Stockholm date on which statuses are judged' })
  date: string;
  @ApiProperty({ example: '2026-06-30T21:59:59.999Z', description: 'The last instant of the log read' })
  instant: string;
  @ApiProperty({
    enum: ['end-of-date', 'instant', 'now'],
    description: 'Where the instant came from: the end of `date` in Stockholm, the instant asked for, or now',
  })
  instantFrom: 'end-of-date' | 'instant' | 'now';
}

/** The last millisecond of a Stockholm date, as a UTC instant (the next midnight, whichever offset holds then, less 1 ms). */
export function endOfStockholmDay(date: string): string {
  const next = addDays(date, 1);
  for (const offset of ['+01:00', '+02:00']) {
    const midnight = new Date(`${next}T00:00:00${offset}`).toISOString();
    if (stockholmOffsetMinutes(midnight) === (offset === '+01:00' ? 60 : 120))
      return new Date(Date.parse(midnight) - 1).toISOString();
  }
  // Unreachable: midnight is never inside a switch hour (they are at 02:00/03:00).
  throw new Error(`no Stockholm midnight after ${date}`);
}

/**
 * The point an as-of request asks for. `date`: the end of that day, or now when that end is still to come (today:
 * the answer is then as of now, and says so). `instant`: that instant, which may not lie after now (an answer for
 * the future could change as events are recorded). Neither: now. Both: refused.
 */
export function asOfPoint(query: { date?: string; instant?: string }, nowIso: string): AsOfPoint {
  if (query.date !== undefined && query.instant !== undefined)
    throw validationFailed([
      {
        field: 'instant',
        reason: 'give either date or instant, not both',
        reasonSv: 'ange antingen date eller instant, inte båda',
      },
    ]);
  if (query.instant !== undefined) {
    const instant = new Date(query.instant).toISOString();
    if (instant > nowIso)
      throw validationFailed([
        { field: 'instant', reason: 'must not lie after now', reasonSv: 'får inte ligga efter nu' },
      ]);
    return { date: toStockholmDate(instant), instant, instantFrom: 'instant' };
  }
  if (query.date !== undefined) {
    const end = endOfStockholmDay(query.date);
    return end > nowIso
      ? { date: query.date, instant: nowIso, instantFrom: 'now' }
      : { date: query.date, instant: end, instantFrom: 'end-of-date' };
  }
  return { date: toStockholmDate(nowIso), instant: nowIso, instantFrom: 'now' };
}
