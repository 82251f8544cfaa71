/**
 * Swedish legal date arithmetic (RULEBOOK §L, §5): the module every caller imports.
 *
 * Pure: never reads the clock, never uses the host time zone. All arithmetic is done on integer "epoch days" (days
 * since 1970-01-01, proleptic Gregorian) and epoch seconds in UTC, so results are identical on every server
 * regardless of TZ.
 *
 * Supported range: local dates 0001-01-01..9999-12-31. Holiday rules are the current ones (lag 1989:253 as amended
 * by SFS 2004:1320); older historical variants (e.g. fixed midsummer before 1953) are not modelled.
 *
 * The code lives in one file per job, and this file names what callers may use, so the integer helpers those files
 * share stay out of the public surface:
 *   local-dates.ts     epoch days, validation and date arithmetic (R-L3)
 *   stockholm-time.ts  instants and Europe/Stockholm (R-L1, R-L2)
 *   holidays.ts        allmänna helgdagar, vardagar, söndagsregeln (R-L4, R-L5, R-L6)
 *   deadlines.ts       justering, anslag and appeal deadlines (R-I1, R-I4, R-I6, R-I7, R-L7, D8)
 *   exit-dates.ts      the earliest exit date (R-C2, R-L8)
 */

export type { Instant, LocalDate } from '../kernel/time';

export type { Weekday } from './local-dates';
export {
  addDays,
  addMonths,
  addWeeks,
  addYears,
  compareDates,
  dayOfMonth,
  daysBetween,
  daysInMonth,
  fromEpochDay,
  isLeapYear,
  isValidLocalDate,
  makeDate,
  month,
  toEpochDay,
  weekday,
  year,
} from './local-dates';

export {
  instantToEpochMillis,
  isValidInstant,
  stockholmOffsetMinutes,
  toStockholmDate,
  toStockholmDateTime,
} from './stockholm-time';

export type { NonVardagCode, NonVardagReason, PublicHoliday } from './holidays';
export {
  NATIONALDAGEN_FROM_YEAR,
  allaHelgonsDag,
  easterSunday,
  holidayOn,
  holidaysOn,
  isAllmanHelgdag,
  isVardag,
  midsommarafton,
  midsommardagen,
  nextVardag,
  nonVardagReason,
  swedishPublicHolidays,
} from './holidays';

export type { AppealLastDay, Deadline, DeadlineWarning, MovedLastDay, SkippedDay } from './deadlines';
export {
  ANSLAG_DAYS,
  APPEAL_PERIOD_DAYS,
  JUSTERING_DAYS,
  anslagDeadline,
  appealLastDay,
  finalFrom,
  justeringDeadline,
} from './deadlines';

export { earliestExitDate, isThirtyFirstDecember } from './exit-dates';
